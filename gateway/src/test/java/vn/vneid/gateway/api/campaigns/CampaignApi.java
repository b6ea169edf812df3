package vn.vneid.gateway.api.campaigns;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.auth.Scope;
import vn.vneid.gateway.http.FailureHandler;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.notices.campaigns.GreetingTemplates;
import vn.vneid.gateway.notices.campaigns.RedisCampaignRegistry;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;
import vn.vneid.gateway.notices.campaigns.RedisStreamLanes;

/**
 * The campaign routes on a real HTTP server on a loopback ephemeral port, wired as the gateway should wire
 * them: the streamed upload route before the BodyHandler, everything else after it. Authentication is a
 * stand-in: {@code Authorization: Bearer <client name>} makes that client, with scope campaigns.
 */
final class CampaignApi implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final RedisClient redisClient;
    final StatefulRedisConnection<String, String> connection;
    final RedisCampaignStore store;
    final RedisStreamLanes lanes;
    final RedisCampaignRegistry registry;
    final UploadRecipientsHandler upload;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    CampaignApi(String redisUrl, Clock clock, UploadLimits limits) throws Exception {
        redisClient = RedisClient.create(redisUrl);
        connection = redisClient.connect();
        store = new RedisCampaignStore(connection.async(), clock);
        lanes = new RedisStreamLanes(connection.async(), vertx);
        registry = new RedisCampaignRegistry(store, lanes, clock);
        GreetingTemplates templates = new GreetingTemplates();
        upload = new UploadRecipientsHandler(store, lanes, templates, clock, limits);

        Router router = Router.router(vertx);
        router.route().handler(new RequestIds());
        router.post("/v1/campaigns/:id/recipients").handler(CampaignApi::authenticate).handler(upload);
        router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/v1/campaigns").handler(CampaignApi::authenticate).handler(new CreateCampaignHandler(store, templates, clock));
        router.get("/v1/campaigns/:id").handler(CampaignApi::authenticate).handler(new GetCampaignHandler(store, clock));
        router.post("/v1/campaigns/:id/:action").handler(CampaignApi::authenticate).handler(new CampaignActionHandler(store, lanes));
        router.route().failureHandler(new FailureHandler());
        router.errorHandler(404, new FailureHandler());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
        base = "http://127.0.0.1:" + server.actualPort();
    }

    int port() {
        return server.actualPort();
    }

    private static void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        ctx.put(AuthHandler.CLIENT, new ApiClient(header.substring("Bearer ".length()), Set.of(Scope.CAMPAIGNS)));
        ctx.next();
    }

    HttpResponse<String> post(String client, String path, String contentType, String body) throws Exception {
        return send(client, path, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> upload(String client, String campaignId, Supplier<InputStream> body) throws Exception {
        return send(client, "/v1/campaigns/" + campaignId + "/recipients", "application/x-ndjson",
                HttpRequest.BodyPublishers.ofInputStream(body));
    }

    /**
     * Streams {@code body} with a Vert.x client, writing as fast as the connection takes it (the JDK client's
     * InputStream publisher is several times slower), and answers status and body.
     */
    JsonObject stream(String client, String campaignId, NdjsonBody body) throws Exception {
        io.vertx.core.http.HttpClient vertxHttp = vertx.createHttpClient();
        try {
            return vertxHttp.request(HttpMethod.POST, port(), "127.0.0.1", "/v1/campaigns/" + campaignId + "/recipients")
                    .compose(request -> {
                        request.putHeader("Authorization", "Bearer " + client)
                                .putHeader("Content-Type", "application/x-ndjson").setChunked(true);
                        pump(request, body);
                        return request.response();
                    })
                    // read the body in the same chain: a body handler attached later would miss what already arrived
                    .compose(r -> r.body().map(answer -> new JsonObject().put("status", r.statusCode())
                            .put("body", new JsonObject(answer))))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } finally {
            vertxHttp.close();
        }
    }

    private static void pump(HttpClientRequest request, NdjsonBody body) {
        byte[] chunk = new byte[64 * 1024];
        while (!request.writeQueueFull()) {
            int n = body.read(chunk, 0, chunk.length);
            if (n < 0) {
                request.end();
                return;
            }
            request.write(Buffer.buffer(Arrays.copyOf(chunk, n)));
        }
        request.drainHandler(v -> pump(request, body));
    }

    HttpResponse<String> get(String client, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + client).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String client, String path, String contentType,
                                      HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + client).header("Content-Type", contentType)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a campaign of {@code client} with the greeting template and answers its id. */
    String create(String client, JsonObject extra) throws Exception {
        JsonObject body = new JsonObject().put("name", "Tet greetings").put("template", GreetingTemplates.NAME)
                .put("maxRate", 100).mergeIn(extra);
        HttpResponse<String> r = post(client, "/v1/campaigns", "application/json", body.encode());
        if (r.statusCode() != 201) {
            throw new AssertionError("create answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body()).getString("campaignId");
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        connection.close();
        redisClient.shutdown();
    }
}
