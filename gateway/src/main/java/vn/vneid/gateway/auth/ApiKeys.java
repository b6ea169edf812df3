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

    /**
     * {@code name:key:scope+scope,name2:key2:scope:rate} as in {@code GW_API_KEYS}; the optional 4th part is the
     * client's rate in requests per second (its burst is then a second's worth, see {@link ClientRate}).
     */
    public static ApiKeys parse(String envKey, String spec) {
        Map<String, ApiClient> digests = new HashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3 && parts.length != 4) {
                throw new ConfigException(envKey, "each entry must be name:key:scope+scope or name:key:scope+scope:rate");
            }
            String name = checkName(envKey, parts[0]);
            String key = parts[1];
            if (key.length() < MIN_KEY_LENGTH) {
                throw new ConfigException(envKey, "the key of '" + name + "' must be at least " + MIN_KEY_LENGTH + " characters");
            }
            Optional<ClientRate> rate = parts.length == 4
                    ? Optional.of(ClientRate.parse(envKey + "[" + name + "]", parts[3], null)) : Optional.empty();
            add(envKey, digests, digest(key), new ApiClient(name, scopes(envKey, List.of(parts[2].split("\\+"))), rate));
        }
        return checked(envKey, digests);
    }

    /**
     * Entries of {@code apiKeys:} in YAML: {@code name}, {@code scopes}, {@code sha256} (preferred) or {@code key},
     * and optionally {@code rate} (requests per second) with {@code burst} (see {@link ClientRate}).
     */
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
            if (e.get("burst") != null && e.get("rate") == null) {
                throw new ConfigException(at + ".burst", "needs a rate");
            }
            Optional<ClientRate> rate = e.get("rate") == null ? Optional.empty()
                    : Optional.of(ClientRate.parse(at, e.get("rate"), e.get("burst")));
            add(at, digests, digest, new ApiClient(name, scopes(at + ".scopes", list.stream().map(String::valueOf).toList()), rate));
        }
        return checked("apiKeys", digests);
    }

    public Optional<ApiClient> find(String presentedKey) {
        return Optional.ofNullable(byDigest.get(digest(presentedKey)));
    }

    /** Every client, once each (a client may have several keys, e.g. while one is being rotated). */
    public Set<ApiClient> clients() {
        return Set.copyOf(byDigest.values());
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

    /** One rate per client name: the quota is kept per name, so two keys of one client must agree on it. */
    private static ApiKeys checked(String at, Map<String, ApiClient> digests) {
        Map<String, Optional<ClientRate>> rates = new HashMap<>();
        for (ApiClient client : digests.values()) {
            Optional<ClientRate> earlier = rates.putIfAbsent(client.name(), client.rate());
            if (earlier != null && !earlier.equals(client.rate())) {
                throw new ConfigException(at, "the keys of client '" + client.name() + "' give it different rates");
            }
        }
        return new ApiKeys(digests);
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
