package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.vneid.gateway.GatewayHarness.json;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * Delivery receipts that arrive while Redis is down are not lost: the gateway answers them with a temporary
 * error instead of acknowledging them, the SMSC (the simulator) keeps and redelivers them, and once Redis is
 * back every message reads {@code delivered} — none stays {@code submitted} or later turns {@code expired}.
 */
class ReceiptsDuringRedisOutageIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.persistent();
    private static final Pattern DEFERRED = Pattern.compile(
            "(?m)^sms_receipts_deferred_total\\{carrier=\"default\"[^}]*}\\s+(\\S+)$");
    private static final int OTPS = 5;
    private static final int NOTICES = 5;
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (!redis.server().isRunning()) {
            redis.server().start();
        }
    }

    @Test
    void receiptsThatArriveWhileRedisIsDownAreRedeliveredAndEveryMessageEndsDelivered() throws Exception {
        gw = GatewayHarness.start(redis.url());
        gw.smsc.receiptDelay(Duration.ofSeconds(3));                    // receipts come after Redis is stopped
        gw.smsc.receiptRedelivery(Duration.ofMillis(250), 400);        // the SMSC keeps them 100 s
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < OTPS; i++) {
            HttpResponse<String> issued = gw.issue("ACTIVATE", "00109900030" + i, "096100030" + i);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            messageIds.add(json(issued).getString("messageId"));
        }
        for (int i = 0; i < NOTICES; i++) {
            HttpResponse<String> sent = gw.post("/v1/messages", GatewayHarness.OTP_KEY, new JsonObject()
                    .put("to", "096100031" + i).put("category", "TRANSACTIONAL")
                    .put("text", "VNeID: Ho so " + i + " da duoc duyet.").encode());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            messageIds.add(json(sent).getString("messageId"));
        }
        GatewayHarness.awaitTrue(() -> messageIds.stream().allMatch(id -> "submitted".equals(status(id))),
                Duration.ofSeconds(20));

        redis.server().stop();
        GatewayHarness.awaitTrue(() -> deferred() >= messageIds.size(), Duration.ofSeconds(30));
        assertThat(gw.smsc.receiptRedeliveries()).as("the SMSC was told to send them again").isPositive();
        redis.server().start();

        GatewayHarness.awaitTrue(() -> messageIds.stream().allMatch(id -> "delivered".equals(status(id))),
                Duration.ofSeconds(60));
        assertThat(gw.smsc.receiptsGivenUp()).isZero();
        assertThat(gw.smsc.receiptsAcknowledged()).isEqualTo(messageIds.size());
    }

    /** The message's status, or null while the API cannot say (Redis still coming back). */
    private String status(String messageId) {
        try {
            HttpResponse<String> r = gw.get("/v1/messages/" + messageId, GatewayHarness.OTP_KEY);
            return r.statusCode() == 200 ? json(r).getString("status") : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** sms_receipts_deferred_total of the carrier, from /metrics (answered without Redis). */
    private double deferred() {
        try {
            Matcher m = DEFERRED.matcher(gw.get("/metrics", null).body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
