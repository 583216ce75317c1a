#!/usr/bin/env python3
"""Checks a built site's export against its JSON Schema (docs/src/guide/annotations.schema.json).

usage: check_export.py SITE_DIR [--schema PATH]

Validates data/annotations.json, every line of every part (data/mentions-NNN.jsonl.gz against
the schema's mention, data/sentences-NNN.jsonl.gz against its sentence), and what the schema
cannot say: each part holds as many lines as annotations.json counts, sentences are numbered
0, 1, 2… per article, every mention's sentence exists, the inline `mentions` list (when there
is one) is the parts' mentions with their ids, and no export file passes 50 MB.
Exit 1 on any problem (all are listed), 2 when the jsonschema package is missing.
"""
import argparse, gzip, json, os, pathlib, sys

try:
    import jsonschema
except ImportError:
    sys.exit(2)

LIMIT = 50_000_000
HERE = pathlib.Path(__file__).resolve().parent
SCHEMA = HERE.parent / "docs" / "src" / "guide" / "annotations.schema.json"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--schema", default=str(SCHEMA))
    args = ap.parse_args()
    data = pathlib.Path(args.site) / "data"
    schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    problems = []

    def validator(ref):
        sub = dict(schema)
        sub.pop("required"), sub.pop("properties"), sub.pop("additionalProperties")
        sub["$ref"] = ref
        return jsonschema.Draft202012Validator(sub)

    index = json.loads((data / "annotations.json").read_text(encoding="utf-8"))
    for e in jsonschema.Draft202012Validator(schema).iter_errors(index):
        problems.append(f"annotations.json: {e.json_path}: {e.message}")
    mention_v, sentence_v = validator("#/$defs/mention"), validator("#/$defs/sentence")
    tables, mentions = {}, []
    for part in index.get("parts", []):
        for kind, v in (("sentences", sentence_v), ("mentions", mention_v)):
            path = data / part[kind]
            if os.path.getsize(path) > LIMIT:
                problems.append(f"{part[kind]}: over 50 MB")
            lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines()
            if len(lines) != part[f"{kind[:-1]}_count"]:
                problems.append(f"{part[kind]}: {len(lines)} lines, annotations.json says {part[kind[:-1] + '_count']}")
            for n, line in enumerate(lines, 1):
                record = json.loads(line)
                for e in v.iter_errors(record):
                    problems.append(f"{part[kind]}:{n}: {e.json_path}: {e.message}")
                if kind == "sentences":
                    table = tables.setdefault(record["article"], [])
                    if record["sentence"] != len(table):
                        problems.append(f"{part[kind]}:{n}: sentence {record['sentence']}, expected {len(table)}")
                    table.append(record["paragraph"])
                else:
                    if record["sentence"] >= len(tables.get(record["article"], [])):
                        problems.append(f"{part[kind]}:{n}: no sentence {record['sentence']} in {record['article']}")
                    mentions.append(record)
    if os.path.getsize(data / "annotations.json") > LIMIT:
        problems.append("annotations.json: over 50 MB")
    if "mentions" in index:
        # The parts leave out `id` (article:start) and `paragraph` (their sentence line says it).
        inline = [{k: v for k, v in m.items() if k not in ("id", "paragraph")} for m in index["mentions"]]
        if inline != mentions:
            problems.append("annotations.json: its mentions are not the parts' mentions")
        for m in index["mentions"]:
            table = tables.get(m["article"], [])
            if m["sentence"] < len(table) and m.get("paragraph") != table[m["sentence"]]:
                problems.append(f"annotations.json: mention {m.get('id')} in {m.get('paragraph')}, its sentence in {table[m['sentence']]}")
                break
        for m in index["mentions"]:
            if m.get("id") != f"{m['article']}:{m['start']}":
                problems.append(f"annotations.json: mention id {m.get('id')} is not article:start")
                break
    for p in problems[:50]:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    print(f"export valid: {len(mentions)} mentions, {sum(map(len, tables.values()))} sentences, "
          f"{len(index['parts'])} part(s)")


if __name__ == "__main__":
    main()
