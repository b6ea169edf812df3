-- Takes over OTPs whose holder stopped renewing their lease (its instance died or shut down).
-- KEYS[1] the outbox sorted set (member: message id, score: lease end, ms)
-- ARGV[1] now ms  ARGV[2] the new lease end ms  ARGV[3] at most this many
-- Returns the message ids now leased to the caller.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
return ids
