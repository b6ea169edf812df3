package vn.vneid.otp;

/**
 * The store (Redis) did not answer in time or refused the connection. Recoverable: nothing was issued,
 * so the caller may retry later; callers answer 503 with Retry-After.
 */
public class OtpStoreUnavailableException extends RuntimeException {
    public OtpStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
