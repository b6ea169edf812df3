package vn.vneid.gateway.notices.dispatch;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vn.vneid.smpp.Msisdn;

/**
 * Seals an accepted OTP's SMS for the time it waits in Redis (AES-256-GCM, a random 96-bit nonce per message,
 * the message id as associated data so a sealed text cannot be moved to another message), so that any instance
 * can send it after the one that accepted it died, while Redis never holds the code or the phone number in
 * clear. The key is derived from the OTP secret ({@code HMAC-SHA256(secret, "vneid/otp-outbox/v1")}): whoever
 * has that secret and Redis can already recover any code from its stored HMAC (a 6-digit code is a million
 * guesses), so the seal adds no new exposure; without the secret neither can be read.
 */
final class SmsSeal {
    private static final String LABEL = "vneid/otp-outbox/v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SmsSeal::drbg);
    private final SecretKeySpec key;

    SmsSeal(byte[] otpSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(otpSecret, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Base64 of nonce and ciphertext. */
    String seal(OtpSms sms) {
        byte[] plain = new JsonObject().put("c", sms.client()).put("to", sms.to().international()).put("t", sms.text())
                .put("v", sms.validUntil().toEpochMilli()).put("r", sms.requestId()).put("k", sms.kind())
                .encode().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.get().nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, sms.messageId());
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal", e);
        }
    }

    /**
     * The SMS sealed for {@code messageId}; throws {@link IllegalArgumentException} when it was not sealed with
     * this secret for this message (another secret, another message, altered).
     */
    OtpSms open(String messageId, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            if (all.length <= NONCE_BYTES) {
                throw new IllegalArgumentException("sealed SMS too short");
            }
            byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, messageId);
            JsonObject json = new JsonObject(new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
            return new OtpSms(messageId, json.getString("c"), Msisdn.parse(json.getString("to")), json.getString("t"),
                    Instant.ofEpochMilli(json.getLong("v")), json.getString("r"), json.getString("k"), 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed SMS of " + messageId + " cannot be opened with this secret", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String messageId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(messageId.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the DRBG SecureRandom is not available in this JVM", e);
        }
    }
}
