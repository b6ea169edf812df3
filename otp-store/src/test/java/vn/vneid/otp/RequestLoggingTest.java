package vn.vneid.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLoggingTest {

    @Test
    void requestsPrintNoPhoneCitizenIdOrCode() {
        String issue = new IssueRequest(Purpose.LOGIN, "001099012345", "84912345678").toString();
        String verify = new VerifyRequest(Purpose.LOGIN, "001099012345", "654321").toString();
        assertThat(issue).contains("LOGIN").doesNotContain("001099012345").doesNotContain("84912345678");
        assertThat(verify).contains("LOGIN").doesNotContain("001099012345").doesNotContain("654321");
        assertThat(new IssueOutcome.Issued("otp_x", "654321", null, null).toString()).doesNotContain("654321");
    }
}
