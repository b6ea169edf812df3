package vn.vneid.otp.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import vn.vneid.otp.CodeHasher;
import vn.vneid.otp.IssueOutcome;

/** Small shared pieces of the OTP store's integration tests. */
final class OtpTestSupport {
    static final CodeHasher HASHER = new CodeHasher("integration-test-secret-32-bytes".getBytes(StandardCharsets.UTF_8));
    static final OtpKeys KEYS = new OtpKeys(HASHER);
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    private OtpTestSupport() {
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete normally", e);
        }
    }

    static IssueOutcome.Issued issued(IssueOutcome outcome) {
        if (outcome instanceof IssueOutcome.Issued issued) {
            return issued;
        }
        throw new AssertionError("expected Issued but was " + outcome);
    }

    /** A 12-digit citizen ID that differs by {@code n}. */
    static String citizen(int n) {
        return String.format("0010990%05d", n);
    }

    /** A Vietnamese mobile number in international form that differs by {@code n}. */
    static String phone(int n) {
        return String.format("849%08d", n);
    }

    /** A code of the same length guaranteed to differ from {@code code}. */
    static String wrong(String code) {
        char first = code.charAt(0) == '9' ? '0' : (char) (code.charAt(0) + 1);
        return first + code.substring(1);
    }
}
