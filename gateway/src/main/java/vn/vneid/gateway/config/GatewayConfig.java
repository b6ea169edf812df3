package vn.vneid.gateway.config;

import java.time.Duration;
import java.util.Optional;
import vn.vneid.gateway.admission.AdmissionConfig;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.pumping.PumpingGuardConfig;
import vn.vneid.otp.OtpPolicies;

/**
 * Everything the gateway runs with, validated once at start-up by {@link ConfigLoader}.
 * {@code redisUrl} and {@code smsc} are empty only in dev mode, where the gateway starts its own Redis
 * and SMSC simulator; {@code otpSecret} is empty only in dev mode, where a random one is made.
 * {@code receiptTimeout}: a submitted message with no final delivery receipt by then becomes {@code expired}.
 * {@code httpHost} is the address to listen on ({@code 0.0.0.0} unless {@code http.host} says otherwise).
 */
public record GatewayConfig(
        boolean devMode,
        String httpHost,
        int httpPort,
        Optional<String> redisUrl,
        Duration redisCommandTimeout,
        SmscConfig smsc,
        ApiKeys apiKeys,
        Optional<byte[]> otpSecret,
        OtpPolicies otpPolicies,
        Duration idempotencyTtl,
        Duration messageStatusTtl,
        Duration receiptTimeout,
        NoticesConfig notices,
        HttpLimits httpLimits,
        AdmissionConfig admission,
        PumpingGuardConfig pumpingGuard,
        DurabilityConfig durability) {

    /**
     * Every protection at its default, for tests and tools that build a configuration by hand: they run on a
     * throwaway Redis, so volatile storage is allowed ({@link DurabilityConfig#allowingVolatile}).
     */
    public GatewayConfig(boolean devMode, String httpHost, int httpPort, Optional<String> redisUrl,
                         Duration redisCommandTimeout, SmscConfig smsc, ApiKeys apiKeys, Optional<byte[]> otpSecret,
                         OtpPolicies otpPolicies, Duration idempotencyTtl, Duration messageStatusTtl,
                         Duration receiptTimeout, NoticesConfig notices) {
        this(devMode, httpHost, httpPort, redisUrl, redisCommandTimeout, smsc, apiKeys, otpSecret, otpPolicies,
                idempotencyTtl, messageStatusTtl, receiptTimeout, notices, HttpLimits.defaults(),
                AdmissionConfig.defaults(), PumpingGuardConfig.defaults(), DurabilityConfig.allowingVolatile());
    }

    public GatewayConfig withHttpLimits(HttpLimits limits) {
        return new GatewayConfig(devMode, httpHost, httpPort, redisUrl, redisCommandTimeout, smsc, apiKeys, otpSecret,
                otpPolicies, idempotencyTtl, messageStatusTtl, receiptTimeout, notices, limits, admission,
                pumpingGuard, durability);
    }

    public GatewayConfig withAdmission(AdmissionConfig config) {
        return new GatewayConfig(devMode, httpHost, httpPort, redisUrl, redisCommandTimeout, smsc, apiKeys, otpSecret,
                otpPolicies, idempotencyTtl, messageStatusTtl, receiptTimeout, notices, httpLimits, config,
                pumpingGuard, durability);
    }

    public GatewayConfig withPumpingGuard(PumpingGuardConfig config) {
        return new GatewayConfig(devMode, httpHost, httpPort, redisUrl, redisCommandTimeout, smsc, apiKeys, otpSecret,
                otpPolicies, idempotencyTtl, messageStatusTtl, receiptTimeout, notices, httpLimits, admission,
                config, durability);
    }

    public GatewayConfig withDurability(DurabilityConfig config) {
        return new GatewayConfig(devMode, httpHost, httpPort, redisUrl, redisCommandTimeout, smsc, apiKeys, otpSecret,
                otpPolicies, idempotencyTtl, messageStatusTtl, receiptTimeout, notices, httpLimits, admission,
                pumpingGuard, config);
    }
}
