package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.vneid.load.LoadOptions.Scenario;

class LoadOptionsTest {
    private static final String[] BASE = {"--url", "http://127.0.0.1:8080", "--key", "k"};

    @Test
    void defaultsAreAnOtpRunOfTwentySecondsAtTwoThousandPerSecond() {
        LoadOptions options = LoadOptions.parse(BASE);
        assertThat(options.scenario()).isEqualTo(Scenario.OTP);
        assertThat(options.rate()).isEqualTo(2000);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.simUrl()).isEmpty();
        assertThat(options.json()).isEmpty();
    }

    @Test
    void aBadValueIsRefusedNamingItsOption() {
        assertThatThrownBy(() -> parse("--scenario", "soak")).hasMessageContaining("--scenario");
        assertThatThrownBy(() -> parse("--scenario", "verify")).hasMessageContaining("--sim-url is required");
        assertThatThrownBy(() -> parse("--sim-url", "ftp://127.0.0.1:1")).hasMessageContaining("--sim-url must look like");
        assertThatThrownBy(() -> parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--duration", "10h")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("--recipients", "-3")).hasMessageContaining("--recipients");
        assertThatThrownBy(() -> parse("--colour", "red")).hasMessageContaining("--colour");
    }

    @Test
    void overloadTakesAMixAndNeedsTheSimulatorOnlyForVerify() {
        assertThat(parse("--scenario", "overload", "--sim-url", "http://127.0.0.1:8089").mix().text())
                .isEqualTo(RequestMix.DEFAULT);
        assertThat(parse("--scenario", "overload", "--mix", "issue=3,bulk=1").mix().share(RequestMix.RequestClass.BULK))
                .isEqualTo(1);
        assertThatThrownBy(() -> parse("--scenario", "overload")).hasMessageContaining("--sim-url is required");
        assertThatThrownBy(() -> parse("--scenario", "overload", "--mix", "bulk=x")).hasMessageContaining("--mix");
        assertThatThrownBy(() -> parse("--scenario", "otp", "--mix", "issue=1"))
                .hasMessageContaining("--mix is for the overload scenario only");
    }

    @Test
    void onlyLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "http://192.0.2.1:8080", "--key", "k"}))
                .hasMessageContaining("not loopback");
        assertThat(LoadOptions.parse(new String[] {"--url", "http://192.0.2.1:8080", "--key", "k", "--allow-remote"})
                .url().getHost()).isEqualTo("192.0.2.1");
    }

    private static LoadOptions parse(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        return LoadOptions.parse(args);
    }
}
