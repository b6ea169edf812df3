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
}
