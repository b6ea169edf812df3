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
import vn.vneid.gateway.admission.AdmissionConfig;
import vn.vneid.gateway.admission.RequestClass;

class AdmissionConfigReaderTest {
    private static final Map<String, String> ENV = Map.of(
            "GW_HTTP_PORT", "9090", "GW_REDIS_URL", "redis://10.0.0.5:6379",
            "GW_SMSC_URL", "smpp://vneid:pw@smsc.example:2775", "GW_API_KEYS", "registry:registry-key-0123456789abcdefgh:otp",
            "GW_OTP_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private AdmissionConfig load(String yaml) throws IOException {
        Path file = dir.resolve("gw.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(ENV).load(Optional.of(file), false).admission();
    }

    @Test
    void withoutASectionTheLimitIsGradient2From100Between20And200() {
        AdmissionConfig c = new ConfigLoader(ENV).load(Optional.empty(), false).admission();
        assertThat(c).isEqualTo(AdmissionConfig.defaults());
        assertThat(c.algorithm()).isEqualTo(AdmissionConfig.Algorithm.GRADIENT2);
        assertThat(c.initialLimit()).isEqualTo(100);
        assertThat(c.minLimit()).isEqualTo(20);
        assertThat(c.maxLimit()).isEqualTo(200);
        assertThat(c.shares()).containsEntry(RequestClass.BULK, 0.5).containsEntry(RequestClass.TRANSACTIONAL, 0.7)
                .containsEntry(RequestClass.OTP_ISSUE, 0.9).containsEntry(RequestClass.OTP_VERIFY, 1.0);
        assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everySettingIsRead() throws IOException {
        AdmissionConfig c = load("""
                admission:
                  algorithm: vegas
                  initialLimit: 60
                  minLimit: 30
                  maxLimit: 300
                  shares: {bulk: 0.4, transactional: 0.6}
                  retryAfter: 2s
                """);
        assertThat(c.algorithm()).isEqualTo(AdmissionConfig.Algorithm.VEGAS);
        assertThat(c.initialLimit()).isEqualTo(60);
        assertThat(c.minLimit()).isEqualTo(30);
        assertThat(c.maxLimit()).isEqualTo(300);
        assertThat(c.shares()).containsEntry(RequestClass.BULK, 0.4).containsEntry(RequestClass.TRANSACTIONAL, 0.6)
                .containsEntry(RequestClass.OTP_ISSUE, 0.9);
        assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFixedLimitNeedsOnlyItsValue() throws IOException {
        AdmissionConfig c = load("admission: {algorithm: fixed, initialLimit: 8}\n");
        assertThat(c.algorithm()).isEqualTo(AdmissionConfig.Algorithm.FIXED);
        assertThat(c.initialLimit()).isEqualTo(8);
    }

    @Test
    void wrongValuesStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> load("admission: {algorithm: aimd}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.algorithm:");
        assertThatThrownBy(() -> load("admission: {shares: {verify: 0.6}}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.shares.verify:").hasMessageContaining("bulk <= transactional");
        assertThatThrownBy(() -> load("admission: {shares: {bulk: 0}}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.shares.bulk:");
        assertThatThrownBy(() -> load("admission: {shares: {urgent: 1}}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.shares.urgent:");
        assertThatThrownBy(() -> load("admission: {minLimit: 50, initialLimit: 10}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.initialLimit:");
        assertThatThrownBy(() -> load("admission: {maxLimit: 10}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.maxLimit:");
        assertThatThrownBy(() -> load("admission: {retryAfter: 0s}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.retryAfter:");
        assertThatThrownBy(() -> load("admission: {limit: 10}\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admission.limit:");
    }
}
