#!/usr/bin/env bash
# CTest entry for the interop tests against the Node reference stack (#4).
#   run.sh differential|acceptance MICROCRED SOURCE_DIR [ARGS...]
# Exits 77 (CTest SKIP_RETURN_CODE) with a message when node or the pinned node_modules
# are missing: `npm ci` in SOURCE_DIR installs them.
set -euo pipefail
test_name=$1 microcred=$2 source_dir=$3
shift 3
summary_name=interop-$test_name
[ "$test_name" = differential ] && summary_name=interop-canonicalize
if ! command -v node >/dev/null 2>&1; then
  echo "$summary_name: skipped: node is not installed (Node 20 runs the jsonld reference)"
  exit 77
fi
if [ ! -f "$source_dir/node_modules/jsonld/package.json" ] ||
   [ ! -f "$source_dir/node_modules/rdf-canonize/package.json" ]; then
  echo "$summary_name: skipped: $source_dir/node_modules lacks jsonld/rdf-canonize; run npm ci there"
  exit 77
fi
cd "$source_dir"
exec node "tests/interop/$test_name.mjs" --microcred "$microcred" "$@"
