-- Claim an idempotency key, or say what holds it.
-- KEYS[1] idem:{client:sha256(key)}  values "pending|fp" or "done|fp|answer" (fp is a hex digest, no '|')
-- ARGV[1] fp  ARGV[2] ttl ms
-- Returns {'claimed'}, {'pending'}, {'replay', answer} or {'mismatch'}.
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'pending|' .. ARGV[1], 'PX', ARGV[2])
  return {'claimed'}
end
if v == 'pending|' .. ARGV[1] then
  return {'pending'}
end
local done = 'done|' .. ARGV[1] .. '|'
if string.sub(v, 1, #done) == done then
  return {'replay', string.sub(v, #done + 1)}
end
return {'mismatch'}
