package vn.vneid.gateway.admission;

import io.vertx.core.http.HttpMethod;

/**
 * What a request is worth when the gateway is past its capacity, in the order classes are shed (first shed
 * first): {@link #BULK} campaign work and bulk notices, {@link #TRANSACTIONAL} notices and the other API reads and
 * admin calls, {@link #OTP_ISSUE}, and {@link #OTP_VERIFY} last, because a citizen typing a code is the most
 * valuable request (the SMS is already paid for and the citizen is waiting).
 */
public enum RequestClass {
    BULK,
    TRANSACTIONAL,
    OTP_ISSUE,
    OTP_VERIFY;

    /** The metric label and config key: {@code bulk}, {@code transactional}, {@code issue}, {@code verify}. */
    public String label() {
        return switch (this) {
            case BULK -> "bulk";
            case TRANSACTIONAL -> "transactional";
            case OTP_ISSUE -> "issue";
            case OTP_VERIFY -> "verify";
        };
    }

    /**
     * The class of a route, by its template: campaign create, actions and recipient uploads are bulk (reading a
     * campaign is not); {@code POST /v1/otp} and {@code /v1/otp/verify} are OTP work; everything else
     * (notices, reads, admin) is transactional. {@code POST /v1/messages} starts as transactional and is
     * moved to bulk by its body's {@code category} ({@link Admission#byCategory}).
     */
    public static RequestClass of(HttpMethod method, String route) {
        if (route.startsWith("/v1/campaigns")) {
            return HttpMethod.GET.equals(method) ? TRANSACTIONAL : BULK;
        }
        if (HttpMethod.POST.equals(method) && route.equals("/v1/otp")) {
            return OTP_ISSUE;
        }
        if (HttpMethod.POST.equals(method) && route.equals("/v1/otp/verify")) {
            return OTP_VERIFY;
        }
        return TRANSACTIONAL;
    }
}
