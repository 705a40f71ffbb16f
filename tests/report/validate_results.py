#!/usr/bin/python3
"""Validates results.json files against docs/results.schema.json.

    validate_results.py SCHEMA FILE...          every FILE must fit the schema
    validate_results.py SCHEMA --broken FILE    FILE must fit, and each copy of
                                                it broken on purpose must not

One line per problem; exit 0 when all is as asked, 1 otherwise, 2 on a usage
or setup error (no schema, no python3-jsonschema). Debian's python3-jsonschema
(scripts/deps) is what it runs with.
"""
import copy
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_results.py: python3-jsonschema is missing (scripts/deps installs it)")
    sys.exit(2)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise SystemExit(f"{path}: cannot read as JSON: {e}")


def problems(validator, doc):
    return [f"{e.json_path}: {e.message[:160]}" for e in validator.iter_errors(doc)]


def first_requirement(doc, status=None):
    for r in doc["requirements"]:
        if status is None or r["status"] == status:
            return r
    raise SystemExit(f"no requirement with status {status}: the file cannot be broken that way")


# Each: (what is wrong, how to make it wrong). Every one is a mistake a writer
# could make: a member dropped, renamed, retyped, or a value outside its set.
def _del(key):
    return lambda d: d.pop(key)


def _set(path, value):
    def apply(d):
        *parents, last = path
        for p in parents:
            d = d[p]
        d[last] = value
    return apply


def _req(change, status=None):
    return lambda d: change(first_requirement(d, status))


BREAKS = [
    ("tool is not cpct", _set(["tool"], "other")),
    ("no summary", _del("summary")),
    ("summary.cases missing", lambda d: d["summary"].pop("cases")),
    ("summary count negative", _set(["summary", "failed"], -1)),
    ("seed as a string", lambda d: d.update(seed=str(d["seed"]))),
    ("started not ISO 8601 UTC", _set(["started"], "yesterday")),
    ("unknown top-level member", _set(["results"], [])),
    ("target without kind", lambda d: d["target"].pop("kind")),
    ("target kind unknown", _set(["target", "kind"], "database")),
    ("requirements not an array", _set(["requirements"], {})),
    ("requirement status misspelt", _req(lambda r: r.update(status="passd"))),
    ("requirement level unknown", _req(lambda r: r.update(level="MAY"))),
    ("requirement family unknown", _req(lambda r: r.update(family="misc"))),
    ("requirement without sources", _req(lambda r: r.update(sources=[]))),
    ("source kind unknown", _req(lambda r: r["sources"][0].update(kind="hearsay"))),
    ("requirement id without a dot", _req(lambda r: r.update(id="nodots"))),
    ("requirement id renamed member", _req(lambda r: r.update(ident=r.pop("id")))),
    ("failed with no failure kept", _req(lambda r: r.update(status="failed", level="MUST",
                                                             failures=[], failedCases=1))),
    ("warning on a MUST", _req(lambda r: r.update(status="warning", level="MUST"))),
    ("failure without reproduce",
     _req(lambda r: r.update(status="failed", level="MUST", failedCases=1, failures=[
         {"case": {"id": "c1", "kind": "protocol", "name": "n"}, "expected": None,
          "observed": None, "detail": "d"}]))),
    ("four failures kept", _req(lambda r: r.update(status="failed", level="MUST", failedCases=4,
                                                   failures=[{"case": {"id": "c1", "kind": "protocol",
                                                                       "name": "n"},
                                                              "expected": None, "observed": None,
                                                              "detail": "d", "reproduce": "r"}] * 4))),
]


def main(argv):
    if len(argv) < 3:
        print("usage: validate_results.py SCHEMA [--broken] FILE...")
        return 2
    schema = load(argv[1])
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{argv[1]}: not a valid JSON Schema: {e.message}")
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    broken = argv[2] == "--broken"
    files = argv[3:] if broken else argv[2:]
    failed = 0
    for path in files:
        doc = load(path)
        found = problems(validator, doc)
        for p in found[:10]:
            print(f"{path}: {p}")
        failed += bool(found)
        if not found:
            print(f"{path}: valid")
        if not broken or found:
            continue
        # The breaks touch the top level and the first requirement only, so a
        # copy with the first few requirements is enough, and fast.
        small = dict(doc, requirements=doc["requirements"][:5])
        for what, change in BREAKS:
            wrong = copy.deepcopy(small)
            change(wrong)
            if problems(validator, wrong):
                print(f"  rejected as it must be: {what}")
            else:
                print(f"{path}: broken on purpose ({what}) but the schema accepts it")
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
