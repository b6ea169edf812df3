package vn.vneid.load;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the {@code overload} scenario splits its one arrival rate between request classes, by integer shares
 * ({@code --mix verify=25,issue=25,transactional=25,bulk=25}). The split is deterministic and even: the shares are
 * laid out once in a cycle of {@code sum(shares)} slots by smooth weighted round robin (the heaviest class that is
 * most behind goes next), and request {@code i} takes slot {@code i mod sum}; so every class gets exactly its share
 * of every cycle, spread out in time rather than in bursts, and request {@code i} is the
 * {@link #indexInClass(long) n-th} of its class, which picks that class's n-th identity.
 */
final class RequestMix {
    /** Equal shares: which class is shed first is then read straight off the results. */
    static final String DEFAULT = "verify=25,issue=25,transactional=25,bulk=25";
    private static final int MAX_TOTAL = 1000;

    /** The request classes, in the order the gateway should shed them last-first: verify is the most valuable. */
    enum RequestClass {
        /** {@code POST /v1/otp/verify} with the right code of an OTP issued before the run. */
        VERIFY,
        /** {@code POST /v1/otp}: a fresh OTP. */
        ISSUE,
        /** {@code POST /v1/messages}, category TRANSACTIONAL. */
        TRANSACTIONAL,
        /** {@code POST /v1/messages}, category BULK. */
        BULK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<RequestClass, Integer> shares = new EnumMap<>(RequestClass.class);
    /** One cycle: the class of each slot, and how many earlier slots of the cycle have the same class. */
    private final RequestClass[] slots;
    private final int[] rank;

    private RequestMix(Map<RequestClass, Integer> given) {
        for (RequestClass c : RequestClass.values()) {
            shares.put(c, given.getOrDefault(c, 0));
        }
        int total = shares.values().stream().mapToInt(Integer::intValue).sum();
        slots = new RequestClass[total];
        rank = new int[total];
        layOut();
    }

    /** Parses {@code class=share,…}; a class not named gets no share. Messages name {@code --mix}. */
    static RequestMix parse(String raw) {
        Map<RequestClass, Integer> shares = new EnumMap<>(RequestClass.class);
        for (String part : raw.split(",", -1)) {
            String[] pair = part.trim().split("=", -1);
            if (pair.length != 2) {
                throw new IllegalArgumentException("--mix must look like " + DEFAULT + ", got '" + raw + "'");
            }
            RequestClass c = requestClass(pair[0].trim());
            if (shares.containsKey(c)) {
                throw new IllegalArgumentException("--mix names " + c.label() + " twice");
            }
            shares.put(c, share(c, pair[1].trim()));
        }
        int total = shares.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("--mix shares must add up to 1.." + MAX_TOTAL + ", got " + total);
        }
        return new RequestMix(shares);
    }

    int share(RequestClass c) {
        return shares.get(c);
    }

    /** The class of request {@code i}. */
    RequestClass classOf(long i) {
        return slots[(int) (i % slots.length)];
    }

    /** How many requests of {@code i}'s class come before it: its index among its class. */
    long indexInClass(long i) {
        int slot = (int) (i % slots.length);
        return (i / slots.length) * share(slots[slot]) + rank[slot];
    }

    /** How many of requests {@code 0 .. count-1} are of class {@code c}. */
    long countOf(RequestClass c, long count) {
        long n = (count / slots.length) * share(c);
        for (int slot = 0; slot < count % slots.length; slot++) {
            n += slots[slot] == c ? 1 : 0;
        }
        return n;
    }

    /** {@code verify=25,issue=25,…} as given to {@code --mix}, every class named. */
    String text() {
        StringBuilder b = new StringBuilder();
        for (RequestClass c : RequestClass.values()) {
            b.append(b.length() == 0 ? "" : ",").append(c.label()).append('=').append(share(c));
        }
        return b.toString();
    }

    /** Smooth weighted round robin: each slot, every class earns its share; the richest pays the cycle's length. */
    private void layOut() {
        RequestClass[] classes = RequestClass.values();
        int[] seen = new int[classes.length];
        long[] credit = new long[classes.length];
        for (int slot = 0; slot < slots.length; slot++) {
            int best = -1;
            for (int k = 0; k < classes.length; k++) {
                credit[k] += share(classes[k]);
                if (share(classes[k]) > 0 && (best < 0 || credit[k] > credit[best])) {
                    best = k;
                }
            }
            credit[best] -= slots.length;
            slots[slot] = classes[best];
            rank[slot] = seen[best]++;
        }
    }

    private static RequestClass requestClass(String raw) {
        try {
            return RequestClass.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mix class must be one of " + Arrays.stream(RequestClass.values())
                    .map(RequestClass::label).toList() + ", got '" + raw + "'", e);
        }
    }

    private static int share(RequestClass c, String raw) {
        try {
            int share = Integer.parseInt(raw);
            if (share < 0) {
                throw new IllegalArgumentException("--mix share of " + c.label() + " must be >= 0, got " + raw);
            }
            return share;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--mix share of " + c.label() + " must be an integer, got '" + raw + "'", e);
        }
    }
}
