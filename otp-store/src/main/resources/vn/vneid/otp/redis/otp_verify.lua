-- Check a code's HMAC against the live record, atomically and single use.
-- KEYS[1] otp:{PURPOSE:citizenId}
-- ARGV[1] now ms  ARGV[2] the otpId the HMAC was computed for  ARGV[3] HMAC of the typed code
-- Returns {result, attemptsLeft}, and for APPROVED {result, 0, number prefix} ('' for a record stored without
-- one); result REPLACED means a new code replaced that otpId meanwhile.
local r = redis.call('HMGET', KEYS[1], 'id', 'h', 'exp', 'att', 'max', 'dead', 'pfx')
if not r[1] then
  return {'NOT_FOUND', 0}
end
if r[1] ~= ARGV[2] then
  return {'REPLACED', 0}
end
if r[6] == '1' then
  return {'ATTEMPTS_EXHAUSTED', 0}
end
if tonumber(r[3]) <= tonumber(ARGV[1]) then
  return {'EXPIRED', 0}
end
if r[2] == ARGV[3] then
  redis.call('DEL', KEYS[1])
  return {'APPROVED', 0, r[7] or ''}
end
local att = redis.call('HINCRBY', KEYS[1], 'att', 1)
local max = tonumber(r[5])
if att >= max then
  redis.call('HSET', KEYS[1], 'dead', 1)
  return {'ATTEMPTS_EXHAUSTED', 0}
end
return {'WRONG_CODE', max - att}
