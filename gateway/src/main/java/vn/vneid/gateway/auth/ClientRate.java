package vn.vneid.gateway.auth;

import vn.vneid.gateway.config.ConfigException;

/**
 * How fast one client may call: on average {@code perSecond} requests a second, with bursts of up to
 * {@code burst} requests at once (a token bucket that holds {@code burst} tokens and refills at
 * {@code perSecond}). Both are bounded to sane ranges so that a typo cannot make a client's bucket take years to
 * refill or live forever in Redis.
 */
public record ClientRate(double perSecond, int burst) {
    public static final double MIN_PER_SECOND = 0.01;
    public static final double MAX_PER_SECOND = 100_000;
    public static final int MAX_BURST = 1_000_000;

    public ClientRate {
        if (!(perSecond >= MIN_PER_SECOND && perSecond <= MAX_PER_SECOND)) {
            throw new IllegalArgumentException("rate must be " + MIN_PER_SECOND + ".." + (long) MAX_PER_SECOND
                    + " requests per second, got " + perSecond);
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("burst must be 1.." + MAX_BURST + ", got " + burst);
        }
    }

    /** A second's worth of requests (at least one) when no burst is given. */
    public static int defaultBurst(double perSecond) {
        return (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(perSecond)));
    }

    /** {@code rate} (and {@code burst}, or null for the default) as written in the config under {@code key}. */
    static ClientRate parse(String key, Object rate, Object burst) {
        double perSecond;
        try {
            perSecond = rate instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(rate).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ".rate", "must be a number of requests per second, got '" + rate + "'");
        }
        int b;
        if (burst == null) {
            b = defaultBurst(perSecond);
        } else if (burst instanceof Integer i) {
            b = i;
        } else {
            throw new ConfigException(key + ".burst", "must be a whole number, got '" + burst + "'");
        }
        try {
            return new ClientRate(perSecond, b);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("burst") ? ".burst" : ".rate";
            throw new ConfigException(key + field, e.getMessage().split(" ", 2)[1]);
        }
    }
}
