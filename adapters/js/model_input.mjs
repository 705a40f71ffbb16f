// The parts of adapter.mjs that know botocore models: which pinned SDK client
// serves a model, and how a request's input in the model's JSON form (what
// cpct sends) becomes what that client expects.

// The clients pinned in package.json, by the model's metadata.serviceId
// (endpointPrefix as a fallback for models without one).
const PINNED = [
  { serviceId: "CodePipeline", endpointPrefix: "codepipeline", module: "@aws-sdk/client-codepipeline", client: "CodePipelineClient" },
  { serviceId: "Kinesis", endpointPrefix: "kinesis", module: "@aws-sdk/client-kinesis", client: "KinesisClient" },
  { serviceId: "DynamoDB", endpointPrefix: "dynamodb", module: "@aws-sdk/client-dynamodb", client: "DynamoDBClient" },
];

/// The pinned client for `model` (null: CodePipeline), or {error}.
export function clientFor(model) {
  if (!model) return PINNED[0];
  const metadata = model.metadata ?? {};
  const found = PINNED.find((p) => p.serviceId === metadata.serviceId)
    ?? PINNED.find((p) => p.endpointPrefix === metadata.endpointPrefix);
  if (found) return found;
  const name = metadata.serviceId ?? metadata.endpointPrefix ?? "(no serviceId)";
  return { error: `no pinned SDK client for service ${JSON.stringify(name)} (pinned: ${PINNED.map((p) => p.serviceId).join(", ")})` };
}

// A value of `shapeName` from JSON to the SDK's types. The SDK serializes a
// blob from a Uint8Array and a timestamp from a Date; a base64 string or a
// number left as it is would be sent differently (a string blob is encoded
// again). Anything the model does not describe, or of an unexpected JSON
// type, passes unchanged: cpct's wrong-type cases must reach the client as
// they are.
function convert(model, shapeName, value) {
  const shape = model.shapes[shapeName];
  if (!shape || value === null || value === undefined) return value;
  switch (shape.type) {
    case "blob":
      return typeof value === "string" ? new Uint8Array(Buffer.from(value, "base64")) : value;
    case "timestamp":
      // Only epoch seconds, awsJson's form (as the botocore adapter does).
      return typeof value === "number" ? new Date(value * 1000) : value;
    case "list":
      return Array.isArray(value) ? value.map((v) => convert(model, shape.member?.shape, v)) : value;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(model, shape.value?.shape, v)]));
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const members = shape.members ?? {};
      return Object.fromEntries(Object.entries(value).map(([k, v]) =>
        [k, Object.hasOwn(members, k) ? convert(model, members[k].shape, v) : v]));
    }
    default:
      return value;
  }
}

/// `input` of `operation` in the SDK's types; an operation the model lacks
/// or one without input: unchanged.
export function modelInput(model, operation, input) {
  const shapeName = Object.hasOwn(model.operations, operation) ? model.operations[operation].input?.shape : undefined;
  return shapeName ? convert(model, shapeName, input) : input;
}
