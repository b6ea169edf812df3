package vn.vneid.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CarrierQuirksUrlTest {

    @Test
    void quirksDefaultToTheSafeChoices() {
        CarrierConfig c = CarrierUrl.parse("viettel", "smpp://vneid:pw@10.1.1.1:2775");
        assertThat(c.bindMode()).isEqualTo(BindMode.TRANSCEIVER);
        assertThat(c.longMessages()).isEqualTo(LongMessageMode.UDH8);
        assertThat(c.onResponseTimeout()).isEqualTo(ResponseTimeoutPolicy.NEVER_RESEND);
        assertThat(c.receiptIds()).isEqualTo(ReceiptIdFormat.SAME);
    }

    @Test
    void quirksAreReadCaseInsensitively() {
        CarrierConfig c = CarrierUrl.parse("mobifone", "smpp://vneid:pw@10.1.1.1:2775"
                + "?bind=TX&longMessages=payload&onTimeout=resend_once&receiptIds=hex_submit_decimal_receipt");
        assertThat(c.bindMode()).isEqualTo(BindMode.TRANSMITTER);
        assertThat(c.longMessages()).isEqualTo(LongMessageMode.PAYLOAD);
        assertThat(c.onResponseTimeout()).isEqualTo(ResponseTimeoutPolicy.RESEND_ONCE);
        assertThat(c.receiptIds()).isEqualTo(ReceiptIdFormat.HEX_SUBMIT_DECIMAL_RECEIPT);
    }

    @Test
    void unknownQuirkValueNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> CarrierUrl.parse("x", "GW_SMSC_URL", "smpp://vneid:pw@h:1?longMessages=udh32"))
                .hasMessage("GW_SMSC_URL: longMessages must be one of [payload, udh16, udh8], got 'udh32'");
    }
}
