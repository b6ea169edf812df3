package vn.vneid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id that follows its message through the logs (HTTP → SMPP → receipt) and is sent
 * back as {@code X-Request-Id}. A caller's own {@code X-Request-Id} is kept when it is 1..64 of letters,
 * digits, '.', '_' or '-' (so a backend can correlate with its own logs); anything else is replaced.
 */
public final class RequestIds implements Handler<RoutingContext> {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : generate();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }

    /** 64 random bits in hex: unique enough to find a request in the logs; not a secret. */
    static String generate() {
        return "req_" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
