-- Takes an entry out of the stream and puts its next try in the waiting set, atomically; does nothing (answers 0)
-- when the entry is no longer pending (settled by another consumer that took it over).
-- KEYS[1] the stream, KEYS[2] its waiting set; ARGV[1] group, ARGV[2] entry id, ARGV[3] due ms,
-- ARGV[4] the next try's fields as a JSON object.
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
