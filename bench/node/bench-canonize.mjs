#!/usr/bin/env node
// The Node side of bench/compare-node.sh: the same pipeline as `microcred bench
// canonicalize` (JSON.parse, expansion, toRdf, RDFC-1.0, canonical N-Quads) with jsonld +
// rdf-canonize, on one thread, for S seconds, after a warm-up that fills jsonld's context
// cache (as microcred's embedded, pre-processed contexts are warm from the start).
//
//   node bench/node/bench-canonize.mjs FILE [--seconds S] [--json] [--safe]
//
// Safe mode is off by default, like microcred's bench; --safe turns it on.
import {readFileSync} from 'node:fs';

import {canonize_jsonld} from './canonize.mjs';
import {document_loader} from './loader.mjs';

const warmup_seconds = 1;

function parse_args(argv) {
  const options = {file: null, seconds: 3, json: false, safe: false};
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--seconds') options.seconds = Number(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--safe') options.safe = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.file = arg;
  }
  if (!options.file) throw new Error('usage: bench-canonize.mjs FILE [--seconds S] [--json] [--safe]');
  if (!(options.seconds > 0)) throw new Error(`--seconds must be positive, got ${options.seconds}`);
  return options;
}

async function run_for(seconds, text, settings) {
  const limit = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let ops = 0;
  let elapsed = 0n;
  let sink = 0;
  do {
    const out = await canonize_jsonld(JSON.parse(text), settings);
    sink += out.length;  // keep the result alive
    ++ops;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < limit);
  return {ops, seconds: Number(elapsed) / 1e9, sink};
}

async function main() {
  let options;
  try {
    options = parse_args(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const text = readFileSync(options.file === '-' ? 0 : options.file, 'utf8');
  const settings = {loader: await document_loader(), safe: options.safe};
  await run_for(warmup_seconds, text, settings);
  const {ops, seconds} = await run_for(options.seconds, text, settings);
  const ops_per_s = ops / seconds;
  const us_per_op = 1e6 / ops_per_s;
  if (options.json) {
    console.log(JSON.stringify({op: 'canonicalize', ops_per_s: Number(ops_per_s.toFixed(1)),
      us_per_op: Number(us_per_op.toFixed(2)), runtime: `node ${process.version}`}));
  } else {
    console.log(`canonicalize: ${ops_per_s.toFixed(1)} ops/s, ${us_per_op.toFixed(2)} us/op ` +
      `(${ops} ops in ${seconds.toFixed(2)} s, node ${process.version})`);
  }
  return 0;
}

process.exitCode = await main();
