# Shared by bench/http.sh and bench/compare-node-server.sh (sourced, not run).
# Needs: $root (repository), $microcred (binary), $work (a scratch folder).

die() { echo "${0##*/}: $*" >&2; exit 2; }

# A port nobody listens on (the kernel picks it).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Signs $VC_FILE (default bench/data/ob3-microcredential-eu.json) with a fresh did:key
# and writes $work/request.json = {"verifiableCredential": <signed>}.
prepare_request() {
  local vc_file=${VC_FILE:-$root/bench/data/ob3-microcredential-eu.json}
  [ -f "$vc_file" ] || die "$vc_file not found"
  local did
  did=$("$microcred" keygen --out "$work/key.json" | tail -n1)
  node -e '
    const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    if (c.issuer && typeof c.issuer === "object") c.issuer.id = process.argv[2]; else c.issuer = process.argv[2];
    fs.writeFileSync(process.argv[3], JSON.stringify(c));' "$vc_file" "$did" "$work/credential.json"
  "$microcred" sign --key "$work/key.json" "$work/credential.json" > "$work/signed.json" ||
    die "microcred sign failed on $vc_file"
  node -e '
    const fs = require("fs");
    fs.writeFileSync(process.argv[2], JSON.stringify({verifiableCredential: JSON.parse(fs.readFileSync(process.argv[1], "utf8"))}));' \
    "$work/signed.json" "$work/request.json"
  request_file=$work/request.json
  credential_name=${vc_file#"$root"/}
}

# Waits until GET $1/healthz answers (at most 30 s).
wait_for_server() {
  local url=$1 i
  for ((i = 0; i < 300; ++i)); do
    curl -sf "$url/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "no answer from $url/healthz"
}

# One POST of the request; the answer must say "verified":true.
check_verifies() {
  local url=$1 answer
  answer=$(curl -s -X POST --data-binary @"$request_file" -H 'content-type: application/json' "$url/credentials/verify")
  case $answer in *'"verified":true'*) ;; *) die "$url does not verify the credential: ${answer:0:300}" ;; esac
}

# wrk -c $CONNECTIONS for $1 seconds, POSTing the request; prints one line
#   requests=N seconds=S rps=R p50_ms=A p99_ms=B errors=E non_2xx=F
run_wrk() {
  local url=$1 seconds=$2
  BODY_FILE=$request_file wrk -t "${WRK_THREADS:-1}" -c "${CONNECTIONS:-64}" -d "${seconds}s" \
    --timeout 10s -s "$root/bench/http/post.lua" "$url/credentials/verify" | grep '^result:' | sed 's/^result: //'
}

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }
