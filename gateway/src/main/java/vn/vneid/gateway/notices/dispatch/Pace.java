package vn.vneid.gateway.notices.dispatch;

import java.time.Clock;

/** A campaign's pace: tokens at {@code perSecond}, at most one second's worth saved up. Thread-safe. */
final class Pace {
    private final Clock clock;
    private double perSecond;
    private double tokens;
    private long lastMillis;

    Pace(Clock clock, double perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.lastMillis = clock.millis();
        this.tokens = Math.min(1, perSecond);
    }

    synchronized void rate(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes up to {@code wanted} tokens; returns how many it took. */
    synchronized int take(int wanted) {
        long now = clock.millis();
        tokens = Math.min(Math.max(1, perSecond), tokens + (now - lastMillis) * perSecond / 1000.0);
        lastMillis = now;
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** Gives back tokens taken but not used (the lane had fewer messages). */
    synchronized void giveBack(int unused) {
        tokens += unused;
    }
}
