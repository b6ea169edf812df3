package vn.vneid.gateway.notices.status;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.MessageStatusStore;
import vn.vneid.gateway.notices.MessageStatus;
import vn.vneid.gateway.notices.MessageView;
import vn.vneid.gateway.notices.ReceiptOutcome;
import vn.vneid.gateway.notices.StatusListener;
import vn.vneid.gateway.notices.queue.GroupCommit;
import vn.vneid.redis.LuaScript;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.DeliveryReceiptParser;

/**
 * Message status in Redis, shared by every gateway instance: a hash {@code msg:{id}} (status, masked
 * destination, client, carrier, SMSC id, a timestamp per status) living {@code ttl}, and for each SMSC
 * message id a key {@code smsc:{carrier:id}} naming the message, so that a receipt arriving on any instance
 * finds it. Status changes go through scripts that only move forward ({@code advance.lua}, and
 * {@code receipt.lua}, which counts per-segment receipts). Submitted messages wait in the sorted set
 * {@value #RECEIPTS_DUE} (score: when their receipt is overdue) until a receipt settles them or
 * {@link #expireOverdue} expires them; they are added and removed in batches ({@link GroupCommit}: one ZADD or ZREM
 * for all the messages submitted or settled while the previous one was on its way).
 */
public final class RedisMessageStatusStore implements MessageStatusStore {
    private final RedisAsyncCommands<String, String> redis;
    static final String RECEIPTS_DUE = "receipts:due";
    private static final int EXPIRE_BATCH = 500;
    /** Most members one ZADD or ZREM of {@value #RECEIPTS_DUE} carries. */
    private static final int BATCH = 1000;
    private final LuaScript advance;
    private final LuaScript applyReceipt;
    private final Duration ttl;
    private final Duration receiptTimeout;
    private volatile StatusListener listener = StatusListener.NONE;
    /** Messages waiting for receipts, added to and removed from {@value #RECEIPTS_DUE} in batches. */
    private final GroupCommit<ScoredValue<String>, Long> receiptsDue;
    private final GroupCommit<String, Long> receiptsSettled;

    public RedisMessageStatusStore(RedisAsyncCommands<String, String> redis, Duration ttl, Duration receiptTimeout) {
        this.redis = redis;
        this.ttl = ttl;
        this.receiptTimeout = receiptTimeout;
        this.advance = LuaScript.fromResource(RedisMessageStatusStore.class, "advance.lua");
        this.applyReceipt = LuaScript.fromResource(RedisMessageStatusStore.class, "receipt.lua");
        this.receiptsDue = new GroupCommit<>(BATCH, batch -> Collections.nCopies(batch.size(),
                redis.zadd(RECEIPTS_DUE, scoresAndMembers(batch))));
        this.receiptsSettled = new GroupCommit<>(BATCH, batch -> Collections.nCopies(batch.size(),
                redis.zrem(RECEIPTS_DUE, batch.toArray(String[]::new))));
    }

    @Override
    public void listener(StatusListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Boolean> queued(LaneMessage m, Instant at) {
        return move(m.messageId(), MessageStatus.QUEUED, true, at, noticeFacts(m, "acceptedAt", Long.toString(at.toEpochMilli())));
    }

    @Override
    public CompletionStage<Boolean> settle(LaneMessage m, MessageStatus status, String reason, Instant at) {
        return move(m.messageId(), status, true, at, noticeFacts(m, "reason", reason));
    }

    private static String[] noticeFacts(LaneMessage m, String extraKey, String extraValue) {
        List<String> f = new ArrayList<>(List.of("to", m.to().masked(), "client", m.client(),
                "kind", m.campaignId().map(c -> "campaign:" + c).orElse("notice:" + m.category()),
                "requestId", m.requestId() == null ? "" : m.requestId(), extraKey, extraValue));
        m.campaignId().ifPresent(c -> f.addAll(List.of("campaignId", c)));
        m.callbackUrl().ifPresent(u -> f.addAll(List.of("callbackUrl", u)));
        return f.toArray(String[]::new);
    }

    public CompletionStage<Boolean> accepted(String messageId, String client, Msisdn to, String kind, String requestId,
                                             Instant at) {
        return move(messageId, MessageStatus.ACCEPTED, true, at,
                "to", to.masked(), "client", client, "kind", kind, "requestId", requestId);
    }

    /**
     * Records an OTP's SMS as accepted together with its {@code sealed} text, which any instance can send if the
     * one that accepted it dies; the sealed text is deleted when the message is submitted or ends.
     */
    public CompletionStage<Boolean> accepted(String messageId, String client, Msisdn to, String kind, String requestId,
                                             Instant at, String sealed) {
        return move(messageId, MessageStatus.ACCEPTED, true, at,
                "to", to.masked(), "client", client, "kind", kind, "requestId", requestId, "sealed", sealed);
    }

    /** Ends a message that was never submitted (an OTP whose code expired while nobody could send it). */
    public CompletionStage<Boolean> end(String messageId, MessageStatus status, String reason, Instant at) {
        return move(messageId, status, false, at, "reason", reason);
    }

    /** Where a message is and, while it is an OTP not yet submitted, its sealed SMS; empty when unknown. */
    public CompletionStage<Optional<Pending>> pending(String messageId) {
        return redis.hmget(key(messageId), "status", "sealed").thenApply(values -> {
            String status = values.get(0).getValueOrElse(null);
            return status == null ? Optional.empty()
                    : Optional.of(new Pending(status, values.get(1).getValueOrElse(null)));
        });
    }

    /** A message's status label and, for an OTP not yet submitted, its sealed SMS (else null). */
    public record Pending(String status, String sealed) {
        public boolean accepted() {
            return MessageStatus.ACCEPTED.label().equals(status);
        }
    }

    /**
     * Records the SMSC's answer (or its absence) for a message the sender finished with. An UNKNOWN outcome
     * (no submit response) is remembered by carrier and destination, so that a receipt from that handset can
     * settle it later (see {@link #receipt}).
     */
    @Override
    public CompletionStage<Boolean> submitted(String messageId, Msisdn to, SubmitResult result, Instant at) {
        return switch (result.status()) {
            case ACCEPTED -> {
                for (String id : result.smscMessageIds()) {
                    redis.set(smscKey(result.carrier(), id), messageId, SetArgs.Builder.px(ttl.toMillis()));
                }
                receiptsDue.submit(ScoredValue.just((double) at.plus(receiptTimeout).toEpochMilli(), messageId));
                yield move(messageId, MessageStatus.SUBMITTED, false, at, "carrier", result.carrier(),
                        "smscMessageId", result.smscMessageId(), "segments", Integer.toString(result.segments()),
                        "pdus", Integer.toString(result.smscMessageIds().size()));
            }
            case UNKNOWN -> {
                redis.set(unknownKey(result.carrier(), to.international()), messageId, SetArgs.Builder.px(receiptTimeout.toMillis()));
                receiptsDue.submit(ScoredValue.just((double) at.plus(receiptTimeout).toEpochMilli(), messageId));
                yield move(messageId, MessageStatus.UNKNOWN, false, at, "carrier", result.carrier(), "reason", result.reason());
            }
            case EXPIRED -> move(messageId, MessageStatus.EXPIRED, false, at, "reason", "validity ran out before submit");
            case REJECTED_TEMPORARY, REJECTED_PERMANENT -> move(messageId, MessageStatus.FAILED, false, at,
                    "carrier", result.carrier(), "reason", result.reason());
        };
    }

    /**
     * Applies one segment's final receipt: the message is delivered when every segment is, failed or expired
     * when one is. A receipt for an SMSC id we never recorded answers {@link ReceiptOutcome.Kind#NO_MESSAGE}.
     */
    public CompletionStage<ReceiptOutcome> receipt(String carrier, DeliveryReceipt receipt, Instant at) {
        return receipt(carrier, receipt, at, false);
    }

    /**
     * As {@link #receipt(String, DeliveryReceipt, Instant)}; with {@code matchHandset}, a receipt whose SMSC id
     * names no message settles the message to the same handset whose submit ended UNKNOWN on that carrier, if
     * any. Callers ask for that only once the id has had time to be recorded, so that a receipt which merely
     * outran its own submit record is not given to another message.
     */
    @Override
    public CompletionStage<ReceiptOutcome> receipt(String carrier, DeliveryReceipt receipt, Instant at,
                                                   boolean matchHandset) {
        return redis.get(smscKey(carrier, receipt.smscMessageId())).thenCompose(found -> {
            if (found != null || !matchHandset || receipt.handset() == null) {
                return CompletableFuture.completedFuture(found);
            }
            String unknown = unknownKey(carrier, receipt.handset());
            return redis.getdel(unknown).thenApply(messageId -> {
                if (messageId != null) {
                    redis.set(smscKey(carrier, receipt.smscMessageId()), messageId, SetArgs.Builder.px(ttl.toMillis()));
                }
                return messageId;
            });
        }).thenCompose(messageId -> {
            if (messageId == null) {
                return CompletableFuture.completedFuture(ReceiptOutcome.noMessage());
            }
            MessageStatus status = switch (receipt.state()) {
                case DELIVRD -> MessageStatus.DELIVERED;
                case EXPIRED -> MessageStatus.EXPIRED;
                default -> MessageStatus.FAILED;
            };
            String reason = "receipt " + receipt.state() + (receipt.errorCode() == null ? "" : " err " + receipt.errorCode());
            return applyReceipt.<List<Object>>eval(redis, ScriptOutputType.MULTI, new String[] {key(messageId)},
                            DeliveryReceiptParser.normaliseId(receipt.smscMessageId()), status.label(),
                            Long.toString(at.toEpochMilli()), reason)
                    .thenApply(r -> {
                        ReceiptOutcome outcome = outcome(r, messageId);
                        if (outcome.kind() == ReceiptOutcome.Kind.SETTLED && r.size() > 5) {
                            publish(messageId, status.label(), at, status == MessageStatus.DELIVERED ? null : reason,
                                    r.get(3), r.get(4), r.get(5));
                        }
                        if (outcome.kind() == ReceiptOutcome.Kind.SETTLED || outcome.kind() == ReceiptOutcome.Kind.ALREADY_SETTLED) {
                            receiptsSettled.submit(messageId);
                        }
                        return outcome;
                    });
        });
    }

    /**
     * Marks expired the submitted messages whose receipts are overdue ({@code receiptTimeout} after submit), a
     * batch at a time; called periodically by every instance (moving a status is idempotent).
     */
    public CompletionStage<Integer> expireOverdue(Instant now) {
        return redis.zrangebyscore(RECEIPTS_DUE, Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                Limit.create(0, EXPIRE_BATCH)).thenCompose(ids -> {
            List<CompletableFuture<Boolean>> moves = new ArrayList<>();
            for (String id : ids) {
                moves.add(move(id, MessageStatus.EXPIRED, false, now, "reason",
                        "no delivery receipt within " + receiptTimeout).toCompletableFuture());
            }
            if (!ids.isEmpty()) {
                redis.zrem(RECEIPTS_DUE, ids.toArray(String[]::new));
            }
            return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).thenApply(v -> ids.size());
        });
    }

    @Override
    public CompletionStage<Optional<MessageStatus>> status(String messageId) {
        return redis.hget(key(messageId), "status").thenApply(label -> Optional.ofNullable(label)
                .map(l -> MessageStatus.valueOf(l.toUpperCase(java.util.Locale.ROOT))));
    }

    @Override
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
        return advance.<List<Object>>eval(redis, ScriptOutputType.MULTI, new String[] {key(messageId)}, args.toArray(String[]::new))
                .thenApply(r -> {
                    boolean changed = ((Number) r.get(0)).longValue() == 1L;
                    if (changed) {
                        publish(messageId, status.label(), at, reasonIn(facts), r.get(1), r.get(2), r.get(3));
                    }
                    return changed;
                });
    }

    private static Object[] scoresAndMembers(List<ScoredValue<String>> batch) {
        Object[] out = new Object[batch.size() * 2];
        for (int i = 0; i < batch.size(); i++) {
            out[2 * i] = batch.get(i).getScore();
            out[2 * i + 1] = batch.get(i).getValue();
        }
        return out;
    }

    /** The reply of {@code receipt.lua}: {outcome, submittedAt ms, requestId, client, callbackUrl, campaignId}. */
    private static ReceiptOutcome outcome(List<Object> r, String messageId) {
        long at = ((Number) r.get(1)).longValue();
        String requestId = r.size() > 2 ? String.valueOf(r.get(2)) : "";
        String campaignId = r.size() > 5 ? String.valueOf(r.get(5)) : "";
        return new ReceiptOutcome(ReceiptOutcome.Kind.values()[((Number) r.get(0)).intValue()],
                at == 0 ? null : Instant.ofEpochMilli(at), messageId, requestId.isEmpty() ? null : requestId,
                campaignId.isEmpty() ? null : campaignId);
    }

    static String key(String messageId) {
        return "msg:{" + messageId + "}";
    }

    private void publish(String messageId, String status, Instant at, String reason, Object client, Object callbackUrl,
                         Object campaignId) {
        try {
            listener.onStatus(new StatusListener.StatusEvent(messageId, String.valueOf(client), status, at,
                    Optional.ofNullable(reason).filter(s -> !s.isEmpty()), nonEmpty(callbackUrl), nonEmpty(campaignId)));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RedisMessageStatusStore.class).warn("status listener failed for {}: {}", messageId, e.toString());
        }
    }

    private static Optional<String> nonEmpty(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private static String reasonIn(String[] facts) {
        for (int i = 0; i + 1 < facts.length; i += 2) {
            if ("reason".equals(facts[i])) {
                return facts[i + 1];
            }
        }
        return null;
    }

    static String unknownKey(String carrier, String handset) {
        return "unknown:{" + carrier + ":" + handset + "}";
    }

    static String smscKey(String carrier, String smscMessageId) {
        return "smsc:{" + carrier + ":" + DeliveryReceiptParser.normaliseId(smscMessageId) + "}";
    }
}
