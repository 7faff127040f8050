#!/usr/bin/env node
// Verifiable presentation interop of #5, both directions, against @digitalbazaar/vc 7
// (signPresentation / verify with an AuthenticationProofPurpose):
//
//   microcred -> Node: `microcred sign` two credentials (the EU micro-credential sample and a
//                      plain VC 2.0 credential) with an issuer key, `microcred present --key
//                      HOLDER --suite S --challenge C --domain D`; Node `vc.verify`.
//   Node -> microcred: Node issues the same credentials and signs the presentation with
//                      `vc.signPresentation`; `microcred verify --json --challenge C --domain D`.
//
// for S in eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019 (P-256 holder). Node verifies with
// `controller` set to the holder's DID document, so that it too insists the key is the
// holder's and listed under `authentication` (by default it only checks the key's own
// controller). Every signed presentation must verify on both sides, then fail on both sides
// with: another challenge (a replay), another domain, one changed value in an embedded
// credential, the holder swapped after signing. Presentations only Node will make (microcred
// refuses to sign them) must fail in microcred with the check named and in Node: a holder who
// is not the signer, a proof made for assertionMethod. microcred must also refuse to sign for
// another holder (exit 2).
//
// vp+jwt (VC-JOSE-COSE §3.1.2): `microcred present --format jwt` is checked in Node with the
// key library's verifier (header typ/cty/kid, nonce, aud, signature), and a vp+jwt made in
// Node (EdDSA and ES256) verifies in microcred and fails with another nonce or aud.
//
//   node tests/interop/vp-interop.mjs --microcred build/microcred [--keep] [--verbose]
//
// Ends with `interop-vp: N passed, M failed`; exit 1 on any failure.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import jsigs from 'jsonld-signatures';

import {repo_root} from '../../bench/node/loader.mjs';
import {
  generate_did_key, node_error, node_issue, resolve_did_key, stack_versions, suites, vc,
  vc_document_loader, verify_suites,
} from '../../bench/node/vc-stack.mjs';

const {AssertionProofPurpose, AuthenticationProofPurpose} = jsigs.purposes;

function parse_args(argv) {
  const options = {microcred: null, keep: false, verbose: false};
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--microcred') options.microcred = argv[++i];
    else if (argv[i] === '--keep') options.keep = true;
    else if (argv[i] === '--verbose') options.verbose = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!options.microcred) throw new Error('--microcred BINARY is required');
  return options;
}

const options = parse_args(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'microcred-vp-interop-'));
let file_counter = 0;
const challenge = 'e1b0c5a2-7d3f-4c19-9a8e-2f6b4d1c0e95';
const domain = 'https://verifier.example';

function microcred(args, input) {
  const result = spawnSync(options.microcred, args,
    {input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000});
  if (result.error) return {status: -1, stdout: '', stderr: result.error.message};
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

function write_temp(name, value) {
  const path = join(work, `${++file_counter}-${name}`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

function json_clone(value) { return JSON.parse(JSON.stringify(value)); }

let passed = 0;
let failed = 0;
function record(name, ok, detail) {
  if (ok) {
    ++passed;
    if (options.verbose) console.log(`ok   ${name}: ${detail}`);
  } else {
    ++failed;
    console.log(`FAIL ${name}: ${detail}`);
  }
}

// The credentials, unsigned, for an issuer and a subject DID.
const ob3_sample = JSON.parse(
  readFileSync(join(repo_root, 'bench', 'data', 'ob3-microcredential-eu.json'), 'utf8'));
function credentials_for(issuer, subject) {
  const ob3 = structuredClone(ob3_sample);
  ob3.issuer.id = issuer;
  const plain = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:4c2a9e57-1b3d-4f6a-8e0c-7d5b3a1f9e24',
    type: ['VerifiableCredential'],
    issuer,
    name: 'Example credential',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {id: subject, name: 'Ana Example'},
  };
  return [ob3, plain];
}

// Node's verdict on a presentation, with the holder bound as microcred binds it.
async function node_verdict(presentation, {loader, holder, expect_challenge = challenge,
  expect_domain = domain}) {
  try {
    const {document} = await resolve_did_key(holder);
    const presentationPurpose = new AuthenticationProofPurpose(
      {controller: document, challenge: expect_challenge, domain: expect_domain});
    const result = await vc.verify({presentation, presentationPurpose, suite: verify_suites(),
      documentLoader: loader});
    const why = result.verified ? '' : node_error({
      error: result.error ?? result.presentationResult?.error,
      results: [...(result.presentationResult?.results ?? []),
        ...(result.credentialResults ?? [])],
    });
    return {verified: result.verified === true, why};
  } catch (error) {
    return {verified: false, why: `threw: ${error.message}`};
  }
}

function microcred_verdict(input, name, {expect_challenge = challenge, expect_domain = domain} = {}) {
  const path = write_temp(name, input);
  const args = ['verify', '--json'];
  if (expect_challenge !== null) args.push('--challenge', expect_challenge);
  if (expect_domain !== null) args.push('--domain', expect_domain);
  const run = microcred([...args, path]);
  let report = null;
  try { report = JSON.parse(run.stdout); } catch { /* reported below */ }
  const failed_checks = (report?.checks ?? []).filter(c => c.outcome === 'failed');
  return {
    status: run.status, report, failed_checks, path,
    summary: `exit ${run.status}` +
      (failed_checks.length ? `, failed: ${failed_checks.map(c => `${c.check} (${c.detail})`).join('; ')}`
        : '') + (run.stderr.trim() ? `, stderr: ${run.stderr.trim()}` : ''),
  };
}

function expect_rejected(label, m, checks) {
  record(`${label}: microcred rejects`,
    m.status === 1 && m.report?.verified === false &&
      checks.every(check => m.failed_checks.some(c => c.check === check)),
    m.status === 1 && m.report?.verified === false ? m.summary
      : `expected exit 1 with failed ${checks.join(' and ')}; got ${m.summary} (${m.path})`);
}

// Mutations of a signed presentation; each must fail on both sides. `checks` must all fail in
// microcred; `verify` overrides what the verifiers expect.
const mutations = [
  {name: 'another challenge (replay)', checks: ['challenge'],
    verify: {expect_challenge: 'a-fresh-challenge-the-holder-never-saw'}},
  {name: 'another domain', checks: ['domain'], verify: {expect_domain: 'https://other.example'}},
  {name: 'embedded credential changed', checks: ['proof', 'credentials'], apply: p => {
    const subject = p.verifiableCredential[1].credentialSubject;
    subject.name = subject.name + 'x';
  }},
  {name: 'holder swapped after signing', checks: ['proof'], apply: (p, {other}) => {
    p.holder = other.controller;
  }, holder: ({other}) => other.controller},
];

async function check_presentation(label, signed, context) {
  const {loader, holder} = context;
  const n = await node_verdict(json_clone(signed), {loader, holder});
  record(`${label}: node verifies`, n.verified, n.verified ? 'verified' : n.why);
  const m = microcred_verdict(signed, 'vp.json');
  record(`${label}: microcred verifies`,
    m.status === 0 && m.report?.verified === true && m.report?.credentials?.length === 2 &&
      m.report.credentials.every(c => c.verified),
    `${m.summary} (${m.path})`);
  for (const mutation of mutations) {
    const mutated = json_clone(signed);
    mutation.apply?.(mutated, context);
    const expect = {holder: mutation.holder?.(context) ?? holder, ...mutation.verify};
    const nv = await node_verdict(mutated, {loader, ...expect});
    record(`${label}: ${mutation.name}: node rejects`, !nv.verified,
      nv.verified ? 'node verified it' : nv.why);
    expect_rejected(`${label}: ${mutation.name}`,
      microcred_verdict(mutated, 'mutated.json', mutation.verify ?? {}), mutation.checks);
  }
}

async function node_sign_presentation(credentials, {suite, key, holder, loader, purpose}) {
  const presentation = vc.createPresentation({verifiableCredential: credentials, holder});
  const proof = new DataIntegrityProof({signer: key.signer(), cryptosuite: suites[suite].sign()});
  return vc.signPresentation({presentation, suite: proof, challenge, domain, purpose,
    documentLoader: loader});
}

// A JWS compact serialization signed by a key library key pair (raw EdDSA or r||s ECDSA).
async function node_sign_jws(header, payload, key) {
  const b64 = value => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = await key.signer().sign({data: new TextEncoder().encode(input)});
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

// Node's own check of a vp+jwt made by microcred.
async function node_check_vp_jwt(jwt, holder) {
  const [h, p, s] = jwt.trim().split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  const problems = [];
  if (header.typ !== 'vp+jwt') problems.push(`typ ${header.typ}`);
  if (header.cty !== 'vp') problems.push(`cty ${header.cty}`);
  if (!header.kid?.startsWith(`${holder}#`)) problems.push(`kid ${header.kid} is not the holder's`);
  if (payload.nonce !== challenge) problems.push(`nonce ${payload.nonce}`);
  if (payload.aud !== domain) problems.push(`aud ${JSON.stringify(payload.aud)}`);
  if (payload.holder !== holder) problems.push(`holder ${payload.holder}`);
  if (!payload.type?.includes('VerifiablePresentation')) problems.push('type');
  if ('vp' in payload || 'vc' in payload) problems.push('a vp/vc claim');
  const {method} = await resolve_did_key(holder);
  const library = method.publicKeyMultibase.startsWith('z6Mk') ? Ed25519Multikey : EcdsaMultikey;
  const key = await library.from(method);
  const ok = await key.verifier().verify({data: new TextEncoder().encode(`${h}.${p}`),
    signature: new Uint8Array(Buffer.from(s, 'base64url'))});
  if (!ok) problems.push('signature does not verify');
  return problems;
}

async function main() {
  const loader = await vc_document_loader();
  console.log(`interop-vp: microcred ${options.microcred}; ${stack_versions()}`);
  const other = await generate_did_key('ed25519');

  // microcred's issuer, and its two signed credentials per holder.
  const issuer_file = join(work, 'issuer-key.json');
  const keygen = microcred(['keygen', '--out', issuer_file]);
  if (keygen.status !== 0) throw new Error(`microcred keygen: ${keygen.stderr}`);
  const microcred_issuer = JSON.parse(readFileSync(issuer_file, 'utf8')).controller;
  const node_issuer = await generate_did_key('ed25519');

  for (const [suite, {key_type}] of Object.entries(suites)) {
    // microcred -> Node
    let label = `microcred->node ${suite}`;
    const holder_file = join(work, `holder-${key_type}.json`);
    if (microcred(['keygen', '--type', key_type, '--out', holder_file]).status !== 0) {
      record(`${label}: keygen`, false, 'microcred keygen failed');
      continue;
    }
    const holder = JSON.parse(readFileSync(holder_file, 'utf8')).controller;
    const files = credentials_for(microcred_issuer, holder).map((credential, i) => {
      const sign = microcred(['sign', '--key', issuer_file, write_temp(`c${i}.json`, credential)]);
      if (sign.status !== 0) throw new Error(`microcred sign: ${sign.stderr}`);
      return write_temp(`signed-${i}.json`, sign.stdout);
    });
    const present = microcred(['present', '--key', holder_file, '--suite', suite,
      '--challenge', challenge, '--domain', domain, ...files]);
    if (present.status !== 0) {
      record(`${label}: microcred present`, false, `exit ${present.status}: ${present.stderr}`);
    } else {
      await check_presentation(label, JSON.parse(present.stdout), {loader, holder, other});
    }
    const refused = microcred(['present', '--key', holder_file, '--holder', other.controller,
      '--challenge', challenge, ...files]);
    record(`${label}: microcred refuses to sign for another holder`, refused.status === 2,
      `exit ${refused.status}: ${refused.stderr.trim()}`);

    // Node -> microcred
    label = `node->microcred ${suite}`;
    const node_holder = await generate_did_key(key_type);
    let node_credentials;
    try {
      node_credentials = [];
      for (const credential of credentials_for(node_issuer.controller, node_holder.controller)) {
        node_credentials.push(await node_issue(credential,
          {suite: 'eddsa-rdfc-2022', key: node_issuer, loader}));
      }
      const signed = await node_sign_presentation(node_credentials,
        {suite, key: node_holder, holder: node_holder.controller, loader});
      await check_presentation(label, signed, {loader, holder: node_holder.controller, other});
    } catch (error) {
      record(`${label}: node signPresentation`, false, error.stack);
      continue;
    }
    // Signed by the holder's key but naming someone else as holder: Node signs it.
    const mismatch = await node_sign_presentation(node_credentials,
      {suite, key: node_holder, holder: other.controller, loader});
    const nm = await node_verdict(json_clone(mismatch), {loader, holder: other.controller});
    record(`${label}: holder is not the signer: node rejects`, !nm.verified,
      nm.verified ? 'node verified it' : nm.why);
    expect_rejected(`${label}: holder is not the signer`,
      microcred_verdict(mismatch, 'mismatch.json'), ['holder-binding']);
    // A proof for assertionMethod where authentication is required.
    const asserted = await node_sign_presentation(node_credentials,
      {suite, key: node_holder, holder: node_holder.controller, loader,
        purpose: new AssertionProofPurpose()});
    const na = await node_verdict(json_clone(asserted), {loader, holder: node_holder.controller});
    record(`${label}: assertionMethod proof: node rejects`, !na.verified,
      na.verified ? 'node verified it' : na.why);
    expect_rejected(`${label}: assertionMethod proof`,
      microcred_verdict(asserted, 'asserted.json'), ['proof']);
  }

  // vp+jwt, both directions.
  for (const key_type of ['ed25519', 'p256']) {
    let label = `microcred->node vp+jwt ${key_type}`;
    const holder_file = join(work, `holder-${key_type}.json`);
    const holder = JSON.parse(readFileSync(holder_file, 'utf8')).controller;
    const files = credentials_for(microcred_issuer, holder).map((credential, i) => {
      const sign = microcred(['sign', '--key', issuer_file, '--format', i ? 'di' : 'jwt',
        write_temp(`c${i}.json`, credential)]);
      return write_temp(`signed-${i}.${i ? 'json' : 'jwt'}`, sign.stdout);
    });
    const present = microcred(['present', '--key', holder_file, '--format', 'jwt',
      '--challenge', challenge, '--domain', domain, ...files]);
    if (present.status !== 0) {
      record(`${label}: microcred present`, false, present.stderr);
    } else {
      const problems = await node_check_vp_jwt(present.stdout, holder);
      record(`${label}: node checks header, nonce, aud and signature`, problems.length === 0,
        problems.join('; ') || 'ok');
      const m = microcred_verdict(present.stdout, 'vp.jwt');
      record(`${label}: microcred verifies`, m.status === 0 && m.report?.verified === true &&
        m.report?.credentials?.[0]?.format === 'vc+jwt', `${m.summary} (${m.path})`);
    }

    label = `node->microcred vp+jwt ${key_type}`;
    const node_holder = await generate_did_key(key_type);
    const node_credentials = [];
    for (const credential of credentials_for(node_issuer.controller, node_holder.controller)) {
      node_credentials.push(await node_issue(credential,
        {suite: 'eddsa-rdfc-2022', key: node_issuer, loader}));
    }
    const presentation = vc.createPresentation(
      {verifiableCredential: node_credentials, holder: node_holder.controller});
    const jwt = await node_sign_jws(
      {alg: key_type === 'ed25519' ? 'EdDSA' : 'ES256', kid: node_holder.id, typ: 'vp+jwt', cty: 'vp'},
      {...presentation, nonce: challenge, aud: domain, iat: Math.floor(Date.now() / 1000)},
      node_holder);
    const m = microcred_verdict(jwt, 'node-vp.jwt');
    record(`${label}: microcred verifies`, m.status === 0 && m.report?.verified === true,
      `${m.summary} (${m.path})`);
    expect_rejected(`${label}: another nonce`,
      microcred_verdict(jwt, 'node-vp.jwt', {expect_challenge: 'replayed'}), ['challenge']);
    expect_rejected(`${label}: another aud`,
      microcred_verdict(jwt, 'node-vp.jwt', {expect_domain: 'https://other.example'}), ['domain']);
    const forged = await node_sign_jws(
      {alg: key_type === 'ed25519' ? 'EdDSA' : 'ES256', kid: node_holder.id, typ: 'vp+jwt'},
      {...presentation, holder: other.controller, nonce: challenge, aud: domain}, node_holder);
    const fm = microcred_verdict(forged, 'forged-vp.jwt');
    record(`${label}: kid not the holder's: microcred rejects`,
      fm.status === 1 && fm.failed_checks.some(c => c.check === 'proof'), fm.summary);
  }

  if (!options.keep) rmSync(work, {recursive: true, force: true});
  else console.log(`files kept in ${work}`);
  console.log(`interop-vp: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
  console.error(error);
  console.log(`interop-vp: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
