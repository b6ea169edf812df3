package vn.vneid.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.vneid.gateway.config.ConfigException;

class ApiKeysTest {
    private static final String KEY = "registry-key-0123456789abcdefgh";

    @Test
    void anEnvironmentEntryMayCarryARateWhoseBurstIsASecondsWorth() {
        ApiKeys keys = ApiKeys.parse("GW_API_KEYS", "registry:" + KEY + ":otp:50,ops:ops-key-0123456789abcdefghijk:admin");
        assertThat(keys.find(KEY).orElseThrow().rate()).contains(new ClientRate(50, 50));
        assertThat(keys.find("ops-key-0123456789abcdefghijk").orElseThrow().rate()).isEmpty();
        assertThat(ApiKeys.parse("K", "slow:" + KEY + ":otp:0.5").find(KEY).orElseThrow().rate())
                .contains(new ClientRate(0.5, 1));
    }

    @Test
    void aYamlEntryMayCarryARateAndABurst() {
        ApiKeys keys = ApiKeys.fromYaml(List.of(Map.of("name", "registry", "key", KEY, "scopes", List.of("otp"),
                "rate", 20, "burst", 100)));
        ApiClient client = keys.find(KEY).orElseThrow();
        assertThat(client.rate()).contains(new ClientRate(20, 100));
        assertThat(keys.clients()).containsExactly(client);
    }

    @Test
    void insaneRatesAndBurstsStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApiKeys.parse("GW_API_KEYS", "registry:" + KEY + ":otp:1e-320"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GW_API_KEYS[registry].rate:");
        assertThatThrownBy(() -> ApiKeys.parse("GW_API_KEYS", "registry:" + KEY + ":otp:fast"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GW_API_KEYS[registry].rate:");
        assertThatThrownBy(() -> ApiKeys.parse("GW_API_KEYS", "registry:" + KEY + ":otp:5:9"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GW_API_KEYS:");
        assertThatThrownBy(() -> ApiKeys.fromYaml(List.of(Map.of("name", "r", "key", KEY, "scopes", List.of("otp"),
                "rate", 10, "burst", 0)))).isInstanceOf(ConfigException.class).hasMessageStartingWith("apiKeys[0].burst:");
        assertThatThrownBy(() -> ApiKeys.fromYaml(List.of(Map.of("name", "r", "key", KEY, "scopes", List.of("otp"),
                "rate", 1e9)))).isInstanceOf(ConfigException.class).hasMessageStartingWith("apiKeys[0].rate:");
        assertThatThrownBy(() -> ApiKeys.fromYaml(List.of(Map.of("name", "r", "key", KEY, "scopes", List.of("otp"),
                "burst", 10)))).isInstanceOf(ConfigException.class).hasMessageStartingWith("apiKeys[0].burst:");
    }

    @Test
    void twoKeysOfOneClientMustAgreeOnItsRate() {
        assertThatThrownBy(() -> ApiKeys.parse("GW_API_KEYS",
                "registry:" + KEY + ":otp:10,registry:second-key-0123456789abcdefgh:otp:20"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("different rates");
        ApiKeys rotating = ApiKeys.parse("GW_API_KEYS", "registry:" + KEY + ":otp:10,registry:second-key-0123456789abcdefgh:otp:10");
        assertThat(rotating.clients()).hasSize(1);
        assertThat(rotating.find("second-key-0123456789abcdefgh").map(ApiClient::rate)).contains(Optional.of(new ClientRate(10, 10)));
    }
}
