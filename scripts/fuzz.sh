#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers of untrusted input (issue 18), with libFuzzer from
# the Swift toolchain. Usage:
#   scripts/fuzz.sh                 # every target, 1,000,000 executions each
#   scripts/fuzz.sh csv             # one target (csv, xlsx, ocds, ini, signed-note)
#   scripts/fuzz.sh xlsx 200000     # a number of executions
#   FUZZ_CONFIG=debug scripts/fuzz.sh csv   # a debug build (default: release)
#   FUZZ_SANITIZE=none scripts/fuzz.sh      # libFuzzer without AddressSanitizer (default: address)
# Each run is bounded twice: -runs (default 1,000,000) and -max_total_time (FUZZ_MAX_SECONDS,
# default 600 s per target), plus -rss_limit_mb=2048 and -timeout=10 per input, so a hang or
# a memory blow-up is reported as a finding rather than left running.
# The seed corpus is Fuzz/corpus/<target>/ (in git); new inputs libFuzzer finds go to
# Fuzz/.work/corpus/<target>/ and crashes to Fuzz/.work/crashes/<target>/ (not in git: a crash
# becomes a regression test in the normal suite, see Fuzz/README.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
runs="${2:-1000000}"
max_seconds="${FUZZ_MAX_SECONDS:-600}"
all=(csv xlsx ocds ini signed-note)
config="${FUZZ_CONFIG:-release}"
sanitize="${FUZZ_SANITIZE:-address}"
case "$config" in release|debug) ;; *) echo "FUZZ_CONFIG must be release or debug" >&2; exit 2 ;; esac
case "$sanitize" in address) sanitizers=fuzzer,address ;; none) sanitizers=fuzzer ;;
    *) echo "FUZZ_SANITIZE must be address or none" >&2; exit 2 ;; esac

product() {
    case "$1" in
        csv) echo FuzzCSV ;;
        xlsx) echo FuzzXLSX ;;
        ocds) echo FuzzOCDS ;;
        ini) echo FuzzINI ;;
        signed-note) echo FuzzSignedNote ;;
        *) echo "unknown target: $1 (one of: ${all[*]})" >&2; exit 2 ;;
    esac
}

targets=("${all[@]}")
if [[ $# -ge 1 && "$1" != "all" ]]; then
    product "$1" >/dev/null
    targets=("$1")
fi

# Instrument every Swift module for coverage (-sanitize=fuzzer) and check memory accesses
# (address); -parse-as-library because libFuzzer, not the target, provides main. Release
# (-O, whole module) is the default: the same instrumentation, many times the executions per
# second of a debug build. -enable-testing because the CSV and XLSX targets reach internal
# API with @testable import, which a release build otherwise refuses. Swift's own checks
# (overflow, bounds, preconditions) stay on in release: -O keeps them, only -Ounchecked drops them.
flags=(-c "$config" -Xswiftc -sanitize="$sanitizers" -Xswiftc -parse-as-library -Xswiftc -enable-testing)
echo "== build: $config, -sanitize=$sanitizers"
for target in "${targets[@]}"; do
    swift build --package-path "$fuzz" "${flags[@]}" --product "$(product "$target")"
done
bin="$(swift build --package-path "$fuzz" "${flags[@]}" --show-bin-path)"

status=0
for target in "${targets[@]}"; do
    # ZIPFoundation leaks the C path string of every Archive it opens (45 bytes; it never frees
    # FileManager.fileSystemRepresentation(withPath:), Archive+BackingConfiguration.swift) —
    # upstream, not ours, and LeakSanitizer would stop the XLSX run on its third input.
    # (-detect_leaks=0 for libFuzzer's per-input check, ASAN_OPTIONS for the one at exit.)
    extra=()
    leaks=1
    tmp="${TMPDIR:-/tmp}"
    if [[ "$target" == xlsx ]]; then
        extra=(-detect_leaks=0); leaks=0
        # XLSXPackage extracts each part to a temporary file: keep those in memory too.
        if [[ -d /dev/shm && -z "${TMPDIR:-}" ]]; then tmp=/dev/shm; fi
    fi
    corpus="$fuzz/.work/corpus/$target"
    crashes="$fuzz/.work/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    echo "== $target: $runs runs, at most $max_seconds s ($config, -sanitize=$sanitizers)"
    # Seeds are read from the repository corpus; new finds are written to the work corpus only.
    # SWIFT_BACKTRACE=enable=no: on a Swift trap the runtime's backtracer would otherwise take
    # the signal first (and, under AddressSanitizer, add a spurious "unknown-crash" report from
    # its memory reader); libFuzzer's own handler then reports a "deadly signal", prints the
    # stack and writes the crashing input.
    if ! SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" TMPDIR="$tmp" ASAN_OPTIONS="detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$bin/$(product "$target")" "$corpus" "$fuzz/corpus/$target" \
        -runs="$runs" -max_total_time="$max_seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" ${extra[@]+"${extra[@]}"}; then
        echo "!! $target: libFuzzer stopped on a finding; see $crashes" >&2
        status=1
    fi
done
exit $status
