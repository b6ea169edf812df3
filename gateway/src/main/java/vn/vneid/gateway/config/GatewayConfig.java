package vn.vneid.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.smpp.CarrierConfig;

/**
 * Everything the gateway runs with, validated once at start-up by {@link ConfigLoader}.
 * {@code redisUrl} and {@code carriers} are empty only in dev mode, where the gateway starts its own Redis
 * and SMSC simulator; {@code otpSecret} is empty only in dev mode, where a random one is made.
 * {@code httpHost} is the address to listen on ({@code 0.0.0.0} unless {@code http.host} says otherwise).
 */
public record GatewayConfig(
        boolean devMode,
        String httpHost,
        int httpPort,
        Optional<String> redisUrl,
        Duration redisCommandTimeout,
        List<CarrierConfig> carriers,
        ApiKeys apiKeys,
        Optional<byte[]> otpSecret,
        OtpPolicies otpPolicies,
        Duration idempotencyTtl,
        Duration messageStatusTtl) {
}
