package vn.vneid.gateway.admission;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.vneid.gateway.config.ConfigException;

/**
 * How the gateway admits requests past its capacity, read from the {@code admission:} section.
 * {@code algorithm} computes the instance's concurrency limit ({@code gradient2} and {@code vegas} adapt it to
 * the measured latency between {@code minLimit} and {@code maxLimit}, starting at {@code initialLimit};
 * {@code fixed} keeps {@code initialLimit}). A request of class c is admitted while the requests in flight are
 * fewer than {@code limit x shares[c]}; the shares must not decrease in the shedding order, so bulk is always
 * shed first and OTP verify last. Refused requests get 503 {@code overloaded} with {@code retryAfter}.
 */
public record AdmissionConfig(Algorithm algorithm, int initialLimit, int minLimit, int maxLimit,
                              Map<RequestClass, Double> shares, Duration retryAfter) {
    public static final int MAX_LIMIT = 100_000;

    /** How the limit is found. */
    public enum Algorithm {
        GRADIENT2, VEGAS, FIXED
    }

    public AdmissionConfig {
        if (minLimit < 1 || minLimit > MAX_LIMIT) {
            throw new ConfigException("admission.minLimit", "must be 1.." + MAX_LIMIT + ", got " + minLimit);
        }
        if (maxLimit < minLimit || maxLimit > MAX_LIMIT) {
            throw new ConfigException("admission.maxLimit", "must be minLimit.." + MAX_LIMIT + ", got " + maxLimit);
        }
        if (algorithm == Algorithm.FIXED ? initialLimit < 1 || initialLimit > MAX_LIMIT
                : initialLimit < minLimit || initialLimit > maxLimit) {
            throw new ConfigException("admission.initialLimit", algorithm == Algorithm.FIXED
                    ? "must be 1.." + MAX_LIMIT + ", got " + initialLimit
                    : "must be between minLimit and maxLimit, got " + initialLimit);
        }
        EnumMap<RequestClass, Double> all = new EnumMap<>(RequestClass.class);
        double previous = 0;
        for (RequestClass c : RequestClass.values()) {
            Double share = shares.get(c);
            String key = "admission.shares." + c.label();
            if (share == null || !(share > 0 && share <= 1)) {
                throw new ConfigException(key, "must be a fraction in (0, 1], got " + share);
            }
            if (share < previous) {
                throw new ConfigException(key, "must not be below the share of a class shed before it "
                        + "(bulk <= transactional <= issue <= verify), got " + share);
            }
            previous = share;
            all.put(c, share);
        }
        shares = Map.copyOf(all);
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() || retryAfter.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("admission.retryAfter", "must be more than 0s and at most 10m");
        }
    }

    /** The shares of the defaults: bulk 0.5, transactional 0.7, issue 0.9, verify 1.0. */
    public static Map<RequestClass, Double> defaultShares() {
        return Map.of(RequestClass.BULK, 0.5, RequestClass.TRANSACTIONAL, 0.7, RequestClass.OTP_ISSUE, 0.9,
                RequestClass.OTP_VERIFY, 1.0);
    }

    /**
     * Gradient2 from 100 requests in flight, never below 20 nor above 200; default shares; Retry-After 1 s. An
     * instance answers an OTP in a few milliseconds, so 20 in flight already carry thousands a second; 100 at the
     * start leaves room for bursts until the algorithm has measured the instance; 200 bounds how far a long
     * overload can make Gradient2 creep (it slowly takes a sustained latency for the new normal).
     */
    public static AdmissionConfig defaults() {
        return new AdmissionConfig(Algorithm.GRADIENT2, 100, 20, 200, defaultShares(), Duration.ofSeconds(1));
    }

    /** A fixed limit (tests, and operators who measured their capacity), with the default shares. */
    public static AdmissionConfig fixed(int limit) {
        return new AdmissionConfig(Algorithm.FIXED, limit, 1, Math.max(1, limit), defaultShares(), Duration.ofSeconds(1));
    }

    /** The lowest limit in force: {@code minLimit} for the adaptive algorithms, the limit itself when fixed. */
    int floor() {
        return algorithm == Algorithm.FIXED ? initialLimit : minLimit;
    }

    /** How many requests of class {@code c} may be in flight under {@code limit}: at least one. */
    int threshold(RequestClass c, int limit) {
        // The epsilon keeps 10 x 0.7 (7.000000000000001 in binary) at 7.
        return Math.max(1, (int) Math.floor(limit * shares.get(c) + 1e-9));
    }
}
