#!/usr/bin/env node
// VC interop of #5, both directions, against @digitalbazaar/vc 7 (bench/node/vc-stack.mjs):
//
//   microcred -> Node: `microcred keygen` + `microcred sign --suite S` a credential whose
//                      issuer is the key's did:key; @digitalbazaar/vc verifyCredential.
//   Node -> microcred: @digitalbazaar/vc issue with a DataIntegrityProof of suite S and a
//                      did:key generated in Node; `microcred verify --json`.
//
// for S in eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019 (P-256) and two credentials: the
// EU micro-credential sample (bench/data/ob3-microcredential-eu.json) and a plain VC 2.0
// credential. With Ed25519 (deterministic) both sides must also produce the same proofValue
// for the same credential, key (microcred's key file imported into Node) and `created`.
// Every signed credential must verify on both sides; then each mutation (a
// one-byte change to a signed value, a removed property, the first two contexts swapped, an
// extra context in front, the verificationMethod swapped to another did:key, `created` one
// second earlier) must fail on both sides: Node `verified: false`, microcred exit 1 with the
// failed check named. A published context appended after signing must get the same answer
// from both (it changes neither the RDF nor the JCS input under proof.@context). An inline
// context injecting @vocab after signing must fail in microcred (the reference accepts it
// when the RDF does not change; reported, not counted).
//
//   node tests/interop/vc-interop.mjs --microcred build/microcred [--only SUBSTRING] [--keep]
//        [--verbose]   (--verbose prints every check with what each side said)
//
// Ends with `interop-vc: N passed, M failed`; exit 1 on any failure.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

import {repo_root} from '../../bench/node/loader.mjs';
import {
  generate_did_key, node_error, node_issue, node_verify, stack_versions, suites,
  vc_document_loader,
} from '../../bench/node/vc-stack.mjs';

function parse_args(argv) {
  const options = {microcred: null, only: null, keep: false, verbose: false};
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--microcred') options.microcred = argv[++i];
    else if (argv[i] === '--only') options.only = argv[++i];
    else if (argv[i] === '--keep') options.keep = true;
    else if (argv[i] === '--verbose') options.verbose = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!options.microcred) throw new Error('--microcred BINARY is required');
  return options;
}

const options = parse_args(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'microcred-vc-interop-'));
let file_counter = 0;

function microcred(args, input) {
  const result = spawnSync(options.microcred, args,
    {input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30_000});
  if (result.error) return {status: -1, stdout: '', stderr: result.error.message};
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

function write_temp(name, value) {
  const path = join(work, `${++file_counter}-${name}`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

// The credentials, unsigned, for an issuer DID.
const ob3_sample = JSON.parse(
  readFileSync(join(repo_root, 'bench', 'data', 'ob3-microcredential-eu.json'), 'utf8'));
const credentials = {
  'ob3-eu': {
    make: did => {
      const credential = structuredClone(ob3_sample);
      credential.issuer.id = did;
      return credential;
    },
    value_path: ['credentialSubject', 'achievement', 'name'],
  },
  'vc2-plain': {
    make: did => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:0b6f3c0e-5a77-4bde-9c43-5d2cb1a2f0a1',
      type: ['VerifiableCredential'],
      issuer: did,
      name: 'Example credential',
      description: 'A plain VC 2.0 credential for the interop test.',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {id: 'did:example:learner-1', name: 'Ana Example'},
    }),
    value_path: ['credentialSubject', 'name'],
  },
};

// Mutations of a signed credential; each must make both verifiers fail. `checks` are the
// microcred checks of which at least one must fail.
function other_key_of(suite) { return suites[suite].key_type === 'ed25519' ? 'ed25519' : 'p256'; }
const mutations = [
  {name: 'one-byte value change', checks: ['proof'], apply: (c, {value_path}) => {
    const parent = value_path.slice(0, -1).reduce((o, k) => o[k], c);
    const key = value_path.at(-1);
    const s = parent[key];
    parent[key] = s.slice(0, -1) + (s.at(-1) === 'x' ? 'y' : 'x');
  }},
  {name: 'removed property', checks: ['proof'], apply: c => { delete c.description; }},
  {name: 'contexts swapped', checks: ['contexts', 'vc-shape', 'proof'], apply: c => {
    [c['@context'][0], c['@context'][1]] = [c['@context'][1], c['@context'][0]];
  }},
  {name: 'extra context first', checks: ['contexts', 'vc-shape', 'proof'], apply: c => {
    c['@context'].unshift('https://www.w3.org/ns/credentials/examples/v2');
  }},
  {name: 'wrong key', checks: ['proof', 'issuer-binding'], apply: (c, {other_keys, suite}) => {
    c.proof.verificationMethod = other_keys[other_key_of(suite)].id;
  }},
  {name: 'created changed', checks: ['proof'], apply: c => {
    const created = new Date(c.proof.created);
    created.setUTCSeconds(created.getUTCSeconds() - 1);
    c.proof.created = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }},
];

let passed = 0;
let failed = 0;
const failures = [];
function record(name, ok, detail) {
  if (ok) {
    ++passed;
    if (options.verbose) console.log(`ok   ${name}: ${detail}`);
  } else {
    ++failed;
    failures.push(`${name}: ${detail}`);
    console.log(`FAIL ${name}: ${detail}`);
  }
}

async function node_verdict(credential, loader) {
  try {
    const result = await node_verify(credential, {loader});
    return {verified: result.verified === true, why: result.verified ? '' : node_error(result)};
  } catch (error) {
    return {verified: false, why: `threw: ${error.message}`};
  }
}

function microcred_verdict(credential, name) {
  const path = write_temp(`${name}.json`, credential);
  const run = microcred(['verify', '--json', path]);
  let report = null;
  try { report = JSON.parse(run.stdout); } catch { /* reported below */ }
  const checks = report?.checks ?? [];
  const failed_checks = checks.filter(c => c.outcome === 'failed');
  return {
    status: run.status, report, failed_checks, path,
    summary: `exit ${run.status}` +
      (failed_checks.length ? `, failed: ${failed_checks.map(c => `${c.check} (${c.detail})`).join('; ')}`
        : '') + (run.stderr.trim() ? `, stderr: ${run.stderr.trim()}` : ''),
    ok_check: check => checks.some(c => c.check === check && c.outcome === 'ok'),
  };
}

// A deep copy as the wire gives it: structuredClone would keep shared references (Node's
// JCS signer makes proof.@context the same array as the document's @context).
function json_clone(value) { return JSON.parse(JSON.stringify(value)); }

async function check_signed(label, signed_object, context) {
  const {loader, value_path, suite, other_keys} = context;
  const signed = json_clone(signed_object);
  // The signed credential verifies on both sides.
  const node = await node_verdict(signed, loader);
  record(`${label}: node verifies`, node.verified, node.verified ? 'verified' : node.why);
  const micro = microcred_verdict(signed, 'signed');
  record(`${label}: microcred verifies`,
    micro.status === 0 && micro.report?.verified === true && micro.ok_check('proof') &&
      micro.ok_check('issuer-binding'),
    `${micro.summary} (${micro.path})`);
  // Each mutation fails on both sides.
  for (const mutation of mutations) {
    const mutated = json_clone(signed);
    mutation.apply(mutated, {value_path, suite, other_keys});
    const n = await node_verdict(mutated, loader);
    record(`${label}: ${mutation.name}: node rejects`, !n.verified,
      n.verified ? 'node verified it' : n.why);
    const m = microcred_verdict(mutated, 'mutated');
    record(`${label}: ${mutation.name}: microcred rejects`,
      m.status === 1 && m.report?.verified === false &&
        m.failed_checks.some(c => mutation.checks.includes(c.check)),
      m.status === 1 ? m.summary
        : `expected exit 1 with a failed ${mutation.checks.join('/')} check; got ${m.summary} (${m.path})`);
  }
  // A published context appended after signing: for the RDFC suites the RDF does not change,
  // and the JCS suites hash the document under proof.@context (which the document's
  // @context must start with), so the proof still holds. The two sides must agree.
  const appended = json_clone(signed);
  appended['@context'].push('https://www.w3.org/ns/credentials/examples/v2');
  const an = await node_verdict(appended, loader);
  const am = microcred_verdict(appended, 'appended');
  const am_verified = am.status === 0 && am.report?.verified === true;
  record(`${label}: published context appended: both sides agree`, an.verified === am_verified,
    `node ${an.verified ? 'verified' : `rejected (${an.why})`}, microcred ${am.summary} (${am.path})`);
  // After-signing @vocab injection: microcred refuses; the reference's answer is noted.
  const injected = json_clone(signed);
  injected['@context'].push({'@vocab': 'https://attacker.example/vocab#'});
  const m = microcred_verdict(injected, 'vocab');
  record(`${label}: inline @vocab context: microcred rejects`, m.status === 1,
    m.status === 1 ? m.summary : `expected exit 1; got ${m.summary} (${m.path})`);
  const n = await node_verdict(injected, loader);
  return n.verified;
}

async function main() {
  const loader = await vc_document_loader();
  console.log(`interop-vc: microcred ${options.microcred}; ${stack_versions()}`);
  // Two more did:keys whose ids serve as the "wrong key".
  const other_keys = {ed25519: await generate_did_key('ed25519'),
    p256: await generate_did_key('p256')};
  const vocab_accepted_by_node = [];

  for (const [suite, {key_type}] of Object.entries(suites)) {
    // microcred key for microcred -> Node.
    const key_file = join(work, `microcred-${key_type}-key.json`);
    const keygen = microcred(['keygen', '--type', key_type, '--out', key_file]);
    if (keygen.status !== 0) {
      record(`${suite}: microcred keygen`, false, keygen.stderr.trim());
      continue;
    }
    const microcred_did = keygen.stdout.trim().split('\n').at(-1).trim();
    const node_key = await generate_did_key(key_type);

    for (const [credential_name, {make, value_path}] of Object.entries(credentials)) {
      const context = {loader, value_path, suite, other_keys};
      // microcred -> Node
      let label = `microcred->node ${suite} ${credential_name}`;
      if (!options.only || label.includes(options.only)) {
        const input = write_temp('unsigned.json', make(microcred_did));
        const sign = microcred(['sign', '--key', key_file, '--suite', suite, input]);
        if (sign.status !== 0) {
          record(`${label}: microcred sign`, false, `exit ${sign.status}: ${sign.stderr.trim()}`);
        } else if (await check_signed(label, JSON.parse(sign.stdout), context)) {
          vocab_accepted_by_node.push(label);
        }
      }
      // Same key, same credential, same `created`: Ed25519 gives the same proofValue.
      label = `same proofValue ${suite} ${credential_name}`;
      if (key_type === 'ed25519' && (!options.only || label.includes(options.only))) {
        const created = '2026-11-25T12:00:00Z';
        const input = write_temp('unsigned.json', make(microcred_did));
        const sign = microcred(['sign', '--key', key_file, '--suite', suite, '--created', created,
          input]);
        try {
          const key = await Ed25519Multikey.from(JSON.parse(readFileSync(key_file, 'utf8')));
          const node_signed = await node_issue(make(microcred_did),
            {suite, key, loader, created: new Date(created)});
          const ours = sign.status === 0 ? JSON.parse(sign.stdout).proof.proofValue : null;
          record(label, ours === node_signed.proof.proofValue,
            `microcred ${ours ?? `exit ${sign.status}: ${sign.stderr.trim()}`}, ` +
            `node ${node_signed.proof.proofValue}`);
        } catch (error) {
          record(label, false, `node: ${error.message}`);
        }
      }
      // Node -> microcred
      label = `node->microcred ${suite} ${credential_name}`;
      if (!options.only || label.includes(options.only)) {
        let signed;
        try {
          signed = await node_issue(make(node_key.controller), {suite, key: node_key, loader});
        } catch (error) {
          record(`${label}: node issue`, false, error.message);
          continue;
        }
        if (await check_signed(label, signed, context)) vocab_accepted_by_node.push(label);
      }
    }
  }
  if (vocab_accepted_by_node.length) {
    console.log(`note: @digitalbazaar/vc accepts an inline {"@vocab"} context added after ` +
      `signing (${vocab_accepted_by_node.length} of the credentials); microcred refuses it.`);
  }
  if (!options.keep) rmSync(work, {recursive: true, force: true});
  else console.log(`files kept in ${work}`);
  if (failures.length && options.keep === false) {
    console.log('(run with --keep to keep the credentials the failures name)');
  }
  console.log(`interop-vc: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
  console.error(error);
  console.log(`interop-vc: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
