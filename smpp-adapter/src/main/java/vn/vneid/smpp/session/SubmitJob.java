package vn.vneid.smpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.encoding.EncodedSms;

/**
 * One message on its way through a carrier: its segments, how far it got (segments answered so far, so that a
 * requeue after a dropped connection resumes instead of resending), and the future the caller holds.
 */
final class SubmitJob {
    final OutboundSms sms;
    final EncodedSms encoded;
    final long sequence;
    final CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    final List<String> smscIds = new ArrayList<>();
    final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    int throttleRetries;
    /** System.nanoTime() of the first dequeue; 0 while never dequeued. */
    long startedNanos;

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
