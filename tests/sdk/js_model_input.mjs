// Checks adapters/js/model_input.mjs against the pinned SDK clients: the
// converted input must make the SDK send the model's JSON form unchanged, and
// the unconverted one must not (else the conversion would be untested), and
// a model without a pinned client must stop adapter.mjs with exit 2.
//   node tests/sdk/js_model_input.mjs KINESIS_MODEL DYNAMODB_MODEL
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deepStrictEqual, notDeepStrictEqual, strictEqual, match } from "node:assert/strict";
import { clientFor, modelInput } from "../../adapters/js/model_input.mjs";

const adapterDir = new URL("../../adapters/js/", import.meta.url);
const require = createRequire(new URL("package.json", adapterDir));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const [kinesisModel, dynamodbModel] = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, "utf8")));
let checks = 0;

// The JSON body the SDK would send for `input`: a handler that keeps the
// request and goes no further.
async function sentBody(model, operation, input) {
  const pinned = clientFor(model);
  const sdk = require(pinned.module);
  let body;
  const client = new sdk[pinned.client]({
    endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1,
    credentials: { accessKeyId: "k", secretAccessKey: "s" },
    requestHandler: { handle: async (request) => { body = request.body; throw new Error("kept"); } },
  });
  try {
    await client.send(new sdk[`${operation}Command`](input));
  } catch (e) {
    if (body === undefined) return { threw: e.message }; // the SDK refused the input
  }
  // The SDK's body is a Uint8Array that also acts as a string; decode it.
  return JSON.parse(typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
}

// Converted: sent as cpct gave it. Unconverted: sent otherwise (or refused).
async function converts(model, operation, input) {
  deepStrictEqual(await sentBody(model, operation, modelInput(model, operation, input)), input, `${operation} converted`);
  notDeepStrictEqual(await sentBody(model, operation, input), input, `${operation} unconverted`);
  checks += 2;
}

strictEqual(clientFor(null).client, "CodePipelineClient");
strictEqual(clientFor(kinesisModel).client, "KinesisClient");
strictEqual(clientFor(dynamodbModel).client, "DynamoDBClient");
match(clientFor({ metadata: { serviceId: "Foo", endpointPrefix: "foo" } }).error, /no pinned SDK client for service "Foo"/);
checks += 4;

// Blobs (base64) and timestamps (epoch seconds, fractional).
await converts(kinesisModel, "PutRecord", { StreamName: "s", Data: "AAEC/w==", PartitionKey: "k" });
await converts(kinesisModel, "PutRecords", { StreamName: "s", Records: [{ Data: "/w==", PartitionKey: "k" }] });
// A timestamp becomes the Date the SDK's types declare. (This SDK also sends a
// number given for a timestamp as it is, so only the converted form is
// compared here; a Date off by the unit would not be sent as 1700000000.5.)
const iterator = { StreamName: "s", ShardId: "shardId-0", ShardIteratorType: "AT_TIMESTAMP", Timestamp: 1700000000.5 };
const iteratorSdk = modelInput(kinesisModel, "GetShardIterator", iterator);
strictEqual(iteratorSdk.Timestamp instanceof Date && iteratorSdk.Timestamp.getTime(), 1700000000500);
deepStrictEqual(await sentBody(kinesisModel, "GetShardIterator", iteratorSdk), iterator);
notDeepStrictEqual(await sentBody(kinesisModel, "GetShardIterator", { ...iterator, Timestamp: new Date(1700000000.5) }), iterator);
checks += 3;
// AttributeValue as the model shapes it: N stays a string, B and BS are
// blobs, also nested in L and M and in map values. (This SDK sends a string
// given for the union member B as it is, but encodes one in BS again: each
// input has a BS, so that the unconverted form differs.)
const item = { s: { S: "x" }, n: { N: "1.50" }, b: { B: "AAEC/w==" }, l: { L: [{ B: "/w==" }, { N: "-0" }] },
  m: { M: { k: { BS: ["AA==", "AQ=="] }, ns: { NS: ["1", "2e3"] } } }, z: { NULL: true } };
await converts(dynamodbModel, "PutItem", { TableName: "t", Item: item });
await converts(dynamodbModel, "Query", { TableName: "t", KeyConditionExpression: "b = :v",
  ExpressionAttributeValues: { ":v": { B: "AAEC" }, ":w": { BS: ["AAEC"] } } });
// Without blobs the input goes through as it is.
deepStrictEqual(await sentBody(dynamodbModel, "GetItem", modelInput(dynamodbModel, "GetItem", { TableName: "t", Key: { s: { S: "x" }, n: { N: "1" } } })),
  { TableName: "t", Key: { s: { S: "x" }, n: { N: "1" } } });
checks += 1;

// The adapter's setup errors: one line on stderr, exit 2.
const work = mkdtempSync(join(tmpdir(), "cpct-js-model-"));
try {
  const models = {
    unknown: [JSON.stringify({ metadata: { serviceId: "Foo", endpointPrefix: "foo" }, shapes: {}, operations: {} }), /no pinned SDK client for service "Foo"/],
    broken: ["{not json", /is not a botocore model/],
  };
  for (const [name, [text, message]] of Object.entries(models)) {
    writeFileSync(join(work, name), text);
    const run = spawnSync("node", [new URL("adapter.mjs", adapterDir).pathname, "--model", join(work, name)], { input: "", encoding: "utf8" });
    strictEqual(run.status, 2, `${name}: exit status`);
    match(run.stderr, message);
    strictEqual(run.stderr.trimEnd().split("\n").length, 1, `${name}: one line on stderr`);
    checks += 3;
  }
  const missing = spawnSync("node", [new URL("adapter.mjs", adapterDir).pathname, "--model", join(work, "absent")], { input: "", encoding: "utf8" });
  strictEqual(missing.status, 2);
  match(missing.stderr, /cannot read model/);
  checks += 2;
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${checks} checks passed`);
