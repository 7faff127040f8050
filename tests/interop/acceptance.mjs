#!/usr/bin/env node
// Acceptance test of #4: `microcred canonicalize FILE` prints the same bytes as the Node
// reference (jsonld.toRDF then rdf-canonize, i.e. jsonld.canonize) for the Open Badges 3.0
// micro-credential samples (bench/data/, tests/interop/credentials/), every schema-valid
// Open Badges example, and the
// unsigned credentials and proof configurations of the eddsa-rdfc-2022 test vectors.
//
//   node tests/interop/acceptance.mjs --microcred build/microcred [--testsuites DIR]
//
// A document whose contexts are not all embedded is skipped with the reason. The bench
// sample is required; the test suites are read from $MICROCRED_TESTSUITES (default
// ../shared/testsuites next to the repository) and skipped with a message when absent.
// Ends with `interop-acceptance: N passed, M failed, K skipped`; exit 1 on any failure.
import {existsSync, readFileSync} from 'node:fs';
import {join, relative, resolve} from 'node:path';

import {context_urls, load_contexts, make_document_loader, repo_root} from '../../bench/node/loader.mjs';
import {indent, line_diff, node_canonical, run_microcred} from './lib.mjs';

function parse_args(argv) {
  const options = {
    microcred: null,
    testsuites: process.env.MICROCRED_TESTSUITES || resolve(repo_root, '..', 'shared', 'testsuites'),
  };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--microcred') options.microcred = argv[++i];
    else if (argv[i] === '--testsuites') options.testsuites = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!options.microcred) throw new Error('--microcred BINARY is required');
  return options;
}

// [path, required, expected canonical file or null] for every document to check.
function documents(testsuites) {
  const list = [[join(repo_root, 'bench', 'data', 'ob3-microcredential.json'), true, null],
    [join(repo_root, 'tests', 'interop', 'credentials', 'ob3-microcredential-ugent.json'), true, null]];
  if (!existsSync(testsuites)) return {list, missing: testsuites};
  const ob = join(testsuites, 'openbadges');
  const index_file = join(ob, 'examples', 'index.json');
  if (existsSync(index_file)) {
    for (const entry of JSON.parse(readFileSync(index_file, 'utf8'))) {
      if (entry.validAgainst_ob_v3p0_achievementcredential_schema) {
        list.push([join(ob, entry.file), false, null]);
      }
    }
  }
  for (const vector of ['obv3p0', 'clrv2p0']) {
    const dir = join(ob, 'test-vectors', vector);
    list.push([join(dir, 'credential.json'), false, join(dir, 'document-canon.nq')]);
    list.push([join(dir, 'proofConfig.json'), false, join(dir, 'proof-canon.nq')]);
  }
  const eddsa = join(testsuites, 'vc-di-eddsa', 'spec', 'TestVectors');
  const rdfc = join(eddsa, 'eddsa-rdfc-2022');
  list.push([join(eddsa, 'unsigned.json'), false, join(rdfc, 'canonDocDataInt.txt')]);
  list.push([join(rdfc, 'proofConfigDataInt.json'), false, join(rdfc, 'proofCanonDataInt.txt')]);
  list.push([join(eddsa, 'employmentAuth.json'), false, join(rdfc, 'employ', 'canonDocDataInt.txt')]);
  list.push([join(rdfc, 'employ', 'proofConfigDataInt.json'), false,
    join(rdfc, 'employ', 'proofCanonDataInt.txt')]);
  return {list, missing: null};
}

async function main() {
  let options;
  try {
    options = parse_args(process.argv.slice(2));
  } catch (error) {
    console.error(`acceptance.mjs: ${error.message}`);
    return 2;
  }
  const contexts = await load_contexts();
  const loader = make_document_loader(contexts);
  const {list, missing} = documents(options.testsuites);
  if (missing) {
    console.log(`note: test suites not found at ${missing} (set MICROCRED_TESTSUITES); ` +
      'checking the bench sample only');
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [file, required, expected_file] of list) {
    const name = relative(process.cwd(), file);
    if (!existsSync(file)) {
      if (required) {
        console.log(`FAIL ${name}: missing`);
        ++failed;
      } else {
        console.log(`SKIP ${name}: missing`);
        ++skipped;
      }
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const unknown = [...context_urls(JSON.parse(text))].filter(url => !contexts.has(url));
    if (unknown.length) {
      console.log(`SKIP ${name}: context ${unknown.map(u => `"${u}"`).join(', ')} not embedded`);
      ++skipped;
      continue;
    }
    // The reference runs in safe mode as jsonld.canonize does by default; a spec example
    // that uses an undefined term is compared in lax mode (microcred's default) instead.
    let reference = await node_canonical(text, loader);
    let mode = 'safe';
    if (!reference.ok) {
      reference = await node_canonical(text, loader, {safe: false});
      mode = 'lax (safe mode rejects it)';
    }
    if (!reference.ok) {
      console.log(`FAIL ${name}: the Node reference fails: ${reference.error}`);
      ++failed;
      continue;
    }
    const m = run_microcred(options.microcred, ['canonicalize', file], '');
    let note = '';
    if (expected_file && existsSync(expected_file)) {
      const published = readFileSync(expected_file, 'utf8');
      note = published === reference.out ? ', equals the published canonical form'
        : published.trimEnd() === reference.out.trimEnd() ? ', equals the published canonical form (but for the final newline)'
          : ', note: Node differs from the published canonical form (older context snapshot?)';
    }
    if (m.status !== 0) {
      console.log(`FAIL ${name}: microcred exit ${m.status}: ${m.stderr.trim()}`);
      ++failed;
    } else if (m.stdout !== reference.out) {
      console.log(`FAIL ${name}: microcred differs from jsonld.canonize (${mode})`);
      console.log(indent(line_diff(reference.out, m.stdout)));
      ++failed;
    } else {
      console.log(`ok   ${name}: ${reference.out.split('\n').length - 1} quads, ${mode}${note}`);
      ++passed;
    }
  }
  console.log(`interop-acceptance: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
