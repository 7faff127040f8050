#!/usr/bin/env bash
# `microcred serve` against a minimal Node HTTP server verifying with @digitalbazaar/vc
# (bench/node/verify-server.mjs), under the same wrk load, in the same run (#8):
# POST /credentials/verify with the same signed Open Badges 3.0 micro-credential.
#
#   bench/compare-node-server.sh [BUILD_DIR]      (default: build)
#   env: CONNECTIONS=64 DURATION=30 WARMUP=5 WRK_THREADS=1 SERVER_THREADS=0 NODE_WORKERS=1
#        VC_FILE=bench/data/ob3-microcredential-eu.json
#
# Each server runs alone (the other is stopped), gets WARMUP seconds of load, then DURATION
# seconds measured. Prints both lines, the throughput ratio and the p99 of each. Errors
# count socket errors, non-2xx answers and answers that did not verify (each server's own
# counters). NODE_WORKERS > 1 runs Node with node:cluster (then "not verified" is not read).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
microcred=$build/microcred
work=$(mktemp -d "${TMPDIR:-/tmp}/microcred-http-node.XXXXXX")
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
# shellcheck source=bench/http/lib.sh
. "$root/bench/http/lib.sh"

[ -x "$microcred" ] || die "$microcred not found; build it first (make build, or pass BUILD_DIR)"
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk; scripts/setup does)"
command -v node >/dev/null || die "node is not installed (Node 20 runs the reference)"
[ -f "$root/node_modules/@digitalbazaar/vc/package.json" ] || die "$root/node_modules is missing; run npm ci in $root"

prepare_request
duration=${DURATION:-30}
warmup=${WARMUP:-5}
workers=${NODE_WORKERS:-1}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load:    wrk -t ${WRK_THREADS:-1} -c ${CONNECTIONS:-64}, $warmup s warm-up, $duration s measured per server;" \
     "POST /credentials/verify with $credential_name (eddsa-rdfc-2022, did:key issuer)"
echo "node:    $(node --version), @digitalbazaar/vc $(node -p "require('$root/node_modules/@digitalbazaar/vc/package.json').version"), $workers process(es)"

# microcred
port=$(free_port)
url=http://127.0.0.1:$port
"$microcred" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$port" --access-log off \
  --rate-limit-per-second 0 --threads "${SERVER_THREADS:-0}" 2>"$work/microcred.log" &
server_pid=$!
wait_for_server "$url"
check_verifies "$url"
microcred_unverified() {
  curl -s "$url/metrics" | awk '/^microcred_verifications_total\{kind="credential",result="(not_verified|error)"\}/ { n += $2 } END { print n + 0 }'
}
[ "$warmup" -gt 0 ] && run_wrk "$url" "$warmup" >/dev/null
before=$(microcred_unverified)
m=$(run_wrk "$url" "$duration")
m_unverified=$(( $(microcred_unverified) - before ))
stop_server

# node
port=$(free_port)
url=http://127.0.0.1:$port
node "$root/bench/node/verify-server.mjs" "$port" --workers "$workers" 2>"$work/node.log" &
server_pid=$!
wait_for_server "$url"
check_verifies "$url"
node_unverified() {
  curl -s "$url/stats" | node -e 'let t = ""; process.stdin.on("data", d => t += d).on("end", () => {
    const s = JSON.parse(t); console.log(s.not_verified + s.error); })'
}
[ "$warmup" -gt 0 ] && run_wrk "$url" "$warmup" >/dev/null
before=$(node_unverified)
n=$(run_wrk "$url" "$duration")
n_unverified=$(( $(node_unverified) - before ))
[ "$workers" -gt 1 ] && n_unverified=0
stop_server

line() {  # name, wrk result, unverified
  printf '%-9s %10s req/s  p50 %8s ms  p99 %8s ms  errors %s (socket %s, non-2xx %s, not verified %s)\n' \
    "$1" "$(field rps <<<"$2")" "$(field p50_ms <<<"$2")" "$(field p99_ms <<<"$2")" \
    "$(( $(field errors <<<"$2") + $(field non_2xx <<<"$2") + $3 ))" \
    "$(field errors <<<"$2")" "$(field non_2xx <<<"$2")" "$3"
}
echo
line microcred "$m" "$m_unverified"
line node "$n" "$n_unverified"
printf 'ratio: microcred %.1fx the Node server'"'"'s verify throughput; p99 %s ms vs %s ms\n' \
  "$(awk -v a="$(field rps <<<"$m")" -v b="$(field rps <<<"$n")" 'BEGIN { print a / b }')" \
  "$(field p99_ms <<<"$m")" "$(field p99_ms <<<"$n")"
