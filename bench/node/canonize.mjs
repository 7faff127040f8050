#!/usr/bin/env node
// The Node reference for `microcred canonicalize`: jsonld.canonize (RDFC-1.0,
// canonical N-Quads) with the offline loader, or rdf-canonize directly on N-Quads.
//
//   node bench/node/canonize.mjs [--no-safe] [--hash sha384] FILE|-       JSON-LD in
//   node bench/node/canonize.mjs --nquads [--hash sha384] FILE|-          N-Quads in
//   node bench/node/canonize.mjs --to-rdf FILE|-                          jsonld.toRDF N-Quads
//
// Safe mode is on unless --no-safe, as in jsonld.canonize (it fails instead of dropping
// undefined terms). --max-work-factor N raises rdf-canonize's Hash N-Degree Quads limit
// (default 1). Several FILEs are canonicalized one after another, outputs concatenated.
// Exit 0 ok, 2 bad input or usage (the message names the file).
import {readFileSync} from 'node:fs';

import {document_loader, jsonld, rdf_canonize} from './loader.mjs';

const usage = 'usage: canonize.mjs [--nquads|--to-rdf] [--no-safe] [--hash sha256|sha384] ' +
  '[--max-work-factor N] FILE|-...';

function parse_args(argv) {
  const options = {mode: 'jsonld', safe: true, hash: 'sha256', max_work_factor: 1, files: []};
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--nquads') options.mode = 'nquads';
    else if (arg === '--to-rdf') options.mode = 'to-rdf';
    else if (arg === '--safe') options.safe = true;
    else if (arg === '--no-safe') options.safe = false;
    else if (arg === '--max-work-factor') options.max_work_factor = Number(argv[++i]);
    else if (arg === '--hash') options.hash = argv[++i];
    else if (arg === '-h' || arg === '--help') {
      console.log(usage);
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${usage}`);
    else options.files.push(arg);
  }
  if (!['sha256', 'sha384'].includes(options.hash)) {
    throw new Error(`--hash must be sha256 or sha384, got ${options.hash}`);
  }
  if (options.files.length === 0) throw new Error(usage);
  return options;
}

/// Canonical N-Quads of one JSON-LD document (already parsed), as jsonld.canonize gives.
/// `max_work_factor` raises rdf-canonize's limit on Hash N-Degree Quads (default 1, which
/// rejects symmetric blank-node graphs); the output does not depend on it.
export async function canonize_jsonld(doc, {loader, safe = true, hash = 'sha256',
  max_work_factor = 1}) {
  return jsonld.canonize(doc, {
    format: 'application/n-quads',
    documentLoader: loader,
    safe,
    canonizeOptions: {
      algorithm: 'RDFC-1.0',
      messageDigestAlgorithm: hash,
      maxWorkFactor: max_work_factor,
    },
  });
}

/// Canonical N-Quads of N-Quads text, through rdf-canonize directly.
export async function canonize_nquads(text, {hash = 'sha256', max_work_factor = 1} = {}) {
  return rdf_canonize.canonize(text, {
    algorithm: 'RDFC-1.0',
    inputFormat: 'application/n-quads',
    format: 'application/n-quads',
    messageDigestAlgorithm: hash,
    maxWorkFactor: max_work_factor,
  });
}

async function main() {
  let options;
  try {
    options = parse_args(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const loader = await document_loader();
  for (const file of options.files) {
    const name = file === '-' ? '<stdin>' : file;
    try {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      let out;
      if (options.mode === 'nquads') {
        out = await canonize_nquads(text, options);
      } else {
        const doc = JSON.parse(text);
        out = options.mode === 'to-rdf'
          ? await jsonld.toRDF(doc, {format: 'application/n-quads', documentLoader: loader,
            safe: options.safe})
          : await canonize_jsonld(doc, {loader, ...options});
      }
      process.stdout.write(out);
    } catch (error) {
      console.error(`${name}: ${error.message}`);
      return 2;
    }
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
