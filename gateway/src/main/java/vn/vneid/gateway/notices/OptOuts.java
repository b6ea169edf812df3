package vn.vneid.gateway.notices;

import java.util.concurrent.CompletionStage;
import vn.vneid.smpp.Msisdn;

/** Citizens who asked not to receive a category of notices. Bulk honours it; OTP and transactional do not. */
public interface OptOuts {
    CompletionStage<Boolean> isOptedOut(Msisdn phone, Category category);
}
