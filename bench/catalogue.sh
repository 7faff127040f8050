#!/usr/bin/env bash
# The public catalogue at scale (#6): bench/catalogue_bench on SQLite (a file in /tmp) and on
# PostgreSQL (a throwaway server from scripts/with-postgres), the same generated designs and
# the same queries on both.
#
#   bench/catalogue.sh [BUILD_DIR]        (default: build; builds catalogue_bench if needed)
#   env: DESIGNS=100000  QUERIES=1000  SEED=2026  BACKENDS="sqlite postgres"
#
# Each run prints the import time, p50/p90/p99 latency of the mixed queries (all, with text,
# filters only, second pages), the CPU time per query of the bench process, the slowest
# queries, and a closing RESULT line; bench/README.md records the figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
designs=${DESIGNS:-100000}
queries=${QUERIES:-1000}
seed=${SEED:-2026}
backends=${BACKENDS:-sqlite postgres}

if [ ! -d "$build" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" catalogue_bench >/dev/null
bench=$build/bench/catalogue_bench
args=(--designs "$designs" --queries "$queries" --seed "$seed")

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (+ local changes)')"
for backend in $backends; do
  echo
  case $backend in
    sqlite) "$bench" --db sqlite "${args[@]}" ;;
    postgres) "$root/scripts/with-postgres" "$bench" --db postgres "${args[@]}" ;;
    *) echo "catalogue.sh: unknown backend $backend (sqlite or postgres)" >&2; exit 2 ;;
  esac
done
