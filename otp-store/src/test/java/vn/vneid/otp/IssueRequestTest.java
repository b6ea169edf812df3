package vn.vneid.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IssueRequestTest {
    @Test
    void numberPrefixIsTheFirstFourDigitsOfTheInternationalNumber() {
        assertThat(new IssueRequest(Purpose.ACTIVATE, "001099012345", "84961234567").numberPrefix()).isEqualTo("8496");
        assertThat(new IssueRequest(Purpose.LOGIN, "001099012345", "84321234567").numberPrefix()).isEqualTo("8432");
    }

    @Test
    void verifyOutcomesWithoutAPrefixCarryAnEmptyOne() {
        assertThat(VerifyOutcome.of(VerifyOutcome.Result.NOT_FOUND).prefix()).isEmpty();
        assertThat(VerifyOutcome.approved("8496").prefix()).isEqualTo("8496");
    }
}
