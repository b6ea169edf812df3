package vn.vneid.smpp.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The requests one SMPP session sent and still waits on, by sequence number, oldest first (every request has the
 * same timeout, so insertion order is deadline order). One timer on the session's event loop, armed for the oldest
 * request, tells each request past its deadline that no response came; a closed connection tells all at once.
 * Confined to that event loop.
 */
final class OutstandingRequests {
    private record Outstanding(SmppClientSession.ResponseHandler handler, long deadlineNanos) {
    }

    private final LinkedHashMap<Integer, Outstanding> bySequence = new LinkedHashMap<>();
    private final long timeoutNanos;
    private final Runnable afterExpiry;
    private EventLoop loop;
    private ScheduledFuture<?> timeoutCheck;

    /** {@code afterExpiry} runs after a timer pass told requests of their timeout (the session flushes there). */
    OutstandingRequests(Duration responseTimeout, Runnable afterExpiry) {
        this.timeoutNanos = responseTimeout.toNanos();
        this.afterExpiry = afterExpiry;
    }

    /** The loop whose timer checks deadlines: the connection's, once it exists. */
    void runOn(EventLoop loop) {
        this.loop = loop;
    }

    void add(int sequenceNumber, SmppClientSession.ResponseHandler handler) {
        bySequence.put(sequenceNumber, new Outstanding(handler, System.nanoTime() + timeoutNanos));
        armTimeoutCheck();
    }

    /** The handler waiting for {@code sequenceNumber}, no longer waiting; null when none waits (a late response). */
    SmppClientSession.ResponseHandler remove(int sequenceNumber) {
        Outstanding request = bySequence.remove(sequenceNumber);
        return request == null ? null : request.handler();
    }

    /** The connection closed: stops the timer and tells every waiting request, oldest first. */
    void connectionLost() {
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
            timeoutCheck = null;
        }
        List<Outstanding> waiting = new ArrayList<>(bySequence.values());
        bySequence.clear();
        for (Outstanding o : waiting) {
            o.handler().onNoResponse(true);
        }
    }

    private void armTimeoutCheck() {
        if (timeoutCheck != null || bySequence.isEmpty()) {
            return;
        }
        long delay = bySequence.values().iterator().next().deadlineNanos() - System.nanoTime();
        timeoutCheck = loop.schedule(this::expireOverdue, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /** Tells every request past its deadline that it got no response, then re-arms for the oldest left. */
    private void expireOverdue() {
        timeoutCheck = null;
        long now = System.nanoTime();
        while (!bySequence.isEmpty()) {
            Iterator<Outstanding> oldest = bySequence.values().iterator();
            Outstanding request = oldest.next();
            if (request.deadlineNanos() - now > 0) {
                break;
            }
            oldest.remove();
            request.handler().onNoResponse(false);
        }
        armTimeoutCheck();
        afterExpiry.run();
    }
}
