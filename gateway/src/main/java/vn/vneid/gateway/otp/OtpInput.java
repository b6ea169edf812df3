package vn.vneid.gateway.otp;

import java.util.Arrays;
import java.util.Locale;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.otp.Purpose;
import vn.vneid.smpp.Msisdn;

/** The edge rules for OTP requests: known purpose, 12-digit citizen ID, Vietnamese mobile, known locale, digit codes. */
final class OtpInput {
    private OtpInput() {
    }

    record Issue(Purpose purpose, String citizenId, Msisdn phone, String locale) {
        /** What identifies the request for Idempotency-Key reuse checks. */
        String fingerprint() {
            return purpose + "|" + citizenId + "|" + phone.international() + "|" + locale;
        }
    }

    record Verify(Purpose purpose, String citizenId, String code) {
        @Override
        public String toString() {
            return "Verify[" + purpose + "]";
        }
    }

    static Issue issue(JsonRequest body) {
        Purpose purpose = purpose(body);
        String citizenId = citizenId(body);
        Msisdn phone;
        try {
            phone = Msisdn.parse(body.string("phone"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("phone", e.getMessage());
        }
        String locale = body.optionalString("locale");
        if (locale == null) {
            locale = OtpTexts.DEFAULT_LOCALE;
        } else if (!OtpTexts.supports(locale)) {
            throw ProblemException.invalidField("locale", "must be vi or en");
        }
        return new Issue(purpose, citizenId, phone, locale.toLowerCase(Locale.ROOT));
    }

    static Verify verify(JsonRequest body) {
        Purpose purpose = purpose(body);
        String citizenId = citizenId(body);
        String code = body.string("code");
        if (code.length() < 4 || code.length() > 10 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ProblemException.invalidField("code", "must be the 4 to 10 digits of the SMS");
        }
        return new Verify(purpose, citizenId, code);
    }

    /** {@code 0010******45}: enough to tell cases apart in a log, not enough to identify a citizen. */
    static String maskCitizenId(String citizenId) {
        return citizenId.length() < 8 ? "****" : citizenId.substring(0, 4) + "******" + citizenId.substring(citizenId.length() - 2);
    }

    private static Purpose purpose(JsonRequest body) {
        String raw = body.string("purpose");
        try {
            return Purpose.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("purpose", "must be one of " + Arrays.toString(Purpose.values()));
        }
    }

    private static String citizenId(JsonRequest body) {
        String id = body.string("citizenId");
        if (id.length() != 12 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ProblemException.invalidField("citizenId", "must be exactly 12 digits");
        }
        return id;
    }
}
