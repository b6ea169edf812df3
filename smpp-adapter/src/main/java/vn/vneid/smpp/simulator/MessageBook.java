package vn.vneid.smpp.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import vn.vneid.smpp.encoding.SmsDecoder;

/**
 * What the simulator received: reassembles segments into messages and keeps the last {@code capacity}
 * messages (older ones are dropped, the total count stays exact). Incomplete multipart messages are kept for
 * at most {@link #MAX_PARTIAL} distinct references. A message with the same destination and text as one of the
 * last {@code capacity} distinct ones counts as a duplicate.
 */
final class MessageBook {
    static final int MAX_PARTIAL = 10_000;

    private final int capacity;
    private final ArrayDeque<ReceivedSms> messages = new ArrayDeque<>();
    private final Map<String, Partial> partials = new LinkedHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>();
    private long total;
    private long duplicates;

    private static final class Partial {
        final String[] texts;
        String lastId;
        int received;

        Partial(int total) {
            texts = new String[total];
        }
    }

    MessageBook(int capacity) {
        this.capacity = capacity;
    }

    /** Adds one segment; returns the whole message when this segment completed it, else null. */
    synchronized ReceivedSms add(String sessionId, String smscId, String from, String to, String encoding,
                                 SmsDecoder.Segment segment) {
        if (!segment.isPart()) {
            return record(new ReceivedSms(smscId, from, to, segment.text(), 1, encoding, Instant.now()));
        }
        String key = sessionId + '|' + from + '|' + to + '|' + segment.reference() + '|' + segment.total();
        Partial partial = partials.computeIfAbsent(key, k -> new Partial(segment.total()));
        int index = segment.sequence() - 1;
        if (index < 0 || index >= partial.texts.length || partial.texts[index] != null) {
            return null;
        }
        partial.texts[index] = segment.text();
        partial.received++;
        if (segment.sequence() == segment.total()) {
            partial.lastId = smscId;
        }
        if (partial.received < partial.texts.length) {
            if (partials.size() > MAX_PARTIAL) {
                Iterator<String> oldest = partials.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return null;
        }
        partials.remove(key);
        return record(new ReceivedSms(partial.lastId, from, to, String.join("", partial.texts),
                partial.texts.length, encoding, Instant.now()));
    }

    private ReceivedSms record(ReceivedSms sms) {
        if (seen.put(sms.to() + '\0' + sms.text(), Boolean.TRUE) != null) {
            duplicates++;
        } else if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        messages.addLast(sms);
        if (messages.size() > capacity) {
            messages.removeFirst();
        }
        total++;
        notifyAll();
        return sms;
    }

    synchronized List<ReceivedSms> snapshot() {
        return new ArrayList<>(messages);
    }

    /** The newest {@code limit} recorded messages that {@code match}, oldest first; scans from the newest back. */
    synchronized List<ReceivedSms> latest(Predicate<ReceivedSms> match, int limit) {
        ArrayDeque<ReceivedSms> found = new ArrayDeque<>();
        for (Iterator<ReceivedSms> it = messages.descendingIterator(); it.hasNext() && found.size() < limit; ) {
            ReceivedSms sms = it.next();
            if (match.test(sms)) {
                found.addFirst(sms);
            }
        }
        return new ArrayList<>(found);
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long total() {
        return total;
    }

    synchronized List<ReceivedSms> awaitTotal(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("expected " + count + " messages within " + timeout + ", got " + total);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return new ArrayList<>(messages);
    }

    synchronized ReceivedSms awaitFirst(Predicate<ReceivedSms> match, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ReceivedSms sms : messages) {
                if (match.test(sms)) {
                    return sms;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no message " + what + " within " + timeout);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
