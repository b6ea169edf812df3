package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetupTest {
    @Test
    void receiptsRecordedAreTheSumOfEverySeriesOfTheCounterAndNothingElse() {
        String exposition = """
                # HELP sms_receipts_total Delivery receipts, by status
                # TYPE sms_receipts_total counter
                sms_receipts_total{carrier="default",status="delivered"} 49990.0
                sms_receipts_total{carrier="default",status="undeliverable"} 10.0
                sms_receipts_total{carrier="backup",status="delivered"} 5.0 1700000000000
                # TYPE sms_receipts_deferred_total counter
                sms_receipts_deferred_total{carrier="default"} 7.0
                sms_submitted_total{carrier="default",result="accepted"} 50000.0
                """;
        assertThat(Setup.sumOf(Setup.RECEIPTS_METRIC, exposition)).isEqualTo(50_005);
        assertThat(Setup.sumOf(Setup.RECEIPTS_METRIC, "# nothing yet\n")).isZero();
    }
}
