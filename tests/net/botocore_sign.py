"""Sign one request with botocore's SigV4Auth at a fixed time, for comparison.

Usage: botocore_sign.py INPUT.json
INPUT: {"method", "url", "headers": [[name, value], ...], "body_hex",
        "access_key", "secret_key", "token" (or ""), "region", "service",
        "timestamp": "YYYYMMDDTHHMMSSZ"}
Prints "Name: value" for X-Amz-Date, X-Amz-Security-Token (when set) and
Authorization.
"""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    request = AWSRequest(
        method=spec["method"],
        url=spec["url"],
        headers=dict(spec["headers"]),
        data=bytes.fromhex(spec["body_hex"]),
    )
    credentials = Credentials(spec["access_key"], spec["secret_key"], spec["token"] or None)
    fixed = datetime.datetime.strptime(spec["timestamp"], "%Y%m%dT%H%M%SZ")
    # botocore 1.29 reads datetime.datetime.utcnow() inside botocore.auth.
    with mock.patch("botocore.auth.datetime") as clock:
        clock.datetime.utcnow.return_value = fixed
        SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    for name in ("X-Amz-Date", "X-Amz-Security-Token", "Authorization"):
        if name in request.headers:
            print(f"{name}: {request.headers[name]}")


if __name__ == "__main__":
    main()
