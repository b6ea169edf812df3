package vn.vneid.smpp.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import vn.vneid.smpp.Msisdn;

/**
 * Maps a destination to its {@link Route} by the longest matching prefix, with a default route for the rest.
 * {@link #vietnamDefaults} holds the carriers' mobile prefixes as allocated (Viettel 086 096 097 098 032–039;
 * VinaPhone 088 091 094 081–085; MobiFone 089 090 093 070 076–079; Vietnamobile 092 056 058 052;
 * Gmobile 099 059; Itel 087; Reddi 055), for the carriers that are configured; others fall to the default.
 */
public final class RouteTable {
    /** Carrier names used by {@link #vietnamDefaults}, with their national prefixes. */
    public static final Map<String, List<String>> VIETNAM_PREFIXES = vietnam();

    private final TreeMap<String, Route> byPrefix = new TreeMap<>();
    private final Route defaultRoute;

    public RouteTable(List<Route> routes, Route defaultRoute) {
        for (Route route : routes) {
            for (String prefix : route.prefixes()) {
                if (byPrefix.put(prefix, route) != null) {
                    throw new IllegalArgumentException("prefix " + prefix + " is routed twice");
                }
            }
        }
        this.defaultRoute = defaultRoute;
    }

    /**
     * The Vietnamese prefix routes for those of {@code carriers} named as in {@link #VIETNAM_PREFIXES}, no
     * failover, and {@code defaultRoute} for every other number.
     */
    public static RouteTable vietnamDefaults(Set<String> carriers, Route defaultRoute) {
        List<Route> routes = new ArrayList<>();
        VIETNAM_PREFIXES.forEach((carrier, prefixes) -> {
            if (carriers.contains(carrier)) {
                routes.add(new Route(prefixes.stream().map(RouteTable::international).toList(), carrier, Optional.empty()));
            }
        });
        return new RouteTable(routes, defaultRoute);
    }

    public Route resolve(Msisdn to) {
        String number = to.international();
        for (int length = Math.min(number.length(), 11); length >= 3; length--) {
            Route route = byPrefix.get(number.substring(0, length));
            if (route != null) {
                return route;
            }
        }
        return defaultRoute;
    }

    /** Every route, the default last: for validation against the configured carriers. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(byPrefix.values().stream().distinct().toList());
        all.add(defaultRoute);
        return all;
    }

    /** {@code 096} or {@code 96} or {@code 8496} → {@code 8496}. */
    public static String international(String prefix) {
        String p = prefix.startsWith("+") ? prefix.substring(1) : prefix;
        if (p.startsWith("84")) {
            return p;
        }
        return "84" + (p.startsWith("0") ? p.substring(1) : p);
    }

    private static Map<String, List<String>> vietnam() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("viettel", List.of("086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"));
        m.put("vinaphone", List.of("088", "091", "094", "081", "082", "083", "084", "085"));
        m.put("mobifone", List.of("089", "090", "093", "070", "076", "077", "078", "079"));
        m.put("vietnamobile", List.of("092", "056", "058", "052"));
        m.put("gmobile", List.of("099", "059"));
        m.put("itel", List.of("087"));
        m.put("reddi", List.of("055"));
        return Map.copyOf(m);
    }
}
