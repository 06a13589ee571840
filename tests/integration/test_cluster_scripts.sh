#!/usr/bin/env bash
# The Slurm scripts (cluster/) run as Slurm would run them, minus Slurm: the variables Slurm sets
# are set by hand. Checks a single run, a rerun (--resume: nothing to do), array tasks picking
# their scenario (arguments and --list), extension, a bad task index, and two MPI processes.
# Usage: test_cluster_scripts.sh HOMECARE_BINARY REPO_ROOT MPI(0|1)
set -euo pipefail
bin=$1
repo=$2
mpi=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir scen
quarter='run:\n  end: 2016-06-30\n  policy_start: 2016-05-01\ncommissioning:\n  switch_date: 2016-05-01\n'
printf "name: a\n$quarter" > scen/a.yaml
printf "name: b\n$quarter" > scen/b.yaml
export HOMECARE="$bin"
fail() { echo "FAIL: $*" >&2; exit 1; }
replicates() { /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); print(f['variants/'+sys.argv[2]].attrs['replicates'])" "$1" "$2"; }

bash "$repo/cluster/homecare.slurm" scen/a.yaml --replicates 2 --quiet > log1.txt
[ -f output/a.h5 ] || fail "homecare.slurm wrote no output/a.h5"
grep -q "homecare job: done: output/a.h5" log1.txt || fail "no done line: $(cat log1.txt)"

bash "$repo/cluster/homecare.slurm" scen/a.yaml --replicates 2 > log2.txt 2>&1
grep -q "nothing to do" log2.txt || fail "a resubmitted finished job did work: $(cat log2.txt)"

SLURM_ARRAY_TASK_ID=1 SLURM_SUBMIT_DIR="$repo" bash "$repo/cluster/homecare-array.slurm" scen/a.yaml scen/b.yaml --replicates 2 --quiet > /dev/null
[ -f output/b.h5 ] || fail "array task 1 did not run scen/b.yaml"

printf 'scen/a.yaml\n# a comment\n\nscen/b.yaml\n' > list.txt
SLURM_ARRAY_TASK_ID=0 SLURM_SUBMIT_DIR="$repo" bash "$repo/cluster/homecare-array.slurm" --list list.txt --replicates 3 --quiet > /dev/null
[ "$(replicates output/a.h5 a)" = 3 ] || fail "array task 0 did not extend output/a.h5 to 3 replicates"

set +e
SLURM_ARRAY_TASK_ID=2 SLURM_SUBMIT_DIR="$repo" bash "$repo/cluster/homecare-array.slurm" --list list.txt 2> err.txt
status=$?
set -e
[ $status = 2 ] || fail "a task index past the list exited $status"
grep -q "task 2 but only 2 scenarios" err.txt || fail "unclear message: $(cat err.txt)"

if [ "$mpi" = 1 ]; then
  SLURM_NTASKS=2 SLURM_CPUS_PER_TASK=1 HOMECARE_OUT=output/a-mpi.h5 \
    OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
    bash "$repo/cluster/homecare.slurm" scen/a.yaml --replicates 3 > log3.txt 2>&1 || fail "under mpirun: $(cat log3.txt)"
  grep -q "on 2 processes x 1 thread" log3.txt || fail "not 2 processes: $(cat log3.txt)"
  /usr/bin/python3 - output/a.h5 output/a-mpi.h5 <<'PY' || fail "2 processes gave other results than 1"
import sys, h5py, numpy as np
a, b = (h5py.File(p)["variants/a"] for p in sys.argv[1:])
for kind in ("monthly", "summary"):
    for m in a[kind]:
        assert a[kind][m][()].tobytes() == b[kind][m][()].tobytes(), m
PY
fi
echo "cluster scripts: ok"
