#!/usr/bin/env bash
# A short fuzzing run of scenario loading (CI's fuzz stage; also by hand):
#   bash tests/fuzz/run.sh [SECONDS] [extra libFuzzer options...]
# Builds the `fuzz` preset's target (clang, libFuzzer, ASan + UBSan), copies the seed corpus
# (scenarios/**/*.yaml, tests/fuzz/seeds, tests/fuzz/regressions) to a scratch folder, fuzzes for
# SECONDS (default 150), and fails on any finding: an exception other than InputError, a crash, a
# sanitizer report, a leak, an input slower than 10 s, or more than 2048 MB of memory. A finding's
# input is kept in build/fuzz/findings/; add it to tests/fuzz/regressions/ once fixed.
#
# libFuzzer's timeout is wall-clock time, and on a shared or virtual machine a process can stall
# for seconds at a time (inputs that take 1 ms have been caught "running" for 16 s). So a timeout
# or slow-unit input is run again on its own, three times: if it never times out again it is
# reported as a stall, not a finding, and fuzzing carries on until SECONDS have passed. Crashes,
# sanitizer reports, leaks and memory findings always fail.
#
# Prints executions, executions per second, and the corpus size.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-150}"
shift || true
timeout_s=10
rss_mb=2048

cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzz_scenario
bin=build/fuzz/tests/fuzz/fuzz_scenario

base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base="${TMPDIR:-/tmp}"
scratch=$(mktemp -d "$base/homecare-fuzz-run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/corpus" "$scratch/seeds" "$scratch/artifacts" "$scratch/stalls" "$scratch/tmp"
# Seeds in a folder of their own: libFuzzer reads them, writes new inputs only to corpus/.
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$scratch/seeds/$(printf '%03d' $i)-$(basename "$f")"
  i=$((i + 1))
done < <(find scenarios tests/fuzz/seeds tests/fuzz/regressions -type f ! -name README.md -print0 | sort -z)
echo "fuzz: $i seed inputs, ${seconds}s, dictionary tests/fuzz/scenario.dict"

export HOMECARE_FUZZ_TMP="$scratch/tmp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1"
started=$(date +%s)
deadline=$((started + seconds))
round=0
execs=0
stalls=0
status=0
seeds=()
while :; do
  remaining=$((deadline - $(date +%s)))
  if [ "$round" -gt 0 ] && [ "$remaining" -le 0 ]; then break; fi
  [ "$remaining" -ge 1 ] || remaining=1
  log="$scratch/log.$round"
  status=0
  "$bin" "$scratch/corpus" "$scratch/seeds" \
    -dict=tests/fuzz/scenario.dict -max_total_time="$remaining" -timeout=$timeout_s \
    -rss_limit_mb=$rss_mb -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$scratch/artifacts/" "$@" >"$log" 2>&1 || status=$?
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=$((execs + ${n:-0}))
  seeds+=("$(sed -n 's/^INFO: Seed: //p' "$log" | head -1)")
  round=$((round + 1))
  [ "$status" -ne 0 ] || [ -n "$(ls -A "$scratch/artifacts")" ] || break
  # Triage: a timeout that does not time out again on its own is a stall of the machine.
  real=0
  round_stalls=0
  for a in "$scratch"/artifacts/*; do
    [ -e "$a" ] || continue
    if [[ "$(basename "$a")" == timeout-* || "$(basename "$a")" == slow-unit-* ]]; then
      again=0
      for _ in 1 2 3; do
        "$bin" -timeout=$timeout_s -rss_limit_mb=$rss_mb "$a" >"$scratch/rerun.log" 2>&1 || again=1
      done
      if [ "$again" -eq 0 ]; then
        echo "fuzz: $(basename "$a") did not time out again when run alone (3 times): a stall of the machine, not a finding"
        mv "$a" "$scratch/stalls/"
        round_stalls=$((round_stalls + 1))
        continue
      fi
    fi
    real=1
  done
  stalls=$((stalls + round_stalls))
  if [ "$real" -eq 0 ] && [ "$round_stalls" -gt 0 ]; then status=0; continue; fi
  break
done

elapsed=$(( $(date +%s) - started ))
rss=$(cat "$scratch"/log.* | sed -n 's/^stat::peak_rss_mb: *//p' | sort -n | tail -1)
corpus_files=$(find "$scratch/corpus" -type f | wc -l)
corpus_bytes=$(du -sb "$scratch/corpus" | cut -f1)
findings=$(find "$scratch/artifacts" -type f | wc -l)
echo "fuzz: $execs executions in ${elapsed}s ($(( execs / (elapsed > 0 ? elapsed : 1) )) exec/s)," \
     "peak RSS ${rss:-?} MB, libFuzzer seeds ${seeds[*]}, corpus $corpus_files new inputs" \
     "($corpus_bytes bytes) beside $i seeds, $findings findings, $stalls stalls"

if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
  tail -n 80 "$scratch/log.$((round - 1))"
  mkdir -p build/fuzz/findings
  cp "$scratch"/artifacts/* build/fuzz/findings/ 2>/dev/null || true
  echo "fuzz: FAILED (libFuzzer exit status $status); inputs kept in build/fuzz/findings/:"
  ls -l build/fuzz/findings/
  echo "fuzz: reproduce with $bin build/fuzz/findings/<file>"
  exit 1
fi
echo "fuzz: no findings"
