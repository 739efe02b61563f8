#!/usr/bin/env bash
# Side-by-side timing against the numpy/PySAL peer of ../shared/bench, in one run, alternating the two
# sides so that both see the same machine state. Prints, per task and size, the median (and range) of
# the peer's in-script TIME and of govgap's whole-process wall time and peak RSS (/usr/bin/time), and
# their ratio; then runs compare.py on the outputs.
#
#   scripts/bench-compare.sh                      # build and ineq at L, ua L at R = 10,000; 7 runs each
#   RUNS=11 TASKS="build:S build:M" scripts/bench-compare.sh
#
# Needs: ./bench-data (see ../shared/bench/README.md), a venv with numpy, pandas, scipy, inequality at
# ./.venv-bench (or PY=/path/to/python), and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv-bench/bin/python}
RUNS=${RUNS:-7}
TASKS=${TASKS:-"build:L ineq:L ua:L:10000"}
peer=target/release/examples/peer
cargo build -q --release --example peer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f %.3f\n", m, a[1], a[NR]}'; }

printf '%-14s %-26s %-26s %-8s %s\n' task "numpy in-script s (med min max)" "govgap whole s (med min max)" ratio "govgap RSS MB"
for spec in $TASKS; do
  IFS=: read -r task size reps <<<"$spec"
  extra=()
  [ -n "${reps:-}" ] && extra=(--reps "$reps")
  : >"$tmp/py" ; : >"$tmp/rs" ; : >"$tmp/rss"
  for _ in $(seq "$RUNS"); do
    "$PY" ../shared/bench/peer_py.py "$task" "$size" "${extra[@]}" 2>&1 >/dev/null | awk '/^TIME/ {sub("s$", "", $4); print $4}' >>"$tmp/py"
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$tmp/t" "$peer" "$task" "$size" "${extra[@]}" --data bench-data --out bench-out/govgap
    t1=$EPOCHREALTIME
    read -r rss <"$tmp/t"
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f\n", b - a}' >>"$tmp/rs"
    echo $((rss / 1024)) >>"$tmp/rss"
  done
  read -r pm pmin pmax < <(median <"$tmp/py")
  read -r gm gmin gmax < <(median <"$tmp/rs")
  rm=$(sort -n "$tmp/rss" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  ratio=$(awk -v g="$gm" -v p="$pm" 'BEGIN {printf "%.3f", g / p}')
  printf '%-14s %-26s %-26s %-8s %s\n' "$task $size${reps:+ R=$reps}" "$pm ($pmin-$pmax)" "$gm ($gmin-$gmax)" "$ratio" "$rm"
done
"$PY" ../shared/bench/compare.py bench-out/govgap bench-out/py >"$tmp/cmp" || true
echo "compare.py: $(grep -c '^OK' "$tmp/cmp") files OK; others:"
grep -v '^OK' "$tmp/cmp" || echo "  none"
