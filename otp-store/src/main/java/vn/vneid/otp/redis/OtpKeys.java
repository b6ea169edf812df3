package vn.vneid.otp.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import vn.vneid.otp.CodeHasher;
import vn.vneid.otp.Purpose;

/**
 * Every Redis key of the OTP store, in one place. Keys are cluster-safe: the keys one script touches share one hash
 * tag ({@code {…}}), so a script never spans two slots. A citizen's keys for one purpose (record, the record it
 * replaced, cooldown, limiter) share the tag {@code {PURPOSE:c}}; a phone's limiter has the tag {@code {ph:p}}.
 * Key names carry no phone or ID number: {@code c} and {@code p} are {@link CodeHasher#pseudonym pseudonyms}, keyed
 * hashes with the server secret.
 */
public final class OtpKeys {
    private final CodeHasher hasher;

    public OtpKeys(CodeHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** The keys of one citizen for one purpose. */
    public Citizen citizen(Purpose purpose, String citizenId) {
        return new Citizen("otp:{" + purpose.name() + ":" + hasher.pseudonym("cid", citizenId) + "}");
    }

    /** Sliding log of sends to one phone for one purpose (sorted set, member otpId, score ms). */
    public String phoneLimiter(Purpose purpose, String phone) {
        return "rl:{ph:" + hasher.pseudonym("ph", phone) + "}:" + purpose.name();
    }

    /**
     * A citizen's keys for one purpose, all on the hash tag of {@link #record}: the OTP record (a hash: id, h, exp,
     * att, max, dead, pfx), the record a new issue replaced (kept so a refused issue can put it back), the resend
     * cooldown (a string {@code untilMs:otpId}) and the sliding log of sends to the citizen.
     */
    public record Citizen(String record) {
        public String previous() {
            return record + ":prev";
        }

        public String cooldown() {
            return record + ":cd";
        }

        public String limiter() {
            return record + ":rl";
        }

        /** Record, previous, cooldown and limiter, in the order the issue scripts take them. */
        String[] all() {
            return new String[] {record, previous(), cooldown(), limiter()};
        }
    }

    /** An idempotency record; the client's key is stored only as its SHA-256. */
    public static String idempotency(String client, String key) {
        return "idem:{" + client + ":" + sha256Hex(key) + "}";
    }

    static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
