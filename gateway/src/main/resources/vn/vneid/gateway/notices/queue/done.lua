-- Settles entries: acknowledged in the group and deleted from the stream, so the stream's length is what still
-- waits or is in flight.
-- KEYS[1] the stream; ARGV[1] the group, ARGV[2..] entry ids (a batch). Returns how many were pending.
local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
return acked
