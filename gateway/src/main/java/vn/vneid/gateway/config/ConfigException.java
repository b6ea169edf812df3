package vn.vneid.gateway.config;

/** A configuration value is wrong; the message names the key (or environment variable) and the rule. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }

    private ConfigException(String message) {
        super(message);
    }

    /** For a message that already starts with the key, as the carrier URL parser writes them. */
    public static ConfigException withMessage(String message) {
        return new ConfigException(message);
    }
}
