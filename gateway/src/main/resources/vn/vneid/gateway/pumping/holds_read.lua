-- The live holds; holds whose time is over are removed here, so exactly one caller learns of each end.
-- KEYS[1] pumping:{holds}  ARGV[1] now ms
-- Returns {{prefix, hold, ...} live, {prefix, hold, ...} ended}; an entry that is not a hold counts as ended.
local now = tonumber(ARGV[1])
local all = redis.call('HGETALL', KEYS[1])
local live, ended = {}, {}
for i = 1, #all, 2 do
  local ok, hold = pcall(cjson.decode, all[i + 1])
  local untilMs = ok and type(hold) == 'table' and tonumber(hold['untilMs'])
  if untilMs and untilMs > now then
    live[#live + 1] = all[i]
    live[#live + 1] = all[i + 1]
  else
    redis.call('HDEL', KEYS[1], all[i])
    ended[#ended + 1] = all[i]
    ended[#ended + 1] = all[i + 1]
  end
end
return {live, ended}
