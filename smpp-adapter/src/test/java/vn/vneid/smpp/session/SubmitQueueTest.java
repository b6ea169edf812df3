package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.encoding.SmsEncoder;

class SubmitQueueTest {
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
    private long sequence;
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(42);

    @Test
    void priorityMessagesGoFirstAndOrderIsFifoWithinAPriority() throws InterruptedException {
        SubmitQueue queue = new SubmitQueue();
        queue.add(job("n1", false, LATER));
        queue.add(job("n2", false, LATER));
        queue.add(job("p1", true, LATER));
        queue.add(job("n3", false, LATER));
        queue.add(job("p2", true, LATER));

        assertThat(drainIds(queue)).containsExactly("p1", "p2", "n1", "n2", "n3");
    }

    @Test
    void aRequeuedMessageKeepsItsPlace() throws InterruptedException {
        SubmitQueue queue = new SubmitQueue();
        SubmitJob first = job("n1", false, LATER);
        queue.add(first);
        queue.add(job("n2", false, LATER));
        SubmitJob taken = queue.poll();

        queue.add(taken);

        assertThat(drainIds(queue)).containsExactly("n1", "n2");
    }

    @Test
    void expiredMessagesAreRemoved() {
        SubmitQueue queue = new SubmitQueue();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        queue.add(job("old", false, now.minusSeconds(1)));
        queue.add(job("edge", false, now));
        queue.add(job("fresh", false, now.plusSeconds(1)));

        assertThat(queue.removeExpired(now)).extracting(j -> j.sms.messageId()).containsExactlyInAnyOrder("old", "edge");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aMessageToRetryWaitsAsideUntilItsTimeThenRejoinsAtItsPlace() throws InterruptedException {
        SubmitQueue queue = new SubmitQueue(now::get);
        SubmitJob throttled = job("first", false, LATER);
        queue.retryAt(throttled, now.get() + 1_000);
        queue.add(job("second", false, LATER));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll().sms.messageId()).isEqualTo("second");
        assertThat(queue.poll()).isNull();

        queue.add(job("third", false, LATER));
        now.addAndGet(1_000);
        assertThat(drainIds(queue)).containsExactly("first", "third");
    }

    @Test
    void messagesWaitingToRetryExpireAndDrainLikeTheOthers() {
        SubmitQueue queue = new SubmitQueue(now::get);
        Instant expiry = Instant.parse("2026-01-01T00:00:00Z");
        queue.retryAt(job("waiting-old", false, expiry.minusSeconds(1)), now.get() + 1_000_000);
        queue.retryAt(job("waiting-fresh", false, LATER), now.get() + 1_000_000);
        queue.add(job("ready", false, LATER));

        assertThat(queue.removeExpired(expiry)).extracting(j -> j.sms.messageId()).containsExactly("waiting-old");
        assertThat(queue.drain()).extracting(j -> j.sms.messageId()).containsExactlyInAnyOrder("waiting-fresh", "ready");
        assertThat(queue.size()).isZero();
    }

    @Test
    void laneStatsCountEachLaneAndAgeItsOldestWaitingMessage() {
        SubmitQueue queue = new SubmitQueue();
        Instant later = Instant.now().plusSeconds(300);
        SubmitJob otp = job("otp-1", true, later);
        queue.add(otp);
        queue.add(job("notice-1", false, later));
        SubmitJob retried = job("notice-2", false, later);
        queue.retryAt(retried, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        long now = otp.queuedNanos + TimeUnit.SECONDS.toNanos(7);

        long[] otpLane = queue.laneStats(true, now);
        long[] otherLane = queue.laneStats(false, now);
        assertThat(otpLane[0]).isEqualTo(1);
        assertThat(otpLane[1]).isEqualTo(TimeUnit.SECONDS.toNanos(7));
        assertThat(otherLane[0]).as("ready and waiting to retry").isEqualTo(2);
        assertThat(otherLane[1]).isGreaterThan(0).isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(7));
    }

    private SubmitJob job(String id, boolean priority, Instant validUntil) {
        OutboundSms sms = new OutboundSms(id, Msisdn.parse("0912345678"), "x", validUntil, priority);
        return new SubmitJob(sms, SmsEncoder.encode("x", 0), sequence++);
    }

    private static List<String> drainIds(SubmitQueue queue) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        SubmitJob j;
        while ((j = queue.poll()) != null) {
            ids.add(j.sms.messageId());
        }
        return ids;
    }
}
