-- Issue a code for one citizen and purpose, in one step: resend cooldown, the citizen's sliding-window limit, and
-- the store of the code (as its HMAC), replacing any earlier code. The phone's limits are checked at the same time
-- by limiter_acquire.lua on the phone's own hash tag; if that refuses, otp_issue_undo.lua takes this back.
-- KEYS[1] record otp:{PURPOSE:c}  KEYS[2] the record it replaced  KEYS[3] cooldown  KEYS[4] citizen's send log
-- ARGV[1] now ms  ARGV[2] otpId  ARGV[3] code HMAC  ARGV[4] expires-at ms  ARGV[5] max attempts  ARGV[6] ttl ms
-- ARGV[7] number prefix of the phone (e.g. 8496), returned by a successful verify
-- ARGV[8] cooldown ms  ARGV[9] citizen window ms  ARGV[10] max sends to the citizen in that window
-- Returns {0, 0} when the code was stored, else {1, ms left} (cooldown) or {2, ms until room} (citizen limit);
-- nothing is written then.
local now = tonumber(ARGV[1])
local held = redis.call('GET', KEYS[3])
if held then
  local sep = string.find(held, ':', 1, true)
  local untilMs = tonumber(string.sub(held, 1, (sep or 0) - 1))
  if untilMs and untilMs > now then
    return {1, untilMs - now}
  end
end
local window = tonumber(ARGV[9])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - window)
local from = '(' .. string.format('%d', now - window)
if redis.call('ZCOUNT', KEYS[4], from, '+inf') >= tonumber(ARGV[10]) then
  local oldest = redis.call('ZRANGEBYSCORE', KEYS[4], from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  return {2, tonumber(oldest[2]) + window - now}
end
local cooldown = tonumber(ARGV[8])
if cooldown > 0 then
  redis.call('SET', KEYS[3], string.format('%d', now + cooldown) .. ':' .. ARGV[2], 'PX', cooldown)
else
  redis.call('DEL', KEYS[3])
end
redis.call('ZADD', KEYS[4], now, ARGV[2])
redis.call('PEXPIRE', KEYS[4], window)
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2]) -- keeps its TTL
else
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'id', ARGV[2], 'h', ARGV[3], 'exp', ARGV[4], 'att', 0, 'max', ARGV[5], 'dead', 0,
  'pfx', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {0, 0}
