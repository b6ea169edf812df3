package vn.vneid.gateway.notices.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import vn.vneid.gateway.config.ConfigException;

/**
 * How status webhooks are signed, addressed and retried. {@code secret} signs requests for clients without
 * a secret of their own; {@code clients} gives a client a default callback URL (used when a message has none)
 * and/or its own secret. A callback URL must be {@code http} or {@code https}, carry no user info, and name a
 * host in {@code allowedHosts}: an exact name, {@code *.example.vn} (any subdomain), or {@code *} (any DNS name,
 * but never {@code localhost} nor an IP literal, which must be listed themselves): this keeps a client from
 * making the gateway call its own network (SSRF). Delivery is tried {@code maxAttempts} times in all, with
 * {@code backoff} between tries; each POST may take {@code requestTimeout}; an entry a crashed instance left
 * unacknowledged for {@code claimIdle} is taken over; the stream and the retry set are looked at every
 * {@code pollInterval}, {@code batchSize} entries at a time.
 */
public record WebhookConfig(
        String secret,
        Map<String, ClientHooks> clients,
        int maxAttempts,
        Backoff backoff,
        Duration requestTimeout,
        List<String> allowedHosts,
        Duration claimIdle,
        Duration pollInterval,
        int batchSize) {

    static final int MIN_SECRET_LENGTH = 32;

    /** A client's default callback URL and its own signing secret; either may be absent. */
    public record ClientHooks(Optional<String> url, Optional<String> secret) {
        public ClientHooks {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
        }

        public static ClientHooks of(String url, String secret) {
            return new ClientHooks(Optional.ofNullable(url), Optional.ofNullable(secret));
        }

        @Override
        public String toString() {
            return "ClientHooks[url=" + url.map(WebhookConfig::hostOf).orElse("-") + ", secret="
                    + (secret.isPresent() ? "****" : "default") + "]";
        }
    }

    /** Exponential back-off: {@code initial} before the second try, doubling, never above {@code max}; jittered. */
    public record Backoff(Duration initial, Duration max) {
        public Backoff {
            requirePositive("webhooks.backoff.initial", initial);
            requirePositive("webhooks.backoff.max", max);
            if (max.compareTo(initial) < 0) {
                throw new ConfigException("webhooks.backoff.max", "must not be below webhooks.backoff.initial");
            }
        }

        /**
         * The wait after failed try number {@code failedTries} (1 for the first): {@code initial × 2^(failedTries−1)},
         * capped at {@code max}, then scaled by {@code 0.5 + random / 2} ({@code random} in [0, 1)) so that
         * receivers coming back from an outage are not hit by every retry at once.
         */
        public Duration delayAfter(int failedTries, double random) {
            long cap = max.toNanos();
            long delay = Math.min(initial.toNanos(), cap);
            for (int i = 1; i < failedTries && delay < cap; i++) {
                delay = delay > cap / 2 ? cap : delay * 2;
            }
            return Duration.ofNanos((long) (delay * (0.5 + random / 2)));
        }
    }

    public WebhookConfig {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("webhooks.secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        clients = Map.copyOf(clients);
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        if (maxAttempts < 1) {
            throw new ConfigException("webhooks.maxAttempts", "must be at least 1");
        }
        Objects.requireNonNull(backoff, "backoff");
        requirePositive("webhooks.requestTimeout", requestTimeout);
        requirePositive("webhooks.claimIdle", claimIdle);
        requirePositive("webhooks.pollInterval", pollInterval);
        if (batchSize < 1 || batchSize > 1000) {
            throw new ConfigException("webhooks.batchSize", "must be 1..1000");
        }
        for (Map.Entry<String, ClientHooks> client : clients.entrySet()) {
            String key = "webhooks.clients." + client.getKey();
            client.getValue().secret().filter(s -> s.length() < MIN_SECRET_LENGTH).ifPresent(s -> {
                throw new ConfigException(key + ".secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
            });
            Optional<String> url = client.getValue().url();
            if (url.isPresent()) {
                Optional<String> problem = urlProblem(url.get(), allowedHosts);
                if (problem.isPresent()) {
                    throw new ConfigException(key + ".url", problem.get());
                }
            }
        }
    }

    /** Defaults for everything but the secret: 12 tries, 1 s .. 10 min back-off, 5 s timeout, no host allowed. */
    public static WebhookConfig defaults(String secret) {
        return new WebhookConfig(secret, Map.of(), 12, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10)),
                Duration.ofSeconds(5), List.of(), Duration.ofMinutes(1), Duration.ofMillis(250), 64);
    }

    /**
     * Reads the contents of the {@code webhooks:} section (the map under that key, not the whole file).
     * Unknown keys and bad values throw {@link ConfigException} naming the key, e.g.
     * {@code webhooks.clients.registry.url: host 10.0.0.7 is not in webhooks.allowedHosts}.
     */
    public static WebhookConfig fromYaml(Map<String, Object> section) {
        return WebhookYaml.read(section);
    }

    public WebhookConfig withClient(String client, ClientHooks hooks) {
        Map<String, ClientHooks> more = new TreeMap<>(clients);
        more.put(client, hooks);
        return new WebhookConfig(secret, more, maxAttempts, backoff, requestTimeout, allowedHosts, claimIdle,
                pollInterval, batchSize);
    }

    public WebhookConfig withAllowedHosts(String... hosts) {
        return new WebhookConfig(secret, clients, maxAttempts, backoff, requestTimeout, List.of(hosts), claimIdle,
                pollInterval, batchSize);
    }

    public WebhookConfig withRetries(int maxAttempts, Backoff backoff) {
        return new WebhookConfig(secret, clients, maxAttempts, backoff, requestTimeout, allowedHosts, claimIdle,
                pollInterval, batchSize);
    }

    public WebhookConfig withTimings(Duration requestTimeout, Duration claimIdle, Duration pollInterval) {
        return new WebhookConfig(secret, clients, maxAttempts, backoff, requestTimeout, allowedHosts, claimIdle,
                pollInterval, batchSize);
    }

    /** The client's default URL, if it has one. */
    public Optional<String> defaultUrl(String client) {
        ClientHooks hooks = clients.get(client);
        return hooks == null ? Optional.empty() : hooks.url();
    }

    /** The secret that signs requests for {@code client}: its own, else the default. */
    public String secretFor(String client) {
        ClientHooks hooks = clients.get(client);
        return hooks == null ? secret : hooks.secret().orElse(secret);
    }

    /** Why {@code url} may not be called, or empty when it may. */
    public Optional<String> urlProblem(String url) {
        return urlProblem(url, allowedHosts);
    }

    /** The host of a URL for logs (a URL may carry a token in its path or query: never log it whole). */
    static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? "(no host)" : host;
        } catch (URISyntaxException e) {
            return "(malformed)";
        }
    }

    private static Optional<String> urlProblem(String url, List<String> allowedHosts) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user info (user:password@)");
        }
        if (uri.getHost() == null) {
            return Optional.of("has no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (hostAllowed(host, allowedHosts)) {
            return Optional.empty();
        }
        return Optional.of("host " + host + " is not in webhooks.allowedHosts");
    }

    private static boolean hostAllowed(String host, List<String> allowedHosts) {
        for (String allowed : allowedHosts) {
            if (allowed.equals(host)) {
                return true;
            }
            if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1)) && isPublicName(host)) {
                return true;
            }
            if (allowed.equals("*") && isPublicName(host)) {
                return true;
            }
        }
        return false;
    }

    /** A DNS name whose last label starts with a letter (so no IP literal, decimal or hex address), not localhost. */
    private static boolean isPublicName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int dot = name.lastIndexOf('.');
        String last = name.substring(dot + 1);
        return !name.equals("localhost") && !name.endsWith(".localhost") && last.matches("[a-z][a-z0-9-]*");
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be a positive duration");
        }
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "WebhookConfig[clients=" + clients + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff.initial()
                + ".." + backoff.max() + ", requestTimeout=" + requestTimeout + ", allowedHosts=" + allowedHosts
                + ", claimIdle=" + claimIdle + "]";
    }
}
