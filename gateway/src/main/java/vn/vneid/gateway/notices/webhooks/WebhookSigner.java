package vn.vneid.gateway.notices.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests so that a receiver can tell they come from the gateway and were not replayed.
 *
 * <p>Every request carries the header
 * <pre>X-VNeID-Signature: t=1767225600,v1=5f1c…(64 lowercase hex digits)</pre>
 * where {@code t} is the time of signing in Unix seconds and {@code v1} is
 * {@code hex(HMAC-SHA256(key = UTF-8 bytes of the secret, message = t + "." + body))}: the decimal {@code t}
 * exactly as written in the header, one full stop, then the request body <em>exactly as received</em> (the raw
 * bytes, not a re-serialised JSON). A receiver must:
 * <ol>
 *   <li>split the header on {@code ,} and each part on the first {@code =}; take {@code t} and every {@code v1}
 *       (ignore other keys: later schemes may add them, and during a secret rotation several {@code v1} may come);</li>
 *   <li>reject the request when {@code t} is missing or not a number, or when {@code |now − t|} exceeds its
 *       tolerance (we suggest 5 minutes): this stops an old, captured request from being replayed;</li>
 *   <li>compute the HMAC above with its secret and compare it with each {@code v1} in <b>constant time</b>
 *       (e.g. {@code MessageDigest.isEqual}, {@code hmac.compare_digest}, {@code crypto.timingSafeEqual});
 *       accept when one matches;</li>
 *   <li>deduplicate on the body's {@code eventId}: delivery is at least once, so the same event may come
 *       twice (with a fresh {@code t}).</li>
 * </ol>
 * The secret is the one configured for the receiving client ({@code webhooks.clients.<client>.secret}), or
 * the gateway's default webhook secret. Stateless and thread-safe.
 */
public final class WebhookSigner {
    public static final String HEADER = "X-VNeID-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** Why a signature was refused, or that it was accepted. */
    public enum Verification {
        VALID,
        /** No header, no {@code t}, no {@code v1}, or not in the {@code t=…,v1=…} form. */
        MALFORMED,
        /** {@code t} is further from now than the tolerance: possibly a replay. */
        STALE,
        /** No {@code v1} matches: wrong secret or the body was changed. */
        MISMATCH
    }

    private WebhookSigner() {
    }

    /** The header value for {@code body}, signed at {@code now} with {@code secret}. */
    public static String sign(String body, String secret, Instant now) {
        long t = now.getEpochSecond();
        return "t=" + t + ",v1=" + HEX.formatHex(hmac(secret, t + "." + body));
    }

    /**
     * Checks a received header against the raw {@code body}: the timestamp must be within {@code tolerance} of
     * {@code now} (either side, for clock skew) and one {@code v1} must match, compared in constant time.
     */
    public static Verification verify(String header, String body, String secret, Instant now, Duration tolerance) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
        if (header == null) {
            return Verification.MALFORMED;
        }
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return Verification.MALFORMED;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                t = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null || signatures.isEmpty() || !t.matches("\\d{1,12}")) {
            return Verification.MALFORMED;
        }
        long seconds = Long.parseLong(t);
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verification.STALE;
        }
        byte[] expected = hmac(secret, t + "." + body);
        boolean match = false;
        for (String candidate : signatures) {
            byte[] given = candidate.length() == expected.length * 2 && candidate.matches("[0-9a-fA-F]+")
                    ? HEX.parseHex(candidate) : new byte[0];
            match |= MessageDigest.isEqual(expected, given);
        }
        return match ? Verification.VALID : Verification.MISMATCH;
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available for webhook signing", e);
        }
    }
}
