package vn.vneid.smpp.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Destinations starting with one of {@code prefixes} (international form, {@code 8496…}) go to {@code carrier};
 * when it has no bound session or keeps failing, to {@code failover} if there is one (numbers are ported
 * between carriers, so another carrier can usually still deliver).
 */
public record Route(List<String> prefixes, String carrier, Optional<String> failover) {
    public Route {
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(failover, "failover");
        for (String p : prefixes) {
            if (!p.matches("84\\d{1,9}")) {
                throw new IllegalArgumentException("prefix " + p + " must be international digits starting with 84");
            }
        }
        if (failover.isPresent() && failover.get().equals(carrier)) {
            throw new IllegalArgumentException("failover of " + carrier + " must be another carrier");
        }
    }
}
