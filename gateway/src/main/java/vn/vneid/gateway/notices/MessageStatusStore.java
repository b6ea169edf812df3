package vn.vneid.gateway.notices;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * Where every message is (accepted → queued → submitted → delivered / failed / expired / opted out), shared by
 * every gateway instance. A status only moves forward ({@link MessageStatus#rank}): a late or repeated event never
 * moves a message back, so each method may be called again after a failure or on another instance. Every change is
 * told to the {@link #listener} once, after it is recorded. Stages fail when the store cannot be reached; nothing
 * is then recorded, and callers retry (a lane entry stays pending, a receipt is asked for again).
 */
public interface MessageStatusStore {

    /** Told of every status change after it is recorded (webhooks). */
    void listener(StatusListener listener);

    /**
     * Records a notice as queued (creating its record, accepted at the same moment): at enqueue for API notices,
     * at dispatch for campaign recipients (so a million queued recipients cost no million records). True when
     * this call moved it.
     */
    CompletionStage<Boolean> queued(LaneMessage message, Instant at);

    /** Ends a notice that was never submitted (expired while queued, opted out, dead-lettered, refused). */
    CompletionStage<Boolean> settle(LaneMessage message, MessageStatus status, String reason, Instant at);

    /**
     * Records the SMSC's answer (or its absence: UNKNOWN, never resent) for a message the sender finished with;
     * an accepted one then waits for its receipts.
     */
    CompletionStage<Boolean> submitted(String messageId, Msisdn to, SubmitResult result, Instant at);

    /**
     * Applies one segment's final receipt; with {@code matchHandset}, a receipt whose SMSC id names no message
     * settles the message to the same handset whose submit ended UNKNOWN on that carrier, if any (ask for that
     * only once the id has had time to be recorded).
     */
    CompletionStage<ReceiptOutcome> receipt(String carrier, DeliveryReceipt receipt, Instant at, boolean matchHandset);

    /** The message's status now; empty when no message has this id (or its record expired). */
    CompletionStage<Optional<MessageStatus>> status(String messageId);

    /** The message as the API shows it; empty when unknown. */
    CompletionStage<Optional<MessageView>> find(String messageId);
}
