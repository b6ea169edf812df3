package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vneid.load.RequestMix.RequestClass;

/** The per-class figures of an overload run, from canned answers: what the bench's table is made of. */
class MixResultTest {
    private static final long MS = 1_000_000;
    private static final MixResult.Window ONE_SECOND = new MixResult.Window(0, 1_000 * MS);
    private static final String OVERLOADED = "{\"code\":\"overloaded\"}";

    @Test
    void shedAnswersAreCountedApartFromAcceptedOnesAndFromErrors() {
        MixResult result = new MixResult(RequestMix.parse("verify=1,issue=1"), c -> c == RequestClass.VERIFY ? 200 : 202);
        LoadResult verify = result.of(RequestClass.VERIFY);
        LoadResult issue = result.of(RequestClass.ISSUE);
        answer(verify, Answer.ofStatus(200), 10);
        answer(verify, Answer.ofStatus(200), 20);
        answer(issue, Answer.ofStatus(202), 40);
        answer(issue, new Answer(503, "1", Answer.problemCode(OVERLOADED)), 2);
        answer(issue, new Answer(503, "1", Answer.problemCode(OVERLOADED)), 3);
        answer(issue, new Answer(503, "5", Answer.problemCode("{\"code\":\"store.unavailable\"}")), 4);
        issue.onDropped();
        result.finish();

        assertThat(result.of(RequestClass.TRANSACTIONAL)).as("a class without a share is not reported").isNull();
        assertThat(result.errorRatio()).isEqualTo(1 / 7.0);
        JsonObject json = result.json(ONE_SECOND);
        assertThat(json.getLong("scheduled")).isEqualTo(7);
        assertThat(json.getLong("shed")).isEqualTo(2);
        assertThat(json.getLong("errors")).isEqualTo(1);
        assertThat(json.getDouble("achievedPerSecond")).isEqualTo(3.0);
        JsonObject issueJson = json.getJsonObject("classes").getJsonObject("issue");
        assertThat(issueJson.getDouble("offeredPerSecond")).isEqualTo(5.0);
        assertThat(issueJson.getDouble("achievedPerSecond")).isEqualTo(1.0);
        assertThat(issueJson.getDouble("shedShare")).isEqualTo(0.4);
        assertThat(issueJson.getLong("dropped")).isEqualTo(1);
        assertThat(issueJson.getJsonObject("latencyMs").getLong("count")).isEqualTo(1);
        assertThat(issueJson.getJsonObject("shedLatencyMs").getLong("count")).isEqualTo(2);
        assertThat(issueJson.getJsonObject("shedLatencyMs").getDouble("max")).isCloseTo(3.0, within(0.01));
        assertThat(issueJson.getJsonObject("answers").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("503 overloaded", 2L, "503 store.unavailable", 1L));
        assertThat(json.getJsonObject("classes").getJsonObject("verify").getLong("shed")).isZero();
    }

    @Test
    void theResultLineCarriesTotalsAndEveryClassForTheBench() {
        MixResult result = new MixResult(RequestMix.parse("verify=1,bulk=1"), c -> c == RequestClass.VERIFY ? 200 : 202);
        answer(result.of(RequestClass.VERIFY), Answer.ofStatus(200), 8);
        answer(result.of(RequestClass.BULK), new Answer(503, "1", Answer.problemCode(OVERLOADED)), 1);
        result.finish();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        result.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 2, ONE_SECOND, 42);
        String line = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow();
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
            fields.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(fields).containsEntry("rate", "2").containsEntry("achieved", "1.0").containsEntry("p99", "8.00")
                .containsEntry("errors", "0").containsEntry("dropped", "0").containsEntry("next_id_offset", "42")
                .containsEntry("answered", "2.0").containsEntry("shed", "1").containsEntry("shed_pct", "50.00")
                .containsEntry("shed_p99", "1.00")
                .containsEntry("verify_goodput", "1.0").containsEntry("verify_shed_pct", "0.00")
                .containsEntry("verify_p99", "8.00").containsEntry("verify_shed_p99", "-")
                .containsEntry("bulk_offered", "1.0").containsEntry("bulk_goodput", "0.0")
                .containsEntry("bulk_shed_pct", "100.00").containsEntry("bulk_p99", "-").containsEntry("bulk_shed_p99", "1.00")
                .containsEntry("bulk_errors", "0");
        assertThat(fields).doesNotContainKeys("issue_offered", "transactional_offered");
    }

    /** One request sent at 0 and answered {@code ms} later. */
    private static void answer(LoadResult result, Answer answer, long ms) {
        result.onSent();
        result.onAnswer(answer, 0, ms * MS);
    }
}
