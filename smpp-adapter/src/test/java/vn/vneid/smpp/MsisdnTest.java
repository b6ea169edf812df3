package vn.vneid.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MsisdnTest {

    @ParameterizedTest
    @ValueSource(strings = {"0912345678", "84912345678", "+84912345678"})
    void acceptedFormsNormaliseToInternational(String raw) {
        assertThat(Msisdn.parse(raw).international()).isEqualTo("84912345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0321234567", "0861234567", "0701234567", "0591234567", "0551234567"})
    void everyCarrierPrefixFamilyIsAccepted(String raw) {
        assertThat(Msisdn.parse(raw).international()).startsWith("84").hasSize(11);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0112345678", "0212345678", "84112345678", "091234567", "09123456789",
            "849123456789", "09123a5678", "+14155552671", "+", "0912 345 678", "0084912345678"})
    void invalidNumbersAreRefused(String raw) {
        assertThatThrownBy(() -> Msisdn.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingNumberIsRefused(String raw) {
        assertThatThrownBy(() -> Msisdn.parse(raw)).hasMessage("is required");
    }

    @Test
    void badPrefixIsNamed() {
        assertThatThrownBy(() -> Msisdn.parse("0112345678")).hasMessage("011 is not a Vietnamese mobile prefix");
    }

    @Test
    void maskedAndToStringHideTheMiddle() {
        Msisdn m = Msisdn.parse("0912345678");
        assertThat(m.masked()).isEqualTo("8491****678");
        assertThat(m.toString()).doesNotContain("12345");
    }
}
