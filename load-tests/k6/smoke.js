// Smoke test: one VU walks every path once per iteration and every check must pass.
//   health ready -> issue OTP -> read the code at the simulator -> verify (APPROVED)
//   -> send one notice -> follow its status until submitted or delivered.
// Run it before a load test: a failing smoke makes the load numbers meaningless.
import http from 'k6/http';
import { check, sleep } from 'k6';
import {
  GATEWAY_URL, checkReady, envInt, gatewayParams, jsonBody, mask, newRun, record, requireReady, warnEnvProblems,
} from './lib/common.js';
import { otpJourney } from './lib/otp.js';

const ITERATIONS = envInt('ITERATIONS', 3, 1);
// The simulator sends a delivery receipt after about 1 s, so 10 s is ample for submitted or delivered.
const NOTICE_WAIT_MS = envInt('NOTICE_WAIT_MS', 10000, 1);
const NOTICE_POLL_MS = 200;
const REACHED = ['submitted', 'delivered'];
// Statuses a notice never leaves: waiting longer would not help.
const FINAL_FAILURES = ['failed', 'expired', 'opted_out'];

const SEND = gatewayParams('notice', 'POST /v1/messages', [202]);
const STATUS = gatewayParams('notice_status', 'GET /v1/messages/{id}', [200]);

export const options = {
  scenarios: {
    smoke: { executor: 'shared-iterations', vus: 1, iterations: ITERATIONS, maxDuration: '2m' },
  },
  thresholds: {
    checks: ['rate==1.0'],
    http_req_failed: ['rate==0'],
  },
};

export function setup() {
  warnEnvProblems();
  requireReady();
  return { run: newRun() };
}

/** POST /v1/messages with a template that has no variables; the messageId, or null. */
function sendNotice(phone) {
  const res = http.post(`${GATEWAY_URL}/v1/messages`, JSON.stringify({
    to: phone, category: 'TRANSACTIONAL', template: 'SCAM_WARNING',
  }), SEND);
  const body = jsonBody(res);
  const sent = record('notice', check(res, {
    'notice: status 202': (r) => r.status === 202,
    'notice: queued with a messageId': () => body !== null && body.status === 'queued'
      && typeof body.messageId === 'string',
  }, { step: 'notice' }));
  return sent ? body.messageId : null;
}

/** Polls GET /v1/messages/{id} until the notice reached the SMSC, failed for good, or NOTICE_WAIT_MS passed. */
function awaitNoticeStatus(messageId) {
  const started = Date.now();
  let status = null;
  for (;;) {
    const body = jsonBody(http.get(`${GATEWAY_URL}/v1/messages/${encodeURIComponent(messageId)}`, STATUS));
    status = body !== null ? body.status : null;
    const settled = REACHED.indexOf(status) >= 0 || FINAL_FAILURES.indexOf(status) >= 0;
    if (settled || Date.now() - started >= NOTICE_WAIT_MS) {
      break;
    }
    sleep(NOTICE_POLL_MS / 1000);
  }
  return record('notice_status', check(status, {
    [`notice: submitted or delivered within ${NOTICE_WAIT_MS} ms`]: (s) => REACHED.indexOf(s) >= 0,
  }, { step: 'notice_status' }));
}

export default function (data) {
  if (!checkReady()) {
    return;
  }
  const journey = otpJourney(data.run);
  const messageId = sendNotice(journey.who.phone);
  const noticeOk = messageId !== null && awaitNoticeStatus(messageId);
  console.log(`smoke ${mask(journey.who.phone)}: otp ${journey.ok ? 'approved' : 'FAILED'}, `
    + `notice ${noticeOk ? 'submitted' : 'FAILED'}`);
}
