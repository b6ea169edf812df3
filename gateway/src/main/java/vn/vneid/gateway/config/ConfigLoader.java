package vn.vneid.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.logging.LoggingConfig;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.OtpPolicy;
import vn.vneid.otp.Purpose;

/**
 * Builds {@link GatewayConfig} from one YAML file (optional) and the environment; environment variables win
 * over the file. Every rule is checked here, once, and a broken value stops the start with a
 * {@link ConfigException} naming it. The YAML keys are documented in the README.
 */
public final class ConfigLoader {
    public static final String ENV_CONFIG = "GW_CONFIG";
    public static final String ENV_HTTP_PORT = "GW_HTTP_PORT";
    public static final String ENV_REDIS_URL = "GW_REDIS_URL";
    public static final String ENV_SMSC_URL = "GW_SMSC_URL";
    public static final String ENV_API_KEYS = "GW_API_KEYS";
    public static final String ENV_OTP_SECRET = "GW_OTP_SECRET";

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** {@code file} from {@code --config}; when absent, {@code GW_CONFIG} names it, else there is none. */
    public GatewayConfig load(Optional<Path> file, boolean devMode) {
        YamlNode root = root(file);

        String host = Optional.ofNullable(root.string("http", "host")).orElse("0.0.0.0");
        int port = envOr(ENV_HTTP_PORT, root.path("http", "port"), devMode ? "8080" : null, ConfigLoader::port);
        Optional<String> redisUrl = Optional.ofNullable(firstNonBlank(env.get(ENV_REDIS_URL), root.string("redis", "url")))
                .map(url -> redisUrl(env.containsKey(ENV_REDIS_URL) ? ENV_REDIS_URL : "redis.url", url));
        Duration redisTimeout = root.duration("redis", "commandTimeout").orElse(Duration.ofSeconds(1));
        SmscConfig smsc = SmscConfigReader.read(root, env.get(ENV_SMSC_URL));
        ApiKeys keys = apiKeys(root);
        Optional<byte[]> secret = Optional.ofNullable(firstNonBlank(env.get(ENV_OTP_SECRET), root.string("otp", "secret")))
                .map(ConfigLoader::secret);
        OtpPolicies policies = policies(root);
        Duration idempotencyTtl = root.duration("otp", "idempotencyTtl").orElse(Duration.ofHours(24));
        Duration statusTtl = root.duration("messages", "statusTtl").orElse(Duration.ofDays(7));
        Duration receiptTimeout = root.duration("messages", "receiptTimeout").orElse(Duration.ofHours(24));

        if (!devMode) {
            if (redisUrl.isEmpty()) {
                throw new ConfigException(ENV_REDIS_URL, "is required outside dev mode (or set redis.url in the config file)");
            }
            if (smsc.isEmpty()) {
                throw new ConfigException(ENV_SMSC_URL, "is required outside dev mode (or list smsc.carriers in the config file)");
            }
            if (keys.isEmpty()) {
                throw new ConfigException(ENV_API_KEYS, "is required outside dev mode (or list apiKeys in the config file)");
            }
            if (secret.isEmpty()) {
                throw new ConfigException(ENV_OTP_SECRET, "is required outside dev mode (at least 32 characters)");
            }
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new ConfigException("redis.commandTimeout", "must be positive");
        }
        return new GatewayConfig(devMode, host, port, redisUrl, redisTimeout, smsc, keys, secret, policies,
                idempotencyTtl, statusTtl, receiptTimeout, NoticesConfigReader.read(root), HttpLimitsReader.read(root),
                AdmissionConfigReader.read(root),
                PumpingGuardConfigReader.read(root), DurabilityConfig.read(root));
    }

    /**
     * The {@code logging:} section: {@code format} ({@code json} or {@code text}; dev mode defaults to text),
     * {@code level} (root) and {@code levels} (per logger name). Read before the rest, so that the start-up
     * itself is logged as configured.
     */
    public LoggingConfig logging(Optional<Path> file, boolean devMode) {
        YamlNode node = root(file).node("logging");
        LoggingConfig defaults = LoggingConfig.defaults(devMode);
        String format = node.string("format");
        LoggingConfig.Format f = defaults.format();
        if (format != null) {
            try {
                f = LoggingConfig.Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("logging.format", "must be json or text, got '" + format + "'");
            }
        }
        String rootLevel = node.string("level") == null ? defaults.rootLevel() : level("logging.level", node.string("level"));
        Map<String, String> levels = new java.util.HashMap<>();
        for (String logger : node.node("levels").keys()) {
            levels.put(logger, level("logging.levels." + logger, node.node("levels").string(logger)));
        }
        return new LoggingConfig(f, rootLevel, levels);
    }

    private static String level(String key, String value) {
        String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("trace", "debug", "info", "warn", "error", "off").contains(v)) {
            throw new ConfigException(key, "must be trace, debug, info, warn, error or off, got '" + value + "'");
        }
        return v;
    }

    private YamlNode root(Optional<Path> file) {
        Optional<Path> path = file.or(() -> Optional.ofNullable(env.get(ENV_CONFIG)).filter(s -> !s.isBlank()).map(Path::of));
        return path.map(ConfigLoader::readYaml).orElse(YamlNode.empty());
    }

    private ApiKeys apiKeys(YamlNode root) {
        String fromEnv = env.get(ENV_API_KEYS);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ApiKeys.parse(ENV_API_KEYS, fromEnv);
        }
        List<Map<String, Object>> entries = root.list("apiKeys");
        return ApiKeys.fromYaml(entries);
    }

    private static OtpPolicies policies(YamlNode root) {
        Map<Purpose, OtpPolicy> overrides = new EnumMap<>(Purpose.class);
        YamlNode all = root.node("otp", "policies");
        for (String name : all.keys()) {
            Purpose purpose;
            try {
                purpose = Purpose.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("otp.policies." + name, "is not a purpose; use one of " + List.of(Purpose.values()));
            }
            YamlNode p = all.node(name);
            String prefix = "otp.policies." + name;
            OtpPolicy d = OtpPolicy.DEFAULT;
            try {
                overrides.put(purpose, new OtpPolicy(
                        p.integer("codeLength").orElse(d.codeLength()),
                        p.duration("ttl").orElse(d.ttl()),
                        p.integer("maxAttempts").orElse(d.maxAttempts()),
                        p.duration("resendCooldown").orElse(d.resendCooldown()),
                        p.integer("maxPerPhonePerHour").orElse(d.maxPerPhonePerHour()),
                        p.integer("maxPerPhonePerDay").orElse(d.maxPerPhonePerDay()),
                        p.integer("maxPerCitizenPerDay").orElse(d.maxPerCitizenPerDay())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + "." + e.getMessage().split(" ", 2)[0], e.getMessage().split(" ", 2)[1]);
            }
        }
        return OtpPolicies.of(overrides);
    }

    private <T> T envOr(String envKey, Object fileValue, String devDefault, Parser<T> parser) {
        String raw = env.get(envKey);
        if (raw != null && !raw.isBlank()) {
            return parser.parse(envKey, raw.trim());
        }
        if (fileValue != null) {
            return parser.parse("http.port", String.valueOf(fileValue));
        }
        if (devDefault != null) {
            return parser.parse(envKey, devDefault);
        }
        throw new ConfigException(envKey, "is required outside dev mode");
    }

    private interface Parser<T> {
        T parse(String key, String raw);
    }

    private static int port(String key, String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new ConfigException(key, "must be a port number 0..65535, got '" + raw + "'");
    }

    private static String redisUrl(String key, String url) {
        if (!(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new ConfigException(key, "must start with redis:// or rediss://");
        }
        return url;
    }

    private static byte[] secret(String value) {
        if (value.length() < 32) {
            throw new ConfigException(ENV_OTP_SECRET, "must be at least 32 characters (it keys the OTP hashes)");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b == null || b.isBlank() ? null : b.trim();
    }

    private static YamlNode readYaml(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (loaded == null) {
                return YamlNode.empty();
            }
            if (!(loaded instanceof Map<?, ?>)) {
                throw new ConfigException(path.toString(), "must be a YAML mapping at the top level");
            }
            return new YamlNode("", loaded);
        } catch (IOException e) {
            throw new ConfigException(path.toString(), "cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException(path.toString(), "is not valid YAML: " + e.getMessage());
        }
    }
}
