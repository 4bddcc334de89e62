#!/usr/bin/env python3
"""Sunlight's 28 non-procurement rules as DuckDB SQL: load the demo CSVs, run every rule, time it.

    python run.py --data /work/scratch-bench/county [--sunlight scan.jsonl] [--repeat 3]

Steps, each timed: load.sql (read_csv into typed tables), prepare.sql (shared helper tables:
calendar, programs, households, kin, company links), then each rules/<code>.sql materialised as
a table `finding_<code>` (CREATE TABLE … AS, the analogue of Sunlight saving its findings).
Then, untimed: per-rule finding counts against the generator's truth.jsonl (planted flags that
must fire / near-misses that must not) and, with --sunlight, against the subjects of
`sunlight scan --format jsonl`. Needs only `pip install duckdb` (never a Sunlight dependency).
"""
import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))


def statements(text):
    """Splits a script at semicolons that end a line (the scripts keep ';' out of literals)."""
    return [s.strip() for s in re.split(r";\s*\n", text + "\n") if s.strip() and not all(
        line.strip().startswith("--") or not line.strip() for line in s.strip().splitlines())]


def rule_files(selected):
    names = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "rules")) if f.endswith(".sql"))
    return [n for n in names if not selected or n in selected]


def table_name(code):
    return "finding_" + code.replace(".", "_")


def read_truth(path):
    header, cases = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if "rule" in obj:
                cases.append(obj)
            else:
                header = obj
    return header, cases


def read_sunlight(path):
    found = defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            obj = json.loads(line)
            if "rule" in obj and "subject" in obj:
                found[obj["rule"]].add(obj["subject"])
    return found


def run_once(con, data, as_of, codes):
    """Returns {step: (wall s, cpu s)} and {rule: (wall s, cpu s)}; CPU = all DuckDB threads."""
    fill = lambda s: s.replace("{data}", data).replace("{as_of}", as_of)
    clock = lambda: (time.perf_counter(), time.process_time())
    since = lambda t: (time.perf_counter() - t[0], time.process_time() - t[1])
    timings = {}
    t = clock()
    for stmt in statements(fill(open(os.path.join(HERE, "load.sql"), encoding="utf-8").read())):
        con.execute(stmt)
    timings["load"] = since(t)
    t = clock()
    for stmt in statements(fill(open(os.path.join(HERE, "prepare.sql"), encoding="utf-8").read())):
        con.execute(stmt)
    timings["prepare"] = since(t)
    per_rule = {}
    for code in codes:
        sql = fill(open(os.path.join(HERE, "rules", code + ".sql"), encoding="utf-8").read())
        (query,) = statements(sql)
        t = clock()
        con.execute(f'CREATE OR REPLACE TABLE "{table_name(code)}" AS {query}')
        per_rule[code] = since(t)
    timings["rules"] = (sum(v[0] for v in per_rule.values()), sum(v[1] for v in per_rule.values()))
    return timings, per_rule


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="folder written by `sunlight demo generate`")
    ap.add_argument("--as-of", help="YYYY-MM-DD (default: truth.jsonl's as_of)")
    ap.add_argument("--sunlight", help="`sunlight scan --format jsonl` output on the same data, to compare subjects")
    ap.add_argument("--rules", help="comma-separated rule codes (default: all 28)")
    ap.add_argument("--repeat", type=int, default=1, help="runs; each reloads into a fresh in-memory database")
    ap.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's, = cores)")
    ap.add_argument("--database", default=":memory:", help="DuckDB file (default: in memory)")
    ap.add_argument("--diff", help="write every disagreeing subject (vs truth and Sunlight) to this file")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    args = ap.parse_args()

    data = os.path.abspath(args.data)
    truth_path = os.path.join(data, "truth.jsonl")
    header, truth = read_truth(truth_path) if os.path.exists(truth_path) else (None, [])
    edge_path = os.path.join(data, "edge-expected.jsonl")   # written by edge.py
    if os.path.exists(edge_path):
        truth += read_truth(edge_path)[1]
    as_of = args.as_of or (header or {}).get("as_of")
    if not as_of:
        sys.exit("--as-of is needed (no truth.jsonl)")
    codes = rule_files(set(args.rules.split(",")) if args.rules else None)

    runs = []
    for r in range(max(1, args.repeat)):
        if args.database != ":memory:" and os.path.exists(args.database):
            os.remove(args.database)
        con = duckdb.connect(args.database)
        if args.threads:
            con.execute(f"SET threads = {args.threads}")
        timings, per_rule = run_once(con, data, as_of, codes)
        runs.append((timings, per_rule))
        wall = lambda k: timings[k][0]
        cpu = lambda k: timings[k][1]
        print(f"run {r + 1}: load {wall('load'):.2f} s, prepare {wall('prepare'):.2f} s, rules {wall('rules'):.2f} s, "
              f"total {wall('load') + wall('prepare') + wall('rules'):.2f} s wall "
              f"(CPU {cpu('load'):.2f} + {cpu('prepare'):.2f} + {cpu('rules'):.2f} = {cpu('load') + cpu('prepare') + cpu('rules'):.2f} s)",
              flush=True)
        if r + 1 < args.repeat:
            con.close()

    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ["benefits", "payments", "people", "households", "service_cases", "projects"]}
    subjects = {code: {s for (s,) in con.execute(f'SELECT subject FROM "{table_name(code)}"').fetchall()} for code in codes}
    duplicates = {code: con.execute(f'SELECT count(*) - count(DISTINCT subject) FROM "{table_name(code)}"').fetchone()[0]
                  for code in codes}
    sunlight = read_sunlight(args.sunlight) if args.sunlight else None

    truth_by_rule = defaultdict(lambda: ([], []))
    for c in truth:
        truth_by_rule[c["rule"]][0 if c["expect"] == "flag" else 1].append(c["subject"])

    total = lambda r: r[0]["load"][0] + r[0]["prepare"][0] + r[0]["rules"][0]
    best = min(runs, key=total)
    best_rule = {code: min(r[1][code][0] for r in runs) for code in codes}
    best_cpu = {code: min(r[1][code][1] for r in runs) for code in codes}
    print(f"\nDuckDB {duckdb.__version__}, {threads} threads; data {data} ({', '.join(f'{k} {v}' for k, v in rows.items())}); as of {as_of}")
    print(f"{'rule':30} {'findings':>9} {'best s':>8} {'cpu s':>7} {'truth flags':>12} {'clears hit':>10}" + (f" {'sunlight':>9} {'only duck':>9} {'only sun':>9}" if sunlight else ""))
    diff_lines = []
    for code in codes:
        got = subjects[code]
        flags, clears = truth_by_rule.get(code, ([], []))
        missed = [s for s in flags if s not in got]
        hit = [s for s in clears if s in got]
        line = f"{code:30} {len(got):9d} {best_rule[code]:8.3f} {best_cpu[code]:7.3f} {len(flags) - len(missed):5d}/{len(flags):<6d} {len(hit):10d}"
        for s in missed:
            diff_lines.append(f"{code}\ttruth flag not found by DuckDB\t{s}")
        for s in hit:
            diff_lines.append(f"{code}\ttruth clear flagged by DuckDB\t{s}")
        if duplicates[code]:
            diff_lines.append(f"{code}\tDuckDB rows with a repeated subject\t{duplicates[code]}")
        if sunlight is not None:
            sun = sunlight.get(code, set())
            only_duck, only_sun = got - sun, sun - got
            line += f" {len(sun):9d} {len(only_duck):9d} {len(only_sun):9d}"
            diff_lines += [f"{code}\tonly DuckDB\t{s}" for s in sorted(only_duck)]
            diff_lines += [f"{code}\tonly Sunlight\t{s}" for s in sorted(only_sun)]
        print(line)
    print(f"{'total (best run)':30} {sum(len(s) for s in subjects.values()):9d} {sum(best_rule.values()):8.3f} {sum(best_cpu.values()):7.3f}")
    t = best[0]
    print(f"\nbest run: load {t['load'][0]:.2f} s + prepare {t['prepare'][0]:.2f} s + rules {t['rules'][0]:.2f} s = {total(best):.2f} s wall; "
          f"CPU {t['load'][1]:.2f} + {t['prepare'][1]:.2f} + {t['rules'][1]:.2f} = {t['load'][1] + t['prepare'][1] + t['rules'][1]:.2f} s")
    if args.diff:
        with open(args.diff, "w", encoding="utf-8") as f:
            f.write("\n".join(diff_lines) + "\n")
        print(f"{len(diff_lines)} disagreement lines written to {args.diff}")
    elif diff_lines:
        print("\n".join(diff_lines[:50]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"duckdb": duckdb.__version__, "threads": threads, "data": data, "as_of": as_of, "rows": rows,
                       "runs": [{"timings": r[0], "rules": r[1]} for r in runs],
                       "findings": {c: len(subjects[c]) for c in codes},
                       "sunlight": {c: len(sunlight.get(c, set())) for c in codes} if sunlight is not None else None},
                      f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
