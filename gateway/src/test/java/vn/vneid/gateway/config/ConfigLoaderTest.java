package vn.vneid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.auth.Scope;
import vn.vneid.gateway.logging.LoggingConfig;
import vn.vneid.otp.Purpose;
import vn.vneid.smpp.LongMessageMode;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.routing.RouteTable;

class ConfigLoaderTest {
    private static final String KEYS = "registry:registry-key-0123456789abcdefgh:otp+messages";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("GW_HTTP_PORT", "9090");
        env.put("GW_REDIS_URL", "redis://10.0.0.5:6379");
        env.put("GW_SMSC_URL", "smpp://vneid:pw@smsc.example:2775?binds=2&window=64&tps=500&source=VNeID");
        env.put("GW_API_KEYS", KEYS);
        env.put("GW_OTP_SECRET", SECRET);
        return env;
    }

    @Test
    void environmentAloneIsACompleteProductionConfig() {
        GatewayConfig c = new ConfigLoader(production()).load(Optional.empty(), false);
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.redisUrl()).contains("redis://10.0.0.5:6379");
        assertThat(c.smsc().carriers()).singleElement().satisfies(carrier -> {
            assertThat(carrier.binds()).isEqualTo(2);
            assertThat(carrier.window()).isEqualTo(64);
            assertThat(carrier.tps()).isEqualTo(500);
        });
        assertThat(c.apiKeys().find("registry-key-0123456789abcdefgh")).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("registry");
            assertThat(client.may(Scope.OTP)).isTrue();
            assertThat(client.may(Scope.ADMIN)).isFalse();
        });
        assertThat(c.otpPolicies().of(Purpose.LOGIN).ttl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void environmentWinsOverTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gw.yaml");
        Files.writeString(file, """
                http:
                  port: 7000
                redis:
                  url: redis://file-host:6379
                  commandTimeout: 250ms
                otp:
                  policies:
                    ACTIVATE:
                      ttl: 10m
                      maxAttempts: 3
                """);
        Map<String, String> env = production();
        env.remove("GW_REDIS_URL");
        GatewayConfig c = new ConfigLoader(env).load(Optional.of(file), false);
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.redisUrl()).contains("redis://file-host:6379");
        assertThat(c.redisCommandTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.otpPolicies().of(Purpose.ACTIVATE).ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.otpPolicies().of(Purpose.ACTIVATE).maxAttempts()).isEqualTo(3);
        assertThat(c.otpPolicies().of(Purpose.LOGIN).maxAttempts()).isEqualTo(5);
    }

    @Test
    void devModeNeedsNothing() {
        GatewayConfig c = new ConfigLoader(Map.of()).load(Optional.empty(), true);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.smsc().isEmpty()).isTrue();
        assertThat(c.apiKeys().isEmpty()).isTrue();
    }

    @Test
    void badValuesStopTheStartNamingTheKey(@TempDir Path dir) throws IOException {
        assertRejected(with("GW_HTTP_PORT", "80a"), "GW_HTTP_PORT");
        assertRejected(with("GW_HTTP_PORT", "70000"), "GW_HTTP_PORT");
        assertRejected(with("GW_REDIS_URL", "http://redis:6379"), "GW_REDIS_URL");
        assertRejected(with("GW_SMSC_URL", "smpp://vneid:pw@host:99999"), "GW_SMSC_URL");
        assertRejected(with("GW_SMSC_URL", "smpp://vneid:pw@host:2775?source=123456"), "GW_SMSC_URL");
        assertRejected(with("GW_API_KEYS", "registry:short:otp"), "GW_API_KEYS");
        assertRejected(with("GW_API_KEYS", "registry:registry-key-0123456789abcdefgh:sudo"), "GW_API_KEYS");
        assertRejected(with("GW_OTP_SECRET", "too-short"), "GW_OTP_SECRET");
        assertRejected(with("GW_REDIS_URL", null), "GW_REDIS_URL");

        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "otp:\n  policies:\n    ACTIVATE:\n      maxAttempts: 0\n");
        assertThatThrownBy(() -> new ConfigLoader(production()).load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("otp.policies.ACTIVATE.maxAttempts");
        Files.writeString(file, "otp:\n  policies:\n    SIGNUP: {}\n");
        assertThatThrownBy(() -> new ConfigLoader(production()).load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("otp.policies.SIGNUP");
        Files.writeString(file, "redis:\n  commandTimeout: soon\n");
        assertThatThrownBy(() -> new ConfigLoader(production()).load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("redis.commandTimeout");
    }

    @Test
    void yamlKeysMayBeGivenAsDigests(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.yaml");
        Files.writeString(file, "apiKeys:\n  - name: hotline\n    sha256: " + ApiKeys.digest("hotline-key-0123456789abcdefgh")
                + "\n    scopes: [messages]\n");
        Map<String, String> env = production();
        env.remove("GW_API_KEYS");
        GatewayConfig c = new ConfigLoader(env).load(Optional.of(file), false);
        assertThat(c.apiKeys().find("hotline-key-0123456789abcdefgh")).hasValueSatisfying(
                client -> assertThat(client.may(Scope.MESSAGES)).isTrue());
        assertThat(c.apiKeys().find("registry-key-0123456789abcdefgh")).isEmpty();
    }

    @Test
    void severalCarriersAreRoutedByPrefixWithFailover(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("carriers.yaml");
        Files.writeString(file, """
                smsc:
                  carriers:
                    - name: viettel
                      url: smpp://vneid:pw@10.0.0.1:2775?binds=4&window=64&tps=800&longMessages=udh16
                    - name: vinaphone
                      url: smpp://vneid:pw@10.0.0.2:2775
                    - name: mobifone
                      url: smpp://vneid:pw@10.0.0.3:2775?receiptIds=hex_submit_decimal_receipt
                  routes:
                    - prefixes: ["096", "097", "8498"]
                      carrier: viettel
                      failover: mobifone
                  defaultRoute:
                    carrier: vinaphone
                    failover: viettel
                """);
        Map<String, String> env = production();
        env.remove("GW_SMSC_URL");
        SmscConfig smsc = new ConfigLoader(env).load(Optional.of(file), false).smsc();
        assertThat(smsc.carrierNames()).containsExactlyInAnyOrder("viettel", "vinaphone", "mobifone");
        RouteTable table = smsc.routeTable();
        assertThat(table.resolve(Msisdn.parse("0961234567")).carrier()).isEqualTo("viettel");
        assertThat(table.resolve(Msisdn.parse("0981234567")).failover()).contains("mobifone");
        assertThat(table.resolve(Msisdn.parse("0901234567")).carrier()).isEqualTo("vinaphone");
        assertThat(smsc.carriers().get(0).longMessages()).isEqualTo(LongMessageMode.UDH16);
    }

    @Test
    void withoutRoutesTheVietnamesePrefixesPickCarriersByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("carriers.yaml");
        Files.writeString(file, """
                smsc:
                  carriers:
                    - {name: viettel, url: "smpp://vneid:pw@10.0.0.1:2775"}
                    - {name: mobifone, url: "smpp://vneid:pw@10.0.0.3:2775"}
                """);
        Map<String, String> env = production();
        env.remove("GW_SMSC_URL");
        RouteTable table = new ConfigLoader(env).load(Optional.of(file), false).smsc().routeTable();
        assertThat(table.resolve(Msisdn.parse("0321234567")).carrier()).isEqualTo("viettel");
        assertThat(table.resolve(Msisdn.parse("0701234567")).carrier()).isEqualTo("mobifone");
        assertThat(table.resolve(Msisdn.parse("0911234567")).carrier()).as("VinaPhone not configured: default route")
                .isEqualTo("viettel");
    }

    @Test
    void routesMustNameConfiguredCarriers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad-routes.yaml");
        Files.writeString(file, "smsc:\n  carriers:\n    - {name: viettel, url: \"smpp://v:p@h:1\"}\n"
                + "  routes:\n    - {prefixes: [\"096\"], carrier: viettel, failover: gmobile}\n");
        Map<String, String> env = production();
        env.remove("GW_SMSC_URL");
        assertThatThrownBy(() -> new ConfigLoader(env).load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("smsc.routes[0].failover:");
        Files.writeString(file, "smsc:\n  carriers:\n    - {name: viettel, url: \"smpp://v:p@h:99999\"}\n");
        assertThatThrownBy(() -> new ConfigLoader(env).load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("smsc.carriers[0].url:");
    }

    @Test
    void noticesGiveWayToSlowOtpsAboveTheConfiguredTarget(@TempDir Path dir) throws IOException {
        ConfigLoader loader = new ConfigLoader(production());
        assertThat(loader.load(Optional.empty(), false).notices().dispatch().otpLatencyTarget())
                .isEqualTo(Duration.ofMillis(25));
        Path file = dir.resolve("guard.yaml");
        Files.writeString(file, "dispatch:\n  otpLatencyTarget: 40ms\n");
        assertThat(loader.load(Optional.of(file), false).notices().dispatch().otpLatencyTarget())
                .isEqualTo(Duration.ofMillis(40));
        Files.writeString(file, "dispatch:\n  otpLatencyTarget: 0s\n");
        assertThat(loader.load(Optional.of(file), false).notices().dispatch().otpLatencyTarget()).as("off").isZero();
        Files.writeString(file, "dispatch:\n  otpLatencyTarget: soon\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("dispatch.otpLatencyTarget");
    }

    @Test
    void httpLimitsHaveDefaultsAndAreReadFromTheHttpSection(@TempDir Path dir) throws IOException {
        ConfigLoader loader = new ConfigLoader(production());
        assertThat(loader.load(Optional.empty(), false).httpLimits()).isEqualTo(HttpLimits.defaults());
        Path file = dir.resolve("http.yaml");
        Files.writeString(file, """
                http:
                  port: 7000
                  maxConnections: 500
                  headerTimeout: 5s
                  idleTimeout: 1m
                  requestTimeout: 2500ms
                  maxRequestLineBytes: 2048
                  maxHeaderBytes: 16384
                """);
        HttpLimits limits = loader.load(Optional.of(file), false).httpLimits();
        assertThat(limits).isEqualTo(new HttpLimits(500, Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMillis(2500), 2048, 16384));
    }

    @Test
    void badHttpLimitsStopTheStartNamingTheKey(@TempDir Path dir) throws IOException {
        ConfigLoader loader = new ConfigLoader(production());
        Path file = dir.resolve("http.yaml");
        for (String[] bad : new String[][] {
                {"maxConnections: 0", "http.maxConnections:"},
                {"maxConnections: many", "http.maxConnections:"},
                {"headerTimeout: 10ms", "http.headerTimeout:"},
                {"headerTimeout: 1h", "http.headerTimeout:"},
                {"idleTimeout: soon", "http.idleTimeout:"},
                {"requestTimeout: 0s", "http.requestTimeout:"},
                {"maxRequestLineBytes: 100", "http.maxRequestLineBytes:"},
                {"maxHeaderBytes: 1000000", "http.maxHeaderBytes:"}}) {
            Files.writeString(file, "http:\n  " + bad[0] + "\n");
            assertThatThrownBy(() -> loader.load(Optional.of(file), false)).as(bad[0])
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(bad[1]);
        }
    }

    @Test
    void loggingIsJsonWithLevelsPerPackage(@TempDir Path dir) throws IOException {
        ConfigLoader loader = new ConfigLoader(production());
        assertThat(loader.logging(Optional.empty(), false).format()).isEqualTo(LoggingConfig.Format.JSON);
        assertThat(loader.logging(Optional.empty(), true).format()).isEqualTo(LoggingConfig.Format.TEXT);
        Path file = dir.resolve("log.yaml");
        Files.writeString(file, "logging:\n  format: json\n  level: warn\n  levels:\n    vn.vneid.gateway.otp: debug\n");
        LoggingConfig c = loader.logging(Optional.of(file), true);
        assertThat(c.format()).isEqualTo(LoggingConfig.Format.JSON);
        assertThat(c.rootLevel()).isEqualTo("warn");
        assertThat(c.levels()).containsEntry("vn.vneid.gateway.otp", "debug");
        Files.writeString(file, "logging:\n  levels:\n    org.jsmpp: loud\n");
        assertThatThrownBy(() -> loader.logging(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("logging.levels.org.jsmpp:");
        Files.writeString(file, "logging:\n  format: xml\n");
        assertThatThrownBy(() -> loader.logging(Optional.of(file), false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("logging.format:");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> env = production();
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return env;
    }

    private static void assertRejected(Map<String, String> env, String key) {
        assertThatThrownBy(() -> new ConfigLoader(env).load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ":");
    }
}
