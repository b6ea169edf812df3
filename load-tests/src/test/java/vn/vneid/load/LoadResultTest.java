package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadResultTest {
    private static final long MS = 1_000_000;

    @Test
    void aRefusalKnownByItsStatusAloneStaysAnError() {
        LoadResult result = new LoadResult(202);
        result.onSent();
        result.onResponse(503, 0, MS);
        result.onSent();
        result.onResponse(202, 0, 2 * MS);
        result.finish();
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.shed()).isZero();
        assertThat(result.accepted()).isEqualTo(1);
    }

    @Test
    void shedAnswersAreNeitherErrorsNorAcceptedAndHaveTheirOwnLatency() {
        LoadResult result = new LoadResult(202);
        result.onSent();
        result.onAnswer(new Answer(503, "1", Answer.OVERLOADED), 0, MS);
        result.onSent();
        result.onAnswer(new Answer(503, "1", "store.unavailable"), 0, MS);
        result.onSent();
        result.onAnswer(Answer.ofStatus(202), 0, 40 * MS);
        result.finish();
        assertThat(result.shed()).isEqualTo(1);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.answered()).isEqualTo(3);
        assertThat(result.shedLatency().getTotalCount()).isEqualTo(1);
        assertThat(result.acceptedLatency().getValueAtPercentile(50)).isGreaterThanOrEqualTo(40_000);
        assertThat(result.unexpectedCounts().getMap()).containsOnlyKeys("503 overloaded", "503 store.unavailable");
    }

    @Test
    void unexpectedAnswerLabelsAreBounded() {
        LoadResult result = new LoadResult(202);
        for (int i = 0; i < 100; i++) {
            result.onSent();
            result.onAnswer(new Answer(429, "1", "invented." + i), 0, MS);
        }
        assertThat(result.unexpectedCounts().size()).isLessThanOrEqualTo(33);
        assertThat(result.unexpectedCounts().getLong("other")).isEqualTo(100 - 32);
        assertThat(result.shed()).isEqualTo(100);
    }
}
