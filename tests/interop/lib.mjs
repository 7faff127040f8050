// Shared by the interop tests: run microcred, compute the Node reference, describe diffs.
import {spawnSync} from 'node:child_process';

import {canonize_jsonld, canonize_nquads} from '../../bench/node/canonize.mjs';
import {jsonld} from '../../bench/node/loader.mjs';

/// rdf-canonize's Hash N-Degree Quads limit for the reference: high enough for the
/// symmetric graphs the generator makes (the output does not depend on it).
export const reference_work_factor = 5;

const microcred_timeout_ms = 20_000;

/// Runs `microcred ARGS...`, feeding `input` on stdin: {status, stdout, stderr}.
export function run_microcred(binary, args, input) {
  const result = spawnSync(binary, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: microcred_timeout_ms,
  });
  if (result.error) {
    return {status: -1, stdout: '', stderr: `could not run ${binary}: ${result.error.message}`};
  }
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr + (result.signal ? `killed by ${result.signal}` : ''),
  };
}

/// Node's canonical N-Quads of JSON text: {ok, out} or {ok: false, error}. Safe mode as in
/// jsonld.canonize, unless `safe` is false.
export async function node_canonical(text, loader, {safe = true} = {}) {
  try {
    const out = await canonize_jsonld(JSON.parse(text),
      {loader, safe, max_work_factor: reference_work_factor});
    return {ok: true, out};
  } catch (error) {
    return {ok: false, error: describe_error(error)};
  }
}

/// Node's (non-canonical) N-Quads of JSON text, from jsonld.toRDF.
export async function node_to_rdf(text, loader) {
  try {
    const out = await jsonld.toRDF(JSON.parse(text),
      {format: 'application/n-quads', documentLoader: loader, safe: true});
    return {ok: true, out};
  } catch (error) {
    return {ok: false, error: describe_error(error)};
  }
}

/// rdf-canonize on N-Quads text.
export async function node_canonical_nquads(text) {
  try {
    return {ok: true, out: await canonize_nquads(text, {max_work_factor: reference_work_factor})};
  } catch (error) {
    return {ok: false, error: describe_error(error)};
  }
}

function describe_error(error) {
  const event = error?.details?.event;
  if (event) return `${error.message} ${event.code}: ${JSON.stringify(event.details)}`;
  return String(error?.message ?? error);
}

/// Lines only in `expected` (-) and only in `actual` (+), for a short mismatch report.
export function line_diff(expected, actual) {
  const a = new Set(expected.split('\n'));
  const b = new Set(actual.split('\n'));
  const out = [];
  for (const line of expected.split('\n')) if (!b.has(line)) out.push(`- ${line}`);
  for (const line of actual.split('\n')) if (!a.has(line)) out.push(`+ ${line}`);
  if (out.length === 0 && expected !== actual) {
    out.push('(same lines, different order, count or trailing newline)');
  }
  return out.join('\n');
}

/// `text` with a prefix on each line (for nested report blocks).
export function indent(text, prefix = '    ') {
  return text.replace(/\n$/, '').split('\n').map(l => prefix + l).join('\n');
}
