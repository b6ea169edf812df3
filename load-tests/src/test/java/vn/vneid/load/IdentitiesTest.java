package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.Msisdn;

class IdentitiesTest {
    private static final int COUNT = 100_000;

    @Test
    void hundredThousandIdentitiesAreUniqueValidCitizenIdsAndVietnameseMobiles() {
        Identities ids = new Identities(1_234_567, COUNT);
        Set<String> citizens = new HashSet<>();
        Set<String> phones = new HashSet<>();

        for (long i = 0; i < COUNT; i++) {
            String citizen = ids.citizenId(i);
            String phone = ids.phone(i);
            assertThat(citizen).hasSize(12).containsOnlyDigits();
            assertThat(Msisdn.parse(phone).international()).isEqualTo(phone);
            citizens.add(citizen);
            phones.add(phone);
        }

        assertThat(citizens).hasSize(COUNT);
        assertThat(phones).hasSize(COUNT);
    }

    @Test
    void followsTheCounterWithZeroPadding() {
        Identities ids = new Identities(0, 10);

        assertThat(ids.citizenId(7)).isEqualTo("000000000007");
        assertThat(ids.phone(7)).isEqualTo("84960000007");
    }

    @Test
    void consecutiveRunsDoNotOverlap() {
        Identities first = new Identities(0, COUNT);
        Identities second = new Identities(first.nextOffset(COUNT), COUNT);
        Set<String> phones = new HashSet<>();

        for (long i = 0; i < COUNT; i++) {
            phones.add(first.phone(i));
            phones.add(second.phone(i));
        }

        assertThat(phones).hasSize(2 * COUNT);
    }

    @Test
    void refusesARunThatWouldRunOutOfFreshPhones() {
        assertThat(new Identities(Identities.CAPACITY - 5, 5).phone(4)).isEqualTo("84969999999");
        assertThatThrownBy(() -> new Identities(Identities.CAPACITY - 5, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--id-offset");
        assertThatThrownBy(() -> new Identities(0, Identities.CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPhoneLeadsBackToItsRequestOnlyWithinItsRunAndPrefix() {
        Identities notices = new Identities(500, 10, Identities.NOTICE_PREFIX);

        assertThat(notices.phone(3)).isEqualTo("84970000503");
        assertThat(notices.indexOf("84970000503")).isEqualTo(3);
        assertThat(notices.indexOf("84960000503")).as("another scenario's prefix").isEqualTo(-1);
        assertThat(notices.indexOf("8497000050")).as("too short").isEqualTo(-1);
        assertThat(notices.indexOf("84970000499")).as("an earlier run's phone").isNegative();
        assertThatThrownBy(() -> new Identities(0, 1, "0912")).isInstanceOf(IllegalArgumentException.class);
    }
}
