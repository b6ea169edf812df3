package vn.vneid.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/** Writes problem documents; the one place that knows the media type and the Retry-After rounding. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    /**
     * Routing-context key of a {@link io.vertx.core.json.JsonObject} whose members are added to whatever problem
     * the request ends with (an upload's counts so far, so the client knows where to resume).
     */
    public static final String MEMBERS = "problemMembers";

    private Problems() {
    }

    public static void write(HttpServerResponse response, ProblemException problem, String instance) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
        if (problem.retryAfter() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(problem.retryAfter())));
        }
        response.end(problem.toJson(instance).encode());
    }

    /** Whole seconds, rounded up, at least 1: a client that waits this long will not be refused for it. */
    static long retryAfterSeconds(Duration d) {
        long ms = Math.max(d.toMillis(), 1);
        return (ms + 999) / 1000;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
