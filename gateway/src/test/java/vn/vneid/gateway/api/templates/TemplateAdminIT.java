package vn.vneid.gateway.api.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.http.FailureHandler;
import vn.vneid.gateway.notices.templates.RedisTemplateStore;
import vn.vneid.gateway.notices.templates.TemplateRegistry;
import vn.vneid.redis.testing.RedisServerExtension;

/** The template admin API over real HTTP on a real Redis, and a second instance picking changes up on refresh. */
@ExtendWith(VertxExtension.class)
class TemplateAdminIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final String FLOOD = """
            {"vars": {"district": "TEXT", "until": "DATE"},
             "bodies": {"vi": "VNeID: Cảnh báo lũ tại {district} đến {until}.", "en": "VNeID: Flood warning in {district} until {until}."}}""";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private TemplateRegistry registry;
    private String base;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext started) {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        registry = newInstance();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.put("/v1/templates/:name").handler(new PutTemplateHandler(registry));
        router.get("/v1/templates/:name").handler(new GetTemplateHandler(registry));
        router.delete("/v1/templates/:name").handler(new DeleteTemplateHandler(registry));
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
    void putCreatesThenReplacesAndGetShowsIt() throws Exception {
        HttpResponse<String> created = send("PUT", "/v1/templates/FLOOD_WARNING", FLOOD);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(created.body());
        assertThat(body.getString("name")).isEqualTo("FLOOD_WARNING");
        assertThat(body.getString("source")).isEqualTo("admin");
        assertThat(body.getJsonObject("vars").getString("until")).isEqualTo("DATE");
        assertThat(redis.commands().get("tpl:{FLOOD_WARNING}")).contains("\"district\":\"TEXT\"");
        assertThat(redis.commands().smembers("tpl:names")).containsExactly("FLOOD_WARNING");
        assertThat(registry.render("FLOOD_WARNING", "en", new JsonObject().put("district", "Quận 7").put("until", "2027-03-15")))
                .isEqualTo("VNeID: Flood warning in Quận 7 until 15/03/2027.");

        String replacement = FLOOD.replace("Flood warning", "Flood alert");
        assertThat(send("PUT", "/v1/templates/FLOOD_WARNING", replacement).statusCode()).isEqualTo(200);
        HttpResponse<String> read = send("GET", "/v1/templates/FLOOD_WARNING", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(read.body()).getJsonObject("bodies").getString("en")).startsWith("VNeID: Flood alert in");
    }

    @Test
    void getAnswersBuiltinsAnd404ForUnknownNames() throws Exception {
        HttpResponse<String> builtin = send("GET", "/v1/templates/CCCD_EXPIRY", null);
        assertThat(builtin.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(builtin.body()).getString("source")).isEqualTo("builtin");

        HttpResponse<String> missing = send("GET", "/v1/templates/NO_SUCH", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(missing.body()).getString("code")).isEqualTo("template.not_found");
    }

    @Test
    void anInvalidDefinitionIsRefusedNamingTheField() throws Exception {
        assertProblem(send("PUT", "/v1/templates/BAD", FLOOD.replace("{until}.\"", "{untl}.\"")), 400, "bodies.vi");
        assertProblem(send("PUT", "/v1/templates/BAD", FLOOD.replace("\"DATE\"", "\"TIME\"")), 400, "vars.until");
        assertProblem(send("PUT", "/v1/templates/bad-name", FLOOD), 400, "name");
        assertProblem(send("PUT", "/v1/templates/BAD", "{\"vars\": {}}"), 400, "bodies");
        assertProblem(send("PUT", "/v1/templates/BAD", "{\"bodies\": {\"vi\": \"x\"}, \"extra\": 1}"), 400, "extra");
        assertThat(send("PUT", "/v1/templates/BAD", "[]").statusCode()).isEqualTo(400);
        assertThat(redis.commands().keys("tpl:*")).isEmpty();
    }

    @Test
    void deletingAnOverrideRestoresTheBuiltinAndABuiltinCannotBeDeleted() throws Exception {
        String override = """
                {"vars": {"name": "TEXT"}, "bodies": {"vi": "VNeID: Mừng sinh nhật {name}!"}}""";
        assertThat(send("PUT", "/v1/templates/BIRTHDAY", override).statusCode()).as("a built-in's name is not new").isEqualTo(200);
        assertThat(registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "Lan"))).isEqualTo("VNeID: Mừng sinh nhật Lan!");

        assertThat(send("DELETE", "/v1/templates/BIRTHDAY", null).statusCode()).isEqualTo(204);
        assertThat(registry.render("BIRTHDAY", "vi", new JsonObject().put("name", "Lan"))).startsWith("VNeID: Chúc mừng sinh nhật Lan!");
        assertThat(new JsonObject(send("GET", "/v1/templates/BIRTHDAY", null).body()).getString("source")).isEqualTo("builtin");

        HttpResponse<String> builtin = send("DELETE", "/v1/templates/BIRTHDAY", null);
        assertThat(builtin.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(builtin.body()).getString("code")).isEqualTo("template.builtin");
        HttpResponse<String> missing = send("DELETE", "/v1/templates/NO_SUCH", null);
        assertThat(new JsonObject(missing.body()).getString("code")).isEqualTo("template.not_found");
    }

    @Test
    void anotherInstanceSeesAChangeAfterItsRefresh() throws Exception {
        TemplateRegistry other = newInstance();
        assertThat(other.exists("FLOOD_WARNING")).isFalse();
        assertThat(send("PUT", "/v1/templates/FLOOD_WARNING", FLOOD).statusCode()).isEqualTo(201);
        assertThat(other.exists("FLOOD_WARNING")).as("not before its refresh").isFalse();

        other.refresh().toCompletableFuture().join();
        assertThat(other.render("FLOOD_WARNING", "vi", new JsonObject().put("district", "Huế").put("until", "2027-10-01")))
                .isEqualTo("VNeID: Cảnh báo lũ tại Huế đến 01/10/2027.");

        assertThat(send("DELETE", "/v1/templates/FLOOD_WARNING", null).statusCode()).isEqualTo(204);
        other.refresh().toCompletableFuture().join();
        assertThat(other.exists("FLOOD_WARNING")).isFalse();
        assertThat(redis.commands().exists("tpl:{FLOOD_WARNING}", "tpl:names")).isZero();
    }

    @Test
    void anUnreadableStoredTemplateIsSkippedNotFatal() {
        redis.commands().sadd("tpl:names", "BROKEN", "GHOST");
        redis.commands().set("tpl:{BROKEN}", "{not json");
        TemplateRegistry other = newInstance();
        assertThat(other.exists("BROKEN")).isFalse();
        assertThat(other.exists("CCCD_EXPIRY")).isTrue();
    }

    private TemplateRegistry newInstance() {
        TemplateRegistry instance = new TemplateRegistry(List.of(), new RedisTemplateStore(connection.async()));
        instance.refresh().toCompletableFuture().join();
        return instance;
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

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).isEqualTo("request.invalid_field");
        assertThat(problem.getString("field")).isEqualTo(field);
    }
}
