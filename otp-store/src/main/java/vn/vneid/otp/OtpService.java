package vn.vneid.otp;

import java.util.concurrent.CompletionStage;
import vn.vneid.redis.StoreUnavailableException;

/**
 * The OTP port. {@link #issue} checks the resend cooldown and the per-phone and per-citizen limits of the
 * purpose's {@link OtpPolicy}, and when they allow it stores a fresh code as an HMAC, replacing any earlier
 * code for the same purpose and citizen; the clear code is returned once, to be sent. A refused issue
 * stores and counts nothing. {@link #verify} is atomic and single use: a match consumes the code, a miss
 * spends one attempt, and the last allowed miss kills the code. Limits and wrong codes are ordinary
 * outcomes, not exceptions; the returned stage fails only with {@link StoreUnavailableException}
 * when the store cannot be reached in time.
 */
public interface OtpService {

    CompletionStage<IssueOutcome> issue(IssueRequest request);

    CompletionStage<VerifyOutcome> verify(VerifyRequest request);

    OtpPolicies policies();
}
