package vn.vneid.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarrierUrlTest {

    @Test
    void readsEveryParameter() {
        CarrierConfig c = CarrierUrl.parse("viettel", "GW_SMSC_URL",
                "smpp://vneid:s3cret@smsc.example.vn:2776?binds=4&window=64&tps=500&source=VNeID-OTP"
                        + "&systemType=OTP&enquireLink=15s&responseTimeout=2500ms&reconnectMin=1s&reconnectMax=1m");

        assertThat(c.name()).isEqualTo("viettel");
        assertThat(c.host()).isEqualTo("smsc.example.vn");
        assertThat(c.port()).isEqualTo(2776);
        assertThat(c.systemId()).isEqualTo("vneid");
        assertThat(c.password()).isEqualTo("s3cret");
        assertThat(c.binds()).isEqualTo(4);
        assertThat(c.window()).isEqualTo(64);
        assertThat(c.tps()).isEqualTo(500);
        assertThat(c.sourceAddress()).isEqualTo("VNeID-OTP");
        assertThat(c.systemType()).isEqualTo("OTP");
        assertThat(c.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.reconnectDelayMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.reconnectDelayMax()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void appliesDefaults() {
        CarrierConfig c = CarrierUrl.parse("default", "smpp://vneid:pw@127.0.0.1:2775");

        assertThat(c.binds()).isEqualTo(1);
        assertThat(c.window()).isEqualTo(32);
        assertThat(c.tps()).isEqualTo(1000);
        assertThat(c.sourceAddress()).isEqualTo("VNeID");
        assertThat(c.systemType()).isEmpty();
        assertThat(c.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.reconnectDelayMin()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.reconnectDelayMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void missingPortIsTheSmppDefault() {
        assertThat(CarrierUrl.parse("c", "smpp://vneid:pw@smsc").port()).isEqualTo(2775);
    }

    @Test
    void decodesUrlEncodedCredentialsAndSpacesInTheBrandname() {
        CarrierConfig c = CarrierUrl.parse("c", "smpp://ve%3Aid:p%40s+s%2F@smsc:2775?source=Bo%20CA&enquireLink=PT1M");

        assertThat(c.systemId()).isEqualTo("ve:id");
        assertThat(c.password()).isEqualTo("p@s+s/");
        assertThat(c.sourceAddress()).isEqualTo("Bo CA");
        assertThat(c.enquireLinkInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void passwordIsNotInToString() {
        assertThat(CarrierUrl.parse("c", "smpp://vneid:hunter2@smsc").toString()).doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "smpp://vneid:pw@smsc:70000                     | GW_SMSC_URL: port must be 1..65535",
            "smpp://vneid:pw@smsc:0                         | GW_SMSC_URL: port must be 1..65535",
            "http://vneid:pw@smsc:2775                      | GW_SMSC_URL: scheme must be smpp://",
            "smpp://smsc:2775                               | GW_SMSC_URL: systemId is missing",
            "smpp://vneid:pw@:2775                          | GW_SMSC_URL: host is missing",
            "smpp://vneid:pw@smsc?binds=0                   | GW_SMSC_URL: binds must be 1..64",
            "smpp://vneid:pw@smsc?window=lots               | GW_SMSC_URL: window must be a whole number",
            "smpp://vneid:pw@smsc?tps=0                     | GW_SMSC_URL: tps must be at least 1",
            "smpp://vneid:pw@smsc?windows=3                 | GW_SMSC_URL: unknown parameter 'windows'",
            "smpp://vneid:pw@smsc?enquireLink=soon          | GW_SMSC_URL: enquireLink must be a positive duration",
            "smpp://vneid:pw@smsc?responseTimeout=0s        | GW_SMSC_URL: responseTimeout must be a positive duration",
            "smpp://vneid:pw@smsc?reconnectMin=5s&reconnectMax=1s | GW_SMSC_URL: reconnectMax must not be less",
            "smpp://vneid:pw@smsc?source=VNeID-OTP-2025     | GW_SMSC_URL: source must be 1..11",
            "smpp://vneid:pw@smsc?source=VNeID!             | GW_SMSC_URL: source must be 1..11",
            "smpp://vneid:pw@smsc?source=                   | GW_SMSC_URL: source must be 1..11",
            "smpp://vneid:pw@smsc?source=1900123            | GW_SMSC_URL: source must not be digits only",
            "smpp://vneid:waytoolongpw@smsc                 | GW_SMSC_URL: password must be at most 8",
            "smpp://vneid:pw@smsc:2775/%zz                  | GW_SMSC_URL: is not a valid URL",
    })
    void badUrlsAreRefusedNamingTheBadPart(String url, String message) {
        assertThatThrownBy(() -> CarrierUrl.parse("default", "GW_SMSC_URL", url.trim()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.trim());
    }

    @Test
    void emptyUrlIsRefused() {
        assertThatThrownBy(() -> CarrierUrl.parse("default", "GW_SMSC_URL", " "))
                .hasMessage("GW_SMSC_URL: is required, as smpp://systemId:password@host:port");
    }
}
