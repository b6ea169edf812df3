package vn.vneid.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import vn.vneid.redis.StoreUnavailableException;

class RequestClassTest {
    @Test
    void campaignWorkIsBulkOtpIsItsOwnAndEverythingElseIsTransactional() {
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/campaigns")).isEqualTo(RequestClass.BULK);
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/campaigns/:id/recipients")).isEqualTo(RequestClass.BULK);
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/campaigns/:id/:action")).isEqualTo(RequestClass.BULK);
        assertThat(RequestClass.of(HttpMethod.GET, "/v1/campaigns/:id")).isEqualTo(RequestClass.TRANSACTIONAL);
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/messages")).isEqualTo(RequestClass.TRANSACTIONAL);
        assertThat(RequestClass.of(HttpMethod.GET, "/v1/messages/:id")).isEqualTo(RequestClass.TRANSACTIONAL);
        assertThat(RequestClass.of(HttpMethod.PUT, "/v1/templates/:name")).isEqualTo(RequestClass.TRANSACTIONAL);
        assertThat(RequestClass.of(HttpMethod.DELETE, "/v1/optouts/:phone")).isEqualTo(RequestClass.TRANSACTIONAL);
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/otp")).isEqualTo(RequestClass.OTP_ISSUE);
        assertThat(RequestClass.of(HttpMethod.POST, "/v1/otp/verify")).isEqualTo(RequestClass.OTP_VERIFY);
    }

    @Test
    void aNoticeIsBulkOnlyWhenItsCategoryFieldSaysSo() {
        assertThat(Admission.isBulk(Buffer.buffer("{\"to\":\"0912345678\",\"category\":\"BULK\",\"text\":\"hi\"}"))).isTrue();
        assertThat(Admission.isBulk(Buffer.buffer("{\"category\":\"TRANSACTIONAL\",\"text\":\"BULK\"}"))).isFalse();
        assertThat(Admission.isBulk(Buffer.buffer("{\"category\":\"TRANSACTIONAL\"}"))).isFalse();
        assertThat(Admission.isBulk(Buffer.buffer("{\"category\":\"BULK\""))).as("not JSON: the handler refuses it").isFalse();
        assertThat(Admission.isBulk(Buffer.buffer("[\"BULK\"]"))).isFalse();
        assertThat(Admission.isBulk(Buffer.buffer(""))).isFalse();
        assertThat(Admission.isBulk(null)).isFalse();
    }

    @Test
    void timeoutsAnywhereInTheCauseChainAreDropsOtherFailuresAreNot() {
        assertThat(AdmissionHandler.timedOut(new CompletionException(new StoreUnavailableException("slow",
                new io.lettuce.core.RedisCommandTimeoutException("Command timed out"))))).isTrue();
        assertThat(AdmissionHandler.timedOut(new TimeoutException())).isTrue();
        assertThat(AdmissionHandler.timedOut(null)).as("a status-only 503, as a timeout handler fails").isTrue();
        assertThat(AdmissionHandler.timedOut(new StoreUnavailableException("refused",
                new io.lettuce.core.RedisConnectionException("Connection refused")))).isFalse();
    }
}
