package vn.vneid.smpp.simulator;

/** Told of every message the simulator has fully received (all segments), on an SMPP thread. */
@FunctionalInterface
public interface MessageListener {
    void onMessage(ReceivedSms sms);
}
