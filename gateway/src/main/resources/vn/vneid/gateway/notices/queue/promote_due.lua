-- Moves a queue's entries whose time has come (retries after a back-off, scheduled entries) from its waiting
-- set back into its stream, atomically, at most ARGV[2] of them.
-- KEYS[1] the stream, KEYS[2] its waiting sorted set (score: due ms; member: the entry's fields as a JSON object)
-- ARGV[1] now ms, ARGV[2] batch size. Returns how many moved.
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  local fields = cjson.decode(member)
  local args = {}
  for k, v in pairs(fields) do
    args[#args + 1] = k
    args[#args + 1] = tostring(v)
  end
  redis.call('XADD', KEYS[1], '*', unpack(args))
  redis.call('ZREM', KEYS[2], member)
end
return #due
