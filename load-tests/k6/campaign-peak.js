// OTP latency during a campaign peak. setup() creates a campaign of RECIPIENTS fresh recipients at
// CAMPAIGN_RATE messages/s, uploads them and starts it; then two scenarios run side by side:
//   otp:   OTP_RATE citizens/s for DURATION (issue -> read code -> verify), held to tight latency thresholds,
//          because OTP SMS must go ahead of all bulk traffic;
//   watch: one VU polling the campaign every WATCH_EVERY_S seconds, recording how fast it is submitted.
// teardown() prints the final campaign totals and cancels the campaign if it is still open.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Gauge, Trend } from 'k6/metrics';
import {
  GATEWAY_URL, PHONE_SPACE, durationSeconds, envDuration, envFloat, envInt, gatewayParams, jsonBody, newRun,
  recipientPhone, record, requireReady, warnEnvProblems,
} from './lib/common.js';
import { MAX_ERROR_RATE, otpJourney, otpThresholds } from './lib/otp.js';

// Recipients get 091 numbers 0911000000.. (one per index), apart from the 096 numbers of the OTP scenario.
const RECIPIENTS = envInt('RECIPIENTS', 100000, 1, PHONE_SPACE);
// Lines per upload request: several requests, each body small enough to build quickly in setup().
const CHUNK = envInt('CHUNK', 10000, 1);
// The gateway accepts a campaign maxRate of at most 10,000 messages/s.
const CAMPAIGN_RATE = envInt('CAMPAIGN_RATE', 5000, 1, 10000);
const OTP_RATE = envInt('OTP_RATE', 200, 1);
const DURATION = envDuration('DURATION', '2m');
const PRE_VUS = envInt('PRE_VUS', 50, 1);
// k6 refuses maxVUs below preAllocatedVUs.
const MAX_VUS = Math.max(PRE_VUS, envInt('MAX_VUS', 500, 1));
const WATCH_EVERY_S = envInt('WATCH_EVERY_S', 5, 1);
// Building and uploading 100,000 recipients takes longer than k6's default 60 s setup timeout allows for.
const SETUP_TIMEOUT = envDuration('SETUP_TIMEOUT', '5m');
const MAX_DROPPED_RATE = envFloat('MAX_DROPPED_RATE', 0.01);
// ACTIVATION_REMINDER's `deadline` is a DATE: sent as an ISO date, written 15/03/2027 in the SMS.
const DEADLINE = '2027-03-15';
// States in which a campaign can still send, so teardown cancels it.
const OPEN_STATES = ['DRAFT', 'RUNNING', 'PAUSED'];

const CREATE = gatewayParams('campaign_setup', 'POST /v1/campaigns', [201]);
const UPLOAD = Object.assign(
  gatewayParams('campaign_setup', 'POST /v1/campaigns/{id}/recipients', [200], 'application/x-ndjson'),
  { timeout: '120s' },
);
const START = gatewayParams('campaign_setup', 'POST /v1/campaigns/{id}/start', [200]);
const POLL = gatewayParams('campaign_poll', 'GET /v1/campaigns/{id}', [200]);
// 409: the campaign completed between the last poll and the cancel, which is fine.
const CANCEL = gatewayParams('campaign_teardown', 'POST /v1/campaigns/{id}/cancel', [200, 409]);

const submittedGauge = new Gauge('campaign_submitted');
const pendingGauge = new Gauge('campaign_pending');
const submittedRate = new Trend('campaign_submitted_rate');

export const options = {
  setupTimeout: SETUP_TIMEOUT,
  scenarios: {
    otp: {
      executor: 'constant-arrival-rate',
      rate: OTP_RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: PRE_VUS,
      maxVUs: MAX_VUS,
      exec: 'otp',
    },
    watch: { executor: 'constant-vus', vus: 1, duration: DURATION, exec: 'watch' },
  },
  thresholds: Object.assign({
    http_req_failed: [`rate<${MAX_ERROR_RATE}`],
    dropped_iterations: [`count<=${Math.floor(OTP_RATE * durationSeconds(DURATION) * MAX_DROPPED_RATE)}`],
    // The campaign must really have been sending during the test, or the OTP numbers prove nothing.
    campaign_submitted_rate: ['max>0'],
  }, otpThresholds({ otpP95Ms: 25, otpP99Ms: 50, codeWaitP95Ms: 1000, codeWaitP99Ms: 2000 })),
};

function campaignUrl(campaignId, action) {
  return `${GATEWAY_URL}/v1/campaigns/${encodeURIComponent(campaignId)}${action ? `/${action}` : ''}`;
}

/** Status and problem code of a refused request, for error messages (problem details carry no phones). */
function refusal(res, body) {
  return `status ${res.status}${body !== null && body.code ? ` ${body.code}: ${body.detail}` : ''}`;
}

function createCampaign() {
  const res = http.post(`${GATEWAY_URL}/v1/campaigns`, JSON.stringify({
    name: `peak-${new Date().toISOString()}`,
    template: 'ACTIVATION_REMINDER',
    maxRate: CAMPAIGN_RATE,
    unaccent: true,
    // start == end: never quiet, so the test runs at any hour (the default quiet hours are 22:00-07:00).
    quietHours: { start: '00:00', end: '00:00' },
  }), CREATE);
  const body = jsonBody(res);
  if (res.status !== 201 || body === null || typeof body.campaignId !== 'string') {
    throw new Error(`create campaign: ${refusal(res, body)}`);
  }
  return body.campaignId;
}

/** NDJSON of recipients first .. first+count-1, one `{to, vars}` object per line. */
function recipientLines(first, count) {
  const lines = [];
  for (let i = first; i < first + count; i += 1) {
    lines.push(JSON.stringify({ to: recipientPhone(i), vars: { deadline: DEADLINE } }));
  }
  return `${lines.join('\n')}\n`;
}

function uploadRecipients(campaignId) {
  for (let first = 0; first < RECIPIENTS; first += CHUNK) {
    const count = Math.min(CHUNK, RECIPIENTS - first);
    const res = http.post(campaignUrl(campaignId, 'recipients'), recipientLines(first, count), UPLOAD);
    const body = jsonBody(res);
    if (res.status !== 200 || body === null || body.queued !== count) {
      const queued = body !== null && typeof body.queued === 'number' ? `, ${body.queued} of ${count} queued` : '';
      throw new Error(`upload of recipients ${first}..${first + count - 1}: ${refusal(res, body)}${queued}`);
    }
  }
  console.log(`campaign ${campaignId}: ${RECIPIENTS} recipients queued`);
}

function startCampaign(campaignId) {
  const res = http.post(campaignUrl(campaignId, 'start'), null, START);
  const body = jsonBody(res);
  if (res.status !== 200) {
    throw new Error(`start campaign ${campaignId}: ${refusal(res, body)}`);
  }
  console.log(`campaign ${campaignId}: ${body !== null ? body.state : '?'} at maxRate ${CAMPAIGN_RATE}/s`);
}

/** The campaign as GET shows it, or null. */
function getCampaign(campaignId) {
  const body = jsonBody(http.get(campaignUrl(campaignId), POLL));
  return body !== null && body.totals ? body : null;
}

/** Cancels the campaign; the answer is the campaign, or 409 when it has just completed. */
function cancelCampaign(campaignId) {
  const res = http.post(campaignUrl(campaignId, 'cancel'), null, CANCEL);
  const body = jsonBody(res);
  console.log(`campaign ${campaignId}: cancel answered ${res.status === 200 && body !== null ? body.state
    : refusal(res, body)}`);
}

export function setup() {
  warnEnvProblems();
  requireReady();
  const campaignId = createCampaign();
  try {
    uploadRecipients(campaignId);
    startCampaign(campaignId);
  } catch (e) {
    // k6 skips teardown when setup fails: cancel here so a half-built campaign cannot be started later.
    cancelCampaign(campaignId);
    throw e;
  }
  // startedAt: the first rate sample counts from the start, so even a campaign that is fully submitted before
  // the first poll yields a rate.
  return { run: newRun(), campaignId, startedAt: Date.now() };
}

export function otp(data) {
  otpJourney(data.run);
}

// The previous poll of the watch VU (one VU, so one value): turns submitted counts into a rate.
let previous = null;

function observe(campaign, startedAt) {
  const now = Date.now();
  if (previous === null) {
    previous = { at: startedAt, submitted: 0, state: 'RUNNING' };
  }
  const submitted = campaign.totals.submitted;
  submittedGauge.add(submitted);
  pendingGauge.add(campaign.totals.pending);
  // Only intervals that began while RUNNING: once the campaign is done the rate is 0 and would dilute the peak.
  if (previous.state === 'RUNNING' && now > previous.at) {
    submittedRate.add((submitted - previous.submitted) * 1000 / (now - previous.at));
  }
  previous = { at: now, submitted, state: campaign.state };
}

export function watch(data) {
  const campaign = getCampaign(data.campaignId);
  const polled = record('campaign_poll', check(campaign, {
    'campaign: polled': (c) => c !== null,
  }, { step: 'campaign_poll' }));
  if (polled) {
    observe(campaign, data.startedAt);
  }
  sleep(WATCH_EVERY_S);
}

export function teardown(data) {
  const campaign = getCampaign(data.campaignId);
  if (campaign === null) {
    console.warn(`campaign ${data.campaignId}: could not read its final state`);
    return;
  }
  console.log(`campaign ${data.campaignId}: ${campaign.state}, totals ${JSON.stringify(campaign.totals)}`);
  if (OPEN_STATES.indexOf(campaign.state) >= 0) {
    cancelCampaign(data.campaignId);
  }
}
