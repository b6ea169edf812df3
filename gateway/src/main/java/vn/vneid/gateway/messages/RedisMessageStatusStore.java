package vn.vneid.gateway.messages;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import vn.vneid.otp.redis.LuaScript;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;

/**
 * Message status in Redis, shared by every gateway instance: a hash {@code msg:{id}} (status, masked
 * destination, client, carrier, SMSC id, a timestamp per status) living {@code ttl}, and for each SMSC
 * message id a key {@code smsc:{carrier:id}} naming the message, so that a receipt arriving on any instance
 * finds it. Status changes go through one script ({@code advance.lua}) that only moves forward.
 */
public final class RedisMessageStatusStore {
    private final RedisAsyncCommands<String, String> redis;
    private final LuaScript advance;
    private final Duration ttl;

    public RedisMessageStatusStore(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.advance = LuaScript.fromResource(RedisMessageStatusStore.class, "advance.lua");
    }

    public CompletionStage<Boolean> accepted(String messageId, String client, Msisdn to, String kind, Instant at) {
        return move(messageId, MessageStatus.ACCEPTED, true, at,
                "to", to.masked(), "client", client, "kind", kind);
    }

    /** Records the SMSC's answer (or its absence) for a message the sender finished with. */
    public CompletionStage<Boolean> submitted(String messageId, SubmitResult result, Instant at) {
        return switch (result.status()) {
            case ACCEPTED -> {
                for (String id : result.smscMessageIds()) {
                    redis.set(smscKey(result.carrier(), id), messageId, SetArgs.Builder.px(ttl.toMillis()));
                }
                yield move(messageId, MessageStatus.SUBMITTED, false, at, "carrier", result.carrier(),
                        "smscMessageId", result.smscMessageId(), "segments", Integer.toString(result.segments()));
            }
            case UNKNOWN -> move(messageId, MessageStatus.UNKNOWN, false, at,
                    "carrier", result.carrier(), "reason", result.reason());
            case EXPIRED -> move(messageId, MessageStatus.EXPIRED, false, at, "reason", "validity ran out before submit");
            case REJECTED_TEMPORARY, REJECTED_PERMANENT -> move(messageId, MessageStatus.FAILED, false, at,
                    "carrier", result.carrier(), "reason", result.reason());
        };
    }

    /** Settles a message from a delivery receipt; unknown SMSC ids (another system's, or long gone) are ignored. */
    public CompletionStage<Boolean> receipt(String carrier, DeliveryReceipt receipt, Instant at) {
        return redis.get(smscKey(carrier, receipt.smscMessageId())).thenCompose(messageId -> {
            if (messageId == null || !receipt.state().isFinal()) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            MessageStatus status = switch (receipt.state()) {
                case DELIVRD -> MessageStatus.DELIVERED;
                case EXPIRED -> MessageStatus.EXPIRED;
                default -> MessageStatus.FAILED;
            };
            String reason = status == MessageStatus.DELIVERED ? null
                    : "receipt " + receipt.state() + " err " + receipt.errorCode();
            return reason == null ? move(messageId, status, false, at)
                    : move(messageId, status, false, at, "reason", reason);
        });
    }

    public CompletionStage<Optional<MessageView>> find(String messageId) {
        return redis.hgetall(key(messageId)).thenApply(fields -> fields == null || fields.isEmpty()
                ? Optional.empty()
                : Optional.of(new MessageView(messageId, fields.get("client"), fields)));
    }

    private CompletionStage<Boolean> move(String messageId, MessageStatus status, boolean create, Instant at,
                                          String... facts) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(status.rank()), status.label(),
                Long.toString(ttl.toMillis()), create ? "1" : "0", status.timeField(), Long.toString(at.toEpochMilli())));
        args.addAll(List.of(facts));
        return advance.<Long>eval(redis, ScriptOutputType.INTEGER, new String[] {key(messageId)}, args.toArray(String[]::new))
                .thenApply(changed -> changed == 1L);
    }

    static String key(String messageId) {
        return "msg:{" + messageId + "}";
    }

    static String smscKey(String carrier, String smscMessageId) {
        return "smsc:{" + carrier + ":" + DeliveryReceiptParser.normaliseId(smscMessageId) + "}";
    }
}
