#!/usr/bin/env node
// Deterministic generator of varied JSON-LD documents for the differential test (#4).
//
//   node tests/interop/gen-docs.mjs --seed 4 --count 1000 --out DIR
//
// Each document is a tree of plain JSON values plus `Raw` leaves, which keep the exact
// source text of a number or string ("-0", "1e21", "1.0", "\u00e9"), so that microcred
// and Node read the same bytes. `serialize()` turns a tree into JSON text; shrinking in
// differential.mjs edits the tree and serializes again.
//
// Three families, picked per document:
// - credential: VC 2.0 + Open Badges 3.0.x contexts (real credential shapes, optional
//   inline extension context), as issuers write them;
// - synthetic: inline contexts with random term definitions (@vocab, @language, scoped
//   contexts, every container kind, coercion to every XSD type, @json) and random nested
//   node objects, value objects, language maps and lists;
// - symmetric: blank-node graphs whose nodes share first-degree hashes (rings, identical
//   siblings, mirrored trees, small cliques, blank graph names), so RDFC-1.0 needs Hash
//   N-Degree Quads.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/// A leaf whose JSON source text is kept verbatim.
export class Raw {
  constructor(text) {
    this.text = text;
  }
}

/// Deep copy of a generated tree (Raw leaves are immutable and shared).
export function clone(value) {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
}

/// JSON text of a generated tree (2-space indented, Raw leaves verbatim).
export function serialize(value, indent = '') {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    return '[\n' + value.map(v => inner + serialize(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = indent + '  ';
    return '{\n' +
      keys.map(k => inner + JSON.stringify(k) + ': ' + serialize(value[k], inner)).join(',\n') +
      '\n' + indent + '}';
  }
  return JSON.stringify(value);
}

/// Seeded PRNG (mulberry32): the same seed gives the same documents on every machine.
export class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo, hi) {  // inclusive
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  sample(items, n) {
    const copy = [...items];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(this.int(0, copy.length - 1), 1)[0]);
    return out;
  }
}

const xsd = 'http://www.w3.org/2001/XMLSchema#';
const vocab = 'https://example.org/vocab#';

const languages = ['en', 'en-GB', 'de', 'de-CH', 'fr', 'nl-BE', 'pt-BR', 'zh-Hant-TW', 'sr-Latn',
  'ga', 'EN-us', 'x-klingon'];

const plain_strings = [
  '', 'Data Protection by Design', 'Ærøskøbing Folkehøjskole', 'Łódź University of Technology',
  '日本語の資格', 'Ελληνικά', 'Москва', 'עברית', 'العربية', 'emoji 😀 🎓', 'tab\there', 'line\nbreak',
  'carriage\rreturn', 'quote " and backslash \\', 'form\ffeed', 'back\bspace', 'nul\u0000byte',
  'ctl \u0001\u001f\u007f', 'nbsp\u00a0zwj\u200dls\u2028ps\u2029', 'bom\ufeff', '  padded  ',
  '<tag attr="x">&amp;</tag>', 'https://example.org/not-an-iri-literal', '_:b0', '@value',
  'ECTS 7.5', 'Ünïcödé ñ', 'a'.repeat(300), '\u{10ffff} max', 'combining e\u0301',
];

// Escape every non-ASCII or special character as \uXXXX (surrogate pairs for astral).
function escape_all(s) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code > 0xffff) {
      const v = code - 0x10000;
      out += '\\u' + (0xd800 + (v >> 10)).toString(16).padStart(4, '0') +
        '\\u' + (0xdc00 + (v & 0x3ff)).toString(16).toUpperCase().padStart(4, '0');
    } else out += '\\u' + code.toString(16).padStart(4, '0');
  }
  return out + '"';
}

function gen_string(r) {
  const s = r.chance(0.7) ? r.pick(plain_strings) : `${r.pick(plain_strings)} #${r.int(0, 999)}`;
  if (r.chance(0.2)) return new Raw(escape_all(s));
  return s;
}

// Number source texts, each with what it tests.
const number_texts = [
  '0', '1', '-1', '42', '-0', '1.0', '5.0', '-0.0', '0.1', '0.5', '7.5', '3.141592653589793',
  '1e21', '1E21', '1e+21', '1.5e21', '1e20', '100000000000000000000', '999999999999999999999',
  '1e-7', '0.000001', '1e-300', '2.2250738585072014e-308', '1.7976931348623157e308',
  '9007199254740991', '-9007199254740991', '9007199254740993', '123456789', '-123456.789',
  '12345678901234567890', '0.30000000000000004', '1e0', '5E-1', '60', '0.0001',
];
// Texts whose value a double cannot hold exactly (JSON.parse rounds them): tagged so a
// known deviation could be listed by feature.
const inexact_numbers = new Set(['9007199254740993', '12345678901234567890',
  '999999999999999999999']);
// Non-integers that JavaScript prints without a '.' ("1e-7"): jsonld.js's isDouble()
// looks for a '.', so it writes them as integers ("0"), where the spec says xsd:double.
const js_exponent_numbers = new Set(['1e-7', '1e-300']);

function gen_number(r, features) {
  if (r.chance(0.5)) return r.chance(0.5) ? r.int(-1000, 100000) : r.int(0, 600) / 8;
  const text = r.pick(number_texts);
  features.add(inexact_numbers.has(text) ? 'inexact-number'
    : js_exponent_numbers.has(text) ? 'js-exponent-number' : 'number-text');
  return new Raw(text);
}

// Lexical forms per XSD datatype (valid and a few odd-but-legal ones).
const xsd_values = {
  string: ['plain', 'with "quotes"', 'ünï'],
  boolean: ['true', 'false', '1', '0'],
  decimal: ['1.0', '-0.50', '10', '3.14159', '+7.5', '.5'],
  integer: ['0', '-12', '+3', '0042', '123456789012345678901234567890'],
  double: ['1.0E0', '1e21', 'INF', '-INF', 'NaN', '0.1', '-0'],
  float: ['5', '7.5', '1.0E0', 'INF'],
  date: ['2026-06-30', '2026-02-29', '2026-06-30Z', '2026-06-30+02:00'],
  dateTime: ['2026-06-30T16:30:00Z', '2026-06-30T16:30:00.123+02:00', '2026-06-30T16:30:00',
    '2026-06-30T24:00:00Z'],
  time: ['09:00:00', '23:59:60Z'],
  duration: ['P1Y2M3DT4H5M6S', 'PT125H', '-P10D'],
  anyURI: ['https://example.org/a b', 'urn:uuid:4e6b0c58-6c1d-4b8f-9a51-7d0f2e3c9b12', 'rel/path'],
  base64Binary: ['SGVsbG8=', ''],
  hexBinary: ['0fb7', 'DEADbeef'],
  gYear: ['2026', '-0044'],
  gYearMonth: ['2026-06'],
  language: ['en-GB'],
  token: ['ECTS'],
  normalizedString: ['a  b'],
  nonNegativeInteger: ['5'],
  positiveInteger: ['60'],
  long: ['-9223372036854775808'],
  int: ['2147483647'],
  unsignedByte: ['255'],
};
const xsd_kinds = Object.keys(xsd_values);

function gen_typed_literal(r, features) {
  const kind = r.pick(xsd_kinds);
  features.add('typed-literal');
  const type = r.pick([`xsd:${kind}`, `${xsd}${kind}`]);
  let value = r.pick(xsd_values[kind]);
  // Native JSON values with an explicit datatype: the number/boolean conversion rules.
  if (['decimal', 'integer', 'double', 'float'].includes(kind) && r.chance(0.4)) {
    value = gen_number(r, features);
  } else if (kind === 'boolean' && r.chance(0.5)) {
    value = r.chance(0.5);
  } else if (kind === 'double') {
    features.add('double-string');
  }
  return {'@value': value, '@type': type};
}

// ---------------------------------------------------------------------------------------
// synthetic: inline contexts with random term definitions

const term_names = ['title', 'label', 'note', 'score', 'level', 'credits', 'issued', 'start',
  'homepage', 'related', 'part', 'member', 'tags', 'steps', 'names', 'byLang', 'byId', 'byType',
  'byIndex', 'claims', 'payload', 'owner', 'knows', 'parentOf', 'weight', 'ratio', 'code',
  'kind', 'seeAlso', 'sub'];
const class_names = ['Course', 'Module', 'Person', 'Skill', 'Assessment', 'Grade'];

// Term definitions; each carries how to make a value that fits it.
function gen_term(r, name, features, depth) {
  const id = r.pick([`ex:${name}`, `${vocab}${name}`, `https://schema.org/${name}`]);
  const roll = r.int(0, 17);
  switch (roll) {
    case 0: return {def: id, shape: 'any'};
    case 1: {
      const kind = r.pick(xsd_kinds);
      features.add('coerced-type');
      return {def: {'@id': id, '@type': `xsd:${kind}`}, shape: 'coerced', kind};
    }
    case 2: return {def: {'@id': id, '@type': '@id'}, shape: 'id'};
    case 3: return {def: {'@id': id, '@type': '@vocab'}, shape: 'vocab'};
    case 4:
      features.add('json');
      return {def: {'@id': id, '@type': '@json'}, shape: 'json'};
    case 5:
      features.add('language-map');
      return {def: {'@id': id, '@container': '@language'}, shape: 'language'};
    case 6:
      features.add('list');
      return {def: {'@id': id, '@container': '@list'}, shape: 'list'};
    case 7: return {def: {'@id': id, '@container': '@set'}, shape: 'set'};
    case 8:
      features.add('index-map');
      return {def: {'@id': id, '@container': '@index'}, shape: 'index'};
    case 9:
      features.add('graph-container');
      return {def: {'@id': id, '@container': r.pick(['@graph', ['@graph', '@set']])},
        shape: 'graph'};
    case 10:
      features.add('id-map');
      return {def: {'@id': id, '@container': '@id'}, shape: 'idmap'};
    case 11:
      features.add('type-map');
      return {def: {'@id': id, '@container': '@type'}, shape: 'typemap'};
    case 12:
      features.add('term-language');
      return {def: {'@id': id, '@language': r.chance(0.2) ? null : r.pick(languages)},
        shape: 'string'};
    case 13:
      if (depth < 1) {
        features.add('property-scoped-context');
        const inner = gen_context_terms(r, features, depth + 1, 3);
        return {def: {'@id': id, '@context': inner.context}, shape: 'scoped', terms: inner.terms};
      }
      return {def: id, shape: 'any'};
    case 14:
      features.add('list-of-typed');
      return {def: {'@id': id, '@container': '@list', '@type': 'xsd:integer'}, shape: 'intlist'};
    case 15:
      features.add('graph-index');
      return {def: {'@id': id, '@container': ['@graph', '@index']}, shape: 'index-graph'};
    case 16:
      features.add('reverse');
      return {def: {'@reverse': id}, shape: 'reverse'};
    default: return {def: id, shape: 'any'};
  }
}

function gen_context_terms(r, features, depth, count) {
  const context = {};
  const terms = {};
  for (const name of r.sample(term_names, count)) {
    const term = gen_term(r, name, features, depth);
    context[name] = term.def;
    terms[name] = term;
  }
  return {context, terms};
}

function gen_context(r, features) {
  const context = {};
  if (r.chance(0.5)) context['@version'] = 1.1;
  if (r.chance(0.6)) {
    context['@vocab'] = vocab;
    features.add('vocab');
  }
  if (r.chance(0.3)) {
    context['@language'] = r.pick(languages);
    features.add('default-language');
  }
  context.xsd = xsd;
  context.ex = vocab;
  const {context: term_context, terms} = gen_context_terms(r, features, 0, r.int(4, 12));
  Object.assign(context, term_context);
  const classes = {};
  for (const name of r.sample(class_names, r.int(1, 4))) {
    if (r.chance(0.3)) {
      features.add('type-scoped-context');
      const inner = gen_context_terms(r, features, 1, 2);
      context[name] = {'@id': `ex:${name}`, '@context': inner.context};
      classes[name] = inner.terms;
    } else {
      context[name] = `ex:${name}`;
      classes[name] = {};
    }
  }
  const scoped = Object.values(context).some(d => d && typeof d === 'object' && '@context' in d);
  if (!scoped && r.chance(0.15)) {
    context['@protected'] = true;
    features.add('protected');
  }
  return {context, terms, classes};
}

let blank_counter = 0;

function gen_iri(r) {
  return r.pick([
    `https://example.org/id/${r.int(0, 20)}`, `urn:uuid:00000000-0000-4000-8000-${String(r.int(0, 99)).padStart(12, '0')}`,
    `did:example:${r.int(0, 9)}`, `https://example.org/a%20b/${r.int(0, 3)}?q=1#frag`,
    `http://data.europa.eu/esco/skill/${r.int(100, 999)}`,
  ]);
}

function gen_node_ref(r) {
  return r.chance(0.4) ? `_:b${r.int(0, 4)}` : gen_iri(r);
}

function gen_value_object(r, features) {
  const roll = r.int(0, 5);
  if (roll === 0) return gen_typed_literal(r, features);
  if (roll === 1) {
    features.add('language-value');
    return {'@value': gen_string(r), '@language': r.pick(languages)};
  }
  if (roll === 2) {
    features.add('custom-datatype');
    return {'@value': gen_string(r), '@type': r.pick(['ex:Custom', 'https://example.org/dt#t'])};
  }
  if (roll === 3) {
    features.add('value-index');
    return {'@value': gen_string(r), '@index': `i${r.int(0, 3)}`};
  }
  if (roll === 4) return {'@value': gen_number(r, features)};
  features.add('json');
  return {'@value': gen_json(r, 0), '@type': '@json'};
}

function gen_json(r, depth) {
  const roll = r.int(0, depth > 2 ? 4 : 7);
  if (roll === 0) return null;
  if (roll === 1) return r.chance(0.5);
  if (roll === 2) return new Raw(r.pick(number_texts.filter(t => !inexact_numbers.has(t))));
  if (roll === 3 || roll === 4) return gen_string(r);
  if (roll === 5) return Array.from({length: r.int(0, 3)}, () => gen_json(r, depth + 1));
  const o = {};
  for (const k of r.sample(['b', 'a', 'é', '€', 'A', '10', '1', '\u0001', 'z', 'aa', '😀'], r.int(0, 4))) {
    o[k] = gen_json(r, depth + 1);
  }
  return o;
}

function gen_scalar(r, features) {
  const roll = r.int(0, 5);
  if (roll <= 2) return gen_string(r);
  if (roll === 3) return gen_number(r, features);
  if (roll === 4) return r.chance(0.5);
  return gen_value_object(r, features);
}

function gen_value_for(r, term, env, depth) {
  const {features} = env;
  switch (term.shape) {
    case 'coerced': {
      const options = xsd_values[term.kind];
      if (['decimal', 'integer', 'double', 'float'].includes(term.kind) && r.chance(0.5)) {
        return gen_number(r, features);
      }
      if (term.kind === 'boolean' && r.chance(0.5)) return r.chance(0.5);
      // jsonld.js rewrites string values typed xsd:double through parseFloat ("-INF" ->
      // "NaN", "-0" -> "0.0E0"); the spec keeps the string as the lexical form.
      if (term.kind === 'double') env.features.add('double-string');
      return r.pick(options);
    }
    case 'id': return r.chance(0.8) ? gen_node_ref(r) : gen_node(r, env, depth + 1);
    case 'vocab': return r.pick([...Object.keys(env.classes), gen_iri(r), 'ex:Thing']);
    case 'json': return gen_json(r, 0);
    case 'language': {
      const map = {};
      for (const lang of r.sample(languages, r.int(1, 3))) {
        map[lang] = r.chance(0.25) ? [gen_string(r), gen_string(r)] : gen_string(r);
      }
      if (r.chance(0.1)) map['@none'] = gen_string(r);
      return map;
    }
    case 'list': {
      const n = r.int(0, 4);
      const items = [];
      for (let i = 0; i < n; ++i) {
        const roll = r.int(0, 6);
        if (roll === 0 && depth < 3) items.push(gen_node(r, env, depth + 1));
        else if (roll === 1) {
          features.add('list-of-lists');
          items.push([gen_string(r), gen_number(r, features)]);
        } else items.push(gen_scalar(r, features));
      }
      return items;
    }
    case 'intlist': return Array.from({length: r.int(1, 4)}, () => r.int(-5, 50));
    case 'set': return Array.from({length: r.int(0, 3)}, () => gen_plain(r, env, depth + 1));
    case 'index': {
      const map = {};
      for (const k of r.sample(['a', 'b', 'c', 'z', 'é'], r.int(1, 3))) {
        map[k] = r.chance(0.5) ? gen_string(r) : gen_node(r, env, depth + 1);
      }
      return map;
    }
    case 'graph': return gen_node(r, env, depth + 1, {no_id: r.chance(0.5)});
    case 'index-graph': {
      const map = {};
      for (const k of r.sample(['g1', 'g2', 'g3'], r.int(1, 2))) map[k] = gen_node(r, env, depth + 1);
      return map;
    }
    case 'idmap': {
      const map = {};
      for (let i = r.int(1, 3); i > 0; --i) map[gen_iri(r)] = gen_node(r, env, depth + 1, {no_id: true});
      return map;
    }
    case 'typemap': {
      const map = {};
      for (const c of r.sample(Object.keys(env.classes), r.int(1, 2))) {
        map[c] = r.chance(0.3) ? gen_iri(r) : gen_node(r, env, depth + 1, {no_type: true});
      }
      return map;
    }
    case 'string': return gen_string(r);
    case 'scoped': {
      const inner = {...env, terms: {...env.terms, ...term.terms}};
      return gen_node(r, inner, depth + 1);
    }
    case 'reverse': return r.chance(0.5) ? {'@id': gen_iri(r)} : gen_node(r, env, depth + 1);
    default: return gen_plain(r, env, depth);
  }
}

function gen_plain(r, env, depth) {
  if (depth < 4 && r.chance(0.3)) return gen_node(r, env, depth + 1);
  if (r.chance(0.1)) return Array.from({length: r.int(0, 3)}, () => gen_scalar(r, env.features));
  return gen_scalar(r, env.features);
}

function gen_node(r, env, depth, {no_id = false, no_type = false} = {}) {
  const node = {};
  if (!no_id && r.chance(0.5)) node['@id'] = gen_node_ref(r);
  let terms = env.terms;
  if (!no_type && r.chance(0.5) && Object.keys(env.classes).length) {
    const types = r.sample(Object.keys(env.classes), r.int(1, 2));
    node['@type'] = types.length === 1 && r.chance(0.5) ? types[0] : types;
    for (const t of types) terms = {...terms, ...env.classes[t]};
  }
  // Type-scoped contexts do not propagate: nested nodes see `env`, not the class terms.
  const names = Object.keys(terms);
  const count = depth > 3 ? r.int(0, 1) : r.int(1, 4);
  for (const name of r.sample(names, count)) node[name] = gen_value_for(r, terms[name], env, depth);
  if (env.has_vocab && r.chance(0.2)) node[`free${r.int(0, 3)}`] = gen_scalar(r, env.features);
  if (r.chance(0.1)) node[`${vocab}abs${r.int(0, 2)}`] = gen_scalar(r, env.features);
  if (r.chance(0.05)) {
    env.features.add('included');
    node['@included'] = [gen_node(r, env, depth + 2, {})];
  }
  // A node with nothing but @id makes no triple (safe mode rejects it).
  if (Object.keys(node).every(k => k === '@id')) node['ex:filler'] = 'x';
  return node;
}

function gen_synthetic(r, features) {
  const {context, terms, classes} = gen_context(r, features);
  const env = {features, terms, classes, has_vocab: '@vocab' in context};
  const doc = {'@context': context};
  if (r.chance(0.3)) {
    features.add('top-graph');
    doc['@graph'] = Array.from({length: r.int(1, 4)}, () => gen_node(r, env, 1));
    if (r.chance(0.3)) {
      features.add('named-graph');
      doc['@id'] = r.chance(0.5) ? '_:g0' : gen_iri(r);
    }
  } else {
    Object.assign(doc, gen_node(r, env, 0));
  }
  return doc;
}

// ---------------------------------------------------------------------------------------
// symmetric: blank-node shapes that first-degree hashes cannot tell apart

const sym_context = {
  'ex': vocab,
  'next': {'@id': 'ex:next', '@type': '@id'},
  'link': {'@id': 'ex:link', '@type': '@id'},
  'child': 'ex:child',
  'val': 'ex:val',
  'inGraph': {'@id': 'ex:inGraph', '@container': '@graph'},
};

function ring(prefix, n, extra) {
  const nodes = [];
  for (let i = 0; i < n; ++i) {
    const node = {'@id': `_:${prefix}${i}`, 'next': `_:${prefix}${(i + 1) % n}`};
    if (extra) Object.assign(node, extra);
    nodes.push(node);
  }
  return nodes;
}

function mirrored_tree(r, depth) {
  if (depth === 0) return {'val': r.chance(0.7) ? 'leaf' : 1};
  const child = mirrored_tree(r, depth - 1);
  return {'child': [child, clone(child)]};
}

function gen_symmetric(r, features) {
  features.add('symmetric');
  const graph = [];
  const shapes = r.int(1, 3);
  for (let s = 0; s < shapes; ++s) {
    const roll = r.int(0, 7);
    const p = `s${s}_`;
    if (roll === 0) {
      features.add('ring');
      graph.push(...ring(p, r.int(2, 6), r.chance(0.5) ? {'val': 'same'} : null));
    } else if (roll === 1) {
      features.add('two-rings');
      const n = r.int(2, 4);
      graph.push(...ring(`${p}a`, n), ...ring(`${p}b`, n));
    } else if (roll === 2) {
      features.add('identical-siblings');
      const item = {'val': r.pick(['x', 'y']), 'child': {'val': 'z'}};
      graph.push({'@id': gen_iri(r), 'child': Array.from({length: r.int(2, 5)}, () => clone(item))});
    } else if (roll === 3) {
      features.add('mirrored-tree');
      graph.push({'@id': gen_iri(r), 'child': mirrored_tree(r, r.int(1, 3))});
    } else if (roll === 4) {
      features.add('clique');
      const n = r.int(3, 4);
      for (let i = 0; i < n; ++i) {
        const others = [];
        for (let j = 0; j < n; ++j) if (j !== i) others.push(`_:${p}${j}`);
        graph.push({'@id': `_:${p}${i}`, 'link': others});
      }
    } else if (roll === 5) {
      features.add('pair-cycle');
      graph.push({'@id': `_:${p}0`, 'link': `_:${p}1`, 'val': 'v'},
        {'@id': `_:${p}1`, 'link': `_:${p}0`, 'val': 'v'});
    } else if (roll === 6) {
      features.add('blank-graph-names');
      const inner = ring(`${p}g`, r.int(2, 3));
      graph.push({'@id': gen_iri(r), 'inGraph': [{'@graph': inner}, {'@graph': clone(inner)}]});
      // Both graphs hold the same ring: the graph names are symmetric too.
      graph.push({'@id': `_:${p}named`, '@graph': ring(`${p}h`, 2)});
    } else {
      features.add('bipartite');
      const left = [`_:${p}l0`, `_:${p}l1`];
      const right = [`_:${p}r0`, `_:${p}r1`];
      for (const l of left) graph.push({'@id': l, 'link': right});
      for (const rr of right) graph.push({'@id': rr, 'val': 'right'});
    }
  }
  return {'@context': sym_context, '@graph': graph};
}

// ---------------------------------------------------------------------------------------
// credential: VC 2.0 + OB 3.0.x

const ob_contexts = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];

function maybe(r, p, object, key, make) {
  if (r.chance(p)) object[key] = make();
}

function gen_alignment(r) {
  const a = {'type': ['Alignment'], 'targetName': gen_string(r), 'targetUrl':
    `http://data.europa.eu/esco/skill/${r.int(1000, 1010)}`};
  maybe(r, 0.6, a, 'targetFramework', () => r.pick(['ESCO v1.2', 'European Qualifications Framework']));
  maybe(r, 0.5, a, 'targetType', () => r.pick(['ext:ESCOSkill', 'CFItem', 'ext:EQFLevel']));
  maybe(r, 0.5, a, 'targetCode', () => String(r.int(1, 8)));
  maybe(r, 0.3, a, 'targetDescription', () => gen_string(r));
  return a;
}

function gen_profile(r, features) {
  const p = {'id': gen_iri(r), 'type': r.chance(0.5) ? 'Profile' : ['Profile'], 'name': gen_string(r)};
  maybe(r, 0.4, p, 'url', () => 'https://example.org/issuer');
  maybe(r, 0.3, p, 'email', () => 'info@example.org');
  maybe(r, 0.5, p, 'address', () => {
    const a = {'type': ['Address'], 'addressCountry': r.pick(['Belgium', 'België', 'Deutschland']),
      'addressCountryCode': r.pick(['BE', 'DE', 'PT'])};
    maybe(r, 0.5, a, 'postalCode', () => String(r.int(1000, 9999)));
    maybe(r, 0.3, a, 'geo', () => ({'type': 'GeoCoordinates', 'latitude': gen_number(r, features),
      'longitude': gen_number(r, features)}));
    return a;
  });
  return p;
}

function gen_credential(r, features) {
  features.add('credential');
  // OB 3.0 and 3.0.1 redefine terms that VC 2.0 protects: they go with VC 1.1.
  const ob_context = r.pick(ob_contexts);
  const v1 = ob_context === ob_contexts[0] || ob_context === ob_contexts[1];
  if (v1) features.add('vc-v1');
  const context = [v1 ? 'https://www.w3.org/2018/credentials/v1' : 'https://www.w3.org/ns/credentials/v2',
    ob_context];
  if (!v1 && r.chance(0.2)) context.push('https://w3id.org/security/data-integrity/v2');
  let extension = null;
  if (r.chance(0.3)) {
    features.add('inline-extension-context');
    extension = {
      'eu': 'https://example.org/eu-microcredential#',
      'ects': {'@id': 'eu:ects', '@type': 'xsd:decimal'},
      'eqfLevel': {'@id': 'eu:eqfLevel', '@type': '@id'},
      'workload': {'@id': 'eu:workload', '@type': 'xsd:duration'},
      'assessment': {'@id': 'eu:assessment', '@container': '@language'},
      'learningOutcomes': {'@id': 'eu:learningOutcomes', '@container': '@list'},
      'xsd': xsd,
    };
    context.push(extension);
  }
  const achievement = {
    'id': r.chance(0.8) ? gen_iri(r) : undefined,
    'type': ['Achievement'],
    'name': gen_string(r),
    'criteria': r.chance(0.5) ? {'narrative': gen_string(r)} : {'id': gen_iri(r)},
  };
  if (achievement.id === undefined) delete achievement.id;
  maybe(r, 0.6, achievement, 'description', () => gen_string(r));
  maybe(r, 0.6, achievement, 'creditsAvailable', () => gen_number(r, features));
  maybe(r, 0.4, achievement, 'achievementType', () => r.pick(['MicroCredential', 'Course', 'ext:Module']));
  maybe(r, 0.6, achievement, 'alignment', () => {
    // Identical alignments are symmetric blank nodes.
    const a = gen_alignment(r);
    return r.chance(0.3)
      ? [a, clone(a)]
      : Array.from({length: r.int(1, 3)}, () => gen_alignment(r));
  });
  maybe(r, 0.3, achievement, 'tag', () => r.sample(['GDPR', 'ECTS', 'privacy', 'ünï'], r.int(1, 3)));
  maybe(r, 0.3, achievement, 'resultDescription', () => [{
    'id': `urn:uuid:rd-${r.int(0, 3)}`, 'type': ['ResultDescription'], 'name': gen_string(r),
    'resultType': 'LetterGrade', 'allowedValue': r.sample(['A', 'B', 'C', 'D', 'E'], r.int(1, 5)),
  }]);
  if (extension) {
    maybe(r, 0.7, achievement, 'ects', () => gen_number(r, features));
    maybe(r, 0.5, achievement, 'eqfLevel', () => `http://data.europa.eu/snb/eqf/${r.int(1, 8)}`);
    maybe(r, 0.4, achievement, 'workload', () => 'PT125H');
    maybe(r, 0.4, achievement, 'assessment', () => ({'en': gen_string(r), 'nl-BE': gen_string(r)}));
    maybe(r, 0.4, achievement, 'learningOutcomes', () => [gen_string(r), gen_string(r)]);
  }
  const subject = {'type': ['AchievementSubject'], 'achievement': achievement};
  maybe(r, 0.5, subject, 'id', () => `did:example:${r.int(0, 99)}`);
  maybe(r, 0.5, subject, 'identifier', () => {
    const id = {'type': 'IdentityObject', 'identityHash': gen_string(r), 'identityType': 'emailAddress',
      'hashed': r.chance(0.5)};
    return r.chance(0.3) ? [id, clone(id)] : [id];
  });
  maybe(r, 0.4, subject, 'creditsEarned', () => gen_number(r, features));
  maybe(r, 0.4, subject, 'activityEndDate', () => r.pick(['2026-06-19', '2026-06-19Z']));
  maybe(r, 0.3, subject, 'result', () => [{'type': ['Result'], 'value': gen_string(r)}]);
  const credential = {
    '@context': context,
    'type': ['VerifiableCredential', r.pick(['OpenBadgeCredential', 'AchievementCredential'])],
    'issuer': r.chance(0.3) ? gen_iri(r) : gen_profile(r, features),
    [v1 ? 'issuanceDate' : 'validFrom']: r.pick(['2026-07-01T09:00:00Z', '2026-07-01T09:00:00.5+02:00']),
    'name': gen_string(r),
    'credentialSubject': subject,
  };
  maybe(r, 0.7, credential, 'id', () => gen_iri(r));
  maybe(r, 0.3, credential, v1 ? 'expirationDate' : 'validUntil', () => '2036-07-01T09:00:00Z');
  maybe(r, 0.3, credential, 'description', () => r.chance(0.5)
    ? gen_string(r)
    : [{'@value': gen_string(r), '@language': r.pick(languages)},
      {'@value': gen_string(r), '@language': r.pick(languages)}]);
  maybe(r, v1 ? 0 : 0.2, credential, 'credentialStatus', () => ({
    'id': 'https://example.org/status/3#94567', 'type': 'BitstringStatusListEntry',
    'statusPurpose': 'revocation', 'statusListIndex': String(r.int(0, 131071)),
    'statusListCredential': 'https://example.org/status/3'}));
  maybe(r, v1 ? 0 : 0.15, credential, 'proof', () => ({
    'type': 'DataIntegrityProof', 'cryptosuite': 'eddsa-rdfc-2022',
    'created': '2026-07-01T09:00:00Z', 'verificationMethod': 'did:example:issuer#key-1',
    'proofPurpose': 'assertionMethod', 'proofValue': 'z58DAdFfa9SkqZMVPxAQp'}));
  return credential;
}

/// Document number `index` of the stream for `seed`: {doc, features}.
export function generate(seed, index) {
  const r = new Random((seed * 1000003 + index * 7919) >>> 0);
  blank_counter = 0;
  const features = new Set();
  const family = r.next();
  let doc;
  if (family < 0.3) doc = gen_credential(r, features);
  else if (family < 0.75) doc = gen_synthetic(r, features);
  else doc = gen_symmetric(r, features);
  return {doc, features: [...features].sort()};
}

function main() {
  const args = process.argv.slice(2);
  const get = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const seed = Number(get('--seed', '4'));
  const count = Number(get('--count', '10'));
  const out = get('--out', null);
  if (out) mkdirSync(out, {recursive: true});
  for (let i = 0; i < count; ++i) {
    const text = serialize(generate(seed, i).doc) + '\n';
    if (out) writeFileSync(join(out, `doc-${String(i).padStart(5, '0')}.jsonld`), text);
    else process.stdout.write(text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
