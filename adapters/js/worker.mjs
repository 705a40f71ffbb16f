// A CodePipeline job worker on the AWS SDK for JavaScript v3, following the
// worker protocol of docs/worker.md and behaving as the C++ reference worker
// (examples/worker/). README.md here, "Job worker".
//   CPCT_ENDPOINT=http://127.0.0.1:PORT CPCT_ACTION_TYPE='{...}' \
//   CPCT_CLIENT_TOKENS='{"<clientId>":"<client token>"}' node adapters/js/worker.mjs
// One line per step on stderr; never a credential or a client token.
// Exit status: 0 after SIGTERM or SIGINT, 2 when the settings are unusable.
import * as cp from "@aws-sdk/client-codepipeline";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const env = process.env;
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";  // as adapter.mjs

const FIRST_WAIT_MS = 100, LONGEST_WAIT_MS = 1000, MAX_BATCH_SIZE = 5, NEXT_STEP = "step-2";

// --- log lines: one line each, client tokens masked --------------------------
let secrets = [];
function log(line) {
  for (const secret of secrets) line = line.split(secret).join("***");
  line = line.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  process.stderr.write(`worker.mjs: ${line}\n`);
}

function describeError(e) {
  let code = e?.name || "Error";
  if (code === "Error" && typeof e.code === "string") code = e.code;  // ECONNREFUSED, ...
  const status = e?.$metadata?.httpStatusCode;
  return `${code}${status ? ` (HTTP ${status})` : ""}: ${String(e?.message ?? e).slice(0, 300)}`;
}

// InvalidNonceException or JobNotFoundException: the job is not ours any more.
const isGone = (e) => e?.name === "InvalidNonceException" || e?.name === "JobNotFoundException";
// Both return false, for "the job was not acknowledged".
function logFailure(id, operation, e) {
  log(`job ${id}: ${operation} failed: ${describeError(e)}; ` +
      (isGone(e) ? "dropping the job" : "leaving the job for a later poll"));
  return false;
}
function skip(line) {
  log(line);
  return false;
}

// --- settings (worker_settings.cpp) ------------------------------------------
function settingsError(message) {
  log(message);
  process.exit(2);
}

function jsonObject(name, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    settingsError(`${name} is not JSON`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) settingsError(`${name} is not a JSON object`);
  return value;
}

const endpoint = env.CPCT_ENDPOINT || settingsError("CPCT_ENDPOINT is not set");
const actionTypeId = jsonObject("CPCT_ACTION_TYPE", env.CPCT_ACTION_TYPE || settingsError("CPCT_ACTION_TYPE is not set"));
for (const member of ["category", "owner", "provider", "version"])
  if (typeof actionTypeId[member] !== "string") settingsError(`CPCT_ACTION_TYPE has no string member ${member}`);
const { owner } = actionTypeId;
if (owner !== "ThirdParty" && owner !== "Custom")
  settingsError(`CPCT_ACTION_TYPE has owner '${owner}': a job worker polls for ThirdParty or Custom actions only`);
const clientTokens = env.CPCT_CLIENT_TOKENS ? jsonObject("CPCT_CLIENT_TOKENS", env.CPCT_CLIENT_TOKENS) : {};
for (const [clientId, token] of Object.entries(clientTokens))
  if (typeof token !== "string") settingsError(`CPCT_CLIENT_TOKENS: the token of clientId '${clientId}' is not a string`);
secrets = Object.values(clientTokens).filter((token) => token.length > 0);
const timeoutMs = env.CPCT_TIMEOUT_MS ? Number(env.CPCT_TIMEOUT_MS) : 900;
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 3_600_000)
  settingsError(`CPCT_TIMEOUT_MS='${env.CPCT_TIMEOUT_MS}' is not a number of milliseconds (1..3600000)`);

// --- the client ----------------------------------------------------------------
const client = new cp.CodePipelineClient({
  endpoint,
  region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
  // Explicit, so a missing variable never sends the SDK to ~/.aws or IMDS.
  credentials: {
    accessKeyId: env.AWS_ACCESS_KEY_ID || "cpct-test-key",
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY || "cpct-test-secret",
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  },
  maxAttempts: 1,  // a failed call is logged and the job left for a later poll
  requestHandler: new NodeHttpHandler({
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,  // else a request timeout is only a warning
  }),
});

// requestTimeout ends when the headers arrive; the signal bounds the whole call.
const send = (Command, input) =>
  client.send(new Command(input), { abortSignal: AbortSignal.timeout(timeoutMs + 50) });

// --- stopping --------------------------------------------------------------------
let stopping = false, wake;
const stopped = new Promise((resolve) => (wake = resolve));
for (const signal of ["SIGTERM", "SIGINT"])
  process.on(signal, () => {
    stopping = true;
    wake();
  });
const waitUnlessStopping = (ms) => Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, ms))]);
process.on("uncaughtException", (e) => log(`unexpected: ${describeError(e)}`));

// --- the work (job_outcome.hpp) --------------------------------------------------
function outcomeOf(data) {
  const asked = data?.actionConfiguration?.configuration?.Outcome;
  if (asked === "fail") return "failure";
  if (asked === "continue" && !data.continuationToken) return "success with continuation token";
  return "success";
}

// Reports the outcome the job's data asks for; `input` names the job.
async function report(id, data, input, results) {
  const outcome = outcomeOf(data);
  const continuing = outcome === "success with continuation token";
  const [Command, operation, extra] = outcome === "failure"
    ? [...results.failure, { failureDetails: { type: "JobFailed", message: "the action configuration asks for failure (Outcome: fail)" } }]
    : [...results.success, {
        ...(continuing ? { continuationToken: NEXT_STEP } : {}),
        executionDetails: { summary: continuing ? "first step done" : "done", percentComplete: continuing ? 50 : 100 },
      }];
  try {
    await send(Command, { ...input, ...extra });
    log(`job ${id}: ${operation} (${outcome})`);
  } catch (e) {
    logFailure(id, operation, e);
  }
}

// A third-party job: details with the client token of its clientId, acknowledge
// with the nonce of the details, work, report. True when it was acknowledged.
async function workThirdPartyJob({ jobId: id, clientId = "" }) {
  if (!id) return skip("a polled job has no jobId; skipping it");
  if (!Object.hasOwn(clientTokens, clientId))
    return skip(`job ${id}: no client token for clientId '${clientId}' in CPCT_CLIENT_TOKENS; skipping the job`);
  const clientToken = clientTokens[clientId];
  let details;
  try {
    ({ jobDetails: details } = await send(cp.GetThirdPartyJobDetailsCommand, { jobId: id, clientToken }));
  } catch (e) {
    return logFailure(id, "GetThirdPartyJobDetails", e);
  }
  if (!details?.nonce) return skip(`job ${id}: the details carry no nonce; skipping the job`);
  log(`job ${id}: details read (nonce ${details.nonce})`);
  if (stopping) return false;
  try {
    const { status } = await send(cp.AcknowledgeThirdPartyJobCommand, { jobId: id, nonce: details.nonce, clientToken });
    log(`job ${id}: acknowledged (${status ?? "no status"})`);
  } catch (e) {
    return logFailure(id, "AcknowledgeThirdPartyJob", e);
  }
  if (!stopping) await report(id, details.data, { jobId: id, clientToken }, THIRD_PARTY);
  return true;
}

// A custom action's job: the poll gave its data and nonce. True when acknowledged.
async function workCustomJob({ id, nonce, data }) {
  if (!id || !nonce) return skip(`a polled job has no ${id ? "nonce" : "id"}; skipping it`);
  try {
    const { status } = await send(cp.AcknowledgeJobCommand, { jobId: id, nonce });
    log(`job ${id}: acknowledged (${status ?? "no status"})`);
  } catch (e) {
    return logFailure(id, "AcknowledgeJob", e);
  }
  if (!stopping) await report(id, data, { jobId: id }, CUSTOM);
  return true;
}

const THIRD_PARTY = {
  poll: [cp.PollForThirdPartyJobsCommand, "PollForThirdPartyJobs"],
  work: workThirdPartyJob,
  success: [cp.PutThirdPartyJobSuccessResultCommand, "PutThirdPartyJobSuccessResult"],
  failure: [cp.PutThirdPartyJobFailureResultCommand, "PutThirdPartyJobFailureResult"],
};
const CUSTOM = {
  poll: [cp.PollForJobsCommand, "PollForJobs"],
  work: workCustomJob,
  success: [cp.PutJobSuccessResultCommand, "PutJobSuccessResult"],
  failure: [cp.PutJobFailureResultCommand, "PutJobFailureResult"],
};
const flavour = owner === "ThirdParty" ? THIRD_PARTY : CUSTOM;

// Polls once and works every job it hands out; returns how many were acknowledged.
async function pollOnce() {
  const [Command, operation] = flavour.poll;
  let jobs;
  try {
    ({ jobs } = await send(Command, { actionTypeId, maxBatchSize: MAX_BATCH_SIZE }));
  } catch (e) {
    log(`${operation} failed: ${describeError(e)}`);
    return 0;
  }
  jobs = Array.isArray(jobs) ? jobs : [];
  log(`${operation}: ${jobs.length ? `${jobs.length} job(s)` : "no jobs"}`);
  let worked = 0;
  for (const job of jobs) {
    if (stopping) break;
    try {
      if (await flavour.work(job ?? {})) worked++;
    } catch (e) {  // a bug or an answer of an unexpected shape: say so, go on
      log(`a job failed unexpectedly: ${describeError(e)}`);
    }
  }
  return worked;
}

log(`polling ${endpoint} for ${owner}/${actionTypeId.category}/${actionTypeId.provider}/${actionTypeId.version} jobs`);
let wait = FIRST_WAIT_MS;
while (!stopping) {
  if ((await pollOnce()) > 0) {
    wait = FIRST_WAIT_MS;
    continue;
  }
  if (stopping) break;
  await waitUnlessStopping(wait);
  wait = Math.min(wait * 2, LONGEST_WAIT_MS);
}
log("stop signal: exiting");
client.destroy();
process.exit(0);
