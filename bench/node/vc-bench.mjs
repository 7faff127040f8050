#!/usr/bin/env node
// Issue and verify throughput of the Node reference (@digitalbazaar/vc 7 + data-integrity +
// the cryptosuite packages pinned in package.json), one credential after another on one
// thread, with the offline loader of vc-stack.mjs (embedded contexts, local did:key).
// The counterpart of `microcred bench issue` / `microcred bench verify`.
//
//   node bench/node/vc-bench.mjs issue FILE --key KEY.json [--suite S] [--seconds S] [--json]
//   node bench/node/vc-bench.mjs verify SIGNED.json [--seconds S] [--json]
//
// KEY.json is a `microcred keygen` key file (a Multikey with secretKeyMultibase), so both
// sides sign the same credential with the same key. issue = JSON.parse + vc.issue +
// JSON.stringify; verify = JSON.parse + vc.verifyCredential (every suite, did:key resolved).
// One run outside the clock checks the input and warms the caches. Prints
// {"op","suite","ops","seconds","ops_per_s","us_per_op"} with --json.
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

import {node_error, node_issue, node_verify, vc_document_loader, verify_suites} from './vc-stack.mjs';

function parse_args(argv) {
  const options = {op: argv[0], file: null, key: null, suite: 'eddsa-rdfc-2022', seconds: 3,
    json: false};
  for (let i = 1; i < argv.length; ++i) {
    if (argv[i] === '--key') options.key = argv[++i];
    else if (argv[i] === '--suite') options.suite = argv[++i];
    else if (argv[i] === '--seconds') options.seconds = Number(argv[++i]);
    else if (argv[i] === '--json') options.json = true;
    else if (!options.file) options.file = argv[i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!['issue', 'verify'].includes(options.op) || !options.file ||
      (options.op === 'issue' && !options.key) || !(options.seconds > 0)) {
    throw new Error('usage: vc-bench.mjs issue FILE --key KEY.json [--suite S] | ' +
      'verify SIGNED.json; [--seconds S] [--json]');
  }
  return options;
}

async function measure(seconds, op) {
  const budget_ms = seconds * 1000;
  const start = performance.now();
  let ops = 0;
  let elapsed = 0;
  do {
    await op();
    ++ops;
    elapsed = performance.now() - start;
  } while (elapsed < budget_ms);
  return {ops, seconds: elapsed / 1000};
}

async function main() {
  const options = parse_args(process.argv.slice(2));
  const text = readFileSync(options.file, 'utf8');
  const loader = await vc_document_loader();
  let op;
  let suite = options.suite;
  if (options.op === 'issue') {
    const key_file = JSON.parse(readFileSync(options.key, 'utf8'));
    const library = key_file.publicKeyMultibase.startsWith('z6Mk') ? Ed25519Multikey : EcdsaMultikey;
    const key = await library.from(key_file);
    const created = new Date();
    op = async () => {
      const signed = await node_issue(JSON.parse(text), {suite, key, loader, created});
      return JSON.stringify(signed).length;
    };
  } else {
    const suites = verify_suites();
    suite = JSON.parse(text).proof?.cryptosuite ?? '?';
    op = async () => {
      const result = await node_verify(JSON.parse(text), {loader, suite: suites});
      if (!result.verified) throw new Error(`the credential does not verify: ${node_error(result)}`);
    };
  }
  await op();
  const {ops, seconds} = await measure(options.seconds, op);
  const ops_per_s = ops / seconds;
  const us_per_op = 1e6 * seconds / ops;
  if (options.json) {
    console.log(JSON.stringify({op: options.op, suite, ops, seconds: +seconds.toFixed(3),
      ops_per_s: +ops_per_s.toFixed(1), us_per_op: +us_per_op.toFixed(2)}));
  } else {
    console.log(`${options.op} ${options.file} (${suite}, node ${process.version}): ${ops} ops in ` +
      `${seconds.toFixed(2)} s: ${ops_per_s.toFixed(1)} ops/s, ${us_per_op.toFixed(2)} us/op`);
  }
}

main().catch(error => {
  console.error(`vc-bench.mjs: ${error.message}`);
  process.exitCode = 2;
});
