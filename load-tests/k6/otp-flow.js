// OTP load: an open model (arrivals do not wait for responses, as citizens do not) that ramps from START_RATE
// to RATE activations per second over RAMP, holds RATE for DURATION, then ramps down over RAMP_DOWN.
// Each iteration is one citizen with a fresh identity: issue -> read the code at the simulator -> verify.
import {
  durationSeconds, envDuration, envFloat, envInt, newRun, requireReady, warnEnvProblems,
} from './lib/common.js';
import { MAX_ERROR_RATE, otpJourney, otpThresholds } from './lib/otp.js';

const START_RATE = envInt('START_RATE', 50, 0);
const RATE = envInt('RATE', 500, 1);
const RAMP = envDuration('RAMP', '30s');
const DURATION = envDuration('DURATION', '2m');
const RAMP_DOWN = envDuration('RAMP_DOWN', '10s');
const PRE_VUS = envInt('PRE_VUS', 100, 1);
// k6 refuses maxVUs below preAllocatedVUs.
const MAX_VUS = Math.max(PRE_VUS, envInt('MAX_VUS', 1000, 1));
// Iterations k6 could not start because every VU was busy: the generator, not the gateway, fell behind.
const MAX_DROPPED_RATE = envFloat('MAX_DROPPED_RATE', 0.01);

/** Iterations the stages ask for: each linear stage contributes its average rate times its length. */
function plannedIterations() {
  return (START_RATE + RATE) / 2 * durationSeconds(RAMP)
    + RATE * durationSeconds(DURATION)
    + RATE / 2 * durationSeconds(RAMP_DOWN);
}

export const options = {
  scenarios: {
    otp: {
      executor: 'ramping-arrival-rate',
      startRate: START_RATE,
      timeUnit: '1s',
      preAllocatedVUs: PRE_VUS,
      maxVUs: MAX_VUS,
      stages: [
        { target: RATE, duration: RAMP },
        { target: RATE, duration: DURATION },
        { target: 0, duration: RAMP_DOWN },
      ],
    },
  },
  thresholds: Object.assign({
    http_req_failed: [`rate<${MAX_ERROR_RATE}`],
    dropped_iterations: [`count<=${Math.floor(plannedIterations() * MAX_DROPPED_RATE)}`],
  }, otpThresholds({ otpP95Ms: 100, otpP99Ms: 250, codeWaitP95Ms: 1000, codeWaitP99Ms: 2000 })),
};

export function setup() {
  warnEnvProblems();
  requireReady();
  return { run: newRun() };
}

export default function (data) {
  otpJourney(data.run);
}
