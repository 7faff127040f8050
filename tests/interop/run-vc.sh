#!/usr/bin/env bash
# CTest entry for the VC interop test against @digitalbazaar/vc (#5), a sibling of run.sh.
#   run-vc.sh MICROCRED SOURCE_DIR [ARGS...]
# Exits 77 (CTest SKIP_RETURN_CODE) with a message when node or the pinned node_modules
# are missing: `npm ci` in SOURCE_DIR installs them.
set -euo pipefail
microcred=$1 source_dir=$2
shift 2
if ! command -v node >/dev/null 2>&1; then
  echo "interop-vc: skipped: node is not installed (Node 20 runs @digitalbazaar/vc)"
  exit 77
fi
for package in @digitalbazaar/vc @digitalbazaar/data-integrity \
    @digitalbazaar/eddsa-rdfc-2022-cryptosuite @digitalbazaar/eddsa-jcs-2022-cryptosuite \
    @digitalbazaar/ecdsa-rdfc-2019-cryptosuite @digitalbazaar/ed25519-multikey \
    @digitalbazaar/ecdsa-multikey jsonld; do
  if [ ! -f "$source_dir/node_modules/$package/package.json" ]; then
    echo "interop-vc: skipped: $source_dir/node_modules lacks $package; run npm ci there"
    exit 77
  fi
done
cd "$source_dir"
exec node tests/interop/vc-interop.mjs --microcred "$microcred" "$@"
