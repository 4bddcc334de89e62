#!/usr/bin/env python3
"""Sunlight's scan and the DuckDB SQL, interleaved on the same data and machine state.

    python compare.py --sunlight BIN --database DB.sqlite [--ledger-key KEY] --data CSV_DIR [--repeat 3]

DB.sqlite must already hold the same data set as CSV_DIR (`sunlight demo load`, or the database
`sunlight bench scan --directory …` leaves behind). Each round runs, one after the other:
  1. `sunlight scan --rules <the 28 codes of rules/> --as-of …` (recorded: load, per-rule ms, save);
  2. `python run.py --data CSV_DIR` (one run: load, prepare, rules).
Every line carries the load averages; wall and CPU seconds (user + system, all threads) come
from wait4(). The first round also writes `sunlight scan --format jsonl --dry-run` to
results/<name>-sunlight.jsonl and compares its subjects with DuckDB's.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(cmd, out_path=None):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=open(out_path, "w") if out_path else out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd} failed:\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text + errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sunlight", required=True)
    ap.add_argument("--database", required=True)
    ap.add_argument("--ledger-key")
    ap.add_argument("--data", required=True)
    ap.add_argument("--as-of", default="2026-03-31")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--name", default="compare")
    ap.add_argument("--results", default="results")
    args = ap.parse_args()
    os.makedirs(args.results, exist_ok=True)
    codes = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "rules")) if f.endswith(".sql"))
    db = ["--database", args.database] + (["--ledger-key", args.ledger_key] if args.ledger_key else [])
    scan = [args.sunlight, "scan"] + db + ["--as-of", args.as_of, "--rules", ",".join(codes)]
    rows = []

    jsonl = os.path.join(args.results, f"{args.name}-sunlight.jsonl")
    before = loadavg()
    wall, cpu, rss, _ = run(scan + ["--format", "jsonl", "--dry-run"], out_path=jsonl)
    print(f"sunlight scan --format jsonl --dry-run: {wall:.1f} s wall, CPU {cpu:.1f} s, max RSS {rss:.0f} MiB; load {before}", flush=True)

    for r in range(args.repeat):
        before = loadavg()
        wall, cpu, rss, text = run(scan)
        m = re.search(r"load (\d+) ms, 保存 / save (\d+) ms", text) or re.search(r"load (\d+) ms.*?save (\d+) ms", text)
        load_ms, save_ms = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        per_rule = {}
        for line in text.splitlines():
            parts = line.split()
            if parts and parts[0] in codes and len(parts) >= 5 and parts[4].isdigit():
                per_rule[parts[0]] = int(parts[4])
        findings = re.search(r"(\d+) findings", text)
        row = {"round": r + 1, "tool": "sunlight", "load_avg": before, "wall": wall, "cpu": cpu, "rss_mib": rss,
               "load_s": load_ms / 1000 if load_ms is not None else None,
               "rules_s_sum": sum(per_rule.values()) / 1000, "save_s": save_ms / 1000 if save_ms is not None else None,
               "per_rule_ms": per_rule, "findings": int(findings.group(1)) if findings else None}
        rows.append(row)
        print(f"round {r + 1} sunlight scan: {wall:6.1f} s wall (load {row['load_s']} s, rules Σ {row['rules_s_sum']:.2f} s, "
              f"save {row['save_s']} s), CPU {cpu:.1f} s, max RSS {rss:.0f} MiB, {row['findings']} findings; load {before}", flush=True)

        before = loadavg()
        out_json = os.path.join(args.results, f"{args.name}-duckdb-{r + 1}.json")
        cmd = [sys.executable, os.path.join(HERE, "run.py"), "--data", args.data, "--as-of", args.as_of, "--json", out_json]
        if r == 0:
            cmd += ["--sunlight", jsonl, "--diff", os.path.join(args.results, f"{args.name}.diff")]
        wall, cpu, rss, text = run(cmd)
        d = json.load(open(out_json))
        t = d["runs"][0]["timings"]
        row = {"round": r + 1, "tool": "duckdb", "load_avg": before, "wall": wall, "cpu": cpu, "rss_mib": rss,
               "load_s": t["load"][0], "prepare_s": t["prepare"][0], "rules_s": t["rules"][0],
               "cpu_split": [t["load"][1], t["prepare"][1], t["rules"][1]],
               "per_rule_s": {k: v[0] for k, v in d["runs"][0]["rules"].items()}, "findings": sum(d["findings"].values())}
        rows.append(row)
        print(f"round {r + 1} duckdb run.py:  {wall:6.1f} s wall (load {row['load_s']:.1f} s, prepare {row['prepare_s']:.1f} s, "
              f"rules {row['rules_s']:.1f} s), CPU {cpu:.1f} s, max RSS {rss:.0f} MiB, {row['findings']} findings; load {before}", flush=True)
        if r == 0:
            print("\n".join(l for l in text.splitlines() if l.strip()), flush=True)

    with open(os.path.join(args.results, f"{args.name}.json"), "w") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
