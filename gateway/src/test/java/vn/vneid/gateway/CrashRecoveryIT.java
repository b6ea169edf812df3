package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayProcess.awaitTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;

/**
 * The gateway as its own process, killed with SIGKILL and started again, on a Redis that persists (as production
 * must; the gateway refuses one that does not): what it had accepted is not lost. A campaign's every recipient still gets its SMS; OTPs answered 202 but
 * stuck in a carrier backlog are sent by the next instance, or end {@code expired} when their code expired first.
 */
class CrashRecoveryIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.persistentEverySecond();
    private static final int RECIPIENTS = 3000;
    private static final int MAX_IN_FLIGHT = 32;
    private static final int OTPS = 60;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void aCampaignSurvivesAKilledGateway(@TempDir Path dir) throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().submitLatency(Duration.ofMillis(2)).start()) {
            Path config = GatewayProcess.config(dir, "gateway.yaml", redis.url(), smsc.port(),
                    "dispatch: {maxInFlight: " + MAX_IN_FLIGHT + ", reclaimIdle: 2s}");
            String id;
            try (GatewayProcess first = GatewayProcess.start(config, dir.resolve("first.log"))) {
                id = first.postOk("/v1/campaigns", "application/json", new JsonObject().put("name", "Canh bao lua dao")
                        .put("template", "SCAM_WARNING").put("maxRate", 400)
                        // No quiet hours: the gateway runs on the real clock here, and this test at any hour.
                        .put("quietHours", new JsonObject().put("start", "00:00").put("end", "00:00")).encode())
                        .getString("campaignId");
                StringBuilder ndjson = new StringBuilder();
                for (int i = 0; i < RECIPIENTS; i++) {
                    ndjson.append("{\"to\":\"").append(String.format("0362%06d", i)).append("\",\"vars\":{}}\n");
                }
                assertThat(first.postOk("/v1/campaigns/" + id + "/recipients", "application/x-ndjson", ndjson.toString())
                        .getLong("queued")).isEqualTo(RECIPIENTS);
                first.postOk("/v1/campaigns/" + id + "/start", "application/json", "{}");
                awaitTrue(() -> smsc.receivedCount() >= RECIPIENTS / 3, Duration.ofSeconds(60));
                first.kill();
            }
            assertThat(smsc.receivedCount()).as("killed mid-campaign").isLessThan(RECIPIENTS);

            try (GatewayProcess second = GatewayProcess.start(config, dir.resolve("second.log"))) {
                awaitTrue(() -> distinctDestinations(smsc) == RECIPIENTS, Duration.ofSeconds(120));
                assertThat(smsc.duplicateCount()).as("sent twice").isLessThanOrEqualTo(MAX_IN_FLIGHT);
                try {
                    awaitTrue(() -> "COMPLETED".equals(second.get("/v1/campaigns/" + id).getString("state")),
                            Duration.ofSeconds(30));
                } catch (AssertionError e) {
                    String lane = "lane:{bulk:" + id + "}";
                    throw new AssertionError("campaign not completed: " + second.get("/v1/campaigns/" + id) + "; lane "
                            + redis.commands().xlen(lane) + " entries " + redis.commands().xrange(lane,
                            io.lettuce.core.Range.create("-", "+")) + ", pending " + redis.commands().xpending(lane, "dispatch")
                            + ", waiting " + redis.commands().zcard(lane + ":wait"), e);
                }
                assertThat(second.get("/v1/campaigns/" + id).getJsonObject("totals").getLong("submitted"))
                        .as("every recipient counted; one the killed instance had counted and not settled counts twice")
                        .isBetween((long) RECIPIENTS, (long) RECIPIENTS + MAX_IN_FLIGHT);
            }
        }
    }

    @Test
    void otpsAcceptedBeforeAKillAreSentByTheNextInstance(@TempDir Path dir) throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().throttleFraction(1.0).start()) {
            Path config = GatewayProcess.config(dir, "gateway.yaml", redis.url(), smsc.port(), "otp: {outboxLease: 2s}");
            List<String> messageIds = new ArrayList<>();
            try (GatewayProcess first = GatewayProcess.start(config, dir.resolve("first.log"))) {
                for (int i = 0; i < OTPS; i++) {
                    messageIds.add(issue(first, i).getString("messageId"));
                }
                awaitTrue(() -> smsc.throttledCount() > 0, Duration.ofSeconds(30)); // the carrier refuses them all
                first.kill();
            }
            assertThat(smsc.receivedCount()).as("the carrier took none before the kill").isZero();
            smsc.throttleFraction(0);

            try (GatewayProcess second = GatewayProcess.start(config, dir.resolve("second.log"))) {
                awaitTrue(() -> distinctDestinations(smsc) == OTPS, Duration.ofSeconds(60));
                assertThat(smsc.duplicateCount()).isZero();
                for (String messageId : messageIds) {
                    awaitTrue(() -> Set.of("submitted", "delivered").contains(
                            second.get("/v1/messages/" + messageId).getString("status")), Duration.ofSeconds(30));
                }
                // The code sent by the second instance is the one the first issued: it verifies.
                assertThat(second.postOk("/v1/otp/verify", "application/json", new JsonObject()
                        .put("purpose", "ACTIVATE").put("citizenId", citizen(7)).put("code", code(smsc, phone(7)))
                        .encode()).getString("result")).isEqualTo("APPROVED");
                String metrics = second.text("/metrics");
                assertThat(metrics).contains("otp_recovered_total{outcome=\"resent\"} " + OTPS + ".0")
                        .contains("sms_possible_duplicates_total{reason=\"otp_taken_over\"} " + OTPS + ".0");
            }
        }
    }

    @Test
    void anOtpWhoseCodeExpiredBeforeAnyoneCouldSendItEndsExpired(@TempDir Path dir) throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().throttleFraction(1.0).start()) {
            Path config = GatewayProcess.config(dir, "gateway.yaml", redis.url(), smsc.port(),
                    "otp: {outboxLease: 2s, policies: {ACTIVATE: {ttl: 30s, resendCooldown: 10s}}}");
            String messageId;
            Instant expiresAt;
            try (GatewayProcess first = GatewayProcess.start(config, dir.resolve("first.log"))) {
                JsonObject accepted = issue(first, 100);
                messageId = accepted.getString("messageId");
                expiresAt = Instant.parse(accepted.getString("expiresAt"));
                first.kill();
            }
            smsc.throttleFraction(0);
            awaitTrue(() -> Instant.now().isAfter(expiresAt), Duration.ofSeconds(45)); // nobody runs meanwhile

            try (GatewayProcess second = GatewayProcess.start(config, dir.resolve("second.log"))) {
                awaitTrue(() -> "expired".equals(second.get("/v1/messages/" + messageId).getString("status")),
                        Duration.ofSeconds(30));
                assertThat(second.get("/v1/messages/" + messageId).getString("reason")).contains("expired before it was submitted");
                assertThat(smsc.messagesTo(phone(100))).as("an expired code is not sent").isEmpty();
            }
        }
    }

    private static JsonObject issue(GatewayProcess gateway, int i) throws Exception {
        return gateway.postOk("/v1/otp", "application/json", new JsonObject().put("purpose", "ACTIVATE")
                .put("citizenId", citizen(i)).put("phone", phone(i)).encode());
    }

    private static String citizen(int i) {
        return String.format("0010990%05d", i);
    }

    private static String phone(int i) {
        return String.format("84961%06d", i);
    }

    private static String code(SmscSimulator smsc, String msisdn) {
        ReceivedSms sms = smsc.messagesTo(msisdn).get(0);
        Matcher m = CODE.matcher(sms.text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static long distinctDestinations(SmscSimulator smsc) {
        Set<String> to = new HashSet<>();
        for (ReceivedSms sms : smsc.messages()) {
            to.add(sms.to());
        }
        return to.size();
    }
}
