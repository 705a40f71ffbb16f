// cpct adapter for the AWS SDK for JavaScript v3 (the clients pinned in
// package.json). Speaks cpct's adapter protocol (docs/contracts.md): one JSON
// request per stdin line, exactly one JSON answer per stdout line, in order.
//   node adapters/js/adapter.mjs                 (CodePipeline)
//   node adapters/js/adapter.mjs --model FILE    (the pinned client of FILE's service)
// cpct sets CPCT_ENDPOINT and AWS_*.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createInterface } from "node:readline";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { clientFor, modelInput } from "./model_input.mjs";

const env = process.env;
const timeoutMs = Number(env.CPCT_TIMEOUT_MS) > 0 ? Number(env.CPCT_TIMEOUT_MS) : 10000;

// The pinned SDK warns on stderr, for every run, that future releases need
// Node 22; that says nothing about the client under test, so keep it out of
// cpct's report unless the user asked for it.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// A setup error: one line on stderr, exit 2 (cpct then reports that the
// adapter cannot start).
function die(message) {
  process.stderr.write(`adapter.mjs: ${message}\n`);
  process.exit(2);
}

function readModel(path) {
  let data;
  try {
    data = readFileSync(path);
  } catch (e) {
    die(`cannot read model ${path}: ${e.code ?? e.message}`);
  }
  try {
    if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data); // service-2.json.gz
    const model = JSON.parse(data.toString("utf8"));
    if (!model || typeof model !== "object" || typeof model.shapes !== "object" || typeof model.operations !== "object")
      throw new Error("no shapes or operations");
    return model;
  } catch (e) {
    die(`model ${path} is not a botocore model: ${e.message}`);
  }
}

const args = process.argv.slice(2);
let model = null;
if (args.length === 2 && args[0] === "--model") model = readModel(args[1]);
else if (args.length !== 0) die("usage: adapter.mjs [--model FILE]");

const pinned = clientFor(model);
if (pinned.error) die(pinned.error);
const sdk = await import(pinned.module);
const Client = sdk[pinned.client];

// One client for the whole run, as a long-lived job worker would hold it.
const client = new Client({
  endpoint: env.CPCT_ENDPOINT,
  region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
  // Explicit, so a missing variable never sends the SDK to ~/.aws or IMDS.
  credentials: {
    accessKeyId: env.AWS_ACCESS_KEY_ID || "cpct-test-key",
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY || "cpct-test-secret",
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  },
  // cpct must see the client's first reaction, not the outcome of retries.
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler({
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    // Without this a request timeout is only a logged warning.
    throwOnRequestTimeout: true,
  }),
});

// Output in the model's terms: the SDK shapes already use the model's
// member names. Timestamps become epoch seconds and blobs base64, as
// awsJson1_1 carries them; undefined members disappear in JSON.stringify.
function plain(value) {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

// An operation this client does not have: cpct skips it as untested.
class UnknownOperation extends Error {
  name = "UnknownOperation";
}

class AdapterError extends Error {
  name = "AdapterError";
}

async function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    throw new AdapterError(`input line is not JSON: ${e.message}`);
  }
  if (!request || typeof request !== "object" || Array.isArray(request))
    throw new AdapterError("input line is not a JSON object");
  const { operation, input } = request;
  // Any operation of the client works: GetThirdPartyJobDetails → GetThirdPartyJobDetailsCommand.
  const Command = typeof operation === "string" && /^[A-Z]\w*$/.test(operation)
    ? sdk[`${operation}Command`] : undefined;
  if (typeof Command !== "function")
    throw new UnknownOperation(`the ${pinned.client} has no operation ${JSON.stringify(operation)}`);
  if (input !== undefined && (input === null || typeof input !== "object" || Array.isArray(input)))
    throw new AdapterError("input is not a JSON object");
  // The model's JSON form (base64 blobs, epoch-second timestamps) into the
  // SDK's types (Uint8Array, Date); without a model, passed as it is.
  const sdkInput = model ? modelInput(model, operation, input ?? {}) : (input ?? {});
  const output = await client.send(new Command(sdkInput), {
    // A hard bound behind requestTimeout, a little later so that the SDK's own
    // TimeoutError is what normally reports a silent server.
    abortSignal: AbortSignal.timeout(timeoutMs + 200),
  });
  const { $metadata, ...members } = output;
  return plain(members);
}

function idOf(line) {
  try {
    const id = JSON.parse(line)?.id;
    return id === undefined ? null : id;
  } catch {
    return null;
  }
}

function errorOf(e) {
  // SDK errors carry the resolved error code as name; anything else thrown
  // (strings, undefined) still becomes a code and a message.
  let code = e instanceof Error && e.name ? e.name : "AdapterError";
  // Node's socket errors are plain Errors; their code (ECONNREFUSED) says more.
  if (code === "Error" && typeof e.code === "string") code = e.code;
  const message = e instanceof Error ? e.message : String(e);
  return { code, message };
}

// Never die on a stray error: say it on stderr (cpct puts it in the report)
// and go on. A closed stdout means cpct is gone, so leave then.
process.on("uncaughtException", (e) => process.stderr.write(`adapter.mjs: ${e?.stack ?? e}\n`));
process.on("unhandledRejection", (e) => process.stderr.write(`adapter.mjs: ${e?.stack ?? e}\n`));
process.stdout.on("error", () => process.exit(0));

// Lines are answered strictly one after another: cpct sends one at a time.
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let reply;
  try {
    reply = { id: idOf(line), output: await answer(line) };
  } catch (e) {
    reply = { id: idOf(line), error: errorOf(e) };
  }
  let text;
  try {
    text = JSON.stringify(reply);
  } catch (e) {
    text = JSON.stringify({ id: idOf(line), error: { code: "AdapterError", message: `cannot encode output: ${e.message}` } });
  }
  process.stdout.write(text + "\n");
}
client.destroy();
