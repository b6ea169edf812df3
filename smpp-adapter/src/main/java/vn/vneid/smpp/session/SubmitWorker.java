package vn.vneid.smpp.session;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.internal.CommandStatuses;

/**
 * One slot of a bind's window: a thread that takes the next message from the carrier's queue, waits for a
 * throughput token and submits its segments synchronously on the bind's session. W of these per bind give a
 * window of W.
 *
 * <p>Outcomes: all segments answered → ACCEPTED. No answer in time → UNKNOWN (never resent: it may have been
 * accepted). Throttled (0x58, 0x14) → the segment is retried after a growing back-off up to
 * {@value #MAX_THROTTLE_RETRIES} times, then REJECTED_TEMPORARY. Other negative answers → see
 * {@link CommandStatuses}. I/O failure or session not bound → the message goes back to the queue at its place,
 * resuming at the failed segment, and waits for a bind (at-least-once: a segment written just before the
 * connection died may be sent twice).
 */
final class SubmitWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SubmitWorker.class);
    static final int MAX_THROTTLE_RETRIES = 10;
    private static final long THROTTLE_BACKOFF_MIN_MS = 20;
    private static final long THROTTLE_BACKOFF_MAX_MS = 500;
    private static final long IDLE_POLL_MS = 100;

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
        if (carrier.isClosing()) {
            carrier.finish(job, Status.REJECTED_TEMPORARY, 0, "carrier is closing; not submitted");
            return;
        }
        if (carrier.isExpired(job)) {
            carrier.finish(job, Status.EXPIRED, 0, "validity ended before it could be submitted");
            return;
        }
        if (!job.started()) {
            job.startedNanos = System.nanoTime();
        }
        int total = job.encoded.segmentCount();
        while (job.nextSegment() < total) {
            int index = job.nextSegment();
            carrier.bucket().acquire();
            carrier.metrics().inFlight.incrementAndGet();
            try {
                job.smscIds.add(submitSegment(session, job, index));
                carrier.metrics().segmentAccepted(job.encoded.encodingName());
            } catch (NegativeResponseException e) {
                if (!onNegativeResponse(job, index, e.getCommandStatus())) {
                    return;
                }
            } catch (ResponseTimeoutException | InvalidResponseException e) {
                carrier.finish(job, Status.UNKNOWN, 0, "segment " + (index + 1) + "/" + total
                        + ": no valid submit_sm_resp in time (" + e.getClass().getSimpleName()
                        + "); not resent as it may have been accepted");
                return;
            } catch (PDUException e) {
                carrier.finish(job, Status.REJECTED_PERMANENT, 0, "segment " + (index + 1) + "/" + total
                        + " cannot be encoded as a PDU: " + e.getMessage());
                return;
            } catch (IOException e) {
                onConnectionLost(job, e);
                return;
            } finally {
                carrier.metrics().inFlight.decrementAndGet();
            }
        }
        carrier.finish(job, SubmitResult.accepted(carrier.name(), job.smscIds, CarrierMetrics.since(job.startedNanos)));
    }

    /** True to retry the segment, false when the job has been finished. */
    private boolean onNegativeResponse(SubmitJob job, int index, int status) throws InterruptedException {
        String where = "segment " + (index + 1) + "/" + job.encoded.segmentCount();
        switch (CommandStatuses.classify(status)) {
            case THROTTLED:
                carrier.metrics().throttled();
                return onThrottled(job, status, where);
            case TEMPORARY:
                carrier.finish(job, Status.REJECTED_TEMPORARY, status,
                        where + " refused for now, command_status 0x" + Integer.toHexString(status));
                return false;
            default:
                carrier.finish(job, Status.REJECTED_PERMANENT, status,
                        where + " refused, command_status 0x" + Integer.toHexString(status));
                return false;
        }
    }

    private boolean onThrottled(SubmitJob job, int status, String where) throws InterruptedException {
        job.throttleRetries++;
        if (job.throttleRetries > MAX_THROTTLE_RETRIES || carrier.isExpired(job) || carrier.isClosing()) {
            carrier.finish(job, Status.REJECTED_TEMPORARY, status, where + " throttled (command_status 0x"
                    + Integer.toHexString(status) + ") after " + (job.throttleRetries - 1) + " retries");
            return false;
        }
        long backoff = Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_MIN_MS << Math.min(job.throttleRetries - 1, 10));
        TimeUnit.MILLISECONDS.sleep(backoff);
        return true;
    }

    private void onConnectionLost(SubmitJob job, IOException e) throws InterruptedException {
        if (carrier.isClosing()) {
            carrier.finish(job, Status.UNKNOWN, 0, "carrier closed while submitting: " + e.getMessage());
            return;
        }
        log.debug("carrier {}: {} requeued after I/O failure ({})", carrier.name(), job.sms, e.toString());
        carrier.queue().add(job);
        // Give the bind a moment to notice the close, instead of spinning on a dead session.
        TimeUnit.MILLISECONDS.sleep(20);
    }

    private String submitSegment(SMPPSession session, SubmitJob job, int index) throws PDUException,
            ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
        boolean last = index == job.encoded.segmentCount() - 1;
        // Receipts are requested on the last segment only: one receipt per message, naming the id that
        // SubmitResult.smscMessageId() returns.
        RegisteredDelivery receipt = new RegisteredDelivery(
                last ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
        return session.submitShortMessage("",
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, carrier.sourceAddress(),
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, job.sms.to().international(),
                new ESMClass(job.encoded.udh() ? 0x40 : 0x00), (byte) 0, (byte) (job.sms.priority() ? 1 : 0),
                null, null, receipt, (byte) 0, new RawDataCoding(job.encoded.dataCoding()), (byte) 0,
                job.encoded.segments().get(index)).getMessageId();
    }
}
