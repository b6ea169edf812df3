package vn.vneid.load;

import io.vertx.core.http.RequestOptions;
import java.util.function.LongFunction;

/**
 * What request {@code i} of a run is: where it goes, its JSON body, and the status that counts as success.
 * Bodies are built from the run's {@link Identities}, so each request has a citizen and phone of its own.
 */
final class Workloads {
    private Workloads() {
    }

    /** One kind of request a run sends at its rate. */
    record Workload(String name, RequestOptions request, int expectedStatus, LongFunction<String> body) {
    }

    static Workload issue(GatewayClient client, String purpose, Identities ids) {
        return new Workload("POST /v1/otp", client.post("/v1/otp"), 202, i -> otpBody(purpose, ids, i));
    }

    /** Verifies request {@code i}'s OTP with {@code codes[i]}, read from the simulator. */
    static Workload verify(GatewayClient client, String purpose, Identities ids, String[] codes) {
        return new Workload("POST /v1/otp/verify", client.post("/v1/otp/verify"), 200,
                i -> "{\"purpose\":\"" + purpose + "\",\"citizenId\":\"" + ids.citizenId(i) + "\",\"code\":\""
                        + codes[(int) i] + "\"}");
    }

    /** A transactional scam warning, unaccented (one GSM-7 segment), to phone {@code i}. */
    static Workload notices(GatewayClient client, Identities ids) {
        return notice(client, ids, "TRANSACTIONAL", "\"template\":\"SCAM_WARNING\"");
    }

    /** A bulk activation reminder (the campaigns' template), unaccented, to phone {@code i}. */
    static Workload bulkNotices(GatewayClient client, Identities ids) {
        return notice(client, ids, "BULK", "\"template\":\"ACTIVATION_REMINDER\",\"vars\":{\"deadline\":\"2027-03-15\"}");
    }

    private static Workload notice(GatewayClient client, Identities ids, String category, String template) {
        return new Workload("POST /v1/messages", client.post("/v1/messages"), 202,
                i -> "{\"to\":\"" + ids.phone(i) + "\",\"category\":\"" + category + "\"," + template + ",\"unaccent\":true}");
    }

    static String otpBody(String purpose, Identities ids, long i) {
        return "{\"purpose\":\"" + purpose + "\",\"citizenId\":\"" + ids.citizenId(i) + "\",\"phone\":\"" + ids.phone(i)
                + "\"}";
    }
}
