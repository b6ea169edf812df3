-- Appends an entry unless the stream already holds ARGV[1] entries.
-- KEYS[1] the stream; ARGV[1] the cap, ARGV[2..] field/value pairs.
-- Returns {1, length before} when appended, {0, length} when refused.
local n = redis.call('XLEN', KEYS[1])
if n >= tonumber(ARGV[1]) then
  return {0, n}
end
redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
return {1, n}
