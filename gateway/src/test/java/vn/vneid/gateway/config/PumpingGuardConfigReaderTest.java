package vn.vneid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vneid.gateway.pumping.PumpingGuardConfig;

/** {@code otp.pumpingGuard:} through {@link ConfigLoader}: defaults, every key read, bad values named. */
class PumpingGuardConfigReaderTest {
    private static final Map<String, String> PRODUCTION = Map.of(
            "GW_HTTP_PORT", "9090",
            "GW_REDIS_URL", "redis://10.0.0.5:6379",
            "GW_SMSC_URL", "smpp://vneid:pw@smsc.example:2775",
            "GW_API_KEYS", "registry:registry-key-0123456789abcdefgh:otp",
            "GW_OTP_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionTheGuardRunsWithItsDefaults() {
        PumpingGuardConfig c = new ConfigLoader(PRODUCTION).load(Optional.empty(), false).pumpingGuard();

        assertThat(c).isEqualTo(PumpingGuardConfig.defaults());
        assertThat(c.enabled()).isTrue();
        assertThat(c.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.multiple()).isEqualTo(5.0);
        assertThat(c.floorPerWindow()).isEqualTo(10);
        assertThat(c.minIssues()).isEqualTo(50);
        assertThat(c.maxVerifyRatio()).isEqualTo(0.2);
        assertThat(c.verifyDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.baselineHalfLife()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.holdFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.refreshEvery()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyKeyIsRead() throws IOException {
        PumpingGuardConfig c = load("""
                otp:
                  pumpingGuard:
                    enabled: false
                    window: 2m
                    multiple: 8
                    floorPerWindow: 25
                    minIssues: 100
                    maxVerifyRatio: 0.1
                    verifyDelay: 90s
                    baselineHalfLife: 1h
                    holdFor: 2h
                    refreshEvery: 500ms
                """);

        assertThat(c).isEqualTo(new PumpingGuardConfig(false, Duration.ofMinutes(2), 8.0, 25, 100, 0.1,
                Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(2), Duration.ofMillis(500)));
    }

    @Test
    void badValuesStopTheStartNamingTheKey() {
        assertRejected("enabled: sometimes", "otp.pumpingGuard.enabled");
        assertRejected("window: 1s", "otp.pumpingGuard.window");
        assertRejected("window: soon", "otp.pumpingGuard.window");
        assertRejected("multiple: 1", "otp.pumpingGuard.multiple");
        assertRejected("multiple: many", "otp.pumpingGuard.multiple");
        assertRejected("floorPerWindow: -1", "otp.pumpingGuard.floorPerWindow");
        assertRejected("minIssues: 0", "otp.pumpingGuard.minIssues");
        assertRejected("minIssues: 2.5", "otp.pumpingGuard.minIssues");
        assertRejected("maxVerifyRatio: 0", "otp.pumpingGuard.maxVerifyRatio");
        assertRejected("maxVerifyRatio: 1.5", "otp.pumpingGuard.maxVerifyRatio");
        assertRejected("maxVerifyRatio: .nan", "otp.pumpingGuard.maxVerifyRatio");
        assertRejected("verifyDelay: 6m", "otp.pumpingGuard.verifyDelay");
        assertRejected("baselineHalfLife: 30s", "otp.pumpingGuard.baselineHalfLife");
        assertRejected("holdFor: 10s", "otp.pumpingGuard.holdFor");
        assertRejected("holdFor: 31d", "otp.pumpingGuard.holdFor");
        assertRejected("refreshEvery: 10ms", "otp.pumpingGuard.refreshEvery");
        assertThatThrownBy(() -> load("otp:\n  pumpingGuard: on\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("otp.pumpingGuard:");
    }

    private void assertRejected(String setting, String key) {
        assertThatThrownBy(() -> load("otp:\n  pumpingGuard:\n    " + setting + "\n")).as(setting)
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(key + ":");
    }

    private PumpingGuardConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("gw.yaml"), yaml);
        return new ConfigLoader(PRODUCTION).load(Optional.of(file), false).pumpingGuard();
    }
}
