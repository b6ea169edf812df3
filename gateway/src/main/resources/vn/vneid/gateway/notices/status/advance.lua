-- Moves a message's status forward and records facts about it.
-- KEYS[1] message hash
-- ARGV[1] rank of the new status, ARGV[2] the status, ARGV[3] TTL ms (used when creating),
-- ARGV[4] '1' to create the message, ARGV[5..] field/value pairs written whatever the status does.
-- From 'submitted' on, the sealed SMS of an OTP ('sealed', kept only until its submit) is deleted.
-- Returns {changed (1 or 0), client, callbackUrl, campaignId}: the facts status listeners need.
local exists = redis.call('EXISTS', KEYS[1]) == 1
if not exists and ARGV[4] ~= '1' then
  return {0, '', '', ''}
end
if #ARGV > 4 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 5))
end
local current = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
local changed = 0
if tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[1], 'status', ARGV[2], 'rank', ARGV[1])
  changed = 1
end
if tonumber(ARGV[1]) >= 2 then
  redis.call('HDEL', KEYS[1], 'sealed')
end
if not exists then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local f = redis.call('HMGET', KEYS[1], 'client', 'callbackUrl', 'campaignId')
return {changed, f[1] or '', f[2] or '', f[3] or ''}
