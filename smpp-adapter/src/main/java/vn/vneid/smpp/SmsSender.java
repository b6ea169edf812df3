package vn.vneid.smpp;

import java.util.concurrent.CompletionStage;

/**
 * The SMS port. {@link #submit} queues a message for the carrier's sessions and completes when the SMSC has
 * answered every segment (or the message's validity ran out while it waited); it never blocks the caller.
 * Refusals and timeouts are {@link SubmitResult} values, not exceptions. Messages with
 * {@link OutboundSms#priority()} go ahead of all other queued messages. Delivery receipts are handed to the
 * {@link ReceiptListener} given at construction, on an SMPP thread. {@link #close} stops taking work, waits a
 * bounded time for in-flight submits and unbinds.
 */
public interface SmsSender extends AutoCloseable {

    CompletionStage<SubmitResult> submit(OutboundSms sms);

    /** True while at least one session is bound and able to take submits. */
    boolean isAvailable();

    /** True while a message to {@code to} can be submitted now: a carrier on its route is bound. */
    default boolean isAvailableFor(Msisdn to) {
        return isAvailable();
    }

    /** Messages queued and not yet answered by the SMSC. */
    int pending();

    @Override
    void close();
}
