package vn.vneid.gateway.webhooks;

import vn.vneid.redis.LuaScript;

/**
 * The Redis keys of webhook delivery and the scripts that move an entry between them atomically. All keys
 * share the hash tag {@code {q}}, so the scripts also run on Redis Cluster.
 * <ul>
 *   <li>{@link #STREAM}: jobs waiting for a POST, read by the consumer group {@link #GROUP}; each entry has one
 *       field {@code job} (a {@link WebhookJob} as JSON);</li>
 *   <li>{@link #RETRY}: a sorted set of jobs (JSON) scored by the epoch millisecond when they are due again;</li>
 *   <li>{@link #DEAD}: the dead-letter stream: fields {@code job}, {@code reason}, {@code failedAt}.</li>
 * </ul>
 */
final class WebhookStreams {
    static final String STREAM = "webhooks:{q}";
    static final String RETRY = STREAM + ":retry";
    static final String DEAD = STREAM + ":dead";
    static final String GROUP = "webhook-dispatchers";
    static final String JOB = "job";

    /** KEYS stream; ARGV group, id. Acknowledges and deletes a delivered entry. */
    static final LuaScript DONE = LuaScript.of("webhook-done", """
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            return 1
            """);

    /**
     * KEYS stream, retry; ARGV group, id, due millis, job. Schedules the next try and removes the entry; does
     * nothing (answers 0) when the entry was already acknowledged by someone else.
     */
    static final LuaScript RETRY_LATER = LuaScript.of("webhook-retry", """
            if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('XDEL', KEYS[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            return 1
            """);

    /** KEYS stream, dead; ARGV group, id, job, reason, failedAt. Moves the entry to the dead letters (0: already gone). */
    static final LuaScript GIVE_UP = LuaScript.of("webhook-dead", """
            if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('XDEL', KEYS[1], ARGV[2])
            redis.call('XADD', KEYS[2], '*', 'job', ARGV[3], 'reason', ARGV[4], 'failedAt', ARGV[5])
            return 1
            """);

    /** KEYS retry, stream; ARGV now millis, limit. Moves up to limit due jobs back to the stream; answers how many. */
    static final LuaScript PROMOTE = LuaScript.of("webhook-promote", """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, job in ipairs(due) do
              redis.call('XADD', KEYS[2], '*', 'job', job)
              redis.call('ZREM', KEYS[1], job)
            end
            return #due
            """);

    private WebhookStreams() {
    }
}
