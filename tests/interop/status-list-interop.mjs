#!/usr/bin/env node
// Bitstring Status List v1.0 interop of #5, both directions. The pinned node_modules hold no
// status list library (only its context), so the Node side decodes and encodes encodedList
// itself, as the spec says: GZIP (node:zlib), then multibase base64url without padding ('u'),
// entry 0 the most significant bit of the first byte.
//
//   microcred -> Node: `microcred status-list make --set ...` + `microcred sign`; Node decodes
//                      the encodedList and finds exactly the bits set, of a 131,072-entry list,
//                      and @digitalbazaar/vc verifies the list credential's proof.
//   Node -> microcred: Node encodes a list with chosen bits, wraps it in a
//                      BitstringStatusListCredential signed with @digitalbazaar/vc;
//                      `microcred status-list get` reads the same bits, and `microcred verify
//                      --status-list` fails a credential (issued in Node) whose entry points at
//                      a set bit (check "status") and passes one at a clear bit.
//
// for statusPurpose revocation and suspension.
//
//   node tests/interop/status-list-interop.mjs --microcred build/microcred [--keep] [--verbose]
//
// Ends with `interop-status-list: N passed, M failed`; exit 1 on any failure.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';

import {
  generate_did_key, node_error, node_issue, node_verify, stack_versions, vc_document_loader,
} from '../../bench/node/vc-stack.mjs';

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
const work = mkdtempSync(join(tmpdir(), 'microcred-status-interop-'));
let file_counter = 0;
const entries = 131_072;

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

// Bitstring Status List v1.0 §3.1, decoding: strip the multibase 'u', base64url, GUNZIP.
function decode_list(encoded) {
  if (!encoded.startsWith('u')) throw new Error(`encodedList does not start with 'u'`);
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}
function encode_list(bits) {
  return 'u' + gzipSync(bits).toString('base64url');
}
const bit_at = (bytes, index) => (bytes[index >> 3] >> (7 - (index & 7))) & 1;
function set_bits(bytes) {
  const set = [];
  for (let i = 0; i < bytes.length * 8; ++i) if (bit_at(bytes, i)) set.push(i);
  return set;
}

async function main() {
  const loader = await vc_document_loader();
  console.log(`interop-status-list: microcred ${options.microcred}; ${stack_versions()}`);
  const key_file = join(work, 'issuer-key.json');
  if (microcred(['keygen', '--out', key_file]).status !== 0) throw new Error('microcred keygen');
  const microcred_issuer = JSON.parse(readFileSync(key_file, 'utf8')).controller;
  const node_issuer = await generate_did_key('ed25519');

  for (const purpose of ['revocation', 'suspension']) {
    // microcred -> Node
    let label = `microcred->node ${purpose}`;
    const chosen = [0, 7, 8, 42, 65_535, 131_071];
    const url = `https://uni.example/status/${purpose}`;
    const make = microcred(['status-list', 'make', '--id', url, '--issuer', microcred_issuer,
      '--purpose', purpose, '--valid-from', '2026-01-01T00:00:00Z',
      ...chosen.flatMap(i => ['--set', String(i)])]);
    const sign = make.status === 0 ?
      microcred(['sign', '--key', key_file, write_temp('list.json', make.stdout)]) : make;
    if (sign.status !== 0) {
      record(`${label}: make and sign`, false, `exit ${sign.status}: ${sign.stderr}`);
    } else {
      const list = JSON.parse(sign.stdout);
      try {
        const bytes = decode_list(list.credentialSubject.encodedList);
        const found = set_bits(bytes);
        record(`${label}: node decodes ${entries} entries`, bytes.length * 8 === entries,
          `${bytes.length * 8} entries`);
        record(`${label}: node finds exactly the bits set`,
          JSON.stringify(found) === JSON.stringify(chosen), `set: ${found.join(', ')}`);
        record(`${label}: statusPurpose`, list.credentialSubject.statusPurpose === purpose &&
          list.credentialSubject.type === 'BitstringStatusList' &&
          list.type.includes('BitstringStatusListCredential'),
        JSON.stringify({type: list.type, subject: list.credentialSubject.type}));
      } catch (error) {
        record(`${label}: node decodes`, false, error.message);
      }
      const verdict = await node_verify(list, {loader});
      record(`${label}: node verifies the list credential's proof`, verdict.verified === true,
        verdict.verified ? 'verified' : node_error(verdict));
    }

    // Node -> microcred
    label = `node->microcred ${purpose}`;
    const bits = Buffer.alloc(entries / 8);
    const node_set = [3, 9, 100, 77_777, 131_070];
    for (const i of node_set) bits[i >> 3] |= 0x80 >> (i & 7);
    const node_url = `https://node.example/status/${purpose}`;
    const list_credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: node_url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: node_issuer.controller,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {id: `${node_url}#list`, type: 'BitstringStatusList',
        statusPurpose: purpose, encodedList: encode_list(bits)},
    };
    let signed_list;
    try {
      signed_list = await node_issue(list_credential,
        {suite: 'eddsa-rdfc-2022', key: node_issuer, loader});
    } catch (error) {
      record(`${label}: node signs the list`, false, error.message);
      continue;
    }
    const list_path = write_temp('node-list.json', signed_list);
    const probe = [2, 3, 9, 10, 100, 77_777, 131_070, 131_071];
    const get = microcred(['status-list', 'get', '--json', list_path, ...probe.map(String)]);
    let read = null;
    try { read = JSON.parse(get.stdout); } catch { /* reported below */ }
    const expected = Object.fromEntries(probe.map(i => [String(i), node_set.includes(i)]));
    record(`${label}: microcred reads the same bits`,
      get.status === 0 && read?.entries === entries && read?.set === node_set.length &&
        JSON.stringify(read?.bits) === JSON.stringify(expected),
      `exit ${get.status}: ${get.stdout.trim()} ${get.stderr.trim()}`);
    // Through the verifier: entries at a set and at a clear bit, credentials issued in Node.
    for (const [index, set] of [[77_777, true], [77_776, false]]) {
      const credential = await node_issue({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `urn:uuid:9b1c2d3e-4f50-4a6b-8c7d-${String(index).padStart(12, '0')}`,
        type: ['VerifiableCredential'],
        issuer: node_issuer.controller,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: {id: 'did:example:learner', name: 'Ana Example'},
        credentialStatus: {id: `${node_url}#${index}`, type: 'BitstringStatusListEntry',
          statusPurpose: purpose, statusListIndex: String(index), statusListCredential: node_url},
      }, {suite: 'eddsa-rdfc-2022', key: node_issuer, loader});
      const path = write_temp('credential.json', credential);
      const run = microcred(['verify', '--json', '--status-list', list_path, path]);
      let report = null;
      try { report = JSON.parse(run.stdout); } catch { /* reported below */ }
      const status = report?.checks?.find(c => c.check === 'status');
      record(`${label}: verify with the entry at ${index} (${set ? 'set' : 'clear'})`,
        set ? run.status === 1 && status?.outcome === 'failed' && status.detail.includes(
          purpose === 'revocation' ? 'revoked' : 'suspended')
          : run.status === 0 && status?.outcome === 'ok',
        `exit ${run.status}, status: ${JSON.stringify(status)} ${run.stderr.trim()} (${path})`);
    }
  }

  if (!options.keep) rmSync(work, {recursive: true, force: true});
  else console.log(`files kept in ${work}`);
  console.log(`interop-status-list: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
  console.error(error);
  console.log(`interop-status-list: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
