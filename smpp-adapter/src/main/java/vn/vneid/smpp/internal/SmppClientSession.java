package vn.vneid.smpp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.smpp.BindMode;
import vn.vneid.smpp.CarrierConfig;

/**
 * One SMPP 3.4 client connection on a Netty event loop, from bind to close, with no thread of its own. Frames
 * arrive whole (a {@code LengthFieldBasedFrameDecoder} ahead of it); jSMPP's composer and decomposer encode and
 * decode each PDU ({@link Pdus}). Everything here runs on the channel's event loop, except
 * {@link #unbindAndClose()} and the late answers to receipts, which hand themselves to it.
 *
 * <ul>
 *   <li><b>Requests we send</b> ({@link #send}): each waits in a map by sequence number, owned by the loop, for
 *   its response; the response, or a generic_nack with its sequence number, goes to its
 *   {@link ResponseHandler}. One timer on the loop, armed for the oldest request, tells a request that waited
 *   the config's response timeout ({@code onNoResponse(false)}); when the connection closes, every request
 *   still waiting is told at once ({@code onNoResponse(true)}). Writes are flushed once per loop turn: after the
 *   frames read in one turn ({@code channelReadComplete}), or by the caller's {@link #flush()}.</li>
 *   <li><b>Lifecycle</b>: bind_transceiver (or bind_transmitter) on connect; bound → {@link Events#onBound};
 *   refused, unanswered or closed before → {@link Events#onBindFailed}. enquire_link every
 *   {@link CarrierConfig#enquireLinkInterval()}; one unanswered within the response timeout closes the
 *   connection. An unbind from the SMSC gets its unbind_resp and the connection is closed. Once bound, a close
 *   from either side ends in {@link Events#onClosed}.</li>
 *   <li><b>Requests from the SMSC</b>: deliver_sm and data_sm are answered by {@link ReceiptAnswers} when the
 *   receipt is safe; enquire_link is answered; alert_notification needs no answer; anything else gets a
 *   generic_nack ESME_RINVCMDID.</li>
 * </ul>
 */
public final class SmppClientSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SmppClientSession.class);

    /** What the session tells its bind, on the event loop. */
    public interface Events {
        void onBound(SmppClientSession session);

        /** The bind did not succeed ({@code why} says how); the connection is closed or closing. */
        void onBindFailed(SmppClientSession session, String why);

        /** A bound session's connection closed, whoever closed it; requests that waited were told first. */
        void onClosed(SmppClientSession session);
    }

    /** Told how one request we sent ended, on the event loop. */
    public interface ResponseHandler {
        /**
         * Its response ({@code commandId} with the response bit) or a generic_nack with its sequence number;
         * {@code pdu} is the whole frame, readable during the call only.
         */
        void onResponse(int commandId, int commandStatus, ByteBuf pdu);

        /** No response: the response timeout passed ({@code connectionLost} false), or the connection closed. */
        void onNoResponse(boolean connectionLost);
    }

    private enum State { CONNECTING, BINDING, BOUND, UNBINDING, CLOSED }

    private final CarrierConfig config;
    private final String label;
    private final ReceiptAnswers receipts;
    private final Events events;
    /** Requests waiting for their response, with their timeouts. */
    private final OutstandingRequests outstanding;
    private volatile State state = State.CONNECTING;
    private Channel channel;
    private ChannelHandlerContext ctx;
    private int sequence;
    private boolean reading;
    private boolean unflushed;
    private ScheduledFuture<?> enquireLinks;

    public SmppClientSession(CarrierConfig config, String label, ReceiptReceiver receiver, Events events) {
        this.config = config;
        this.label = label;
        this.receipts = new ReceiptAnswers(label, receiver, this::write,
                pdu -> ctx.writeAndFlush(Unpooled.wrappedBuffer(pdu), ctx.voidPromise()));
        this.events = events;
        this.outstanding = new OutstandingRequests(config.responseTimeout(), this::flush);
    }

    /** True once bound and until an unbind or a close begins. */
    public boolean isBound() {
        return state == State.BOUND;
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    /** The next sequence number of this session (1..0x7FFFFFFF, wrapping). Event loop only. */
    public int nextSequence() {
        sequence = Pdus.nextSequence(sequence);
        return sequence;
    }

    /**
     * Writes {@code pdu} (composed with sequence number {@code sequenceNumber}) and waits for its response,
     * told to {@code handler}. Not flushed: frames read in this loop turn are flushed after the read, others by
     * {@link #flush()}. Event loop only.
     */
    public void send(int sequenceNumber, byte[] pdu, ResponseHandler handler) {
        outstanding.add(sequenceNumber, handler);
        write(pdu);
    }

    /** Flushes what was written, unless a read is in progress (it flushes when it completes). Event loop only. */
    public void flush() {
        if (unflushed && !reading && ctx != null) {
            unflushed = false;
            ctx.flush();
        }
    }

    /**
     * Sends unbind (when bound) and closes the connection on its unbind_resp or after the response timeout;
     * from any thread. Completes when the connection is closed.
     */
    public CompletableFuture<Void> unbindAndClose() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        channel.eventLoop().execute(() -> {
            if (state != State.BOUND) {
                channel.close();
                return;
            }
            state = State.UNBINDING;
            int seq = nextSequence();
            send(seq, Pdus.COMPOSER.unbind(seq), new ResponseHandler() {
                @Override
                public void onResponse(int commandId, int commandStatus, ByteBuf pdu) {
                    channel.close();
                }

                @Override
                public void onNoResponse(boolean connectionLost) {
                    channel.close();
                }
            });
            flush();
        });
        return closed;
    }

    // --- Netty events ---

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        outstanding.runOn(channel.eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        state = State.BINDING;
        BindType type = config.bindMode() == BindMode.TRANSMITTER ? BindType.BIND_TX : BindType.BIND_TRX;
        int seq = nextSequence();
        byte[] bind;
        try {
            bind = Pdus.COMPOSER.bind(type.commandId(), seq, config.systemId(), config.password(),
                    config.systemType(), InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(),
                    NumberingPlanIndicator.UNKNOWN.value(), null);
        } catch (PDUStringException e) {
            events.onBindFailed(this, "bind cannot be encoded: " + e.getMessage());
            ctx.close();
            return;
        }
        send(seq, bind, new ResponseHandler() {
            @Override
            public void onResponse(int commandId, int commandStatus, ByteBuf pdu) {
                if (commandStatus == 0 && commandId == type.responseCommandId()) {
                    onBound();
                } else {
                    events.onBindFailed(SmppClientSession.this, "bind refused, command_status 0x"
                            + Integer.toHexString(commandStatus) + " (" + CommandStatuses.describe(commandStatus) + ")");
                    ctx.close();
                }
            }

            @Override
            public void onNoResponse(boolean connectionLost) {
                events.onBindFailed(SmppClientSession.this, connectionLost ? "connection closed before bind_resp"
                        : "no bind_resp within " + config.responseTimeout().toMillis() + " ms");
                ctx.close();
            }
        });
        flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        reading = true;
        try {
            if (frame.readableBytes() < Pdus.HEADER_LENGTH) {
                log.warn("carrier bind {}: PDU of {} bytes, shorter than a header; closing", label, frame.readableBytes());
                ctx.close();
                return;
            }
            int commandId = Pdus.commandId(frame);
            if (Pdus.isResponse(commandId)) {
                onResponse(commandId, frame);
            } else {
                onRequest(commandId, frame);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean wasBound = state == State.BOUND || state == State.UNBINDING;
        state = State.CLOSED;
        cancel(enquireLinks);
        outstanding.connectionLost();
        if (wasBound) {
            events.onClosed(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            // a write raced the close (at most a window of them): the close itself is logged by the bind
            log.debug("carrier bind {}: write after close ({})", label, cause.toString());
        } else {
            log.warn("carrier bind {}: closing the connection after {}", label, cause.toString());
        }
        ctx.close();
    }

    // --- inside ---

    private void onBound() {
        state = State.BOUND;
        long every = config.enquireLinkInterval().toMillis();
        enquireLinks = channel.eventLoop().scheduleAtFixedRate(this::enquireLink, every, every, TimeUnit.MILLISECONDS);
        events.onBound(this);
    }

    private void onResponse(int commandId, ByteBuf frame) {
        int seq = Pdus.sequenceNumber(frame);
        ResponseHandler request = outstanding.remove(seq);
        if (request == null) {
            log.debug("carrier bind {}: response 0x{} to sequence number {} that no request waits for (late?)", label,
                    Integer.toHexString(commandId), seq);
            return;
        }
        request.onResponse(commandId, Pdus.commandStatus(frame), frame);
    }

    private void onRequest(int commandId, ByteBuf frame) {
        int seq = Pdus.sequenceNumber(frame);
        if (commandId == Pdus.DELIVER_SM) {
            receipts.onDeliverSm(seq, frame);
        } else if (commandId == Pdus.ENQUIRE_LINK) {
            write(Pdus.COMPOSER.enquireLinkResp(seq));
        } else if (commandId == Pdus.DATA_SM) {
            receipts.onDataSm(seq, frame);
        } else if (commandId == Pdus.UNBIND) {
            log.info("carrier bind {}: the SMSC unbinds; answering and closing", label);
            state = State.UNBINDING;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Pdus.COMPOSER.unbindResp(0, seq))).addListener(f -> ctx.close());
        } else if (commandId != Pdus.ALERT_NOTIFICATION) {
            write(Pdus.COMPOSER.genericNack(Pdus.ESME_RINVCMDID, seq));
        }
    }

    private void enquireLink() {
        if (state != State.BOUND) {
            return;
        }
        int seq = nextSequence();
        send(seq, Pdus.COMPOSER.enquireLink(seq), new ResponseHandler() {
            @Override
            public void onResponse(int commandId, int commandStatus, ByteBuf pdu) {
                // alive
            }

            @Override
            public void onNoResponse(boolean connectionLost) {
                if (!connectionLost) {
                    log.warn("carrier bind {}: no enquire_link_resp within {} ms; closing the session", label,
                            config.responseTimeout().toMillis());
                    ctx.close();
                }
            }
        });
        flush();
    }

    private void write(byte[] pdu) {
        ctx.write(Unpooled.wrappedBuffer(pdu), ctx.voidPromise());
        unflushed = true;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
