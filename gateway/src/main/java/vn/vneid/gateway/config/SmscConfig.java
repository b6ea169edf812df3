package vn.vneid.gateway.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.routing.Route;
import vn.vneid.smpp.routing.RouteTable;

/**
 * The carriers and how destinations are routed over them. Without explicit {@code routes}, the Vietnamese
 * prefix defaults apply to carriers named {@code viettel}, {@code vinaphone}, {@code mobifone},
 * {@code vietnamobile}, {@code gmobile}, {@code itel}, {@code reddi}; everything else takes the default route,
 * which is the one configured or else the first carrier.
 */
public record SmscConfig(List<CarrierConfig> carriers, List<Route> routes, Optional<Route> defaultRoute) {
    public SmscConfig {
        carriers = List.copyOf(carriers);
        routes = List.copyOf(routes);
    }

    public static SmscConfig single(CarrierConfig carrier) {
        return new SmscConfig(List.of(carrier), List.of(), Optional.empty());
    }

    public boolean isEmpty() {
        return carriers.isEmpty();
    }

    public Set<String> carrierNames() {
        return carriers.stream().map(CarrierConfig::name).collect(Collectors.toSet());
    }

    public RouteTable routeTable() {
        Route fallback = defaultRoute.orElseGet(() -> new Route(List.of(), carriers.get(0).name(), Optional.empty()));
        return routes.isEmpty() ? RouteTable.vietnamDefaults(carrierNames(), fallback) : new RouteTable(routes, fallback);
    }
}
