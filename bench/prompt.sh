#!/usr/bin/env bash
# Times `roller prompt` beside `roller next` (and bare `roller`, which runs next) on the
# benchmark logs, with hyperfine, in one invocation per size so that both see the same
# machine. Run by hand from the repository root after a build:
#
#   [SIZES="10000 100000 1000000"] [RUNS=20] bash bench/prompt.sh [build-dir]
#
# Logs come from bench/gen_log.py (kept in bench/out for the next run, as bench/run.sh does).
# Writes bench/out/prompt.md: mean and standard deviation of each, and prompt / next.
set -euo pipefail
sizes=${SIZES:-10000 100000 1000000}
runs=${RUNS:-20}
roller="$(realpath "${1:-build}/roller")"
out=bench/out
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 1; }
export TZ=Europe/Berlin NO_COLOR=1 LC_ALL=C.UTF-8
now=2900-01-01  # after every generated session, as in bench/run.sh

for n in $sizes; do
  [ -f "$out/log-$n.txt" ] || python3 bench/gen_log.py "$n" "$out/log-$n.txt"
  log="$out/log-$n.txt"
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/hyperfine-prompt-$n.json" \
    -n next "$roller next --log $log --now $now" \
    -n prompt "$roller prompt --log $log --now $now" \
    -n bare "$roller --log $log --now $now" >&2
done

python3 - "$out" $sizes >"$out/prompt.md" <<'PY'
import json, sys
out, sizes = sys.argv[1], sys.argv[2:]
# Wall time, and processor time (user + system), which a busy machine disturbs less.
print("| events | `next` | `prompt` | `roller` (no command) | prompt / next (wall) | prompt / next (cpu) |")
print("| ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    r = {x["command"]: x for x in json.load(open(f"{out}/hyperfine-prompt-{n}.json"))["results"]}
    cpu = lambda c: r[c]["user"] + r[c]["system"]
    cell = lambda c: f"{r[c]['mean'] * 1000:.1f} ± {r[c]['stddev'] * 1000:.1f} ms (cpu {cpu(c) * 1000:.1f})"
    print(f"| {int(n):,} | {cell('next')} | {cell('prompt')} | {cell('bare')} | "
          f"{r['prompt']['mean'] / r['next']['mean']:.2f}x | {cpu('prompt') / cpu('next'):.2f}x |")
PY
cat "$out/prompt.md"
