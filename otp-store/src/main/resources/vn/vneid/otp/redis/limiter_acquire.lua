-- Sliding-log limiter: one sorted set of send times (member = otpId, score = ms), several windows.
-- KEYS[1] rl:{ph:84912345678}:PURPOSE or rl:{cid:001099012345}:PURPOSE
-- ARGV[1] now ms  ARGV[2] member (otpId)  ARGV[3] retention ms (the longest window)
-- ARGV[4..] pairs: window ms, max sends in that window
-- Returns {0, 0} when the send was recorded, else {i, retryAfterMs} for the refusing window i (1-based)
-- with the longest wait; nothing is recorded then.
local now = tonumber(ARGV[1])
local retention = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - retention)
local refused, longest = 0, 0
local i = 1
for a = 4, #ARGV, 2 do
  local window = tonumber(ARGV[a])
  local max = tonumber(ARGV[a + 1])
  local from = '(' .. string.format('%d', now - window)
  if redis.call('ZCOUNT', KEYS[1], from, '+inf') >= max then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    local wait = tonumber(oldest[2]) + window - now
    if wait > longest then
      refused, longest = i, wait
    end
  end
  i = i + 1
end
if refused > 0 then
  return {refused, longest}
end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], retention)
return {0, 0}
