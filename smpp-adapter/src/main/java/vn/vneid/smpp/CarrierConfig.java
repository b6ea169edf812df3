package vn.vneid.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * One carrier's SMSC connection: where, who we are, how many binds and how many submits in flight per bind
 * ({@code window}), the throughput cap in messages per second for the whole carrier, the brandname source
 * address and the timers. Built from a URL by {@code CarrierUrl} or from YAML by the gateway.
 */
public record CarrierConfig(
        String name,
        String host,
        int port,
        String systemId,
        String password,
        String systemType,
        int binds,
        int window,
        int tps,
        String sourceAddress,
        Duration enquireLinkInterval,
        Duration responseTimeout,
        Duration reconnectDelayMin,
        Duration reconnectDelayMax) {

    public CarrierConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        if (binds < 1 || binds > 64) {
            throw new IllegalArgumentException("binds must be 1..64");
        }
        if (window < 1 || window > 1024) {
            throw new IllegalArgumentException("window must be 1..1024");
        }
        if (tps < 1) {
            throw new IllegalArgumentException("tps must be at least 1");
        }
        if (sourceAddress == null || sourceAddress.isEmpty() || sourceAddress.length() > 11) {
            throw new IllegalArgumentException("source must be 1..11 characters");
        }
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "CarrierConfig[" + name + " " + systemId + "@" + host + ":" + port + " binds=" + binds
                + " window=" + window + " tps=" + tps + " source=" + sourceAddress + "]";
    }
}
