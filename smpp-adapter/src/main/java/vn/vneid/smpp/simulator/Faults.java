package vn.vneid.smpp.simulator;

import java.time.Duration;
import vn.vneid.smpp.session.TokenBucket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulator's faults, settable while it runs from any thread and effective for the next PDU: every field
 * is volatile or atomic, and {@link #awaitResponsive} wakes up as soon as {@code unresponsive} is turned off or
 * the simulator closes.
 */
final class Faults {
    volatile boolean refuseBinds;
    volatile double throttleFraction;
    /** submit_sm beyond this bucket's rate are throttled; null: no such limit. */
    volatile TokenBucket throttleAbove;
    volatile Duration submitLatency = Duration.ZERO;
    volatile Duration receiptDelay;
    volatile double receiptLossFraction;
    volatile double receiptFailFraction;
    volatile boolean receiptsAsTlvOnly;
    volatile Redelivery receiptRedelivery = Redelivery.DEFAULT;
    /** submit_sm still to be handled before every session is dropped; negative when not armed. */
    private final AtomicInteger dropCountdown = new AtomicInteger(-1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition responsive = lock.newCondition();
    private boolean unresponsive;
    private boolean released;

    /**
     * How a receipt that was not acknowledged (deliver_sm_resp with an error, none in time, or no session to
     * take it) is sent again: every {@code interval}, at most {@code maxTries} sends in all (1: never again).
     */
    record Redelivery(Duration interval, int maxTries) {
        /** Like an SMSC that keeps a receipt for a minute: every second, 60 sends in all. */
        static final Redelivery DEFAULT = new Redelivery(Duration.ofSeconds(1), 60);

        Redelivery {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("receipt redelivery interval must be positive, was " + interval);
            }
            if (maxTries < 1) {
                throw new IllegalArgumentException("receipt maxTries must be at least 1, was " + maxTries);
            }
        }
    }

    /** A token bucket of {@code perSecond} (a tenth of a second's burst) for throttleAbove; null for 0 (off). */
    static TokenBucket perSecondLimit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("throttleAbove must be 0 (off) or a rate per second, was " + perSecond);
        }
        return perSecond == 0 ? null : TokenBucket.perSecond(perSecond);
    }

    static double fraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be 0..1, was " + value);
        }
        return value;
    }

    void dropAfter(int submits) {
        if (submits < 1) {
            throw new IllegalArgumentException("submits must be at least 1");
        }
        dropCountdown.set(submits);
    }

    /** True for exactly one submit_sm: the one that uses up the countdown. */
    boolean dropNow() {
        while (true) {
            int left = dropCountdown.get();
            if (left <= 0) {
                return false;
            }
            if (dropCountdown.compareAndSet(left, left - 1)) {
                return left == 1;
            }
        }
    }

    void unresponsive(boolean on) {
        lock.lock();
        try {
            unresponsive = on;
            responsive.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isUnresponsive() {
        lock.lock();
        try {
            return unresponsive && !released;
        } finally {
            lock.unlock();
        }
    }

    /** Holds the caller while the simulator is unresponsive; returns when it is not, or on {@link #releaseAll}. */
    void awaitResponsive() throws InterruptedException {
        lock.lock();
        try {
            while (unresponsive && !released) {
                responsive.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** On close: lets every held submit go. */
    void releaseAll() {
        lock.lock();
        try {
            released = true;
            responsive.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
