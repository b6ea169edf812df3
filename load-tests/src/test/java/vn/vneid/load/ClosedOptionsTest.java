package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.vneid.load.ClosedOptions.Receipts;
import vn.vneid.load.LoadOptions.Scenario;

class ClosedOptionsTest {
    private static final String[] BASE = {"--url", "http://127.0.0.1:8080", "--key", "k", "--sim-url", "http://127.0.0.1:8089"};
    private static final String SENDSMS = "/cgi-bin/sendsms?username=u&password=p&to={to}&text=hi";

    @Test
    void aClosedNoticesRunDefaultsToFiftyThousandRequestsDoneWhenEveryReceiptIsRecorded() {
        LoadOptions options = parse("--scenario", "closed-notices");
        assertThat(options.scenario()).isEqualTo(Scenario.CLOSED_NOTICES);
        assertThat(options.scenario().text()).isEqualTo("closed-notices");
        ClosedOptions closed = options.closed();
        assertThat(closed.requests()).isEqualTo(50_000);
        assertThat(closed.receipts()).isEqualTo(Receipts.METRIC);
        assertThat(closed.timeLimit()).isEqualTo(Duration.ofSeconds(180));
        assertThat(closed.cpu()).isEmpty();
        assertThat(closed.clockTicks()).isEqualTo(100);
    }

    @Test
    void closedGetNeedsAPathWithThePhonePlaceholderAndWaitsForNoReceiptsByDefault() {
        ClosedOptions closed = parse("--scenario", "closed-get", "--get-path", SENDSMS).closed();
        assertThat(closed.receipts()).isEqualTo(Receipts.NONE);
        assertThat(closed.getPath()).contains(SENDSMS);
        assertThat(closed.expectedStatus()).isEqualTo(202);
        assertThat(parse("--scenario", "closed-get", "--get-path", SENDSMS, "--receipts", "callback").closed().receipts())
                .isEqualTo(Receipts.CALLBACK);
        assertThatThrownBy(() -> parse("--scenario", "closed-get")).hasMessageContaining("--get-path is required");
        assertThatThrownBy(() -> parse("--scenario", "closed-get", "--get-path", "/cgi-bin/sendsms?to=1"))
                .hasMessageContaining("{to}");
    }

    @Test
    void cpuNamesProcessesInTheOrderGiven() {
        ClosedOptions closed = parse("--scenario", "closed-otp", "--cpu", "gateway=123,redis=45").closed();
        assertThat(closed.cpu()).containsExactly(java.util.Map.entry("gateway", 123L), java.util.Map.entry("redis", 45L));
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--cpu", "gateway")).hasMessageContaining("--cpu");
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--cpu", "a=1,a=2")).hasMessageContaining("--cpu");
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--cpu", "gateway=-1")).hasMessageContaining("--cpu");
    }

    @Test
    void aMisplacedOrBadOptionIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("--scenario", "otp", "--requests", "10"))
                .hasMessageContaining("--requests is for the closed-loop scenarios only");
        assertThatThrownBy(() -> parse("--scenario", "closed-notices", "--receipts", "callback"))
                .hasMessageContaining("--receipts callback");
        assertThatThrownBy(() -> parse("--scenario", "closed-get", "--get-path", SENDSMS, "--receipts", "metric"))
                .hasMessageContaining("--receipts metric");
        assertThatThrownBy(() -> parse("--scenario", "closed-notices", "--receipts", "some")).hasMessageContaining("--receipts");
        assertThatThrownBy(() -> parse("--scenario", "closed-notices", "--get-path", SENDSMS))
                .hasMessageContaining("--get-path is for the closed-get scenario only");
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--expect", "200"))
                .hasMessageContaining("--expect is for the closed-get scenario only");
        assertThatThrownBy(() -> parse("--scenario", "closed-get", "--get-path", SENDSMS, "--expect", "404"))
                .hasMessageContaining("--expect");
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--requests", "0")).hasMessageContaining("--requests");
        assertThatThrownBy(() -> parse("--scenario", "closed-otp", "--time-limit", "0s")).hasMessageContaining("--time-limit");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "http://127.0.0.1:8080", "--key", "k",
                "--scenario", "closed-otp"})).hasMessageContaining("--sim-url is required");
    }

    private static LoadOptions parse(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        return LoadOptions.parse(args);
    }
}
