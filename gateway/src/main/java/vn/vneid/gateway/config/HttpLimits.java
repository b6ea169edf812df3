package vn.vneid.gateway.config;

/** Limits of the HTTP edge (connections, timeouts, sizes), read from the {@code http:} section. */
public record HttpLimits() {
    public static HttpLimits defaults() {
        return new HttpLimits();
    }
}
