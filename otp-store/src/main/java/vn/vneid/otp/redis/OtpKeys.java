package vn.vneid.otp.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vn.vneid.otp.Purpose;

/**
 * Every Redis key of the OTP store, in one place. Keys are cluster-safe: the keys one script touches share
 * one hash tag ({@code {…}}), so a script never spans two slots.
 */
public final class OtpKeys {
    private OtpKeys() {
    }

    /** The OTP record, a hash: id, h, ph, exp, att, max, dead, pfx (the phone's number prefix). */
    public static String record(Purpose purpose, String citizenId) {
        return "otp:{" + purpose.name() + ":" + citizenId + "}";
    }

    /** The resend cooldown, a string {@code untilMs:otpId}; same hash tag as {@link #record}. */
    public static String cooldown(Purpose purpose, String citizenId) {
        return record(purpose, citizenId) + ":cd";
    }

    /** Sliding log of sends to one phone for one purpose (sorted set, member otpId, score ms). */
    public static String phoneLimiter(Purpose purpose, String phone) {
        return "rl:{ph:" + phone + "}:" + purpose.name();
    }

    /** Sliding log of sends to one citizen for one purpose. */
    public static String citizenLimiter(Purpose purpose, String citizenId) {
        return "rl:{cid:" + citizenId + "}:" + purpose.name();
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
