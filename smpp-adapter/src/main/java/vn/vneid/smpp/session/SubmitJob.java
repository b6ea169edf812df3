package vn.vneid.smpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.encoding.EncodedSms;

/**
 * One message on its way through a carrier: its segments, how far it got (segments answered so far, so that a
 * requeue resumes at the unanswered segment instead of resending answered ones), how often it was refused for
 * now and resent, and the future the caller holds. Fields other than the future are touched by one sender
 * thread at a time (the queue hands a job to one thread).
 */
final class SubmitJob {
    final OutboundSms sms;
    final EncodedSms encoded;
    final long sequence;
    final CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    final List<String> smscIds = new ArrayList<>();
    final AtomicBoolean finished = new AtomicBoolean();
    /** Throttling or temporary answers so far; drives the retry back-off. */
    int refusals;
    /** The last negative command_status, reported if the message expires while waiting for a retry. */
    volatile int lastCommandStatus;
    /** Submits that may have reached the SMSC and were sent again (response timeout with RESEND_ONCE). */
    int timeoutResends;
    /** A submit_sm of it went unanswered (timeout or broken connection): the SMSC may have it. */
    volatile boolean maybeAtSmsc;
    /** While waiting for a retry: System.nanoTime() before which it must not be sent. */
    long notBeforeNanos;
    /** When it entered the carrier's queue, for the queue's oldest-age gauge. */
    final long queuedNanos = System.nanoTime();
    /** System.nanoTime() of the first dequeue; 0 while never dequeued. */
    volatile long startedNanos;

    SubmitJob(OutboundSms sms, EncodedSms encoded, long sequence) {
        this.sms = sms;
        this.encoded = encoded;
        this.sequence = sequence;
    }

    int nextSegment() {
        return smscIds.size();
    }

    boolean started() {
        return startedNanos != 0;
    }
}
