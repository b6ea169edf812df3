-- Resend cooldown: refuse while a stored deadline lies ahead, else take it.
-- KEYS[1] otp:{PURPOSE:citizenId}:cd   value "untilMs:otpId"
-- ARGV[1] now (ms, the caller's clock)  ARGV[2] cooldown ms  ARGV[3] new value "untilMs:otpId"
-- Returns 0 when acquired, else the ms left until the cooldown ends.
local now = tonumber(ARGV[1])
local held = redis.call('GET', KEYS[1])
if held then
  local sep = string.find(held, ':', 1, true)
  local untilMs = tonumber(string.sub(held, 1, (sep or 0) - 1))
  if untilMs and untilMs > now then
    return untilMs - now
  end
end
local cooldown = tonumber(ARGV[2])
if cooldown > 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', cooldown)
else
  redis.call('DEL', KEYS[1])
end
return 0
