package vn.vneid.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.routing.Route;
import vn.vneid.smpp.routing.RouteTable;

/**
 * Reads the {@code smsc:} section: {@code carriers} (each a {@code name} and an {@code smpp://} {@code url}),
 * optional {@code routes} ({@code prefixes}, {@code carrier}, {@code failover}) and {@code defaultRoute}.
 * {@code GW_SMSC_URL} (or {@code smsc.url}) defines the carrier called {@code default}, replacing one of that
 * name in the list. Every route must name configured carriers.
 */
final class SmscConfigReader {
    private SmscConfigReader() {
    }

    static SmscConfig read(YamlNode root, String envUrl) {
        Map<String, CarrierConfig> carriers = new LinkedHashMap<>();
        List<Map<String, Object>> listed = root.node("smsc").list("carriers");
        for (int i = 0; i < listed.size(); i++) {
            String at = "smsc.carriers[" + i + "]";
            Object name = listed.get(i).get("name");
            if (!(name instanceof String n) || !n.matches("[a-z0-9_-]{1,32}")) {
                throw new ConfigException(at + ".name", "must be 1..32 of a-z, 0-9, '_' or '-'");
            }
            if (carriers.containsKey(n)) {
                throw new ConfigException(at + ".name", "carrier '" + n + "' is listed twice");
            }
            carriers.put(n, parse(n, at + ".url", listed.get(i).get("url")));
        }
        String single = envUrl != null && !envUrl.isBlank() ? envUrl : root.string("smsc", "url");
        if (single != null && !single.isBlank()) {
            carriers.put("default", parse("default", envUrl != null && !envUrl.isBlank() ? ConfigLoader.ENV_SMSC_URL : "smsc.url", single));
        }
        List<Route> routes = new ArrayList<>();
        List<Map<String, Object>> listedRoutes = root.node("smsc").list("routes");
        for (int i = 0; i < listedRoutes.size(); i++) {
            routes.add(route("smsc.routes[" + i + "]", listedRoutes.get(i), carriers, true));
        }
        Optional<Route> defaultRoute = Optional.empty();
        if (root.path("smsc", "defaultRoute") != null) {
            Object node = root.path("smsc", "defaultRoute");
            if (!(node instanceof Map<?, ?>)) {
                throw new ConfigException("smsc.defaultRoute", "must be a mapping with carrier and failover");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) node;
            defaultRoute = Optional.of(route("smsc.defaultRoute", m, carriers, false));
        }
        SmscConfig smsc = new SmscConfig(new ArrayList<>(carriers.values()), routes, defaultRoute);
        if (!smsc.isEmpty()) {
            try {
                smsc.routeTable();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("smsc.routes", e.getMessage());
            }
        }
        return smsc;
    }

    private static CarrierConfig parse(String name, String key, Object url) {
        if (!(url instanceof String u) || u.isBlank()) {
            throw new ConfigException(key, "is required: smpp://systemId:password@host:port?...");
        }
        try {
            return CarrierUrl.parse(name, key, u);
        } catch (IllegalArgumentException e) {
            throw ConfigException.withMessage(e.getMessage());
        }
    }

    private static Route route(String at, Map<String, Object> m, Map<String, CarrierConfig> carriers, boolean needsPrefixes) {
        String carrier = known(at + ".carrier", m.get("carrier"), carriers);
        Optional<String> failover = m.get("failover") == null ? Optional.empty()
                : Optional.of(known(at + ".failover", m.get("failover"), carriers));
        List<String> prefixes = new ArrayList<>();
        if (needsPrefixes) {
            if (!(m.get("prefixes") instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(at + ".prefixes", "must be a non-empty list such as [\"096\", \"086\"]");
            }
            for (Object p : list) {
                String prefix = RouteTable.international(String.valueOf(p));
                if (!prefix.matches("84\\d{1,9}")) {
                    throw new ConfigException(at + ".prefixes", "'" + p + "' is not a number prefix such as 096");
                }
                prefixes.add(prefix);
            }
        }
        try {
            return new Route(prefixes, carrier, failover);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, e.getMessage());
        }
    }

    private static String known(String key, Object name, Map<String, CarrierConfig> carriers) {
        if (!(name instanceof String n) || !carriers.containsKey(n)) {
            throw new ConfigException(key, "must name a configured carrier, one of " + carriers.keySet());
        }
        return n;
    }
}
