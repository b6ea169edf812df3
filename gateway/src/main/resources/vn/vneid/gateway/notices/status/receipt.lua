-- Applies one segment's final delivery receipt to its message.
-- KEYS[1] message hash
-- ARGV[1] the segment's SMSC id (normalised), ARGV[2] 'delivered' | 'failed' | 'expired', ARGV[3] now ms,
-- ARGV[4] reason (for failed / expired)
-- The message is delivered when every submitted segment (field 'pdus') has a delivered receipt, failed or
-- expired as soon as one segment is; a receipt seen before ('r:<id>') counts once.
-- Returns {outcome, submittedAt ms, requestId, client, callbackUrl, campaignId} with outcome 0 = no such message, 1 = duplicate, 2 = counted, not settled,
-- 3 = settled by this receipt, 4 = already settled before.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {0, 0}
end
local submittedAt = tonumber(redis.call('HGET', KEYS[1], 'submittedAt') or '0')
local facts = redis.call('HMGET', KEYS[1], 'requestId', 'client', 'callbackUrl', 'campaignId')
local requestId = facts[1] or ''
local client, callbackUrl, campaignId = facts[2] or '', facts[3] or '', facts[4] or ''
if redis.call('HSETNX', KEYS[1], 'r:' .. ARGV[1], ARGV[2]) == 0 then
  return {1, submittedAt, requestId, client, callbackUrl, campaignId}
end
local rank = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
if rank >= 3 then
  return {4, submittedAt, requestId, client, callbackUrl, campaignId}
end
if ARGV[2] == 'delivered' then
  local pdus = tonumber(redis.call('HGET', KEYS[1], 'pdus') or '1')
  local delivered = redis.call('HINCRBY', KEYS[1], 'receiptsDelivered', 1)
  if delivered < pdus then
    return {2, submittedAt, requestId, client, callbackUrl, campaignId}
  end
  redis.call('HSET', KEYS[1], 'status', 'delivered', 'rank', 3, 'deliveredAt', ARGV[3])
  return {3, submittedAt, requestId, client, callbackUrl, campaignId}
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'rank', 3, ARGV[2] .. 'At', ARGV[3], 'reason', ARGV[4])
return {3, submittedAt, requestId, client, callbackUrl, campaignId}
