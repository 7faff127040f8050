#!/usr/bin/env bash
# CTest entry for the Node interop tests of #5 that need @digitalbazaar/vc (vp-interop.mjs,
# status-list-interop.mjs), a sibling of run-vc.sh.
#   run-node.sh SCRIPT.mjs MICROCRED SOURCE_DIR [ARGS...]
# Exits 77 (CTest SKIP_RETURN_CODE) with a message when node or the pinned node_modules
# are missing: `npm ci` in SOURCE_DIR installs them.
set -euo pipefail
script=$1 microcred=$2 source_dir=$3
shift 3
name=${script%.mjs}
if ! command -v node >/dev/null 2>&1; then
  echo "$name: skipped: node is not installed (Node 20 runs @digitalbazaar/vc)"
  exit 77
fi
for package in @digitalbazaar/vc @digitalbazaar/data-integrity \
    @digitalbazaar/eddsa-rdfc-2022-cryptosuite @digitalbazaar/eddsa-jcs-2022-cryptosuite \
    @digitalbazaar/ecdsa-rdfc-2019-cryptosuite @digitalbazaar/ed25519-multikey \
    @digitalbazaar/ecdsa-multikey jsonld jsonld-signatures; do
  if [ ! -f "$source_dir/node_modules/$package/package.json" ]; then
    echo "$name: skipped: $source_dir/node_modules lacks $package; run npm ci there"
    exit 77
  fi
done
cd "$source_dir"
exec node "tests/interop/$script" --microcred "$microcred" "$@"
