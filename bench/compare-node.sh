#!/usr/bin/env bash
# Canonicalization speed of microcred against the Node reference stack (jsonld 9 +
# rdf-canonize 5, pinned in package.json), in the same run on the same machine (#4).
#
#   bench/compare-node.sh [BUILD_DIR]          (default: build)
#   env: FILE=bench/data/ob3-microcredential.json  BENCH_SECONDS=3  REPEAT=5
#
# Each repetition runs `microcred bench canonicalize FILE --seconds S --json` and
# bench/node/bench-canonize.mjs (JSON.parse + jsonld.canonize, contexts warmed up, one
# thread) for S seconds each, alternating which goes first. Prints every run, then the
# median ops/s of each side, the ratio of the medians and the spread (min-max).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
microcred=$build/microcred
file=${FILE:-$root/bench/data/ob3-microcredential.json}
seconds=${BENCH_SECONDS:-3}
repeat=${REPEAT:-5}

die() { echo "compare-node.sh: $*" >&2; exit 2; }
[ -x "$microcred" ] || die "$microcred not found; build it first (make build, or pass BUILD_DIR)"
command -v node >/dev/null || die "node is not installed (Node 20 runs the reference)"
[ -f "$root/node_modules/jsonld/package.json" ] || die "$root/node_modules is missing; run npm ci in $root"
[ -f "$file" ] || die "$file not found"

# Both sides must compute the same thing before their speed means anything.
expected=$(node "$root/bench/node/canonize.mjs" --no-safe "$file" | sha256sum)
actual=$("$microcred" canonicalize "$file" | sha256sum)
if [ "$expected" != "$actual" ]; then
  echo "warning: microcred canonicalize and jsonld.canonize differ on $file" >&2
fi

ops_of() { sed -n 's/.*"ops_per_s":\([0-9.eE+-]*\).*/\1/p'; }
run_microcred() { "$microcred" bench canonicalize "$file" --seconds "$seconds" --json | ops_of; }
run_node() { node "$root/bench/node/bench-canonize.mjs" "$file" --seconds "$seconds" --json | ops_of; }

echo "file:    ${file#"$root"/}"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools:   microcred $("$microcred" --version 2>/dev/null | head -n1), node $(node --version)," \
     "jsonld $(node -p "require('$root/node_modules/jsonld/package.json').version")," \
     "rdf-canonize $(node -p "require('$root/node_modules/rdf-canonize/package.json').version")"
echo "runs:    $repeat x $seconds s per side, alternating order"
echo
printf '%-4s %16s %12s %9s\n' run 'microcred ops/s' 'node ops/s' ratio
micro_all=() node_all=()
for ((i = 1; i <= repeat; ++i)); do
  if ((i % 2)); then m=$(run_microcred); n=$(run_node); else n=$(run_node); m=$(run_microcred); fi
  [ -n "$m" ] && [ -n "$n" ] || die "run $i produced no ops_per_s (microcred '$m', node '$n')"
  micro_all+=("$m") node_all+=("$n")
  printf '%-4s %16.1f %12.1f %8.1fx\n' "$i" "$m" "$n" "$(awk -v a="$m" -v b="$n" 'BEGIN { print a / b }')"
done

# median, min, max of the arguments
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
read -r m_med m_min m_max < <(stats "${micro_all[@]}")
read -r n_med n_min n_max < <(stats "${node_all[@]}")
ratio=$(awk -v a="$m_med" -v b="$n_med" 'BEGIN { printf "%.0f", a / b }')
echo
printf 'spread: microcred %.0f-%.0f ops/s, node %.1f-%.1f ops/s\n' "$m_min" "$m_max" "$n_min" "$n_max"
printf 'canonicalize: microcred %.0f ops/s, node %.1f ops/s, ratio %sx (median of %d)\n' \
  "$m_med" "$n_med" "$ratio" "$repeat"
