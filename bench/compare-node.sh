#!/usr/bin/env bash
# Speed of microcred against the Node reference stack, in the same run on the same machine:
#   canonicalize (#4): microcred bench canonicalize vs jsonld.canonize (jsonld 9 + rdf-canonize 5)
#   issue, verify (#5): microcred bench issue/verify vs @digitalbazaar/vc 7 issue and
#                       verifyCredential (eddsa-rdfc-2022), and microcred against libsodium's
#                       bare Ed25519 sign/verify rate measured in the same microcred process
#
#   bench/compare-node.sh [BUILD_DIR]          (default: build)
#   env: FILE=bench/data/ob3-microcredential.json        (canonicalize input)
#        VC_FILE=bench/data/ob3-microcredential-eu.json  (issue/verify input; its issuer
#                                                         becomes a fresh did:key)
#        SUITE=eddsa-rdfc-2022  OPS="canonicalize issue verify"  BENCH_SECONDS=3  REPEAT=5
#
# Each repetition runs each side for S seconds per operation, alternating which side goes
# first. Both sides issue the same credential with the same key (a `microcred keygen` key
# file, imported into Node) and verify the same microcred-signed credential. Prints every
# run, then per operation the median ops/s of each side, the ratio of the medians and the
# spread (min-max).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
microcred=$build/microcred
file=${FILE:-$root/bench/data/ob3-microcredential.json}
seconds=${BENCH_SECONDS:-3}
repeat=${REPEAT:-5}
vc_file=${VC_FILE:-$root/bench/data/ob3-microcredential-eu.json}
suite=${SUITE:-eddsa-rdfc-2022}
ops=${OPS:-canonicalize issue verify}

die() { echo "compare-node.sh: $*" >&2; exit 2; }
[ -x "$microcred" ] || die "$microcred not found; build it first (make build, or pass BUILD_DIR)"
command -v node >/dev/null || die "node is not installed (Node 20 runs the reference)"
[ -f "$root/node_modules/jsonld/package.json" ] || die "$root/node_modules is missing; run npm ci in $root"
[ -f "$file" ] || die "$file not found"
[ -f "$vc_file" ] || die "$vc_file not found"
has_op() { case " $ops " in *" $1 "*) return 0 ;; esac; return 1; }

# median, min, max of the arguments
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
field_of() { sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p"; }
ops_of() { field_of ops_per_s; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools:   microcred $("$microcred" --version 2>/dev/null | head -n1), node $(node --version)," \
     "jsonld $(node -p "require('$root/node_modules/jsonld/package.json').version")," \
     "rdf-canonize $(node -p "require('$root/node_modules/rdf-canonize/package.json').version")"
echo "runs:    $repeat x $seconds s per side and operation, alternating order"

# ---- canonicalize (#4)
if has_op canonicalize; then
  # Both sides must compute the same thing before their speed means anything.
  expected=$(node "$root/bench/node/canonize.mjs" --no-safe "$file" | sha256sum)
  actual=$("$microcred" canonicalize "$file" | sha256sum)
  if [ "$expected" != "$actual" ]; then
    echo "warning: microcred canonicalize and jsonld.canonize differ on $file" >&2
  fi
  run_microcred() { "$microcred" bench canonicalize "$file" --seconds "$seconds" --json | ops_of; }
  run_node() { node "$root/bench/node/bench-canonize.mjs" "$file" --seconds "$seconds" --json | ops_of; }

  echo
  echo "canonicalize file: ${file#"$root"/}"
  printf '%-4s %16s %12s %9s\n' run 'microcred ops/s' 'node ops/s' ratio
  micro_all=() node_all=()
  for ((i = 1; i <= repeat; ++i)); do
    if ((i % 2)); then m=$(run_microcred); n=$(run_node); else n=$(run_node); m=$(run_microcred); fi
    [ -n "$m" ] && [ -n "$n" ] || die "run $i produced no ops_per_s (microcred '$m', node '$n')"
    micro_all+=("$m") node_all+=("$n")
    printf '%-4s %16.1f %12.1f %8.1fx\n' "$i" "$m" "$n" "$(awk -v a="$m" -v b="$n" 'BEGIN { print a / b }')"
  done
  read -r m_med m_min m_max < <(stats "${micro_all[@]}")
  read -r n_med n_min n_max < <(stats "${node_all[@]}")
  ratio=$(awk -v a="$m_med" -v b="$n_med" 'BEGIN { printf "%.0f", a / b }')
  echo
  printf 'spread: microcred %.0f-%.0f ops/s, node %.1f-%.1f ops/s\n' "$m_min" "$m_max" "$n_min" "$n_max"
  printf 'canonicalize: microcred %.0f ops/s, node %.1f ops/s, ratio %sx (median of %d)\n' \
    "$m_med" "$n_med" "$ratio" "$repeat"
fi

# ---- issue and verify (#5)
if has_op issue || has_op verify; then
  for package in vc data-integrity eddsa-rdfc-2022-cryptosuite; do
    [ -f "$root/node_modules/@digitalbazaar/$package/package.json" ] ||
      die "$root/node_modules lacks @digitalbazaar/$package; run npm ci in $root"
  done
  work=$(mktemp -d "${TMPDIR:-/tmp}/microcred-compare-vc.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  key_type=ed25519
  case $suite in ecdsa-*) key_type=p256 ;; esac
  did=$("$microcred" keygen --type "$key_type" --out "$work/key.json" | tail -n1)
  # The credential with the key's did:key as its issuer, so that verification binds.
  node -e '
    const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    if (c.issuer && typeof c.issuer === "object") c.issuer.id = process.argv[2]; else c.issuer = process.argv[2];
    fs.writeFileSync(process.argv[3], JSON.stringify(c, null, 2));' "$vc_file" "$did" "$work/credential.json"
  "$microcred" sign --key "$work/key.json" --suite "$suite" "$work/credential.json" > "$work/signed.json" ||
    die "microcred sign failed on $vc_file"
  # Both sides must accept the credential before their speed means anything.
  "$microcred" verify "$work/signed.json" >/dev/null || die "microcred verify refuses its own $work/signed.json"
  node "$root/bench/node/vc-bench.mjs" verify "$work/signed.json" --seconds 0.01 >/dev/null ||
    die "@digitalbazaar/vc does not verify the credential microcred signed"

  echo
  echo "issue/verify file: ${vc_file#"$root"/} (issuer: a did:key), suite $suite," \
       "$(node -p "'@digitalbazaar/vc ' + require('$root/node_modules/@digitalbazaar/vc/package.json').version")"
  echo "microcred issues and verifies 64 variants of it in turn (id, validFrom, subject id differ);" \
       "node the file itself"
  printf '%-4s %-7s %16s %12s %9s %18s %10s\n' run op 'microcred ops/s' 'node ops/s' ratio \
    'ed25519 ops/s' 'fraction'
  declare -A micro_runs node_runs bare_runs fraction_runs ratio_runs
  for ((i = 1; i <= repeat; ++i)); do
    for op in issue verify; do
      has_op "$op" || continue
      if [ "$op" = issue ]; then
        micro_args=(bench issue "$work/credential.json" --key "$work/key.json" --suite "$suite")
        node_args=(issue "$work/credential.json" --key "$work/key.json" --suite "$suite")
        bare=ed25519_sign_per_s
      else
        micro_args=(bench verify "$work/signed.json" --key "$work/key.json")
        node_args=(verify "$work/signed.json")
        bare=ed25519_verify_per_s
      fi
      run_m() { "$microcred" "${micro_args[@]}" --seconds "$seconds" --json; }
      run_n() { node "$root/bench/node/vc-bench.mjs" "${node_args[@]}" --seconds "$seconds" --json; }
      if ((i % 2)); then mj=$(run_m); nj=$(run_n); else nj=$(run_n); mj=$(run_m); fi
      m=$(ops_of <<<"$mj") n=$(ops_of <<<"$nj") b=$(field_of "$bare" <<<"$mj")
      f=$(field_of fraction_of_ed25519 <<<"$mj")
      [ -n "$m" ] && [ -n "$n" ] && [ -n "$b" ] ||
        die "run $i $op produced no ops_per_s (microcred '$mj', node '$nj')"
      r=$(awk -v a="$m" -v b="$n" 'BEGIN { print a / b }')
      micro_runs[$op]+=" $m" node_runs[$op]+=" $n" bare_runs[$op]+=" $b" fraction_runs[$op]+=" $f"
      ratio_runs[$op]+=" $r"
      printf '%-4s %-7s %16.1f %12.1f %8.1fx %18.1f %9.1f%%\n' "$i" "$op" "$m" "$n" "$r" "$b" \
        "$(awk -v f="$f" 'BEGIN { print 100 * f }')"
    done
  done
  echo
  for op in issue verify; do
    has_op "$op" || continue
    # shellcheck disable=SC2086 # word splitting of the collected numbers is intended
    { read -r m_med m_min m_max < <(stats ${micro_runs[$op]})
      read -r n_med n_min n_max < <(stats ${node_runs[$op]})
      read -r b_med _ _ < <(stats ${bare_runs[$op]})
      read -r f_med _ _ < <(stats ${fraction_runs[$op]})
      read -r r_med r_min r_max < <(stats ${ratio_runs[$op]}); }
    what=sign; [ "$op" = verify ] && what=verify
    printf 'spread: %s: microcred %.0f-%.0f ops/s, node %.1f-%.1f ops/s; per-run ratio %.0f-%.0fx, median %.0fx\n' \
      "$op" "$m_min" "$m_max" "$n_min" "$n_max" "$r_min" "$r_max" "$r_med"
    printf '%s: microcred %.0f ops/s, node %.1f ops/s, ratio %sx; libsodium Ed25519 %s %.0f/s, microcred at %.1f%% of it (medians of %d)\n' \
      "$op" "$m_med" "$n_med" "$(awk -v a="$m_med" -v b="$n_med" 'BEGIN { printf "%.0f", a / b }')" \
      "$what" "$b_med" "$(awk -v f="$f_med" 'BEGIN { print 100 * f }')" "$repeat"
  done
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
