package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The gateway as its own JVM process (production configuration from a YAML file), for tests that must kill it
 * with SIGKILL: no shutdown hook runs, nothing is handed back or settled. One API key with every scope.
 */
final class GatewayProcess implements AutoCloseable {
    static final String KEY = "crash-test-key-all-scopes-0123456789";
    static final String SECRET = "crash-test-secret-0123456789-abcdefghij";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    final String base;

    private GatewayProcess(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** A config file on a fresh port; {@code extraYaml} lines are appended (top-level keys not given already). */
    static Path config(Path dir, String name, String redisUrl, int smscPort, String... extraYaml) throws IOException {
        int port = freePort();
        Path config = dir.resolve(name);
        StringBuilder yaml = new StringBuilder(String.join("\n",
                "http: {host: 127.0.0.1, port: " + port + "}",
                "smsc: {url: \"smpp://vneid:secret@127.0.0.1:" + smscPort + "?window=8\"}",
                "redis: {url: \"" + redisUrl + "\", commandTimeout: 5s}",   // a loaded CI machine is slow
                "apiKeys: [{name: crash, key: " + KEY + ", scopes: [otp, messages, campaigns, admin]}]",
                "logging: {level: warn}", ""));
        for (String line : extraYaml) {
            yaml.append(line).append('\n');
        }
        Files.writeString(config, yaml.toString());
        return config;
    }

    /** Starts the gateway with {@code config}, its output in {@code log}, and waits until it is ready. */
    static GatewayProcess start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GatewayMain.class.getName(), "--config", config.toString());
        pb.environment().put("GW_OTP_SECRET", SECRET);
        for (String variable : List.of("GW_REDIS_URL", "GW_SMSC_URL", "GW_API_KEYS", "GW_HTTP_PORT")) {
            pb.environment().remove(variable);
        }
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        String port = Files.readAllLines(config).get(0).replaceAll(".*port: (\\d+).*", "$1");
        GatewayProcess gateway = new GatewayProcess(pb.start(), "http://127.0.0.1:" + port);
        awaitTrue(() -> gateway.status("/health/ready") == 200 || !gateway.process.isAlive(), Duration.ofSeconds(60));
        assertThat(gateway.process.isAlive()).as("gateway started; its log: " + log).isTrue();
        return gateway;
    }

    /** SIGKILL: no shutdown hook, nothing settled or handed back. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that must succeed (2xx), as JSON. */
    JsonObject postOk(String path, String type, String body) throws Exception {
        HttpResponse<String> r = post(path, type, body);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
        return new JsonObject(r.body());
    }

    JsonObject get(String path) {
        try {
            return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    String text(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
