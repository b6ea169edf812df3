package vn.vneid.smpp.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Options; reusable, so the same builder can start the simulator again after a close. A simulator reads them
 * once, when started: later builder changes do not reach it (use the simulator's own fault methods).
 */
public final class SmscSimulatorBuilder {
    int port;
    String systemId = "vneid";
    String password = "secret";
    private Duration submitLatency = Duration.ZERO;
    private double throttleFraction;
    private int throttleAbove;
    private Duration receiptDelay;
    private double receiptLossFraction;
    private double receiptFailFraction;
    private boolean receiptsAsTlvOnly;
    private Faults.Redelivery receiptRedelivery = Faults.Redelivery.DEFAULT;
    MessageListener listener;
    int maxRecorded = 100_000;
    int pduProcessorDegree = 256;
    long firstMessageId = 1;

    SmscSimulatorBuilder() {
    }

    /** 0 (the default) picks an ephemeral port. */
    public SmscSimulatorBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** The only credentials accepted (default vneid / secret). */
    public SmscSimulatorBuilder credentials(String systemId, String password) {
        this.systemId = systemId;
        this.password = password;
        return this;
    }

    public SmscSimulatorBuilder submitLatency(Duration latency) {
        this.submitLatency = latency;
        return this;
    }

    /** Fraction (0..1) of submit_sm answered with ESME_RTHROTTLED, chosen at random. */
    public SmscSimulatorBuilder throttleFraction(double fraction) {
        this.throttleFraction = Faults.fraction(fraction, "throttleFraction");
        return this;
    }

    /** submit_sm beyond {@code perSecond} a second, over all sessions, answered ESME_RTHROTTLED; 0 (default): no limit. */
    public SmscSimulatorBuilder throttleAbove(int perSecond) {
        Faults.perSecondLimit(perSecond);
        this.throttleAbove = perSecond;
        return this;
    }

    /** Delay before each receipt; null or negative: no receipts (the default). */
    public SmscSimulatorBuilder receiptDelay(Duration delay) {
        this.receiptDelay = delay;
        return this;
    }

    /** Fraction (0..1) of receipts never sent. */
    public SmscSimulatorBuilder receiptLossFraction(double fraction) {
        this.receiptLossFraction = Faults.fraction(fraction, "receiptLossFraction");
        return this;
    }

    /** Fraction (0..1) of receipts sent as UNDELIV err:001. */
    public SmscSimulatorBuilder receiptFailFraction(double fraction) {
        this.receiptFailFraction = Faults.fraction(fraction, "receiptFailFraction");
        return this;
    }

    /** Receipts with an empty text, only the receipted_message_id and message_state TLVs. */
    public SmscSimulatorBuilder receiptsAsTlvOnly(boolean tlvOnly) {
        this.receiptsAsTlvOnly = tlvOnly;
        return this;
    }

    /** Unacknowledged receipts are sent again every {@code interval}, {@code maxTries} sends in all (default 1 s, 60). */
    public SmscSimulatorBuilder receiptRedelivery(Duration interval, int maxTries) {
        this.receiptRedelivery = new Faults.Redelivery(interval, maxTries);
        return this;
    }

    public SmscSimulatorBuilder listener(MessageListener listener) {
        this.listener = listener;
        return this;
    }

    /** How many messages to keep for {@link SmscSimulator#messages()} (default 100 000). */
    public SmscSimulatorBuilder maxRecorded(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxRecorded must be at least 1");
        }
        this.maxRecorded = max;
        return this;
    }

    /** Threads per session that process PDUs (default 256): the simulator's own window. */
    public SmscSimulatorBuilder pduProcessorDegree(int degree) {
        this.pduProcessorDegree = degree;
        return this;
    }

    /** The first message id to hand out (default 1), e.g. to keep ids increasing across a restart. */
    public SmscSimulatorBuilder firstMessageId(long id) {
        this.firstMessageId = id;
        return this;
    }

    public SmscSimulator start() {
        try {
            return new SmscSimulator(this);
        } catch (IOException e) {
            throw new UncheckedIOException("SMSC simulator could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** Fresh faults, as configured: each started simulator has its own. */
    Faults faults() {
        Faults f = new Faults();
        f.submitLatency = submitLatency == null ? Duration.ZERO : submitLatency;
        f.throttleFraction = throttleFraction;
        f.throttleAbove = Faults.perSecondLimit(throttleAbove);
        f.receiptDelay = receiptDelay;
        f.receiptLossFraction = receiptLossFraction;
        f.receiptFailFraction = receiptFailFraction;
        f.receiptsAsTlvOnly = receiptsAsTlvOnly;
        f.receiptRedelivery = receiptRedelivery;
        return f;
    }
}
