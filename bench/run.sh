#!/usr/bin/env bash
# Benchmarks roller side by side with timewarrior on the same sessions, with hyperfine, and
# peak memory with GNU time. Run by hand from the repository root after a build:
#
#   bash bench/run.sh [--sizes "1000 10000 100000 1000000"] [--runs N] [--reuse-summary]
#                     [--slow-summary] [build-dir]
#
# Needs hyperfine, timewarrior, python3 and /usr/bin/time (Debian: hyperfine timewarrior
# time). Writes bench/out/results.md (the table for docs/performance.md) and the raw
# hyperfine JSON beside it; generated logs are kept in bench/out for the next run.
set -euo pipefail
sizes="1000 10000 100000 1000000"
runs=10
reuse_summary=no
slow_summary=no
while [ $# -gt 0 ]; do
  case $1 in
    --slow-summary) slow_summary=yes; shift ;;
    --reuse-summary) reuse_summary=yes; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) break ;;
  esac
done
build=${1:-build}
roller="$(realpath "$build/roller")"
out=bench/out
mkdir -p "$out"
for tool in hyperfine timew python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
export TZ=Europe/Berlin NO_COLOR=1 LC_ALL=C.UTF-8
now=2900-01-01  # after every generated session: every area has a past to judge

for n in $sizes; do
  if [ ! -f "$out/log-$n.txt" ] || [ ! -d "$out/timew-$n" ]; then
    python3 bench/gen_log.py "$n" "$out/log-$n.txt" --timew "$out/timew-$n"
  fi
done

results="$out/results.tsv"
: >"$results"
for n in $sizes; do
  log="$out/log-$n.txt"
  copy="$out/append-$n.txt"
  export TIMEWARRIORDB
  TIMEWARRIORDB="$(realpath "$out/timew-$n")"
  timew tags >/dev/null  # builds timewarrior's tag index once, as its first run would
  echo "== $n events ($(du -h "$log" | cut -f1))" >&2
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/hyperfine-$n.json" \
    -n next "$roller next --log $log --now $now" \
    -n clean-reminder "$roller clean-reminder --log $log --now $now" \
    -n history-json "$roller history --json --log $log --now $now" \
    -n check "$roller check --log $log --now $now" \
    -n timew-tags "timew tags" >&2
  # `log` appends: each of its runs works on a fresh copy, so the file does not grow. The
  # copy is made by --prepare, outside the timing (and apart from the others, whose
  # timings the copying would disturb).
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/hyperfine-log-$n.json" \
    --prepare "cp $log $copy" \
    -n log "$roller log --area forehead --depth 0.25 --force --log $copy --now $now" >&2
  # timewarrior's summary grows with the square of the sessions: 0.3 s at 10,000 events,
  # 26 s at 100,000, about 45 minutes at 1,000,000 (not run unless --slow-summary). Fewer
  # runs for the large sizes; with --reuse-summary an earlier run's measurement is kept.
  summary_runs=$runs summary_warmup=1
  if [ "$n" -ge 100000 ]; then summary_runs=1 summary_warmup=0; fi
  summary_json="$out/hyperfine-summary-$n.json"
  if [ "$n" -ge 1000000 ] && [ "$slow_summary" = no ]; then
    summary_json=""
  elif [ "$reuse_summary" = no ] || [ ! -f "$summary_json" ]; then
    hyperfine -N --warmup "$summary_warmup" --runs "$summary_runs" --export-json "$summary_json" \
      -n timew-summary "timew summary :all" >&2
  fi
  python3 - "$n" "$out/hyperfine-$n.json" "$out/hyperfine-log-$n.json" $summary_json \
    >>"$results" <<'EOF'
import json, sys
for path in sys.argv[2:]:
    for r in json.load(open(path))["results"]:
        print(f"{sys.argv[1]}\t{r['command']}\t{r['mean']}\t{r['stddev']}")
EOF
  for command in next clean-reminder; do
    kib=$(/usr/bin/time -f "%M" "$roller" "$command" --log "$log" --now "$now" 2>&1 >/dev/null | tail -1)
    printf '%s\tpeak-%s\t%s\t0\n' "$n" "$command" "$kib" >>"$results"
  done
done

# The floor for reading the file: grep -c on the largest log, its output to a file (GNU
# grep stops at the first match when its output is /dev/null).
largest=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)
hyperfine --warmup 3 --runs "$runs" --export-json "$out/hyperfine-grep.json" \
  -n grep "grep -c area=forehead $out/log-$largest.txt > $out/grep-count.txt" >&2
python3 - "$out/hyperfine-grep.json" "$largest" >>"$results" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{sys.argv[2]}\tgrep-c\t{r['mean']}\t{r['stddev']}")
EOF

python3 bench/report.py "$results" | tee "$out/results.md"
