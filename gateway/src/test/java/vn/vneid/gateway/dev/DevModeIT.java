package vn.vneid.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vneid.gateway.Gateway;
import vn.vneid.gateway.config.ConfigLoader;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.redis.LocalRedis;
import vn.vneid.smpp.simulator.ReceivedSms;

/** Dev mode on an empty environment: its own Redis and SMSC, the well-known key, and a working OTP round trip. */
class DevModeIT {

    @Test
    void devModeRunsTheWholeOtpPathWithNothingConfigured() throws Exception {
        GatewayConfig given = new ConfigLoader(Map.of("GW_HTTP_PORT", "0")).load(Optional.empty(), true);
        DevEnvironment dev = DevEnvironment.prepare(given);
        LocalRedis redis = dev.redis().orElseThrow();
        try (dev; Gateway gateway = Gateway.start(dev.config(), Clock.systemUTC())) {
            assertThat(dev.config().httpHost()).isEqualTo("127.0.0.1");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!gateway.sender().isAvailable()) {
                assertThat(System.nanoTime()).as("bound within 10 s").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gateway.port();
            HttpResponse<String> issued = http.send(post(base + "/v1/otp",
                    "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099012345\",\"phone\":\"0912345678\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);

            ReceivedSms sms = dev.simulator().orElseThrow().awaitMessageTo("84912345678", Duration.ofSeconds(10));
            // A k6 script reads the same code over the simulator's HTTP view, which dev mode serves on loopback.
            String simUrl = dev.simulatorHttp().orElseThrow().url();
            assertThat(simUrl).startsWith("http://127.0.0.1:");
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(simUrl + "/messages?to=0912345678&limit=1"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher code = Pattern.compile("la (\\d{6}),").matcher(read.body());
            assertThat(code.find()).as(read.body()).isTrue();
            assertThat(sms.text()).contains("la " + code.group(1) + ",");
            HttpResponse<String> verified = http.send(post(base + "/v1/otp/verify",
                    "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099012345\",\"code\":\"" + code.group(1) + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        }
        assertThat(redis.isRunning()).as("dev mode stops the Redis it started").isFalse();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + DevEnvironment.DEV_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
