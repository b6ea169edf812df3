package vn.vneid.gateway.config;

import vn.vneid.gateway.pumping.PumpingGuardConfig;

/**
 * Reads {@code otp.pumpingGuard:} ({@code enabled}, {@code window}, {@code multiple}, {@code floorPerWindow},
 * {@code minIssues}, {@code maxVerifyRatio}, {@code verifyDelay}, {@code baselineHalfLife}, {@code holdFor},
 * {@code refreshEvery}); what is not named keeps its default ({@link PumpingGuardConfig#defaults()}).
 */
final class PumpingGuardConfigReader {
    private static final String SECTION = "otp.pumpingGuard";

    private PumpingGuardConfigReader() {
    }

    static PumpingGuardConfig read(YamlNode root) {
        YamlNode g = root.node("otp", "pumpingGuard");
        g.keys(); // a scalar in place of the section is reported here, naming it
        PumpingGuardConfig d = PumpingGuardConfig.defaults();
        try {
            return new PumpingGuardConfig(
                    bool(g, "enabled", d.enabled()),
                    g.duration("window").orElse(d.window()),
                    number(g, "multiple", d.multiple()),
                    g.integer("floorPerWindow").orElse(d.floorPerWindow()),
                    g.integer("minIssues").orElse(d.minIssues()),
                    number(g, "maxVerifyRatio", d.maxVerifyRatio()),
                    g.duration("verifyDelay").orElse(d.verifyDelay()),
                    g.duration("baselineHalfLife").orElse(d.baselineHalfLife()),
                    g.duration("holdFor").orElse(d.holdFor()),
                    g.duration("refreshEvery").orElse(d.refreshEvery()));
        } catch (IllegalArgumentException e) {
            String[] keyAndRule = e.getMessage().split(" ", 2);
            throw new ConfigException(SECTION + "." + keyAndRule[0], keyAndRule[1]);
        }
    }

    private static boolean bool(YamlNode g, String key, boolean fallback) {
        Object v = g.path(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(SECTION + "." + key, "must be true or false, got '" + v + "'");
    }

    private static double number(YamlNode g, String key, double fallback) {
        Object v = g.path(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new ConfigException(SECTION + "." + key, "must be a number, got '" + v + "'");
    }
}
