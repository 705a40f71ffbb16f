"""The STATUS argument of check_endpoint.sh and check_client.sh.

STATUS is "clean", "failed" or "warning", with two suffixes:
"clean@QUESTION=ANSWER" also wants ANSWER (a prefix) recorded for QUESTION in
the implementation profile; "...@flaky" wants the blamed failure reported as
flaky. split() checks the profile and returns (status, want_flaky)."""
import sys


def split(results, status):
    want_flaky = status.endswith("@flaky")
    if want_flaky:
        status = status[: -len("@flaky")]
    if status.startswith("clean@"):
        question, answer = status[len("clean@"):].split("=", 1)
        answers = [a["answer"] for p in results.get("profile", []) if p["question"] == question
                   for a in p["answers"]]
        if not any(a.startswith(answer) for a in answers):
            sys.exit(f"profile {question}: {answers}, expected {answer!r}")
        status = "clean"
    return status, want_flaky
