#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60) on a copy
# of its seed corpus. Exits non-zero when a target finds a crash (the input is kept in
# build-fuzz/crashes/). Usage: bash tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DROLLER_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_log fuzz_time fuzz_profile >/dev/null
mkdir -p build-fuzz/crashes
for name in log time profile; do
  corpus="build-fuzz/corpus-$name"
  mkdir -p "$corpus"
  cp -n tests/fuzz/corpus/$name/* "$corpus"/ 2>/dev/null || true
  echo "fuzz_$name: ${seconds}s"
  "build-fuzz/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix=build-fuzz/crashes/$name- -print_final_stats=1 "$corpus" 2>&1 |
    grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' || true
  # libFuzzer exits non-zero on a finding; grep above hides that, so check for artifacts.
  if compgen -G "build-fuzz/crashes/$name-*" >/dev/null; then
    echo "fuzz_$name found a crash: $(ls build-fuzz/crashes/$name-*)"
    exit 1
  fi
done
