#!/usr/bin/env bash
# HTTP throughput of `microcred serve` on loopback, measured with wrk (#8):
# POST /credentials/verify with a signed Open Badges 3.0 micro-credential.
#
#   bench/http.sh [BUILD_DIR]              (default: build)
#   env: CONNECTIONS=64 DURATION=30 WARMUP=5 WRK_THREADS=1 SERVER_THREADS=0 (0 = one per core)
#        VC_FILE=bench/data/ob3-microcredential-eu.json (its issuer becomes a fresh did:key)
#
# Prints requests/s, p50 and p99 latency and the error count (socket errors, non-2xx
# answers, and verifications that did not say "verified", read from the server's /metrics).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
microcred=$build/microcred
work=$(mktemp -d "${TMPDIR:-/tmp}/microcred-http.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/http/lib.sh
. "$root/bench/http/lib.sh"

[ -x "$microcred" ] || die "$microcred not found; build it first (make build, or pass BUILD_DIR)"
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk; scripts/setup does)"
command -v node >/dev/null || die "node is not installed (it prepares the request)"

prepare_request
port=$(free_port)
url=http://127.0.0.1:$port
"$microcred" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$port" --access-log off \
  --rate-limit-per-second 0 --threads "${SERVER_THREADS:-0}" 2>"$work/server.log" &
server_pid=$!
wait_for_server "$url"
check_verifies "$url"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:  microcred serve (${SERVER_THREADS:-0} threads; 0 = one per core), access log off, rate limit off"
echo "load:    wrk -t ${WRK_THREADS:-1} -c ${CONNECTIONS:-64}, ${WARMUP:-5} s warm-up, ${DURATION:-30} s measured;" \
     "POST /credentials/verify with $credential_name (eddsa-rdfc-2022, did:key issuer)"
[ "${WARMUP:-5}" -gt 0 ] && run_wrk "$url" "${WARMUP:-5}" >/dev/null
# Verifications that did not end "verified" (not_verified + error), from the server's metrics.
unverified_total() {
  curl -s "$url/metrics" | awk '/^microcred_verifications_total\{kind="credential",result="(not_verified|error)"\}/ { n += $2 } END { print n + 0 }'
}
before=$(unverified_total)
result=$(run_wrk "$url" "${DURATION:-30}")
unverified=$(( $(unverified_total) - before ))
printf 'verify: %s requests/s, p50 %s ms, p99 %s ms, errors %s (socket %s, non-2xx %s, not verified %s)\n' \
  "$(field rps <<<"$result")" "$(field p50_ms <<<"$result")" "$(field p99_ms <<<"$result")" \
  "$(( $(field errors <<<"$result") + $(field non_2xx <<<"$result") + unverified ))" \
  "$(field errors <<<"$result")" "$(field non_2xx <<<"$result")" "$unverified"
