package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.vneid.load.Answer.Outcome;

/** How the overload scenario judges canned answers: shedding only with a code that says so and a Retry-After. */
class AnswerTest {
    private static final String OVERLOADED = "{\"type\":\"urn:vneid:problem:overloaded\",\"status\":503,\"code\":\"overloaded\"}";

    @Test
    void theExpectedSuccessIsAccepted() {
        assertThat(Answer.ofStatus(202).outcome(202)).isEqualTo(Outcome.ACCEPTED);
        assertThat(Answer.ofStatus(200).outcome(200)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void overloadedWithRetryAfterIsShed() {
        assertThat(answer(503, "1", OVERLOADED).outcome(202)).isEqualTo(Outcome.SHED);
        assertThat(answer(503, "Wed, 21 Oct 2026 07:28:00 GMT", OVERLOADED).outcome(200)).isEqualTo(Outcome.SHED);
    }

    @Test
    void storeUnavailableIsAnErrorEvenWithRetryAfter() {
        Answer answer = answer(503, "2", "{\"status\":503,\"code\":\"store.unavailable\"}");
        assertThat(answer.outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer.label()).isEqualTo("503 store.unavailable");
    }

    @Test
    void aTooManyRequestsWithRetryAfterIsShedWhateverItsCode() {
        assertThat(answer(429, "1", "{\"code\":\"client.rate_limited\"}").outcome(202)).isEqualTo(Outcome.SHED);
        assertThat(answer(429, "30", "{\"code\":\"otp.prefix_held\"}").outcome(202)).isEqualTo(Outcome.SHED);
        assertThat(answer(429, "1", "not json").outcome(202)).isEqualTo(Outcome.SHED);
    }

    @Test
    void aRefusalWithoutAValidRetryAfterIsAnError() {
        Answer overloaded = answer(503, null, OVERLOADED);
        assertThat(overloaded.outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(overloaded.label()).isEqualTo("503 overloaded (no valid Retry-After)");
        assertThat(answer(503, " ", OVERLOADED).outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(503, "soon", OVERLOADED).outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(503, "-1", OVERLOADED).outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(429, null, "{\"code\":\"client.rate_limited\"}").outcome(202)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aServiceUnavailableWithoutReadableCodeIsAnError() {
        assertThat(answer(503, "1", "<html>busy</html>").outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(503, "1", "{\"code\":7}").outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(503, "1", "[1,2]").outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(503, "1", "<html>busy</html>").label()).isEqualTo("503 (no code)");
    }

    @Test
    void anyOtherStatusIsAnError() {
        assertThat(Answer.ofStatus(500).outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(Answer.ofStatus(400).outcome(202)).isEqualTo(Outcome.ERROR);
        assertThat(answer(502, "1", OVERLOADED).outcome(202)).as("only 503 carries overloaded").isEqualTo(Outcome.ERROR);
        assertThat(Answer.ofStatus(200).outcome(202)).as("a success other than the expected one").isEqualTo(Outcome.ERROR);
        assertThat(Answer.ofStatus(500).label()).isEqualTo("500");
    }

    private static Answer answer(int status, String retryAfter, String body) {
        return new Answer(status, retryAfter, Answer.problemCode(body));
    }
}
