// The OTP journey of a citizen, shared by the scripts: issue a code, read it from the SMSC simulator as the
// phone would receive it, verify it. Each step has its own latency Trend and its own tag in step_errors.
import http from 'k6/http';
import exec from 'k6/execution';
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import {
  GATEWAY_URL, SIM_URL, envFloat, envInt, extractCode, gatewayParams, identity, jsonBody, record, simParams,
} from './common.js';

// `true`: the values are times, so the summary prints them as durations.
const issueDuration = new Trend('otp_issue_duration', true);
const codeWait = new Trend('otp_code_wait', true);
const verifyDuration = new Trend('otp_verify_duration', true);

/** The error rate allowed per step and for http_req_failed (default 1 %). */
export const MAX_ERROR_RATE = envFloat('MAX_ERROR_RATE', 0.01);

const PURPOSE = 'ACTIVATE';
// How long a code may take to reach the simulator before the step counts as failed, and how often to look.
const CODE_WAIT_MS = envInt('CODE_WAIT_MS', 5000, 1);
const POLL_MS = envInt('POLL_MS', 50, 1);
// A message the simulator received more than this before the issue request was sent belongs to an earlier run
// that used the same phone, and is ignored. The slack absorbs a simulator clock slightly behind this machine's.
const CLOCK_SLACK_MS = 2000;

const ISSUE = gatewayParams('issue', 'POST /v1/otp', [202]);
const VERIFY = gatewayParams('verify', 'POST /v1/otp/verify', [200]);
const SIM_MESSAGES = simParams('code', 'GET sim /messages');

/** POST /v1/otp for the identity; true on 202 with a messageId. */
function issueOtp(who) {
  const res = http.post(`${GATEWAY_URL}/v1/otp`, JSON.stringify({
    purpose: PURPOSE, citizenId: who.citizenId, phone: who.phone,
  }), ISSUE);
  issueDuration.add(res.timings.duration, { step: 'issue' });
  const body = jsonBody(res);
  return record('issue', check(res, {
    'issue: status 202': (r) => r.status === 202,
    'issue: has messageId': () => body !== null && typeof body.messageId === 'string',
  }, { step: 'issue' }));
}

/** The code in the newest message received since `sinceMicros`, or null; messages come oldest first. */
function newestCode(res, sinceMicros) {
  const body = jsonBody(res);
  const messages = body !== null && Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    const fresh = typeof message.receivedAtMicros !== 'number' || message.receivedAtMicros >= sinceMicros;
    const code = fresh ? extractCode(message.text) : null;
    if (code !== null) {
      return code;
    }
  }
  return null;
}

/**
 * Polls the simulator for the code sent to `phone` by an issue request started at `issuedAtMs`. The SMS can
 * arrive a few ms after the 202, so this looks every POLL_MS until CODE_WAIT_MS; the wait from the 202 to the
 * code goes to otp_code_wait. Returns the code or null.
 */
function readCode(phone, issuedAtMs) {
  const started = Date.now();
  const url = `${SIM_URL}/messages?to=${phone}&limit=5`;
  const sinceMicros = (issuedAtMs - CLOCK_SLACK_MS) * 1000;
  for (;;) {
    const code = newestCode(http.get(url, SIM_MESSAGES), sinceMicros);
    if (code !== null) {
      codeWait.add(Date.now() - started, { step: 'code' });
      return code;
    }
    if (Date.now() - started >= CODE_WAIT_MS) {
      return null;
    }
    sleep(POLL_MS / 1000);
  }
}

/** POST /v1/otp/verify with the code; true on 200 APPROVED. */
function verifyOtp(who, code) {
  const res = http.post(`${GATEWAY_URL}/v1/otp/verify`, JSON.stringify({
    purpose: PURPOSE, citizenId: who.citizenId, code,
  }), VERIFY);
  verifyDuration.add(res.timings.duration, { step: 'verify' });
  const body = jsonBody(res);
  return record('verify', check(res, {
    'verify: status 200': (r) => r.status === 200,
    'verify: APPROVED': () => body !== null && body.result === 'APPROVED',
  }, { step: 'verify' }));
}

/**
 * One citizen's activation with a fresh identity: issue, read the code, verify. Returns the identity and
 * whether every step passed; a failed step ends the journey, as it would for the citizen.
 */
export function otpJourney(run) {
  const who = identity(run, exec.scenario.iterationInTest);
  const issuedAtMs = Date.now();
  if (!issueOtp(who)) {
    return { who, ok: false };
  }
  const code = readCode(who.phone, issuedAtMs);
  const arrived = record('code', check(code, {
    [`code: reached the simulator within ${CODE_WAIT_MS} ms`]: (c) => c !== null,
  }, { step: 'code' }));
  return { who, ok: arrived && verifyOtp(who, code) };
}

/**
 * Thresholds for the OTP steps: error rate per step, and p(95)/p(99) of each step's latency. The defaults
 * differ per script; the same variables (OTP_P95_MS, OTP_P99_MS, CODE_WAIT_P95_MS, CODE_WAIT_P99_MS,
 * MAX_ERROR_RATE) override them in every script.
 */
export function otpThresholds(defaults) {
  const p95 = envInt('OTP_P95_MS', defaults.otpP95Ms, 1);
  const p99 = envInt('OTP_P99_MS', defaults.otpP99Ms, 1);
  const waitP95 = envInt('CODE_WAIT_P95_MS', defaults.codeWaitP95Ms, 1);
  const waitP99 = envInt('CODE_WAIT_P99_MS', defaults.codeWaitP99Ms, 1);
  return {
    'step_errors{step:issue}': [`rate<${MAX_ERROR_RATE}`],
    'step_errors{step:code}': [`rate<${MAX_ERROR_RATE}`],
    'step_errors{step:verify}': [`rate<${MAX_ERROR_RATE}`],
    otp_issue_duration: [`p(95)<${p95}`, `p(99)<${p99}`],
    otp_code_wait: [`p(95)<${waitP95}`, `p(99)<${waitP99}`],
    otp_verify_duration: [`p(95)<${p95}`, `p(99)<${p99}`],
  };
}

