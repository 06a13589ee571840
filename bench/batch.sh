#!/usr/bin/env bash
# Times one Monte Carlo batch at --threads 1 and at --threads 2 (or the counts given), checks the
# results files hold bit-identical datasets, and prints replicates per second and the speed-up.
# Usage: bash bench/batch.sh [REPLICATES (200)] [SCENARIO (scenarios/brent-baseline.yaml)] [THREADS... (1 2)]
# Uses build/release/engine/homecare (or $HOMECARE); measure a Release build on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-200}
scenario=${2:-scenarios/brent-baseline.yaml}
shift $(( $# < 2 ? $# : 2 ))
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2)
bin=${HOMECARE:-build/release/engine/homecare}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build:   $("$bin" --version)"
echo "batch:   $scenario, $reps replicates, seed 1"
declare -A secs
for t in "${counts[@]}"; do
  start=$(date +%s.%N)
  "$bin" run "$scenario" --replicates "$reps" --seed 1 --threads "$t" --quiet --out "$tmp/t$t.h5"
  end=$(date +%s.%N)
  secs[$t]=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  printf 'threads %-3s %8.1f s  %6.3f replicates/s  (load after: %s)\n' "$t" "${secs[$t]}" \
    "$(awk -v n="$reps" -v s="${secs[$t]}" 'BEGIN { print n / s }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
first=${counts[0]}
for t in "${counts[@]:1}"; do
  printf 'speed-up %s -> %s threads: %.2fx\n' "$first" "$t" "$(awk -v a="${secs[$first]}" -v b="${secs[$t]}" 'BEGIN { print a / b }')"
  /usr/bin/python3 - "$tmp/t$first.h5" "$tmp/t$t.h5" <<'PY'
import sys, h5py
a, b = (h5py.File(p) for p in sys.argv[1:])
def walk(x, y, path):
    for k in x:
        if isinstance(x[k], h5py.Dataset):
            same = (list(x[k][()]) == list(y[k][()])) if x[k].dtype == object else x[k][()].tobytes() == y[k][()].tobytes()
            assert same, path + k
        else:
            walk(x[k], y[k], path + k + "/")
walk(a["variants"], b["variants"], "/variants/")
print("datasets: bit-identical")
PY
done
