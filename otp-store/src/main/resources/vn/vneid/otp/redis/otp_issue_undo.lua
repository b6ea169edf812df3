-- Take back an issue that otp_issue.lua accepted but the phone's limits refused: the citizen is left as if it had
-- never been asked (no cooldown, no send counted, the code it replaced live again).
-- KEYS as otp_issue.lua: record, the record it replaced, cooldown, citizen's send log
-- ARGV[1] otpId of the issue to take back
-- Only what is still this issue's is touched: a newer issue's record or cooldown stays.
local id = ARGV[1]
if redis.call('HGET', KEYS[1], 'id') == id then
  redis.call('DEL', KEYS[1])
  if redis.call('EXISTS', KEYS[2]) == 1 then
    redis.call('RENAME', KEYS[2], KEYS[1])
  end
elseif redis.call('HGET', KEYS[2], 'id') == id then
  redis.call('DEL', KEYS[2]) -- a newer issue replaced this one: it must never come back
end
local held = redis.call('GET', KEYS[3])
if held and string.sub(held, -(#id + 1)) == ':' .. id then
  redis.call('DEL', KEYS[3])
end
redis.call('ZREM', KEYS[4], id)
return 1
