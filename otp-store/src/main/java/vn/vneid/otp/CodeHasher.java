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
 * Keyed hashes (HMAC-SHA256) with the server secret, so that Redis never holds a clear code, phone number or
 * citizen ID. {@link #hash} is the MAC of a code, covering purpose, citizen ID and code, each length-prefixed so no
 * two different inputs share one encoding: everything a verify request carries, so a verify needs no read first.
 * {@link #pseudonym} names a phone or a citizen in Redis key names, under a key derived from the secret for that
 * use only. Output is lowercase hex. Thread-safe: every call works on its own clone of a prototype {@link Mac}.
 */
public final class CodeHasher {
    /** The shortest secret accepted. */
    public static final int MIN_SECRET_BYTES = 16;

    /** Hex digits of a {@link #pseudonym}: 16 bytes, so two numbers share one by chance about never. */
    public static final int PSEUDONYM_HEX = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PSEUDONYM_LABEL = "vneid/otp-key-names/v1";

    private final Mac prototype;
    private final SecretKeySpec key;
    private final Mac pseudonymPrototype;
    private final SecretKeySpec pseudonymKey;

    public CodeHasher(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "OTP secret must be at least " + MIN_SECRET_BYTES + " bytes (GW_OTP_SECRET)");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
        this.prototype = newMac(key);
        this.pseudonymKey = new SecretKeySpec(
                newMac(key).doFinal(PSEUDONYM_LABEL.getBytes(StandardCharsets.US_ASCII)), ALGORITHM);
        this.pseudonymPrototype = newMac(pseudonymKey);
    }

    /** A hasher with a random 32-byte secret: hashes do not survive a restart (dev mode only). */
    public static CodeHasher withRandomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new CodeHasher(secret);
    }

    /** The MAC of {@code code} issued for {@code purpose} to {@code citizenId}: 64 hex digits. */
    public String hash(Purpose purpose, String citizenId, String code) {
        Mac mac = mac(prototype, key);
        update(mac, purpose.name());
        update(mac, citizenId);
        update(mac, code);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * A stable, unlinkable name for {@code value} of the given {@code kind} ({@code "cid"}, {@code "ph"}) to put in
     * a Redis key instead of the number itself: {@value #PSEUDONYM_HEX} hex digits of an HMAC under a key derived
     * from the secret. The same secret gives the same name on every instance; without it, the name cannot be
     * turned back into the number (a 10-digit range is no dictionary without the key).
     */
    public String pseudonym(String kind, String value) {
        Mac mac = mac(pseudonymPrototype, pseudonymKey);
        update(mac, kind);
        update(mac, value);
        return HexFormat.of().formatHex(mac.doFinal(), 0, PSEUDONYM_HEX / 2);
    }

    private static Mac mac(Mac prototype, SecretKeySpec key) {
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
