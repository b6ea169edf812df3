package vn.vneid.gateway.api.optouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.http.FailureHandler;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.optouts.RedisOptOuts;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;

/** Opt-outs on a real Redis, directly and through the admin API over real HTTP. */
@ExtendWith(VertxExtension.class)
class OptOutsIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final Msisdn PHONE = Msisdn.parse("0912345678");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisOptOuts optOuts;
    private String base;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext started) {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        optOuts = new RedisOptOuts(connection.async());
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.put("/v1/optouts/:phone").handler(new PutOptOutHandler(optOuts));
        router.get("/v1/optouts/:phone").handler(new GetOptOutHandler(optOuts));
        router.delete("/v1/optouts/:phone").handler(new DeleteOptOutHandler(optOuts));
        router.route().failureHandler(new FailureHandler());
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .onComplete(started.succeeding(server -> {
                    base = "http://127.0.0.1:" + server.actualPort();
                    started.completeNow();
                }));
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void optingOutAndBackInPerCategory() {
        assertThat(join(optOuts.categories(PHONE))).isEmpty();
        assertThat(join(optOuts.isOptedOut(PHONE, Category.BULK))).isFalse();

        assertThat(join(optOuts.optOut(PHONE, EnumSet.of(Category.BULK)))).containsExactly(Category.BULK);
        assertThat(join(optOuts.optOut(PHONE, EnumSet.of(Category.BULK)))).as("idempotent").containsExactly(Category.BULK);
        assertThat(redis.commands().smembers("optout:{84912345678}")).containsExactly("BULK");
        assertThat(join(optOuts.isOptedOut(PHONE, Category.BULK))).isTrue();
        assertThat(join(optOuts.isOptedOut(PHONE, Category.TRANSACTIONAL))).isFalse();
        assertThat(join(optOuts.isOptedOut(Msisdn.parse("0912345679"), Category.BULK))).as("another number").isFalse();

        assertThat(join(optOuts.optIn(PHONE, EnumSet.of(Category.BULK)))).isEmpty();
        assertThat(join(optOuts.isOptedOut(PHONE, Category.BULK))).isFalse();
        assertThat(redis.commands().exists("optout:{84912345678}")).isZero();
    }

    @Test
    void aStoredCategoryTheGatewayNoLongerKnowsIsIgnored() {
        redis.commands().sadd("optout:{84912345678}", "BULK", "RETIRED");
        assertThat(join(optOuts.categories(PHONE))).containsExactly(Category.BULK);
    }

    @Test
    void theAdminApiSetsShowsAndClearsOptOutsWithTheNumberMasked() throws Exception {
        HttpResponse<String> put = send("PUT", "/v1/optouts/0912345678", "{\"categories\":[\"BULK\"]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(put.body())).isEqualTo(new JsonObject()
                .put("phone", "8491****678").put("categories", new JsonArray().add("BULK")));
        assertThat(put.body()).doesNotContain("912345678");
        assertThat(join(optOuts.isOptedOut(PHONE, Category.BULK))).isTrue();

        HttpResponse<String> get = send("GET", "/v1/optouts/+84912345678", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(get.body()).getJsonArray("categories")).containsExactly("BULK");

        send("PUT", "/v1/optouts/84912345678", "{\"categories\":[\"TRANSACTIONAL\"]}");
        HttpResponse<String> deleted = send("DELETE", "/v1/optouts/0912345678?category=BULK", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(deleted.body()).getJsonArray("categories")).containsExactly("TRANSACTIONAL");

        HttpResponse<String> all = send("DELETE", "/v1/optouts/0912345678", null);
        assertThat(new JsonObject(all.body()).getJsonArray("categories")).isEmpty();
        assertThat(join(optOuts.categories(PHONE))).isEmpty();
    }

    @Test
    void badPhonesAndCategoriesAreRefusedNamingTheField() throws Exception {
        assertProblem(send("GET", "/v1/optouts/0212345678", null), "phone");
        assertProblem(send("PUT", "/v1/optouts/12345", "{\"categories\":[\"BULK\"]}"), "phone");
        assertProblem(send("PUT", "/v1/optouts/0912345678", "{\"categories\":[\"SPAM\"]}"), "categories");
        assertProblem(send("PUT", "/v1/optouts/0912345678", "{\"categories\":[]}"), "categories");
        assertProblem(send("PUT", "/v1/optouts/0912345678", "{\"categories\":\"BULK\"}"), "categories");
        assertProblem(send("PUT", "/v1/optouts/0912345678", "{}"), "categories");
        assertProblem(send("DELETE", "/v1/optouts/0912345678?category=bulk", null), "category");
        assertThat(redis.commands().keys("optout:*")).isEmpty();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).isEqualTo("request.invalid_field");
        assertThat(problem.getString("field")).isEqualTo(field);
    }
}
