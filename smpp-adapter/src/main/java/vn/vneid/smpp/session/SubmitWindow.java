package vn.vneid.smpp.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.ResponseTimeoutPolicy;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.SubmitResult.Status;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.internal.CommandStatuses;
import vn.vneid.smpp.internal.Pdus;
import vn.vneid.smpp.internal.SmppClientSession;

/**
 * One bind's window: up to {@code size} messages at a time take a slot, each with at most one submit_sm
 * unanswered (a message's segments go one after the other), so at most binds × window submit_sm are ever
 * unanswered. It lives on the bind's event loop and never waits: when a slot is free it takes the next message
 * from the carrier's queue, takes a throughput token ({@link AdaptiveRate}; when the next token is not due yet
 * it holds it and comes back when it is, on the loop's timer) and writes the segment; the response comes back
 * through the session by sequence number. {@link #wake()} (from any thread) brings it back when work arrives.
 *
 * <p>Outcomes of a segment:
 * <ul>
 *   <li>answered → next segment; all answered → ACCEPTED.</li>
 *   <li>throttled (0x58, 0x14) → counted in the carrier's window of answers ({@link AdaptiveRate} lowers the rate
 *   at most once per window, by half the throttled share), and the message goes back to the queue with a
 *   not-before time (growing back-off with jitter) and resumes at this segment, its slot freed. It is retried
 *   until its validity ends (then EXPIRED), never dropped.</li>
 *   <li>other temporary refusal ({@link CommandStatuses.Kind#TEMPORARY}) → retried the same way, without
 *   touching the rate; permanent refusal → REJECTED_PERMANENT. A generic_nack for it counts as a refusal with
 *   its status.</li>
 *   <li>no answer in time, or the connection closed before the answer → the SMSC may have accepted it: with
 *   {@link ResponseTimeoutPolicy#NEVER_RESEND} UNKNOWN, never resent; with {@link ResponseTimeoutPolicy#RESEND_ONCE}
 *   sent once more (counted as a resend, reason timeout or connection_lost), then UNKNOWN.</li>
 *   <li>session gone before the segment was written → requeued for any bind, not a resend.</li>
 * </ul>
 */
final class SubmitWindow {
    private static final Logger log = LoggerFactory.getLogger(SubmitWindow.class);
    private static final long THROTTLE_BACKOFF_MIN_MS = 20;
    private static final long THROTTLE_BACKOFF_MAX_MS = 1_000;
    private static final long TEMPORARY_BACKOFF_MIN_MS = 100;
    private static final long TEMPORARY_BACKOFF_MAX_MS = 5_000;
    /** Before retrying on another session after the connection broke. */
    private static final long RECONNECT_PAUSE_MS = 20;

    private final JsmppCarrier carrier;
    private final EventLoop loop;
    private final int size;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Messages holding a slot whose next segment waits for a token (or for the held token's time). */
    private final ArrayDeque<SubmitJob> continuing = new ArrayDeque<>();
    private SmppClientSession session;
    /** Messages holding a slot: a segment unanswered, or the next one about to go. */
    private int used;
    /** A token was reserved and becomes usable at {@link #tokenDueNanos}; a timer pumps then. */
    private boolean tokenHeld;
    private long tokenDueNanos;

    SubmitWindow(JsmppCarrier carrier, EventLoop loop, int size) {
        this.carrier = carrier;
        this.loop = loop;
        this.size = size;
    }

    /** Work may be waiting: pump on the loop soon (coalesced: one task however many callers). Any thread. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            loop.execute(this::onWake);
        }
    }

    /** The bind is up on {@code bound}: fill the window. */
    void onBound(SmppClientSession bound) {
        session = bound;
        pumpAndFlush();
    }

    /**
     * The session is gone (closed, or closing): the messages waiting for a token were never written, so they go
     * back to the queue for any bind, without counting a resend; those with a segment unanswered are told by the
     * session itself.
     */
    void onSessionGone() {
        session = null;
        SubmitJob job;
        while ((job = continuing.pollFirst()) != null) {
            used--;
            carrier.retryLater(job, RECONNECT_PAUSE_MS);
        }
        tokenHeld = false;
    }

    private void onWake() {
        wakeQueued.set(false);
        pumpAndFlush();
    }

    private void pumpAndFlush() {
        pump();
        if (session != null) {
            session.flush();
        }
    }

    /** Fills the window: segments of messages holding a slot first, then new messages while slots are free. */
    private void pump() {
        SmppClientSession s = session;
        if (s == null || !s.isBound()) {
            return;
        }
        while (true) {
            if (tokenHeld && tokenDueNanos - System.nanoTime() > 0) {
                return;   // the timer pumps when the held token is due
            }
            SubmitJob job = continuing.pollFirst();
            if (job == null) {
                if (used >= size || carrier.isClosing() || (job = carrier.queue().poll()) == null) {
                    return;
                }
                used++;
                if (carrier.isExpired(job)) {
                    used--;
                    carrier.outcomes().expire(job);
                    continue;
                }
                if (!job.started()) {
                    job.startedNanos = System.nanoTime();
                }
            }
            if (carrier.isClosing() && job.nextSegment() == 0) {
                used--;
                carrier.outcomes().finishClosing(job);
                continue;
            }
            if (!tokenHeld) {
                long wait = carrier.rate().reserve();
                if (wait > 0) {
                    tokenHeld = true;
                    tokenDueNanos = System.nanoTime() + wait;
                    continuing.addFirst(job);
                    loop.schedule(this::pumpAndFlush, wait, TimeUnit.NANOSECONDS);
                    return;
                }
            }
            tokenHeld = false;
            send(s, job);
        }
    }

    private void send(SmppClientSession s, SubmitJob job) {
        int index = job.nextSegment();
        int seq = s.nextSequence();
        byte[] pdu;
        try {
            pdu = compose(seq, job, SegmentPdu.of(job.encoded, index));
        } catch (PDUStringException e) {
            used--;
            carrier.outcomes().finish(job, Status.REJECTED_PERMANENT, 0, where(job, index)
                    + " cannot be encoded as a PDU: " + e.getMessage());
            return;
        }
        carrier.metrics().inFlight.incrementAndGet();
        s.send(seq, pdu, new SegmentResponse(job, index, System.nanoTime()));
    }

    private byte[] compose(int seq, SubmitJob job, SegmentPdu segment) throws PDUStringException {
        return Pdus.COMPOSER.submitSm(seq, "", TypeOfNumber.ALPHANUMERIC.value(),
                NumberingPlanIndicator.UNKNOWN.value(), carrier.sourceAddress(), TypeOfNumber.INTERNATIONAL.value(),
                NumberingPlanIndicator.ISDN.value(), job.sms.to().international(), segment.esmClass().value(),
                (byte) 0, (byte) (job.sms.priority() ? 1 : 0), null, null, segment.registeredDelivery().value(),
                (byte) 0, job.encoded.dataCoding(), (byte) 0, segment.shortMessage(), segment.optionalParameters());
    }

    /** How one submit_sm ended; on the loop. */
    private final class SegmentResponse implements SmppClientSession.ResponseHandler {
        private final SubmitJob job;
        private final int index;
        private final long sentAt;

        SegmentResponse(SubmitJob job, int index, long sentAt) {
            this.job = job;
            this.index = index;
            this.sentAt = sentAt;
        }

        @Override
        public void onResponse(int commandId, int commandStatus, ByteBuf pdu) {
            carrier.metrics().inFlight.decrementAndGet();
            if (commandId == Pdus.GENERIC_NACK && commandStatus == 0) {
                commandStatus = Pdus.ESME_RSYSERR;   // a nack that names no error: not processed, safe to retry
            }
            if (commandStatus != 0) {
                used--;
                onNegativeResponse(job, index, commandStatus, sentAt);
            } else {
                onAccepted(pdu);
            }
            pump();
        }

        private void onAccepted(ByteBuf pdu) {
            String messageId;
            try {
                messageId = Pdus.DECOMPOSER.submitSmResp(ByteBufUtil.getBytes(pdu)).getMessageId();
            } catch (PDUStringException e) {
                used--;
                unanswered(job, index, "an unreadable submit_sm_resp (" + e.getMessage() + ")", true);
                return;
            }
            job.smscIds.add(messageId);
            carrier.onAnswered(sentAt);
            carrier.metrics().segmentAccepted(job.encoded.encodingName(), segmentsBilled(job.encoded));
            if (job.nextSegment() < job.encoded.segmentCount()) {
                continuing.addLast(job);
            } else {
                used--;
                carrier.outcomes().finish(job, SubmitResult.accepted(carrier.name(), job.smscIds,
                        CarrierMetrics.since(job.startedNanos)));
            }
        }

        @Override
        public void onNoResponse(boolean connectionLost) {
            carrier.metrics().inFlight.decrementAndGet();
            used--;
            if (connectionLost && carrier.isClosing()) {
                job.maybeAtSmsc = true;
                carrier.outcomes().finish(job, Status.UNKNOWN, 0, "carrier closed while submitting "
                        + where(job, index) + "; it may have been accepted");
                return;
            }
            unanswered(job, index, connectionLost ? "no submit_sm_resp before the connection closed"
                    : "no submit_sm_resp in time", !connectionLost);
            if (!connectionLost) {
                pump();
            }
        }
    }

    /** The SMS one submitted PDU stands for: one, or for a message_payload PDU, every segment the handset gets. */
    private static int segmentsBilled(EncodedSms encoded) {
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
                carrier.outcomes().finish(job, Status.REJECTED_PERMANENT, status, where(job, index)
                        + " refused, command_status " + hex + " (" + CommandStatuses.describe(status) + ")");
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

    /** The SMSC may have the segment: UNKNOWN, or under RESEND_ONCE sent once more. */
    private void unanswered(SubmitJob job, int index, String what, boolean sessionAlive) {
        job.maybeAtSmsc = true;
        if (carrier.config().onResponseTimeout() == ResponseTimeoutPolicy.RESEND_ONCE && job.timeoutResends == 0
                && !carrier.isClosing()) {
            job.timeoutResends++;
            carrier.metrics().resent(sessionAlive ? CarrierMetrics.RESEND_TIMEOUT : CarrierMetrics.RESEND_CONNECTION_LOST);
            log.info("carrier {}: {} {} got {}; resending once (RESEND_ONCE)", carrier.name(), job.sms,
                    where(job, index), what);
            carrier.retryLater(job, 0);
            return;
        }
        carrier.outcomes().finish(job, Status.UNKNOWN, 0, where(job, index) + ": " + what + "; "
                + (job.timeoutResends > 0 ? "already resent once" : "not resent as it may have been accepted"));
    }

    private static String where(SubmitJob job, int index) {
        return "segment " + (index + 1) + "/" + job.encoded.segmentCount();
    }
}
