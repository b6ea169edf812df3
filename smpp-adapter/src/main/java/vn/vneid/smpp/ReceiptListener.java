package vn.vneid.smpp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * Told of every delivery receipt a carrier sends, and decides whether the carrier may forget it. The returned
 * stage completes normally once the receipt is recorded durably, or deliberately not recorded (a state that is
 * not final, a duplicate, an id nobody knows after the listener's own retries); the carrier's deliver_sm is then
 * acknowledged. It completes exceptionally when the receipt could not be recorded for now (the store is
 * unavailable): the deliver_sm is answered with a temporary error (ESME_RX_T_APPN) and the SMSC sends it again
 * later, so a receipt is never acknowledged before it is safe, and none is kept in our memory past its answer.
 *
 * <p>Called on an SMPP thread: return at once and do the work asynchronously. The adapter holds the SMSC's
 * answer until the stage completes, at most {@code ReceiptReceiver.DEFAULT_ANSWER_WITHIN} (1.5 s), and answers
 * the temporary error when it has not completed by then; that work is not cancelled, so recording must be
 * idempotent (a redelivered receipt recorded meanwhile is a duplicate and completes normally). No thread waits
 * for the stage, so a slow store slows nothing else on the session. Throwing instead of returning a stage is a
 * bug in the listener; the receipt is then acknowledged, as redelivering it could not help.
 */
@FunctionalInterface
public interface ReceiptListener {
    /** A completed stage: the receipt needs nothing more (ignored, or recorded synchronously). */
    CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    CompletionStage<Void> onReceipt(String carrier, DeliveryReceipt receipt);

    /** Acknowledges every receipt without looking at it. */
    ReceiptListener IGNORE = (carrier, receipt) -> DONE;
}
