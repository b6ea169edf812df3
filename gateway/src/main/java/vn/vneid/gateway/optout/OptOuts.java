package vn.vneid.gateway.optout;

import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.lanes.Category;
import vn.vneid.smpp.Msisdn;

/** Citizens who asked not to receive a category of notices. Bulk honours it; OTP and transactional do not. */
public interface OptOuts {
    CompletionStage<Boolean> isOptedOut(Msisdn phone, Category category);
}
