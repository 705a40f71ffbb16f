#!/usr/bin/env python3
"""A job worker with one seeded defect at a time, for `cpct check worker`
(tests only). Without --defect it is a correct worker written another way
than cpct's reference worker: plain HTTP (cpct's endpoint does not check
signatures), one job per poll, details read twice.

  faulty_worker.py [--defect NAME]
"""
import http.client
import json
import os
import signal
import sys
import time
import urllib.parse

DEFECT = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--defect" else ""
stopping = False


def on_term(signum, frame):
    global stopping
    if DEFECT == "ignores-sigterm":
        return
    stopping = True


signal.signal(signal.SIGTERM, on_term)
url = urllib.parse.urlparse(os.environ["CPCT_ENDPOINT"])
action_type = json.loads(os.environ["CPCT_ACTION_TYPE"])
tokens = json.loads(os.environ.get("CPCT_CLIENT_TOKENS", "{}"))
third = action_type["owner"] == "ThirdParty"
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=2)


def call(operation, body):
    """(status, parsed body or None); a dead connection is reopened."""
    global conn
    data = json.dumps(body)
    headers = {"Content-Type": "application/x-amz-json-1.1",
               "X-Amz-Target": "CodePipeline_20150709." + operation}
    try:
        conn.request("POST", "/", data, headers)
        response = conn.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=2)
        return 0, None
    try:
        parsed = json.loads(raw) if raw else {}
    except ValueError:
        if DEFECT == "crash-on-bad-json":
            raise
        parsed = None
    return response.status, parsed


def error_type(body):
    return (body or {}).get("__type", "").split("#")[-1] if isinstance(body, dict) else ""


def leak(details, token):
    """Prints the job's credentials and token (what a careless worker logs),
    and names them in $LEAK_FILE so the test can look for them in the report."""
    secrets = list(details.get("jobDetails", {}).get("data", {})
                   .get("artifactCredentials", {}).values()) + [token]
    print("debug:", json.dumps(details), "token", token, file=sys.stderr, flush=True)
    with open(os.environ["LEAK_FILE"], "a") as out:
        for secret in secrets:
            if isinstance(secret, str) and len(secret) >= 4:
                out.write(json.dumps(secret) + "\n")  # one per line, newlines and all


def work(job_id, nonce, token):
    ident = {"jobId": job_id}
    if third:
        ident["clientToken"] = "not-the-token" if DEFECT == "wrong-token" else token
    if DEFECT not in ("no-ack", "leaks-secrets"):
        sent = "not-the-nonce" if DEFECT == "wrong-nonce" else nonce
        status, body = call("AcknowledgeThirdPartyJob" if third else "AcknowledgeJob",
                            dict(ident, nonce=sent))
        if status != 200 and DEFECT != "ignores-lost":
            return
        if DEFECT == "no-result":
            return
    result = "PutThirdPartyJobSuccessResult" if third else "PutJobSuccessResult"
    for attempt in range(3):
        status, _ = call(result, ident)
        if status != 500:  # retried on a 5xx: a choice the documents leave open
            break
    if DEFECT == "double-result":
        call(result, ident)


wait = 0.05
while not stopping:
    if DEFECT == "never-polls":
        time.sleep(0.05)
        continue
    polled = dict(action_type)
    if DEFECT == "other-type":
        polled["provider"] = "someone-else"
    status, body = call("PollForThirdPartyJobs" if third else "PollForJobs",
                        {"actionTypeId": polled, "maxBatchSize": 1})
    jobs = (body or {}).get("jobs", []) if isinstance(body, dict) else []
    if status != 200 or not jobs:
        if DEFECT != "busy-poll":
            time.sleep(wait)
            wait = min(wait * 2, 0.4)
        continue
    wait = 0.05
    for job in jobs:
        if third:
            token = tokens.get(job.get("clientId"), "")
            nonce = None
            for _ in range(2):  # read twice: harmless
                status, details = call("GetThirdPartyJobDetails",
                                       {"jobId": job["jobId"], "clientToken": token})
                if error_type(details) == "JobNotFoundException":
                    nonce = None  # the job is gone: leave it
                    break
                if status == 200 and isinstance(details, dict):
                    nonce = details.get("jobDetails", {}).get("nonce")
                    if DEFECT == "leaks-secrets":
                        leak(details, token)
            if nonce is None:
                continue
            work(job["jobId"], nonce, token)
        else:
            work(job["id"], job.get("nonce"), "")
sys.exit(0)
