package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vneid.gateway.Gateway;
import vn.vneid.gateway.config.ConfigLoader;

/**
 * The bench smoke: every scenario of the generator for a second, at a low rate (the closed-loop ones: a few dozen
 * requests), against a gateway started with
 * a production configuration (not dev mode) on the bench's Redis and simulator. It proves the harness runs end to
 * end and its JSON holds what the bench reads; it asserts counts, never timings.
 */
class LoadGeneratorIT {
    private static final String KEY = "bench-smoke-key-0123456789abcdef";
    private static final int RATE = 40;
    private static final long CLOSED_REQUESTS = 60;
    private static BenchStack stack;
    private static Gateway gateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = BenchStack.start();
        Map<String, String> env = Map.of(
                ConfigLoader.ENV_HTTP_PORT, "0",
                ConfigLoader.ENV_REDIS_URL, stack.redisUrl(),
                ConfigLoader.ENV_SMSC_URL, "smpp://vneid:secret@127.0.0.1:" + stack.smppPort() + "?binds=1&window=32&tps=10000",
                ConfigLoader.ENV_API_KEYS, "bench:" + KEY + ":otp+messages+campaigns",
                ConfigLoader.ENV_OTP_SECRET, "bench-smoke-otp-secret-0123456789abcdef");
        gateway = Gateway.start(new ConfigLoader(env).load(Optional.empty(), false), Clock.systemUTC());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!gateway.sender().isAvailable()) {
            assertThat(System.nanoTime()).as("bound to the simulator within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void otpIssueRunsAndEverySmsReachesTheSmsc() throws Exception {
        JsonObject report = run("otp", 0);
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getLong("202")).isEqualTo(RATE);
        assertThat(report.getJsonObject("endToEnd").getLong("atSmsc")).isEqualTo(RATE);
        assertThat(report.getJsonObject("endToEnd").getJsonObject("latencyMs").getLong("count")).isEqualTo(RATE);
    }

    @Test
    void verifyReadsTheCodesFromTheSimulatorAndEveryOneIsApproved() throws Exception {
        JsonObject report = run("verify", 100_000);
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getMap()).containsOnlyKeys("200");
        assertThat(report.getJsonObject("measured").getLong("sent")).isEqualTo(RATE);
    }

    @Test
    void noticesAreAcceptedAndDrainedToTheSmsc() throws Exception {
        JsonObject report = run("notices", 200_000);
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getLong("202")).isEqualTo(RATE);
        assertThat(report.getJsonObject("endToEnd").getLong("missing")).isZero();
    }

    @Test
    void mixedRunsOtpsBesideACampaignAndCancelsIt() throws Exception {
        JsonObject report = run("mixed", 300_000, "--recipients", "500", "--campaign-rate", "100");
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getLong("202")).isEqualTo(RATE);
        assertThat(report.getJsonObject("endToEnd").getLong("missing")).isZero();
        JsonObject totals = report.getJsonObject("campaign").getJsonObject("totals");
        assertThat(totals.getLong("received")).isEqualTo(500);
        assertThat(totals.getLong("invalid")).as("every recipient line is valid").isZero();
    }

    @Test
    void overloadSendsEveryClassOfTheMixAndClassifiesEachAnswer() throws Exception {
        JsonObject report = run("overload", 400_000);
        assertThat(report.getString("mix")).isEqualTo(RequestMix.DEFAULT);
        JsonObject classes = report.getJsonObject("measured").getJsonObject("classes");
        assertThat(classes.fieldNames()).containsExactlyInAnyOrder("verify", "issue", "transactional", "bulk");
        Map<String, String> expected = Map.of("verify", "200", "issue", "202", "transactional", "202", "bulk", "202");
        expected.forEach((name, status) -> {
            JsonObject c = classes.getJsonObject(name);
            assertThat(c.getLong("sent")).as(name).isEqualTo(RATE / 4);
            assertThat(c.getJsonObject("latencyMs").getLong("count") + c.getLong("shed")).as(name + ": accepted + shed")
                    .isEqualTo(RATE / 4);
            assertThat(c.getJsonObject("statuses").fieldNames()).as(name).isSubsetOf(status, "429", "503");
        });
        assertThat(report.getJsonObject("measured").getLong("scheduled")).isEqualTo(RATE);
    }

    @Test
    void closedNoticesEndOnlyWhenEveryMessageIsAtTheSmscAndItsReceiptRecorded() throws Exception {
        JsonObject report = runClosed("closed-notices", 500_000, "--cpu", "gateway=" + ProcessHandle.current().pid());
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getLong("202")).isEqualTo(CLOSED_REQUESTS);
        assertThat(report.getLong("atSmsc")).isEqualTo(CLOSED_REQUESTS);
        assertThat(report.getBoolean("complete")).isTrue();
        assertThat(report.getBoolean("cpuWindowIncludesReceipts")).isTrue();
        assertThat(report.getLong("receiptsCounted")).as("receipts recorded by the gateway meanwhile")
                .isGreaterThanOrEqualTo(CLOSED_REQUESTS);
        assertThat(report.getJsonObject("simulator").getLong("received")).isGreaterThanOrEqualTo(CLOSED_REQUESTS);
        assertThat(report.getJsonObject("cpu").fieldNames()).containsExactly("gateway", "generator");
        assertThat(report.getJsonObject("cpu").getJsonObject("gateway").getDouble("seconds")).isPositive();
    }

    @Test
    void closedOtpIssuesEachCodeOnceToAPhoneOfItsOwn() throws Exception {
        JsonObject report = runClosed("closed-otp", 600_000);
        assertThat(report.getJsonObject("measured").getJsonObject("statuses").getLong("202")).isEqualTo(CLOSED_REQUESTS);
        assertThat(report.getLong("atSmsc")).isEqualTo(CLOSED_REQUESTS);
        assertThat(report.getLong("duplicatesAtSmsc")).isZero();
        assertThat(report.getBoolean("complete")).isTrue();
    }

    /** A closed run of {@link #CLOSED_REQUESTS} over 4 connections; asserts it exits 0 with its CLOSED line. */
    private JsonObject runClosed(String scenario, long idOffset, String... extra) throws Exception {
        Path json = dir.resolve(scenario + ".json");
        String[] base = {"--scenario", scenario, "--url", "http://127.0.0.1:" + gateway.port(), "--key", KEY,
                "--sim-url", stack.simulatorUrl(), "--requests", Long.toString(CLOSED_REQUESTS), "--connections", "4",
                "--time-limit", "30s", "--drain-wait", "30s", "--id-offset", Long.toString(idOffset), "--json", json.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new LoadGenerator(LoadOptions.parse(args)).run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("CLOSED scenario=" + scenario + " requests=" + CLOSED_REQUESTS, " complete=true", " cpu_us=");
        JsonObject report = new JsonObject(Files.readString(json));
        assertThat(report.getString("scenario")).isEqualTo(scenario);
        assertThat(report.getJsonObject("measured").getLong("errors")).as(output).isZero();
        assertThat(report.getBoolean("ok")).isTrue();
        return report;
    }

    private JsonObject run(String scenario, long idOffset, String... extra) throws Exception {
        Path json = dir.resolve(scenario + ".json");
        String[] base = {"--scenario", scenario, "--url", "http://127.0.0.1:" + gateway.port(), "--key", KEY,
                "--sim-url", stack.simulatorUrl(), "--rate", Integer.toString(RATE), "--warmup", "0s", "--duration", "1s",
                "--connections", "4", "--id-offset", Long.toString(idOffset), "--json", json.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new LoadGenerator(LoadOptions.parse(args)).run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("RESULT rate=" + RATE, "OK: errors within 1 %");
        if (scenario.equals("overload")) {
            assertThat(output).contains(" verify_goodput=", " issue_shed_pct=", " transactional_p99=", " bulk_shed_p99=");
        }
        JsonObject report = new JsonObject(Files.readString(json));
        assertThat(report.getString("scenario")).isEqualTo(scenario);
        assertThat(report.getJsonObject("measured").getLong("errors")).as(output).isZero();
        assertThat(report.getBoolean("ok")).isTrue();
        return report;
    }
}
