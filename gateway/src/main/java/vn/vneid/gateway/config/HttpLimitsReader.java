package vn.vneid.gateway.config;

/**
 * Reads the limits of the {@code http:} section ({@code maxConnections}, {@code headerTimeout},
 * {@code idleTimeout}, {@code requestTimeout}, {@code maxRequestLineBytes}, {@code maxHeaderBytes}); a key that is
 * not given keeps its default ({@link HttpLimits#defaults}). A bad value stops the start naming {@code http.<key>}.
 */
final class HttpLimitsReader {
    private HttpLimitsReader() {
    }

    static HttpLimits read(YamlNode root) {
        YamlNode http = root.node("http");
        HttpLimits d = HttpLimits.defaults();
        try {
            return new HttpLimits(
                    http.integer("maxConnections").orElse(d.maxConnections()),
                    http.duration("headerTimeout").orElse(d.headerTimeout()),
                    http.duration("idleTimeout").orElse(d.idleTimeout()),
                    http.duration("requestTimeout").orElse(d.requestTimeout()),
                    http.integer("maxRequestLineBytes").orElse(d.maxRequestLineBytes()),
                    http.integer("maxHeaderBytes").orElse(d.maxHeaderBytes()));
        } catch (IllegalArgumentException e) {
            String[] keyAndRule = e.getMessage().split(" ", 2);
            throw new ConfigException("http." + keyAndRule[0], keyAndRule[1]);
        }
    }
}
