-- Hold OTP issues to one number prefix.
-- KEYS[1] pumping:{holds}, a hash: prefix -> hold as JSON, whose untilMs (the gateways' clock) ends it
-- ARGV[1] now ms  ARGV[2] prefix  ARGV[3] the hold (JSON)  ARGV[4] its untilMs
-- ARGV[5] 'keep' (a live hold of the prefix stays as it is) or 'replace'
-- Returns {1, ARGV[3]} when stored, or {0, the live hold} when one was kept.
local now = tonumber(ARGV[1])
local held = redis.call('HGET', KEYS[1], ARGV[2])
if held and ARGV[5] == 'keep' then
  local ok, hold = pcall(cjson.decode, held)
  if ok and type(hold) == 'table' and tonumber(hold['untilMs']) and tonumber(hold['untilMs']) > now then
    return {0, held}
  end
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
-- Clean-up only: the key lives as long as its longest hold.
local ttl = tonumber(ARGV[4]) - now
if redis.call('PTTL', KEYS[1]) < ttl then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {1, ARGV[3]}
