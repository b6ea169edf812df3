-- Give a cooldown back, but only if it is still the one this issue took.
-- KEYS[1] otp:{PURPOSE:citizenId}:cd   ARGV[1] the value this issue stored
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
