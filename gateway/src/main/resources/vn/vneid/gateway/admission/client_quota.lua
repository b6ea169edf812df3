-- Token bucket of one API client, shared by every gateway instance.
-- KEYS[1] quota:{<client name>}: a hash {tokens, at}
-- ARGV[1] now (ms, the gateway's clock)  ARGV[2] rate (tokens per second)  ARGV[3] burst (bucket size)
-- Returns {1, 0} when a token was taken, else {0, ms until the next token}; a refusal writes nothing.
-- An instance whose clock is behind the last writer's does not refill (never a negative refill).
local now = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 1000
local burst = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens, at = burst, now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * perMs)
  at = now
end
if tokens < 1 then
  return {0, math.ceil((1 - tokens) / perMs)}
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens - 1), 'at', string.format('%d', at))
-- Gone once a full bucket would have refilled: an absent key reads as a full bucket.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs) + 1000)
return {1, 0}
