package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.awaitTrue;
import static vn.vneid.gateway.GatewayHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisCommandCounter;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * What one OTP costs Redis through the whole gateway, from {@code POST /v1/otp} to its delivery receipt and a
 * verify, counted by the real Redis over a batch of OTPs. The gateway's periodic work
 * (lease renewals, recovery passes, lane polls, hold refreshes) runs meanwhile; its rate is measured on the idle
 * gateway first and subtracted. Commands are counted as clients sent them ({@code MONITOR}), apart from those the
 * scripts run inside Redis. The issue and verify scripts are counted exactly by {@code RedisOtpCommandsIT}
 * in otp-store; this test keeps the whole path honest and prints the table for the README.
 */
class OtpRedisCommandsIT {
    private static final int OTPS = 100;
    /** What this test itself sends: status polls. The gateway's OTP path uses no HGET. */
    private static final Set<String> TEST_COMMANDS = Set.of("hget");
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayHarness.start(redis.url());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anOtpFromIssueToReceiptAndVerifyCostsTwelveRedisCommandsOfWhichSixScripts() throws Exception {
        run(5, 900_000); // warm-up: scripts loaded, connections open
        awaitTrue(() -> gw.smsc.receivedCount() >= 5, Duration.ofSeconds(30));
        try (RedisCommandCounter counter = RedisCommandCounter.start(redis.port())) {
            counter.reset();
            long idleStart = System.nanoTime();
            awaitTrue(() -> System.nanoTime() - idleStart > 2_000_000_000L, Duration.ofSeconds(5));
            counter.settle();
            Map<String, Long> idle = counter.clientCommands();
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;

            counter.reset();
            long loadStart = System.nanoTime();
            List<String> messageIds = run(OTPS, 100_000);
            awaitTrue(() -> messageIds.stream().allMatch(id -> "delivered".equals(
                    redis.commands().hget("msg:{" + id + "}", "status"))), Duration.ofSeconds(60));
            counter.settle();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            Map<String, Double> perOtp = perOtp(counter.clientCommands(), idle, loadSeconds / idleSeconds);
            double total = perOtp.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("Redis commands per OTP (issue + SMS + receipt + verify), %d OTPs in %.1f s: %.2f %s;"
                    + " run inside scripts %s%n", OTPS, loadSeconds, total, perOtp,
                    perOtp(counter.scriptCommands(), Map.of(), 0));
            // Issue 2 scripts, accept 1 + ZADD, submit 1 + SET + ZADD, lease release ZREM, receipt GET + 1 + ZREM,
            // verify 1: 12 commands of which 6 scripts (before this budget: 15 and 8). A little room for background.
            assertThat(perOtp.getOrDefault("evalsha", 0.0) + perOtp.getOrDefault("eval", 0.0))
                    .as("scripts per OTP").isBetween(5.5, 6.5);
            double otpPath = perOtp.entrySet().stream().filter(e -> !isBackground(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
            assertThat(otpPath).as("commands per OTP").isLessThan(13.0);
        }
    }

    /**
     * Commands of the gateway's periodic work that the OTP path never sends, whose rate follows activity (lane reads,
     * campaign and hold refreshes, gauges, overdue receipts): left out of the budget, still printed.
     */
    private static boolean isBackground(String command) {
        return command.startsWith("x") || Set.of("smembers", "info", "zcard", "zrangebyscore").contains(command);
    }

    /** {@code counts} per OTP, less the test's own commands and the background seen while idle, scaled. */
    private static Map<String, Double> perOtp(Map<String, Long> counts, Map<String, Long> idle, double scale) {
        Map<String, Double> perOtp = new TreeMap<>();
        counts.forEach((name, n) -> {
            if (!TEST_COMMANDS.contains(name)) {
                double net = Math.max(0, n - idle.getOrDefault(name, 0L) * scale) / OTPS;
                if (net >= 0.005) {
                    perOtp.put(name, Math.round(net * 100) / 100.0);
                }
            }
        });
        return perOtp;
    }

    /** Issues {@code n} OTPs to distinct citizens and phones and verifies each with its code; their message ids. */
    private static List<String> run(int n, int offset) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String citizen = String.format("001099%06d", offset + i);
            String phone = String.format("8496%07d", offset + i);
            HttpResponse<String> issued = gw.issue("ACTIVATE", citizen, phone);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            ids.add(json(issued).getString("messageId"));
            String code = gw.awaitCode(phone, 1);
            assertThat(gw.verify("ACTIVATE", citizen, code).statusCode()).isEqualTo(200);
        }
        return ids;
    }
}
