package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.redis.testing.RedisServerExtension;

/** Many verifications of one code at the same moment: exactly one is approved (single use, atomically). */
@ExtendWith(VertxExtension.class)
class ConcurrentVerifyIT {
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
    void twentyConcurrentVerificationsApproveExactlyOnce(Vertx vertx, VertxTestContext ctx) throws Exception {
        assertThat(gw.issue("PHONE_CHANGE", "001099000060", "0861000060").statusCode()).isEqualTo(202);
        String code = gw.awaitCode("84861000060", 1);
        WebClient client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(20));
        int n = 20;
        Checkpoint answered = ctx.checkpoint(n);
        AtomicInteger done = new AtomicInteger();
        ConcurrentMap<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        JsonObject body = new JsonObject().put("purpose", "PHONE_CHANGE").put("citizenId", "001099000060").put("code", code);
        for (int i = 0; i < n; i++) {
            client.post(gw.gateway.port(), "127.0.0.1", "/v1/otp/verify")
                    .bearerTokenAuthentication(GatewayHarness.OTP_KEY)
                    .sendJsonObject(body)
                    .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                        byStatus.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (done.incrementAndGet() == n) {
                            assertThat(byStatus.get(200)).hasValue(1);
                            assertThat(byStatus.get(410)).hasValue(n - 1);
                        }
                        answered.flag();
                    })));
        }
    }
}
