-- End the hold of one number prefix now.
-- KEYS[1] pumping:{holds}  ARGV[1] now ms  ARGV[2] prefix
-- Returns the hold that was live (and is now removed), or nil when there was none.
local held = redis.call('HGET', KEYS[1], ARGV[2])
if not held then
  return false
end
redis.call('HDEL', KEYS[1], ARGV[2])
local ok, hold = pcall(cjson.decode, held)
if ok and type(hold) == 'table' and tonumber(hold['untilMs']) and tonumber(hold['untilMs']) > tonumber(ARGV[1]) then
  return held
end
return false
