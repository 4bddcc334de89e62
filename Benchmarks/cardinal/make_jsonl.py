#!/usr/bin/env python3
"""Builds the JSON Lines file `sunlight bench ocds` builds (and deletes after its run).

    python make_jsonl.py --samples /work/shared/fixtures/ocds --megabytes 1024 --out FILE

Same recipe as OCDSBench in Sources/sunlight/OCDSCommands.swift:
  * every .json / .jsonl file under --samples (recursively); a .jsonl file gives its lines; a
    .json file gives its `releases` (if a list of objects), else the `compiledRelease` of each
    of its `records`, else the document itself — each item with an `ocid`, written as compact
    JSON (no spaces, slashes unescaped, UTF-8);
  * the sample lines are written again and again, each copy with a distinct ocid prefix
    (`"ocid":"` → `"ocid":"c<copy>-`), so every line is its own contracting process, until the
    file reaches megabytes × 1,000,000 bytes (the last copy is written whole).

Differences that do not matter for a throughput test: Swift's JSONSerialization writes object
keys in hash order (different on every run) where Python keeps the file's order, so the bytes
differ while the content is the same; and Sunlight skips a sample file its OCDS reader cannot
read (all 124 shipped samples read). Files are taken in sorted path order.
"""
import argparse
import json
import os


def sample_lines(directory):
    lines = []
    for root, _dirs, files in os.walk(directory):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    lines += [line.rstrip("\n") for line in f if line.strip()]
                continue
            if not name.endswith(".json"):
                continue
            with open(path, encoding="utf-8") as f:
                obj = json.load(f)
            if not isinstance(obj, dict):
                continue
            releases = obj.get("releases")
            records = obj.get("records")
            if isinstance(releases, list) and all(isinstance(r, dict) for r in releases):
                items = releases
            elif isinstance(records, list) and all(isinstance(r, dict) for r in records):
                items = [r["compiledRelease"] for r in records if isinstance(r.get("compiledRelease"), dict)]
            else:
                items = [obj]
            for item in items:
                if "ocid" in item:
                    lines.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default="/work/shared/fixtures/ocds")
    ap.add_argument("--megabytes", type=int, default=1024)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    lines = sample_lines(args.samples)
    if not lines:
        raise SystemExit(f"no OCDS samples in {args.samples}")
    target = args.megabytes * 1_000_000
    written = copy = 0
    with open(args.out, "wb") as out:
        while written < target:
            chunk = bytearray()
            for line in lines:
                chunk += line.replace('"ocid":"', f'"ocid":"c{copy}-').encode("utf-8") + b"\n"
            out.write(chunk)
            written += len(chunk)
            copy += 1
    print(f"file: {written // 1_000_000} MB ({written} bytes), {copy} copies of {len(lines)} sample processes "
          f"= {copy * len(lines)} lines -> {args.out}")


if __name__ == "__main__":
    main()
