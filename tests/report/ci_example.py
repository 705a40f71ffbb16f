#!/usr/bin/python3
"""The sharded CI example (examples/ci/sharded-check.yml) is a workflow that
does what docs/report.md says: it parses as YAML, runs `cpct check server`
as a matrix over shards 0..N-1 of one plan, uploads each report directory,
and merges them in a last job that also runs when a shard failed; and every
cpct command it runs is a valid invocation (each command exists and each
flag is one of its --help).

    ci_example.py CPCT WORKFLOW
"""
import re
import shlex
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("ci_example.py: python3-yaml is missing")
    sys.exit(2)


def fail(why):
    print(f"ci_example.py: {why}")
    sys.exit(1)


def cpct_lines(job):
    for step in job.get("steps", []):
        for line in str(step.get("run", "")).splitlines():
            if re.search(r"\bcpct (check|report|serve)\b", line):
                yield line.strip()


def flags_of(cpct, command):
    help_text = subprocess.run([cpct, *command.split(), "--help"], capture_output=True,
                               text=True, check=False)
    if help_text.returncode != 0:
        fail(f"cpct {command} --help: exit {help_text.returncode}: {help_text.stderr.strip()}")
    return set(re.findall(r"--([a-z][a-z-]*)", help_text.stdout))


def check_invocation(cpct, line, env, shard):
    text = line.replace("${{ matrix.shard }}", str(shard))
    for name, value in env.items():
        text = text.replace("$" + name, str(value))
    if "${{" in text:
        fail(f"an expression the test cannot read in: {line}")
    words = shlex.split(text.split("||")[0].split(">")[0].rstrip("& "))
    at = next(i for i, w in enumerate(words) if w.endswith("cpct"))
    rest = words[at + 1:]
    command = " ".join(rest[:2]) if rest[0] == "check" else rest[0]
    known = flags_of(cpct, command)
    given = [w[2:].split("=")[0] for w in rest if w.startswith("--")]
    for flag in given:
        if flag not in known:
            fail(f"cpct {command} has no --{flag}: {line}")
    return command, rest, given


def main(cpct, path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict) or "jobs" not in doc:
        fail(f"{path}: not a workflow (no jobs)")
    env = doc.get("env", {})
    shards = int(env["SHARDS"])
    jobs = doc["jobs"]
    checks = [n for n, j in jobs.items() if any("cpct check server" in l for l in cpct_lines(j))]
    merges = [n for n, j in jobs.items() if any("--merge" in l for l in cpct_lines(j))]
    if len(checks) != 1 or len(merges) != 1:
        fail(f"want one checking job and one merging job, found {checks} and {merges}")
    check, merge = jobs[checks[0]], jobs[merges[0]]
    matrix = check.get("strategy", {}).get("matrix", {}).get("shard")
    if matrix != list(range(shards)):
        fail(f"matrix.shard is {matrix}, not 0..{shards - 1} (--shard I/N has 0 <= I < N)")
    if check.get("strategy", {}).get("fail-fast", True):
        fail("fail-fast is on: one failing shard would cancel the others")
    needs = merge.get("needs")
    if checks[0] not in (needs if isinstance(needs, list) else [needs]):
        fail(f"the merge does not wait for {checks[0]}")
    if "always()" not in str(merge.get("if", "")):
        fail("the merge does not run when a shard failed")
    uploads = [s for s in check["steps"] if "upload-artifact" in str(s.get("uses", ""))]
    downloads = [s for s in merge["steps"] if "download-artifact" in str(s.get("uses", ""))]
    if not uploads or not downloads:
        fail("shards do not upload their reports, or the merge does not download them")
    seen_dirs = set()
    for shard in range(shards):
        for line in cpct_lines(check):
            command, rest, given = check_invocation(cpct, line, env, shard)
            if command != "check server":
                continue
            value = rest[rest.index("--shard") + 1] if "--shard" in rest else ""
            if value != f"{shard}/{shards}":
                fail(f"shard {shard} runs --shard '{value}'")
            if "--report-dir" not in rest or "--seed" not in rest:
                fail("a shard without --seed or --report-dir cannot be merged")
            seen_dirs.add(rest[rest.index("--report-dir") + 1])
    if len(seen_dirs) != shards:
        fail(f"the shards write {len(seen_dirs)} report directories, not {shards}")
    for line in cpct_lines(merge):
        check_invocation(cpct, line, env, 0)
    print(f"ok: {path}: {shards} shards, merged by job '{merges[0]}'")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: ci_example.py CPCT WORKFLOW")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
