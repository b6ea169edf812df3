-- Check a code's HMAC against the live record, atomically and single use, in one step (no read first: the HMAC
-- covers only what the request carries).
-- KEYS[1] otp:{PURPOSE:c}
-- ARGV[1] now ms  ARGV[2] HMAC of the typed code
-- Returns {result, attemptsLeft, number prefix, otpId}: the prefix only for APPROVED ('' otherwise, and for a record
-- stored without one), the otpId of the record checked ('' when there is none).
local r = redis.call('HMGET', KEYS[1], 'id', 'h', 'exp', 'att', 'max', 'dead', 'pfx')
if not r[1] then
  return {'NOT_FOUND', 0, '', ''}
end
if r[6] == '1' then
  return {'ATTEMPTS_EXHAUSTED', 0, '', r[1]}
end
if tonumber(r[3]) <= tonumber(ARGV[1]) then
  return {'EXPIRED', 0, '', r[1]}
end
if r[2] == ARGV[2] then
  redis.call('DEL', KEYS[1])
  return {'APPROVED', 0, r[7] or '', r[1]}
end
local att = redis.call('HINCRBY', KEYS[1], 'att', 1)
local max = tonumber(r[5])
if att >= max then
  redis.call('HSET', KEYS[1], 'dead', 1)
  return {'ATTEMPTS_EXHAUSTED', 0, '', r[1]}
end
return {'WRONG_CODE', max - att, '', r[1]}
