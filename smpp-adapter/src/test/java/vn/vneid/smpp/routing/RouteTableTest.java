package vn.vneid.smpp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.Msisdn;

class RouteTableTest {
    private static final Set<String> ALL = RouteTable.VIETNAM_PREFIXES.keySet();
    private static final Route FALLBACK = new Route(List.of(), "viettel", Optional.of("vinaphone"));

    @ParameterizedTest
    @CsvSource({
            "0961234567, viettel", "0861234567, viettel", "0321234567, viettel", "0391234567, viettel",
            "0881234567, vinaphone", "0911234567, vinaphone", "0941234567, vinaphone", "0811234567, vinaphone", "0851234567, vinaphone",
            "0891234567, mobifone", "0901234567, mobifone", "0931234567, mobifone", "0701234567, mobifone", "0791234567, mobifone",
            "0921234567, vietnamobile", "0561234567, vietnamobile", "0581234567, vietnamobile", "0521234567, vietnamobile",
            "0991234567, gmobile", "0591234567, gmobile",
            "0871234567, itel",
            "0551234567, reddi"})
    void everyVietnameseMobilePrefixGoesToItsCarrier(String number, String carrier) {
        RouteTable table = RouteTable.vietnamDefaults(ALL, FALLBACK);
        assertThat(table.resolve(Msisdn.parse(number)).carrier()).isEqualTo(carrier);
    }

    @Test
    void prefixesOfCarriersNotConfiguredFallToTheDefaultRoute() {
        RouteTable table = RouteTable.vietnamDefaults(Set.of("viettel", "mobifone"), FALLBACK);
        assertThat(table.resolve(Msisdn.parse("0921234567"))).isEqualTo(FALLBACK);
        assertThat(table.resolve(Msisdn.parse("0901234567")).carrier()).isEqualTo("mobifone");
    }

    @Test
    void theLongestPrefixWins() {
        Route ported = new Route(List.of("8496123"), "mobifone", Optional.empty());
        Route viettel = new Route(List.of("8496"), "viettel", Optional.of("mobifone"));
        RouteTable table = new RouteTable(List.of(viettel, ported), FALLBACK);
        assertThat(table.resolve(Msisdn.parse("0961234567"))).isEqualTo(ported);
        assertThat(table.resolve(Msisdn.parse("0969999999"))).isEqualTo(viettel);
    }

    @Test
    void nationalPrefixesAreWrittenInternationally() {
        assertThat(RouteTable.international("096")).isEqualTo("8496");
        assertThat(RouteTable.international("96")).isEqualTo("8496");
        assertThat(RouteTable.international("+8496")).isEqualTo("8496");
    }

    @Test
    void aPrefixRoutedTwiceIsRefused() {
        assertThatThrownBy(() -> new RouteTable(List.of(new Route(List.of("8496"), "a", Optional.empty()),
                new Route(List.of("8496"), "b", Optional.empty())), FALLBACK))
                .hasMessageContaining("8496");
    }
}
