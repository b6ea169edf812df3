package vn.vneid.gateway.notices.status;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New message ids: {@code msg_} and 32 lowercase hex digits (128 random bits, unguessable: the id is what a
 * client uses to read a message's status). Drawn from a DRBG per thread rather than {@code UUID.randomUUID()},
 * whose one JVM-wide {@code NativePRNG} reads {@code /dev/urandom} under a lock on every call.
 */
public final class MessageIds {
    private static final int ID_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(MessageIds::newDrbg);

    private MessageIds() {
    }

    public static String next() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.get().nextBytes(bytes);
        return "msg_" + HEX.formatHex(bytes);
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the DRBG SecureRandom is not available in this JVM", e);
        }
    }
}
