package vn.vneid.smpp.session;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.ResponseTimeoutPolicy;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.internal.CommandStatuses;

/**
 * One slot of a bind's window: a thread that takes the next message from the carrier's queue, waits for a
 * throughput token ({@link AdaptiveRate}) and submits its segments synchronously on the bind's session. W of
 * these per bind give a window of W, so at most binds × window submit_sm are ever unanswered.
 *
 * <p>Outcomes of a segment:
 * <ul>
 *   <li>answered → next segment; all answered → ACCEPTED.</li>
 *   <li>throttled (0x58, 0x14) → counted in the carrier's window of answers ({@link AdaptiveRate} lowers the rate
 *   at most once per window, by half the throttled share), and the message goes back to the queue with a
 *   not-before time (growing back-off with jitter) and resumes at this segment; this thread moves on to other
 *   work instead of sleeping in its slot. It is retried until its validity ends (then EXPIRED), never dropped.</li>
 *   <li>other temporary refusal ({@link CommandStatuses.Kind#TEMPORARY}) → retried the same way, without
 *   touching the rate; permanent refusal → REJECTED_PERMANENT.</li>
 *   <li>no answer in time → the SMSC may have accepted it: with {@link ResponseTimeoutPolicy#NEVER_RESEND}
 *   UNKNOWN, never resent; with {@link ResponseTimeoutPolicy#RESEND_ONCE} sent once more (counted as a resend),
 *   then UNKNOWN.</li>
 *   <li>session not usable before the write → requeued, not a resend; I/O failure during the write → requeued
 *   and counted as a resend (connection_lost), since the bytes may have reached the SMSC (at-least-once).</li>
 * </ul>
 */
final class SubmitWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SubmitWorker.class);
    private static final long IDLE_POLL_MS = 100;
    private static final long THROTTLE_BACKOFF_MIN_MS = 20;
    private static final long THROTTLE_BACKOFF_MAX_MS = 1_000;
    private static final long TEMPORARY_BACKOFF_MIN_MS = 100;
    private static final long TEMPORARY_BACKOFF_MAX_MS = 5_000;
    /** Before retrying on another session after the connection broke. */
    private static final long RECONNECT_PAUSE_MS = 20;

    private final JsmppCarrier carrier;
    private final CarrierBind bind;

    SubmitWorker(JsmppCarrier carrier, CarrierBind bind) {
        this.carrier = carrier;
        this.bind = bind;
    }

    @Override
    public void run() {
        try {
            while (!carrier.isClosing()) {
                SMPPSession session = bind.awaitBound(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (session == null) {
                    continue;
                }
                SubmitJob job = carrier.queue().poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (job != null) {
                    carrier.busyWorkers().incrementAndGet();
                    try {
                        process(job, session);
                    } finally {
                        carrier.busyWorkers().decrementAndGet();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(SubmitJob job, SMPPSession session) throws InterruptedException {
        if (carrier.isExpired(job)) {
            carrier.outcomes().expire(job);
            return;
        }
        if (!job.started()) {
            job.startedNanos = System.nanoTime();
        }
        int total = job.encoded.segmentCount();
        while (job.nextSegment() < total) {
            int index = job.nextSegment();
            carrier.rate().acquire();
            if (carrier.isClosing() && index == 0) {
                carrier.outcomes().finishClosing(job);
                return;
            }
            if (!session.getSessionState().isTransmittable()) {
                // Not written: no resend. Let the bind notice, and give the job to a live session.
                bind.onSessionUnusable(session);
                carrier.retryLater(job, RECONNECT_PAUSE_MS);
                return;
            }
            carrier.metrics().inFlight.incrementAndGet();
            long sentAt = System.nanoTime();
            try {
                job.smscIds.add(submitSegment(session, job, index));
                carrier.onAnswered(sentAt);
                carrier.metrics().segmentAccepted(job.encoded.encodingName(), segmentsBilled(job.encoded));
            } catch (NegativeResponseException e) {
                onNegativeResponse(job, index, e.getCommandStatus(), sentAt);
                return;
            } catch (ResponseTimeoutException | InvalidResponseException e) {
                onNoResponse(job, index, e, session);
                return;
            } catch (PDUException e) {
                carrier.outcomes().finish(job, Status.REJECTED_PERMANENT, 0, where(job, index)
                        + " cannot be encoded as a PDU: " + e.getMessage());
                return;
            } catch (IOException e) {
                onConnectionLost(job, e, session);
                return;
            } finally {
                carrier.metrics().inFlight.decrementAndGet();
            }
        }
        carrier.outcomes().finish(job, SubmitResult.accepted(carrier.name(), job.smscIds, CarrierMetrics.since(job.startedNanos)));
    }

    /** The SMS one submitted PDU stands for: one, or for a message_payload PDU, every segment the handset gets. */
    private static int segmentsBilled(vn.vneid.smpp.encoding.EncodedSms encoded) {
        return encoded.messagePayload() ? encoded.billedSegments() : 1;
    }

    private void onNegativeResponse(SubmitJob job, int index, int status, long sentAt) {
        String hex = "0x" + Integer.toHexString(status);
        switch (CommandStatuses.classify(status)) {
            case THROTTLED:
                carrier.metrics().throttled();
                carrier.onThrottled(sentAt);
                retryWithBackoff(job, status, THROTTLE_BACKOFF_MIN_MS, THROTTLE_BACKOFF_MAX_MS);
                log.debug("carrier {}: {} {} throttled ({}), retry {}", carrier.name(), job.sms, where(job, index), hex,
                        job.refusals);
                break;
            case TEMPORARY:
                carrier.onAnswered(sentAt);
                retryWithBackoff(job, status, TEMPORARY_BACKOFF_MIN_MS, TEMPORARY_BACKOFF_MAX_MS);
                log.info("carrier {}: {} {} refused for now ({}: {}), retry {}", carrier.name(), job.sms,
                        where(job, index), hex, CommandStatuses.describe(status), job.refusals);
                break;
            default:
                carrier.onAnswered(sentAt);
                carrier.outcomes().finish(job, Status.REJECTED_PERMANENT, status, where(job, index) + " refused, command_status "
                        + hex + " (" + CommandStatuses.describe(status) + ")");
        }
    }

    private void retryWithBackoff(SubmitJob job, int status, long minMs, long maxMs) {
        job.refusals++;
        job.lastCommandStatus = status;
        carrier.retryLater(job, backoffMillis(job.refusals, minMs, maxMs));
    }

    /** min·2^(attempt-1) capped at max, with "equal jitter" (a random point in its upper half). */
    static long backoffMillis(int attempt, long minMs, long maxMs) {
        long ceiling = Math.min(maxMs, minMs << Math.min(Math.max(attempt - 1, 0), 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private void onNoResponse(SubmitJob job, int index, Exception e, SMPPSession session) {
        job.maybeAtSmsc = true;
        boolean sessionAlive = session.getSessionState().isTransmittable();
        if (carrier.config().onResponseTimeout() == ResponseTimeoutPolicy.RESEND_ONCE && job.timeoutResends == 0
                && !carrier.isClosing()) {
            job.timeoutResends++;
            carrier.metrics().resent(sessionAlive ? CarrierMetrics.RESEND_TIMEOUT : CarrierMetrics.RESEND_CONNECTION_LOST);
            log.info("carrier {}: {} {} got no response in time; resending once (RESEND_ONCE)", carrier.name(),
                    job.sms, where(job, index));
            carrier.retryLater(job, 0);
            return;
        }
        carrier.outcomes().finish(job, Status.UNKNOWN, 0, where(job, index) + ": no valid submit_sm_resp in time ("
                + e.getClass().getSimpleName() + (sessionAlive ? "" : ", connection lost") + "); "
                + (job.timeoutResends > 0 ? "already resent once" : "not resent as it may have been accepted"));
    }

    private void onConnectionLost(SubmitJob job, IOException e, SMPPSession session) {
        bind.onSessionUnusable(session);
        job.maybeAtSmsc = true;
        if (carrier.isClosing()) {
            carrier.outcomes().finish(job, Status.UNKNOWN, 0, "carrier closed while submitting: " + e.getMessage());
            return;
        }
        // The PDU may be on the wire already: sending it again is an at-least-once resend.
        carrier.metrics().resent(CarrierMetrics.RESEND_CONNECTION_LOST);
        log.debug("carrier {}: {} requeued after I/O failure ({})", carrier.name(), job.sms, e.toString());
        carrier.retryLater(job, RECONNECT_PAUSE_MS);
    }

    private static String where(SubmitJob job, int index) {
        return "segment " + (index + 1) + "/" + job.encoded.segmentCount();
    }

    private String submitSegment(SMPPSession session, SubmitJob job, int index) throws PDUException,
            ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
        SegmentPdu pdu = SegmentPdu.of(job.encoded, index);
        return session.submitShortMessage("",
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, carrier.sourceAddress(),
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, job.sms.to().international(),
                pdu.esmClass(), (byte) 0, (byte) (job.sms.priority() ? 1 : 0), null, null, pdu.registeredDelivery(),
                (byte) 0, new RawDataCoding(job.encoded.dataCoding()), (byte) 0, pdu.shortMessage(),
                pdu.optionalParameters()).getMessageId();
    }
}
