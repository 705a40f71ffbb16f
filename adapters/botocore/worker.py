#!/usr/bin/python3
"""A CodePipeline job worker on botocore (Debian's python3-botocore, system
Python), following the worker protocol of docs/worker.md and behaving as the
C++ reference worker (examples/worker/). README.md here, "Job worker".

    CPCT_ENDPOINT=http://127.0.0.1:PORT CPCT_ACTION_TYPE='{...}' \\
    CPCT_CLIENT_TOKENS='{"<clientId>":"<client token>"}' /usr/bin/python3 adapters/botocore/worker.py

One line per step on stderr; never a credential or a client token.
Exit status: 0 after SIGTERM or SIGINT, 2 when the settings are unusable.
"""
import json
import os
import re
import signal
import sys
import threading

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

FIRST_WAIT_S, LONGEST_WAIT_S, MAX_BATCH_SIZE, NEXT_STEP = 0.1, 1.0, 5, "step-2"

stop = threading.Event()
secrets = []  # client tokens, masked in every log line


def log(line):
    for secret in secrets:
        line = line.replace(secret, "***")
    line = re.sub(r"[\x00-\x1f\x7f]", lambda m: "\\x%02x" % ord(m.group()), line)
    try:
        sys.stderr.write("worker.py: %s\n" % line)
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed stderr is no reason to stop working
        pass


def describe_error(e):
    if isinstance(e, ClientError):
        error = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return "%s (HTTP %s): %s" % (error.get("Code", ""), status, str(error.get("Message", ""))[:300])
    return "%s: %s" % (type(e).__name__, str(e)[:300])  # timeouts, connection errors, parse errors


def log_failure(job_id, operation, e):
    """Logs a failed call on a job; returns False, for "not acknowledged"."""
    # InvalidNonceException or JobNotFoundException: the job is not ours any more.
    gone = isinstance(e, ClientError) and e.response.get("Error", {}).get("Code") in (
        "InvalidNonceException", "JobNotFoundException")
    log("job %s: %s failed: %s; %s" % (job_id, operation, describe_error(e),
                                       "dropping the job" if gone else "leaving the job for a later poll"))
    return False


def skip(line):
    log(line)
    return False


# --- calls -------------------------------------------------------------------
deadline_s = 0.95  # of every call: CPCT_TIMEOUT_MS + 50 ms, set by main()


class CallTimeout(Exception):
    """A call without a whole answer by its deadline."""


def on_deadline(signum, frame):
    raise CallTimeout("no whole answer within %d ms" % round(deadline_s * 1000))


def call(client, operation, **params):
    """client.operation(**params) within deadline_s: read_timeout bounds each
    read, not the call, so an endpoint that trickles its answer would stall it."""
    signal.setitimer(signal.ITIMER_REAL, deadline_s)
    try:
        return getattr(client, botocore.xform_name(operation))(**params)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# --- settings (worker_settings.cpp) -------------------------------------------
class SettingsError(Exception):
    pass


def json_object(name, text):
    try:
        value = json.loads(text)
    except ValueError:
        raise SettingsError("%s is not JSON" % name)
    if not isinstance(value, dict):
        raise SettingsError("%s is not a JSON object" % name)
    return value


def settings_from_environment():
    env = os.environ
    endpoint = env.get("CPCT_ENDPOINT") or ""
    if not endpoint:
        raise SettingsError("CPCT_ENDPOINT is not set")
    if not env.get("CPCT_ACTION_TYPE"):
        raise SettingsError("CPCT_ACTION_TYPE is not set")
    action_type = json_object("CPCT_ACTION_TYPE", env["CPCT_ACTION_TYPE"])
    for member in ("category", "owner", "provider", "version"):
        if not isinstance(action_type.get(member), str):
            raise SettingsError("CPCT_ACTION_TYPE has no string member %s" % member)
    if action_type["owner"] not in ("ThirdParty", "Custom"):
        raise SettingsError("CPCT_ACTION_TYPE has owner '%s': a job worker polls for ThirdParty "
                            "or Custom actions only" % action_type["owner"])
    tokens = json_object("CPCT_CLIENT_TOKENS", env["CPCT_CLIENT_TOKENS"]) if env.get("CPCT_CLIENT_TOKENS") else {}
    for client_id, token in tokens.items():
        if not isinstance(token, str):
            raise SettingsError("CPCT_CLIENT_TOKENS: the token of clientId '%s' is not a string" % client_id)
    timeout_ms = env.get("CPCT_TIMEOUT_MS") or "900"
    if not timeout_ms.isdigit() or not 0 < int(timeout_ms) <= 3600000:
        raise SettingsError("CPCT_TIMEOUT_MS='%s' is not a number of milliseconds (1..3600000)" % timeout_ms)
    return endpoint, action_type, tokens, int(timeout_ms) / 1000


def make_client(endpoint, timeout_s):
    env = os.environ
    return botocore.session.get_session().create_client(
        "codepipeline",
        endpoint_url=endpoint,
        region_name=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
        # Explicit, so a missing variable never sends botocore to ~/.aws or IMDS.
        aws_access_key_id=env.get("AWS_ACCESS_KEY_ID") or "cpct-test-key",
        aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY") or "cpct-test-secret",
        aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
        # One attempt: botocore's "max_attempts" counts retries, "total_max_attempts" calls.
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"},
                      connect_timeout=timeout_s, read_timeout=timeout_s),
    )


# --- the work (job_outcome.hpp) ------------------------------------------------
def outcome_of(data):
    asked = (((data or {}).get("actionConfiguration") or {}).get("configuration") or {}).get("Outcome")
    if asked == "fail":
        return "failure"
    if asked == "continue" and not data.get("continuationToken"):
        return "success with continuation token"
    return "success"


def report(client, job_id, data, job_input, prefix):
    """Sends the result the job's data asks for; prefix is "ThirdParty" or ""."""
    outcome = outcome_of(data)
    if outcome == "failure":
        operation = "Put%sJobFailureResult" % prefix
        extra = {"failureDetails": {"type": "JobFailed",
                                    "message": "the action configuration asks for failure (Outcome: fail)"}}
    else:
        operation = "Put%sJobSuccessResult" % prefix
        continuing = outcome == "success with continuation token"
        extra = {"executionDetails": {"summary": "first step done" if continuing else "done",
                                      "percentComplete": 50 if continuing else 100}}
        if continuing:
            extra["continuationToken"] = NEXT_STEP
    try:
        call(client, operation, **job_input, **extra)
        log("job %s: %s (%s)" % (job_id, operation, outcome))
    except Exception as e:
        log_failure(job_id, operation, e)


def work_third_party_job(client, tokens, job):
    """Details with the client token of the job's clientId, acknowledge with the
    nonce of the details, work, report. True when the job was acknowledged."""
    job_id, client_id = job.get("jobId"), job.get("clientId", "")
    if not job_id:
        return skip("a polled job has no jobId; skipping it")
    if client_id not in tokens:
        return skip("job %s: no client token for clientId '%s' in CPCT_CLIENT_TOKENS; skipping the job"
                    % (job_id, client_id))
    token = tokens[client_id]
    try:
        details = call(client, "GetThirdPartyJobDetails", jobId=job_id, clientToken=token).get("jobDetails") or {}
    except Exception as e:
        return log_failure(job_id, "GetThirdPartyJobDetails", e)
    if not details.get("nonce"):
        return skip("job %s: the details carry no nonce; skipping the job" % job_id)
    log("job %s: details read (nonce %s)" % (job_id, details["nonce"]))
    if stop.is_set():
        return False
    try:
        ack = call(client, "AcknowledgeThirdPartyJob", jobId=job_id, nonce=details["nonce"], clientToken=token)
        log("job %s: acknowledged (%s)" % (job_id, ack.get("status", "no status")))
    except Exception as e:
        return log_failure(job_id, "AcknowledgeThirdPartyJob", e)
    if not stop.is_set():
        report(client, job_id, details.get("data"), {"jobId": job_id, "clientToken": token}, "ThirdParty")
    return True


def work_custom_job(client, tokens, job):
    """The poll gave the job's data and nonce: acknowledge, work, report."""
    job_id, nonce = job.get("id"), job.get("nonce")
    if not job_id or not nonce:
        return skip("a polled job has no %s; skipping it" % ("nonce" if job_id else "id"))
    try:
        ack = call(client, "AcknowledgeJob", jobId=job_id, nonce=nonce)
        log("job %s: acknowledged (%s)" % (job_id, ack.get("status", "no status")))
    except Exception as e:
        return log_failure(job_id, "AcknowledgeJob", e)
    if not stop.is_set():
        report(client, job_id, job.get("data"), {"jobId": job_id}, "")
    return True


def poll_once(client, action_type, tokens):
    """Polls once and works every job handed out; returns how many were acknowledged."""
    third_party = action_type["owner"] == "ThirdParty"
    operation = "PollForThirdPartyJobs" if third_party else "PollForJobs"
    work = work_third_party_job if third_party else work_custom_job
    try:
        jobs = call(client, operation, actionTypeId=action_type, maxBatchSize=MAX_BATCH_SIZE).get("jobs") or []
    except Exception as e:
        log("%s failed: %s" % (operation, describe_error(e)))
        return 0
    log("%s: %s" % (operation, "%d job(s)" % len(jobs) if jobs else "no jobs"))
    worked = 0
    for job in jobs:
        if stop.is_set():
            break
        try:
            worked += 1 if work(client, tokens, job if isinstance(job, dict) else {}) else 0
        except Exception as e:  # a bug or an answer of an unexpected shape: say so, go on
            log("a job failed unexpectedly: %s" % describe_error(e))
    return worked


def on_stop_signal(signum, frame):
    stop.set()  # the call in flight, if any, ends by its deadline


def main():
    signal.signal(signal.SIGTERM, on_stop_signal)
    signal.signal(signal.SIGINT, on_stop_signal)
    signal.signal(signal.SIGALRM, on_deadline)
    try:
        endpoint, action_type, tokens, timeout_s = settings_from_environment()
    except SettingsError as e:
        log(str(e))
        return 2
    secrets.extend(token for token in tokens.values() if token)
    global deadline_s
    deadline_s = timeout_s + 0.05
    client = make_client(endpoint, timeout_s)
    log("polling %s for %s/%s/%s/%s jobs" % (endpoint, action_type["owner"], action_type["category"],
                                            action_type["provider"], action_type["version"]))
    wait = FIRST_WAIT_S
    while not stop.is_set():
        if poll_once(client, action_type, tokens) > 0:
            wait = FIRST_WAIT_S
            continue
        if stop.wait(wait):
            break
        wait = min(wait * 2, LONGEST_WAIT_S)
    log("stop signal: exiting")
    return 0


if __name__ == "__main__":
    status = main()
    # Without the interpreter's teardown (100-200 ms with botocore loaded): a
    # call in flight may already have taken 950 ms of the second after SIGTERM.
    sys.stderr.flush()
    os._exit(status)
