package vn.vneid.smpp.session;

/**
 * The life of one bind. {@code IDLE → CONNECTING → BOUND}; {@code CONNECTING → WAITING_TO_RECONNECT} when the
 * bind fails; {@code BOUND → WAITING_TO_RECONNECT} when the session is unexpectedly closed;
 * {@code WAITING_TO_RECONNECT → CONNECTING} when the back-off elapses; any state {@code → CLOSED} on close.
 */
public enum BindState {
    IDLE, CONNECTING, BOUND, WAITING_TO_RECONNECT, CLOSED
}
