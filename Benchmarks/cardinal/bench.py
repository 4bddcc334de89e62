#!/usr/bin/env python3
"""Cardinal (Python binding `ocdscardinal`) and Sunlight side by side on one OCDS JSON Lines file.

    python bench.py --file big.jsonl --sunlight /path/to/sunlight [--repeat 3] [--capture DIR]

Each measurement runs in its own process and is repeated; every line carries `uptime`'s load
averages (the machine is shared). Measured:
  cardinal.coverage   ocdscardinal.coverage(path), timed inside a fresh Python process
  sunlight coverage   `sunlight ocds coverage FILE` (the same output as Cardinal's coverage)
  sunlight indicators `sunlight ocds indicators FILE --format table` (all 11 Cardinal indicators)
  sunlight bench ocds `sunlight bench ocds --megabytes N --work DIR` (its own figures; with
                      --capture, the file it generates is hard-linked into DIR before it deletes it,
                      and the coverage runs above can then use exactly that file)
Wall seconds, CPU seconds (user + system, all threads) and peak RSS come from wait4()'s rusage.
Cardinal's `indicators` is not in the Python binding (only `coverage`), so it is not measured
here; see README.md.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (wall s, cpu s, max RSS MiB, stdout text or None)."""
    import tempfile
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out if stdout is None else stdout, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err.seek(0)
        out.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{cmd} failed: {err.read().decode()}")
        text = out.read().decode() if stdout is None else None
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


CARDINAL_SNIPPET = r"""
import json, resource, sys, time, ocdscardinal
t0 = time.perf_counter(); c0 = time.process_time()
result = ocdscardinal.coverage(sys.argv[1])
wall = time.perf_counter() - t0; cpu = time.process_time() - c0
if len(sys.argv) > 2:
    json.dump(result, open(sys.argv[2], "w"), sort_keys=True)
print(json.dumps({"wall": wall, "cpu": cpu, "lines": result.get("", 0), "paths": len(result)}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", help="the JSON Lines file (default: the one captured from `sunlight bench ocds`)")
    ap.add_argument("--sunlight", required=True, help="the sunlight executable")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--megabytes", type=int, default=1024)
    ap.add_argument("--samples", default="/work/shared/fixtures/ocds")
    ap.add_argument("--capture", help="run `sunlight bench ocds` first and keep its generated file in this folder")
    ap.add_argument("--skip", default="", help="comma-separated: cardinal,coverage,indicators,bench")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    results = []

    if args.capture and "bench" not in skip:
        os.makedirs(args.capture, exist_ok=True)
        work = os.path.join(args.capture, "work")
        os.makedirs(work, exist_ok=True)
        kept = os.path.join(args.capture, "sunlight-bench-ocds.jsonl")
        for r in range(args.repeat):
            generated = os.path.join(work, "sunlight-bench-ocds.jsonl")
            stop = threading.Event()

            def keep():
                # Hard-link the file as soon as it exists: the link survives the bench's removal.
                while not stop.is_set():
                    if os.path.exists(generated) and not os.path.exists(kept):
                        try:
                            os.link(generated, kept)
                        except FileExistsError:
                            pass
                    time.sleep(0.05)

            watcher = threading.Thread(target=keep, daemon=True)
            watcher.start()
            before = load()
            wall, cpu, rss, out = run([args.sunlight, "bench", "ocds", "--megabytes", str(args.megabytes),
                                       "--samples", args.samples, "--work", work], stdout=None)
            stop.set()
            watcher.join()
            line = next((l for l in out.splitlines() if l.startswith("ingestion:")), "")
            figures = next((l for l in out.splitlines() if "processes:" in l), "")
            print(f"sunlight bench ocds  run {r + 1}: {line}\n    {figures}\n    (process wall {wall:.1f} s incl. writing the file; load {before})", flush=True)
            results.append({"what": "sunlight bench ocds", "run": r + 1, "load": before, "output": out})
        if args.file is None:
            args.file = kept

    if not args.file:
        sys.exit("--file or --capture is needed")
    size = os.path.getsize(args.file)
    with open(args.file, "rb") as f:
        lines = sum(1 for _ in f)
    print(f"\nfile {args.file}: {size} bytes ({size / 1e6:.0f} MB), {lines} lines", flush=True)

    def report(name, r, wall, cpu, rss, extra=""):
        print(f"{name:22} run {r + 1}: {wall:7.2f} s wall {size / 1e6 / wall:7.1f} MB/s {lines / wall:9.0f} processes/s; "
              f"CPU {cpu:6.2f} s; max RSS {rss:6.0f} MiB; load {before}{extra}", flush=True)
        results.append({"what": name, "run": r + 1, "wall": wall, "cpu": cpu, "rss_mib": rss, "load": before})

    for r in range(args.repeat):
        if "cardinal" not in skip:
            before = load()
            dump = os.path.join(os.path.dirname(os.path.abspath(args.file)), "cardinal-coverage.json") if r == 0 else None
            wall, cpu, rss, out = run([sys.executable, "-c", CARDINAL_SNIPPET, args.file] + ([dump] if dump else []), stdout=None)
            inner = json.loads(out.strip().splitlines()[-1])
            report("cardinal.coverage", r, inner["wall"], inner["cpu"], rss,
                   f" (process {wall:.2f} s; {inner['lines']} lines counted)")
        if "coverage" not in skip:
            before = load()
            wall, cpu, rss, out = run([args.sunlight, "ocds", "coverage", args.file], stdout=None)
            if r == 0:
                with open(os.path.join(os.path.dirname(os.path.abspath(args.file)), "sunlight-coverage.json"), "w") as f:
                    f.write(out)
            report("sunlight ocds coverage", r, wall, cpu, rss)
        if "indicators" not in skip:
            before = load()
            wall, cpu, rss, out = run([args.sunlight, "ocds", "indicators", args.file, "--format", "table"], stdout=None)
            report("sunlight indicators", r, wall, cpu, rss)
            if r == 0:
                print("    " + "\n    ".join(out.strip().splitlines()), flush=True)

    directory = os.path.dirname(os.path.abspath(args.file))
    a, b = os.path.join(directory, "cardinal-coverage.json"), os.path.join(directory, "sunlight-coverage.json")
    if os.path.exists(a) and os.path.exists(b):
        cardinal = json.load(open(a))
        sunlight = json.loads(open(b).read())
        same = cardinal == sunlight
        print(f"\ncoverage outputs identical: {same} ({len(cardinal)} paths from Cardinal, {len(sunlight)} from Sunlight)")
        if not same:
            diff = [k for k in set(cardinal) | set(sunlight) if cardinal.get(k) != sunlight.get(k)]
            print("  differing paths (first 10):", sorted(diff)[:10])
    with open(os.path.join(directory, "bench-results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
