#!/usr/bin/python3
"""cpct adapter for botocore (Debian's python3-botocore, system Python).

Speaks cpct's adapter protocol (docs/contracts.md): one JSON
request per stdin line, exactly one JSON answer per stdout line, in order.
    /usr/bin/python3 adapters/botocore/adapter.py   (cpct sets CPCT_ENDPOINT and AWS_*)
"""
import base64
import datetime
import json
import os
import sys

import botocore.session
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError


def make_client():
    env = os.environ
    timeout_s = int(env.get("CPCT_TIMEOUT_MS") or 10000) / 1000
    config = Config(
        # cpct must see the client's first reaction, not the outcome of retries.
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=timeout_s,
        read_timeout=timeout_s,
    )
    # Credentials explicitly, so a missing variable never sends botocore to
    # ~/.aws or the instance metadata service.
    return botocore.session.get_session().create_client(
        "codepipeline",
        endpoint_url=env.get("CPCT_ENDPOINT"),
        region_name=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
        aws_access_key_id=env.get("AWS_ACCESS_KEY_ID") or "cpct-test-key",
        aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY") or "cpct-test-secret",
        aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
        config=config,
    )


class AdapterError(Exception):
    """The adapter's own problem with an input line, not the client's."""


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
    if not isinstance(operation, str) or operation not in client.meta.service_model.operation_names:
        raise AdapterError("unknown operation %s" % json.dumps(operation))
    if not isinstance(params, dict):
        raise AdapterError("input is not a JSON object")
    response = getattr(client, xform_name(operation))(**params)
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
    client = make_client()
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
