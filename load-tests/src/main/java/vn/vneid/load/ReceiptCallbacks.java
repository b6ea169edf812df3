package vn.vneid.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application end of Kannel's delivery reports: an HTTP listener on 127.0.0.1 (ephemeral port, one Vert.x event
 * loop) that counts the {@code dlr-url} callbacks smsbox makes, and the {@code dlr-mask=3&dlr-url=…} query that asks
 * for them (final states only: 1 delivered, 2 failed; Kannel puts the state in {@code %d}). Every callback is answered
 * 200 with an empty body at once; nothing of it is logged or kept but the counts.
 */
final class ReceiptCallbacks implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final HttpServer server;
    private final LongAdder finals = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder others = new LongAdder();

    ReceiptCallbacks() throws Exception {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            this.server = vertx.createHttpServer().requestHandler(request -> {
                String state = request.getParam("s");
                if ("1".equals(state) || "2".equals(state)) {
                    finals.increment();
                    if ("1".equals(state)) {
                        delivered.increment();
                    }
                } else {
                    others.increment();
                }
                request.response().end();
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    /** What to append to a {@code sendsms} query so that smsbox calls back here with each final state. */
    String kannelQuery() {
        String url = "http://127.0.0.1:" + server.actualPort() + "/dlr?s=%d&to=%p";
        return "&dlr-mask=3&dlr-url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /** Callbacks with a final state (delivered or failed). */
    long finals() {
        return finals.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    /** Callbacks with any other state (none are asked for). */
    long others() {
        return others.sum();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
