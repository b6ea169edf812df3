// Helpers shared by the k6 scripts: settings from __ENV, request parameters, fresh identities, code extraction.
// Only k6 built-in modules are imported, so the scripts run offline on k6 v0.48 and newer.
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';

// Invalid settings found while reading __ENV. They are printed once, by warnEnvProblems() in setup(), because
// every VU evaluates this module and would otherwise repeat each warning hundreds of times.
const envProblems = [];

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
// k6 durations as Go writes them: 30s, 2m, 1m30s, 1.5h, 500ms.
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/;
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
const SECONDS_PER_UNIT = { ms: 0.001, s: 1, m: 60, h: 3600 };

function rawEnv(name) {
  const raw = __ENV[name];
  return raw === undefined ? '' : String(raw).trim();
}

function rejected(name, raw, rule) {
  envProblems.push(`${name}=${raw} is not ${rule}: ignored, using the default`);
}

/** The variable's text, or the fallback when it is unset or empty. */
function envString(name, fallback) {
  const raw = rawEnv(name);
  return raw === '' ? fallback : raw;
}

/** A whole number in min..max; anything else (5OO, 1e3, -1) falls back, so a typo never becomes NaN. */
export function envInt(name, fallback, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const raw = rawEnv(name);
  if (raw === '') {
    return fallback;
  }
  const value = WHOLE_NUMBER.test(raw) ? parseInt(raw, 10) : NaN;
  if (!(value >= min && value <= max)) {
    rejected(name, raw, max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}`
      : `a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

/** A non-negative decimal such as 0.01. */
export function envFloat(name, fallback) {
  const raw = rawEnv(name);
  if (raw === '') {
    return fallback;
  }
  if (!DECIMAL.test(raw)) {
    rejected(name, raw, 'a non-negative decimal number');
    return fallback;
  }
  return parseFloat(raw);
}

/** A k6 duration string (30s, 2m, 1m30s); checked here so that a typo falls back instead of failing k6's parser. */
export function envDuration(name, fallback) {
  const raw = rawEnv(name);
  if (raw === '') {
    return fallback;
  }
  if (!DURATION.test(raw) || durationSeconds(raw) <= 0) {
    rejected(name, raw, 'a positive duration such as 30s, 2m or 1m30s');
    return fallback;
  }
  return raw;
}

/** Seconds in a duration accepted by envDuration. */
export function durationSeconds(text) {
  // A fresh global regex per call: a shared one would carry lastIndex from the previous call.
  const parts = new RegExp(DURATION_PART.source, 'g');
  let seconds = 0;
  let part;
  while ((part = parts.exec(text)) !== null) {
    seconds += parseFloat(part[1]) * SECONDS_PER_UNIT[part[2]];
  }
  return seconds;
}

/** Prints the settings that were ignored; call it from setup(), which runs once per test. */
export function warnEnvProblems() {
  envProblems.forEach((problem) => console.warn(`env: ${problem}`));
}

function withoutTrailingSlash(url) {
  return url.replace(/\/+$/, '');
}

// Loopback defaults: the dev-mode gateway (./run-dev.sh) and its SMSC simulator. The key is the documented
// dev-mode key, which only a dev-mode gateway accepts.
export const GATEWAY_URL = withoutTrailingSlash(envString('GATEWAY_URL', 'http://127.0.0.1:8080'));
const API_KEY = envString('API_KEY', 'dev-key-local-only-0123456789');
export const SIM_URL = withoutTrailingSlash(envString('SIM_URL', 'http://127.0.0.1:8089'));

/**
 * Parameters for a gateway request. `step` tags the request for per-step filtering; `name` groups URLs that
 * carry ids (k6 would otherwise make one series per URL); only the listed statuses count as expected, so
 * anything else shows in http_req_failed. Build these once at init time and reuse them.
 */
export function gatewayParams(step, name, expectedStatuses, contentType = 'application/json') {
  return {
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': contentType },
    tags: { step, name },
    responseCallback: http.expectedStatuses(...expectedStatuses),
  };
}

/** Parameters for the SMSC simulator, which takes no API key: it must never see the gateway's. */
export function simParams(step, name) {
  return {
    tags: { step, name },
    responseCallback: http.expectedStatuses(200),
  };
}

/** The body as an object, or null when it is not a JSON object (an empty 503, an HTML proxy page). */
export function jsonBody(res) {
  try {
    const body = res.json();
    return body !== null && typeof body === 'object' ? body : null;
  } catch (e) {
    return null;
  }
}

// One error Rate for every step, told apart by its `step` tag, so thresholds can be set per step
// ('step_errors{step:issue}') and the summary still shows the overall rate.
const stepErrors = new Rate('step_errors');

/** Records whether a step succeeded and returns `ok`, so callers can write `if (!record('issue', ok))`. */
export function record(step, ok) {
  stepErrors.add(!ok, { step });
  return ok;
}

const READY = gatewayParams('health', 'GET /health/ready', [200]);

/** GET /health/ready as a check: ready means Redis answers and an SMSC session is bound. */
export function checkReady() {
  const res = http.get(`${GATEWAY_URL}/health/ready`, READY);
  return record('health', check(res, { 'health: ready (200)': (r) => r.status === 200 }, { step: 'health' }));
}

/** Stops the test before any load when the gateway is not ready, instead of measuring minutes of 503s. */
export function requireReady() {
  if (!checkReady()) {
    throw new Error(`gateway at ${GATEWAY_URL} is not ready (GET /health/ready did not answer 200)`);
  }
}

// Seven digits follow the operator prefix of a mobile number, so one run has this many fresh phones.
export const PHONE_SPACE = 10000000;
// A citizen ID has 12 digits: 5 for the per-run base, 7 for the same slot as the phone.
const CITIZEN_BASES = 100000;
// 096 is Viettel, for OTP phones; 091 is VinaPhone, for campaign recipients, so the two never share a number.
const OTP_PHONE_PREFIX = '096';
const RECIPIENT_PHONE_PREFIX = '091';
// ID_OFFSET unset (-1): a random offset per run. A fixed default would reuse the same phones on every run and
// the sixth run within an hour would meet the 5-per-phone-per-hour limit.
const FIXED_ID_OFFSET = envInt('ID_OFFSET', -1);

/** Zero-padded decimal of a non-negative integer. */
function pad(value, width) {
  const digits = String(value);
  return digits.length >= width ? digits : '0'.repeat(width - digits.length) + digits;
}

/**
 * The identity space of one run; call it in setup() and hand it to the VUs through setup's data, so that every
 * VU draws from the same offsets.
 */
export function newRun() {
  return {
    idOffset: FIXED_ID_OFFSET >= 0 ? FIXED_ID_OFFSET % PHONE_SPACE : Math.floor(Math.random() * PHONE_SPACE),
    citizenBase: Math.floor(Math.random() * CITIZEN_BASES),
  };
}

/**
 * A fresh citizen ID and phone for iteration `iteration` of the run (exec.scenario.iterationInTest, unique
 * across VUs), so no request meets the 60 s resend cooldown (per citizen) or the per-phone limits. Phones are
 * unique within the run; the random citizen base keeps citizen IDs apart across runs (per-citizen daily limit).
 */
export function identity(run, iteration) {
  if (iteration >= PHONE_SPACE) {
    throw new Error(`iteration ${iteration}: one run has only ${PHONE_SPACE} fresh phones`);
  }
  const slot = (run.idOffset + iteration) % PHONE_SPACE;
  return {
    citizenId: pad(run.citizenBase * PHONE_SPACE + slot, 12),
    phone: OTP_PHONE_PREFIX + pad(slot, 7),
  };
}

/** The phone of campaign recipient `index` (0 .. PHONE_SPACE-1), in national form. */
export function recipientPhone(index) {
  return RECIPIENT_PHONE_PREFIX + pad(index, 7);
}

/** A phone safe to print: 8496****567. Full numbers never go to the log. */
export function mask(phone) {
  return phone.length <= 7 ? '****' : `${phone.slice(0, 4)}****${phone.slice(-3)}`;
}

/** The OTP in an SMS text: its first run of exactly six digits, or null. */
export function extractCode(text) {
  const match = /\b(\d{6})\b/.exec(text || '');
  return match ? match[1] : null;
}
