package vn.vneid.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.vneid.gateway.config.ConfigException;

/**
 * The API keys, held only as SHA-256 digests: a presented key is hashed and looked up, so the clear keys
 * never stay in memory past start-up and the config file can carry digests instead of keys.
 * Keys are high-entropy random strings (at least 24 characters), so a plain digest is enough; no salt needed.
 */
public final class ApiKeys {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_KEY_LENGTH = 24;
    private final Map<String, ApiClient> byDigest;

    private ApiKeys(Map<String, ApiClient> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    public static ApiKeys of(Map<String, ApiClient> clientsByClearKey) {
        Map<String, ApiClient> digests = new HashMap<>();
        clientsByClearKey.forEach((key, client) -> digests.put(digest(key), client));
        return new ApiKeys(digests);
    }

    /** {@code name:key:scope+scope,name2:key2:scope} as in {@code GW_API_KEYS}. */
    public static ApiKeys parse(String envKey, String spec) {
        Map<String, ApiClient> digests = new HashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3) {
                throw new ConfigException(envKey, "each entry must be name:key:scope+scope");
            }
            String name = checkName(envKey, parts[0]);
            String key = parts[1];
            if (key.length() < MIN_KEY_LENGTH) {
                throw new ConfigException(envKey, "the key of '" + name + "' must be at least " + MIN_KEY_LENGTH + " characters");
            }
            add(envKey, digests, digest(key), new ApiClient(name, scopes(envKey, List.of(parts[2].split("\\+")))));
        }
        return new ApiKeys(digests);
    }

    /** Entries of {@code apiKeys:} in YAML: {@code name}, {@code scopes}, and {@code sha256} (preferred) or {@code key}. */
    public static ApiKeys fromYaml(List<Map<String, Object>> entries) {
        Map<String, ApiClient> digests = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String at = "apiKeys[" + i + "]";
            String name = checkName(at + ".name", String.valueOf(e.get("name")));
            Object scopes = e.get("scopes");
            if (!(scopes instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(at + ".scopes", "must be a non-empty list");
            }
            String digest;
            if (e.get("sha256") != null) {
                digest = String.valueOf(e.get("sha256")).toLowerCase();
                if (!digest.matches("[0-9a-f]{64}")) {
                    throw new ConfigException(at + ".sha256", "must be 64 hex digits (sha256sum of the key)");
                }
            } else if (e.get("key") != null && String.valueOf(e.get("key")).length() >= MIN_KEY_LENGTH) {
                digest = digest(String.valueOf(e.get("key")));
            } else {
                throw new ConfigException(at, "needs sha256 (preferred) or a key of at least " + MIN_KEY_LENGTH + " characters");
            }
            add(at, digests, digest, new ApiClient(name, scopes(at + ".scopes", list.stream().map(String::valueOf).toList())));
        }
        return new ApiKeys(digests);
    }

    public Optional<ApiClient> find(String presentedKey) {
        return Optional.ofNullable(byDigest.get(digest(presentedKey)));
    }

    public boolean isEmpty() {
        return byDigest.isEmpty();
    }

    public static String digest(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static void add(String at, Map<String, ApiClient> digests, String digest, ApiClient client) {
        if (digests.putIfAbsent(digest, client) != null) {
            throw new ConfigException(at, "the same key is given twice");
        }
    }

    private static String checkName(String at, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(at, "client name must be 1..64 of letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static Set<Scope> scopes(String at, List<String> raw) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        raw.forEach(s -> scopes.add(Scope.parse(at, s)));
        return scopes;
    }
}
