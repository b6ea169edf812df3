package vn.vneid.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of an OTP with the server secret, so Redis never holds a clear code. The MAC covers purpose,
 * citizen ID, phone and code, each length-prefixed so no two different inputs share one encoding. Output is
 * lowercase hex. Thread-safe: every call works on its own clone of a prototype {@link Mac}.
 */
public final class CodeHasher {
    /** The shortest secret accepted. */
    public static final int MIN_SECRET_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;
    private final SecretKeySpec key;

    public CodeHasher(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "OTP secret must be at least " + MIN_SECRET_BYTES + " bytes (GW_OTP_SECRET)");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
        this.prototype = newMac(key);
    }

    /** A hasher with a random 32-byte secret: hashes do not survive a restart (dev mode only). */
    public static CodeHasher withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new CodeHasher(secret);
    }

    public String hash(Purpose purpose, String citizenId, String phone, String code) {
        Mac mac = mac();
        update(mac, purpose.name());
        update(mac, citizenId);
        update(mac, phone);
        update(mac, code);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static void update(Mac mac, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "CodeHasher[" + ALGORITHM + "]";
    }
}
