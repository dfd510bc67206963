#!/usr/bin/env bash
# Benchmarks roller on generated logs of 1,000 to 1,000,000 events with hyperfine, and
# reports peak memory with /usr/bin/time. Run by hand from the repository root after a
# build:   bash bench/run.sh [build-dir]       (needs: hyperfine, python3, GNU time)
set -euo pipefail
build=${1:-build}
roller="$(realpath "$build/roller")"
out=bench/out
mkdir -p "$out"
export TZ=Europe/Berlin NO_COLOR=1
now=2900-01-01

for n in 1000 10000 100000 1000000; do
  [ -f "$out/log-$n.txt" ] || python3 bench/gen_log.py "$n" "$out/log-$n.txt"
done

for n in 1000 10000 100000 1000000; do
  log="$out/log-$n.txt"
  copy="$out/append-$n.txt"
  echo "== $n events ($(du -h "$log" | cut -f1))"
  # `log` appends: each run works on a fresh copy, so the file does not grow.
  hyperfine -N --warmup 2 --runs 10 --export-markdown "$out/next-$n.md" \
    --prepare "cp $log $copy" \
    "$roller next --log $log --now $now" \
    "$roller log --area forehead --depth 0.25 --force --log $copy --now $now" 2>&1 |
    grep -E '^(Benchmark|  Time)'
  /usr/bin/time -f "next peak memory: %M KiB" "$roller" next --log "$log" --now "$now" >/dev/null
done
echo "== floor: grep -c on the 1,000,000-event log"
hyperfine -N --warmup 2 --runs 10 "grep -c area=forehead $out/log-1000000.txt --output=$out/grep.txt" 2>&1 |
  grep -E '^  Time' || hyperfine --warmup 2 --runs 10 "grep -c area=forehead $out/log-1000000.txt > $out/grep.txt" 2>&1 | grep -E '^  Time'
