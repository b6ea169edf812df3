package vn.vneid.smpp.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import vn.vneid.smpp.Msisdn;

/**
 * What a {@link SmscSimulator} received, over HTTP on 127.0.0.1, so that load scripts (k6) and people can read
 * the codes a citizen would get. For dev mode, tests and load tests only: it serves SMS texts, codes included,
 * so the gateway's production configuration has no way to start it (it exists only where a simulator does).
 *
 * <ul>
 *   <li>{@code GET /messages?to=0912345678&limit=5}: the newest messages to that number (any form
 *       {@link Msisdn#parse} accepts), oldest first;</li>
 *   <li>{@code GET /messages?toPrefix=8496&limit=100000}: the newest messages whose international destination
 *       starts with the digits given, oldest first ({@code limit} defaults to 100, at most 1,000,000);</li>
 *   <li>{@code GET /stats}: counters ({@code received}, {@code duplicates}, {@code submitSm}, {@code throttled},
 *       {@code boundSessions}, {@code receiptsAcknowledged}, {@code receiptRedeliveries}, {@code receiptsGivenUp},
 *       {@code receiptsUnanswered}: deliver_sm sends that got no deliver_sm_resp in time).</li>
 * </ul>
 * Answers are JSON ({@code {"total": n, "messages": [{id, from, to, text, segments, encoding, receivedAt,
 * receivedAtMicros}]}}); a bad parameter gets a 400 {@code application/problem+json} naming it.
 */
public final class SimulatorHttp implements AutoCloseable {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000_000;
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final SmscSimulator simulator;
    private final HttpServer server;
    private final ExecutorService executor;

    private SimulatorHttp(SmscSimulator simulator, int port) throws IOException {
        this.simulator = simulator;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> SmscSimulator.daemon(r, "smsc-sim-http-" + threads.incrementAndGet()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code simulator} on 127.0.0.1:{@code port} (0 = ephemeral). */
    public static SimulatorHttp start(SmscSimulator simulator, int port) {
        try {
            return new SimulatorHttp(simulator, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the SMSC simulator over HTTP on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                send(exchange, 405, PROBLEM, problem(405, "method not allowed", null));
                return;
            }
            Map<String, String> query;
            try {
                query = query(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PROBLEM, problem(400, "the query string is not valid", null));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/messages" -> messages(exchange, query);
                case "/stats" -> send(exchange, 200, JSON, stats());
                default -> send(exchange, 404, PROBLEM, problem(404, "no such resource; try /messages or /stats", null));
            }
        }
    }

    private void messages(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit;
        try {
            limit = limit(query.get("limit"));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, PROBLEM, problem(400, e.getMessage(), "limit"));
            return;
        }
        String to = query.get("to");
        String prefix = query.get("toPrefix");
        if (to != null && prefix != null) {
            send(exchange, 400, PROBLEM, problem(400, "give either to or toPrefix, not both", "toPrefix"));
            return;
        }
        if (prefix != null && !prefix.chars().allMatch(Character::isDigit)) {
            send(exchange, 400, PROBLEM, problem(400, "toPrefix must be digits of an international number", "toPrefix"));
            return;
        }
        List<ReceivedSms> found;
        if (to != null) {
            try {
                found = simulator.latestMessagesTo(Msisdn.parse(to).international(), limit);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PROBLEM, problem(400, "to is not a Vietnamese mobile number", "to"));
                return;
            }
        } else {
            found = simulator.latestMessages(prefix == null ? "" : prefix, limit);
        }
        StringBuilder json = new StringBuilder(64 + found.size() * 200)
                .append("{\"total\":").append(simulator.receivedCount()).append(",\"messages\":[");
        for (int i = 0; i < found.size(); i++) {
            ReceivedSms sms = found.get(i);
            json.append(i == 0 ? "{" : ",{");
            field(json, "id", sms.smscMessageId()).append(',');
            field(json, "from", sms.from()).append(',');
            field(json, "to", sms.to()).append(',');
            field(json, "text", sms.text()).append(',');
            json.append("\"segments\":").append(sms.segments()).append(',');
            field(json, "encoding", sms.encoding()).append(',');
            field(json, "receivedAt", sms.receivedAt().toString()).append(',');
            json.append("\"receivedAtMicros\":").append(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, sms.receivedAt()))
                    .append('}');
        }
        send(exchange, 200, JSON, json.append("]}").toString());
    }

    private String stats() {
        return "{\"received\":" + simulator.receivedCount() + ",\"duplicates\":" + simulator.duplicateCount()
                + ",\"submitSm\":" + simulator.submitSmCount() + ",\"throttled\":" + simulator.throttledCount()
                + ",\"boundSessions\":" + simulator.boundSessions()
                + ",\"receiptsAcknowledged\":" + simulator.receiptsAcknowledged()
                + ",\"receiptRedeliveries\":" + simulator.receiptRedeliveries()
                + ",\"receiptsGivenUp\":" + simulator.receiptsGivenUp()
                + ",\"receiptsUnanswered\":" + simulator.receiptsUnanswered() + "}";
    }

    static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be an integer from 1 to " + MAX_LIMIT);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static String problem(int status, String detail, String field) {
        StringBuilder json = new StringBuilder("{");
        field(json, "type", "about:blank").append(',');
        json.append("\"status\":").append(status).append(',');
        field(json, "detail", detail);
        if (field != null) {
            field(json.append(','), "field", field);
        }
        return json.append('}').toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Appends {@code "name":"value"} with the value escaped as JSON requires. */
    static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
