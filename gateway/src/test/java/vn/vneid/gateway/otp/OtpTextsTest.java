package vn.vneid.gateway.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.vneid.otp.Purpose;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.encoding.SmsEncoder;

class OtpTextsTest {

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void everyOtpTextIsOneGsm7SegmentInBothLocales(Purpose purpose) {
        for (String locale : new String[] {"vi", "en"}) {
            String text = OtpTexts.render(purpose, locale, "1234567890", Duration.ofMinutes(15));
            EncodedSms encoded = SmsEncoder.encode(text, 0);
            assertThat(encoded.encodingName()).as(text).isEqualTo("gsm7");
            assertThat(encoded.segments()).as(text).hasSize(1);
            assertThat(text).contains("1234567890").contains("15");
        }
    }

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void everyOtpTextWarnsNotToShareTheCode(Purpose purpose) {
        assertThat(OtpTexts.render(purpose, "vi", "123456", Duration.ofMinutes(5))).contains("KHONG cung cap ma nay");
        assertThat(OtpTexts.render(purpose, "en", "123456", Duration.ofMinutes(5))).contains("Do NOT share");
    }

    @org.junit.jupiter.api.Test
    void ttlIsShownInWholeMinutesRoundedUp() {
        assertThat(OtpTexts.render(Purpose.ACTIVATE, "vi", "123456", Duration.ofSeconds(90)))
                .isEqualTo("VNeID: Ma kich hoat cua ban la 123456, hieu luc 2 phut. KHONG cung cap ma nay cho bat ky ai.");
    }
}
