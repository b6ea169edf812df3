package vn.vneid.smpp;

import java.time.Duration;
import java.util.Objects;

/**
 * One carrier's SMSC connection: where, who we are, how many binds and how many submits in flight per bind
 * ({@code window}), the throughput cap in messages per second for the whole carrier, the brandname source
 * address, the timers, and the carrier's quirks (bind mode, long messages, what to do on a response timeout,
 * how receipts write ids). Built from a URL by {@code CarrierUrl} or from YAML by the gateway.
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
        Duration reconnectDelayMax,
        BindMode bindMode,
        LongMessageMode longMessages,
        ResponseTimeoutPolicy onResponseTimeout,
        ReceiptIdFormat receiptIds) {

    /** With the defaults: transceiver binds, 8-bit UDH, never resend on timeout, receipt ids as submitted. */
    public CarrierConfig(String name, String host, int port, String systemId, String password, String systemType,
                         int binds, int window, int tps, String sourceAddress, Duration enquireLinkInterval,
                         Duration responseTimeout, Duration reconnectDelayMin, Duration reconnectDelayMax) {
        this(name, host, port, systemId, password, systemType, binds, window, tps, sourceAddress, enquireLinkInterval,
                responseTimeout, reconnectDelayMin, reconnectDelayMax, BindMode.TRANSCEIVER, LongMessageMode.UDH8,
                ResponseTimeoutPolicy.NEVER_RESEND, ReceiptIdFormat.SAME);
    }

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
        Objects.requireNonNull(bindMode, "bindMode");
        Objects.requireNonNull(longMessages, "longMessages");
        Objects.requireNonNull(onResponseTimeout, "onResponseTimeout");
        Objects.requireNonNull(receiptIds, "receiptIds");
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "CarrierConfig[" + name + " " + systemId + "@" + host + ":" + port + " binds=" + binds
                + " window=" + window + " tps=" + tps + " source=" + sourceAddress + " " + bindMode + " " + longMessages
                + " onTimeout=" + onResponseTimeout + " receiptIds=" + receiptIds + "]";
    }
}
