-- Store a fresh code (as its HMAC), replacing any earlier one for this purpose and citizen.
-- KEYS[1] otp:{PURPOSE:citizenId}
-- ARGV[1] otpId  ARGV[2] code HMAC  ARGV[3] phone  ARGV[4] expires-at ms  ARGV[5] max attempts  ARGV[6] ttl ms
-- ARGV[7] number prefix of the phone (first four digits, e.g. 8496), returned by a successful verify
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'h', ARGV[2], 'ph', ARGV[3], 'exp', ARGV[4],
  'att', 0, 'max', ARGV[5], 'dead', 0, 'pfx', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
