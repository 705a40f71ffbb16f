#!/usr/bin/python3
"""cpct adapter for botocore (Debian's python3-botocore, system Python).

Speaks cpct's adapter protocol (docs/contracts.md): one JSON request per
stdin line, exactly one JSON answer per stdout line, in order.
    /usr/bin/python3 adapters/botocore/adapter.py   (cpct sets CPCT_ENDPOINT and AWS_*)
    /usr/bin/python3 adapters/botocore/adapter.py --model service-2.json
Without --model the client is botocore's CodePipeline; with it, a client of
that botocore-format model (any of botocore's own, or a test model).
"""
import base64
import datetime
import gzip
import json
import os
import shutil
import sys
import tempfile

import botocore.session
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError


def model_search_path(model_path):
    """A loader directory holding `model_path` as <name>/<apiVersion>/service-2.json.

    The name is the model's endpointPrefix with a cpct- prefix, so botocore's
    own model of that service (and its endpoint data) never shadows the file."""
    with open(model_path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":  # service-2.json.gz, as newer botocore ships them
        data = gzip.decompress(data)
    model = json.loads(data)
    metadata = model.get("metadata", {})
    name = "cpct-" + str(metadata.get("endpointPrefix") or "service")
    root = tempfile.mkdtemp(prefix="cpct-botocore-")
    where = os.path.join(root, name, str(metadata.get("apiVersion") or "1"))
    os.makedirs(where)
    with open(os.path.join(where, "service-2.json"), "w") as f:
        json.dump(model, f)
    return root, name


def make_client(model_path=None):
    env = os.environ
    service, root = "codepipeline", None
    session = botocore.session.get_session()
    if model_path:
        root, service = model_search_path(model_path)
        session.get_component("data_loader").search_paths.insert(0, root)
    timeout_s = int(env.get("CPCT_TIMEOUT_MS") or 10000) / 1000
    config = Config(
        # cpct must see the client's first reaction, not the outcome of retries.
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=timeout_s,
        read_timeout=timeout_s,
    )
    # Credentials explicitly, so a missing variable never sends botocore to
    # ~/.aws or the instance metadata service.
    try:
        return session.create_client(
            service,
            endpoint_url=env.get("CPCT_ENDPOINT"),
            region_name=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            aws_access_key_id=env.get("AWS_ACCESS_KEY_ID") or "cpct-test-key",
            aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY") or "cpct-test-secret",
            aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
            config=config,
        )
    finally:
        if root:  # the client holds the loaded model; the copy can go
            shutil.rmtree(root, ignore_errors=True)


class AdapterError(Exception):
    """The adapter's own problem with an input line, not the client's."""


class UnknownOperation(Exception):
    """An operation the client does not have: cpct skips it as untested."""


def wire_to_python(value, shape):
    """cpct's input (awsJson: timestamps epoch seconds, blobs base64) as botocore takes it."""
    if shape is None or value is None:
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        return {k: wire_to_python(v, shape.members.get(k)) for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [wire_to_python(v, shape.member) for v in value]
    if kind == "map" and isinstance(value, dict):
        return {k: wire_to_python(v, shape.value) for k, v in value.items()}
    if kind == "blob" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            return value
    if kind == "timestamp" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    return value


def plain(value):
    """Parsed output in awsJson1_1 terms: timestamps as epoch seconds, blobs base64."""
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def answer(client, request):
    if not isinstance(request, dict):
        raise AdapterError("input line is not a JSON object")
    operation, params = request.get("operation"), request.get("input", {})
    # Any operation of the client works: GetThirdPartyJobDetails → get_third_party_job_details.
    if not isinstance(operation, str):
        raise AdapterError("the request has no operation name")
    if operation not in client.meta.service_model.operation_names:
        raise UnknownOperation("the client has no operation %s" % json.dumps(operation))
    if not isinstance(params, dict):
        raise AdapterError("input is not a JSON object")
    input_shape = client.meta.service_model.operation_model(operation).input_shape
    response = getattr(client, xform_name(operation))(**wire_to_python(params, input_shape))
    response.pop("ResponseMetadata", None)
    return plain(response)


def reply_for(client, line):
    request_id = None
    try:
        try:
            request = json.loads(line)
        except ValueError as e:  # also bad UTF-8
            raise AdapterError("input line is not JSON: %s" % e)
        if isinstance(request, dict):
            request_id = request.get("id")
        return {"id": request_id, "output": answer(client, request)}
    except ClientError as e:
        # The error code botocore resolved from the response, as a worker sees it.
        error = e.response.get("Error", {})
        return {"id": request_id, "error": {"code": str(error.get("Code", "")),
                                            "message": str(error.get("Message", ""))}}
    except Exception as e:  # parse errors, timeouts, parameter validation, ...
        return {"id": request_id, "error": {"code": type(e).__name__, "message": str(e)}}


def main():
    args = sys.argv[1:]
    model_path = None
    if len(args) == 2 and args[0] == "--model":
        model_path = args[1]
    elif args:
        sys.stderr.write("usage: adapter.py [--model service-2.json]\n")
        sys.exit(2)
    try:
        client = make_client(model_path)
    except Exception as e:  # a model that does not load: one line, exit 2
        sys.stderr.write("botocore adapter: %s: %s\n" % (type(e).__name__, e))
        sys.exit(2)
    # Bytes in, so a line that is not UTF-8 is one bad line, not a crash.
    for line in sys.stdin.buffer:
        reply = reply_for(client, line)
        try:
            text = json.dumps(reply)  # ASCII escapes: no encoding can fail on write
        except (TypeError, ValueError) as e:
            text = json.dumps({"id": reply.get("id"), "error": {
                "code": "AdapterError", "message": "cannot encode output: %s" % e}})
        try:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # cpct is gone
            return


if __name__ == "__main__":
    main()
