// The @digitalbazaar/vc reference stack, offline: cryptosuites, keys and a document loader
// that serves the embedded contexts (loader.mjs) and resolves did:key DIDs locally.
//
// Used by the VC interop test (tests/interop/vc-interop.mjs) and the issue/verify benchmark
// (bench/node/vc-bench.mjs). Nothing here reaches the network: an unknown URL throws.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {cryptosuite as ecdsa_rdfc_2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  createSignCryptosuite as eddsa_jcs_2022_sign,
  createVerifyCryptosuite as eddsa_jcs_2022_verify,
} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsa_rdfc_2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';

import {load_contexts, make_document_loader, repo_root} from './loader.mjs';

export {vc};

/// Versions of the reference packages, for reports.
export function stack_versions() {
  const version = name =>
    JSON.parse(readFileSync(join(repo_root, 'node_modules', name, 'package.json'), 'utf8')).version;
  return ['@digitalbazaar/vc', '@digitalbazaar/data-integrity',
    '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/eddsa-jcs-2022-cryptosuite',
    '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite', 'jsonld', 'rdf-canonize']
    .map(name => `${name.replace('@digitalbazaar/', '')} ${version(name)}`).join(', ');
}

/// The suites both sides support, with the key type each signs with.
export const suites = {
  'eddsa-rdfc-2022': {key_type: 'ed25519', sign: () => eddsa_rdfc_2022},
  'eddsa-jcs-2022': {key_type: 'ed25519', sign: () => eddsa_jcs_2022_sign()},
  'ecdsa-rdfc-2019': {key_type: 'p256', sign: () => ecdsa_rdfc_2019},
};

/// One DataIntegrityProof per suite, for verifying whatever suite a proof names.
export function verify_suites() {
  return [eddsa_rdfc_2022, eddsa_jcs_2022_verify(), ecdsa_rdfc_2019]
    .map(cryptosuite => new DataIntegrityProof({cryptosuite}));
}

const multikey_context = 'https://w3id.org/security/multikey/v1';
const did_context = 'https://www.w3.org/ns/did/v1';

// The key library for a did:key fingerprint (multibase base58btc of a multicodec key).
function multikey_library(fingerprint) {
  if (fingerprint.startsWith('z6Mk')) return Ed25519Multikey;  // ed25519-pub 0xed01
  if (fingerprint.startsWith('zDn')) return EcdsaMultikey;     // p256-pub 0x8024
  if (fingerprint.startsWith('z82')) return EcdsaMultikey;     // p384-pub 0x8124
  throw new Error(`did:key:${fingerprint}: not an Ed25519, P-256 or P-384 key`);
}

/// The DID document of a did:key DID (did:key v0.7, Multikey form), checked by the key
/// library: {document, method} where `method` is the verification method.
export async function resolve_did_key(did) {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!match) throw new Error(`"${did}" is not a did:key DID`);
  const fingerprint = match[1];
  const id = `${did}#${fingerprint}`;
  // `from` checks the multicodec header, the length and (ECDSA) the point.
  const key = await multikey_library(fingerprint).from(
    {type: 'Multikey', id, controller: did, publicKeyMultibase: fingerprint});
  const method = await key.export({publicKey: true, includeContext: false});
  method.id = id;
  method.controller = did;
  const document = {
    '@context': [did_context, multikey_context],
    id: did,
    verificationMethod: [method],
    authentication: [id],
    assertionMethod: [id],
    capabilityInvocation: [id],
    capabilityDelegation: [id],
  };
  return {document, method};
}

/// A jsonld.js documentLoader: the embedded contexts, and did:key DIDs and verification
/// methods resolved locally. Anything else throws naming the URL.
export async function vc_document_loader() {
  const contexts = make_document_loader(await load_contexts());
  return async url => {
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const {document, method} = await resolve_did_key(did);
      if (fragment === undefined) return {contextUrl: null, documentUrl: url, document};
      if (method.id !== url) throw new Error(`${url}: no such verification method in ${did}`);
      return {contextUrl: null, documentUrl: url,
        document: {'@context': multikey_context, ...method}};
    }
    return contexts(url);
  };
}

/// A new key pair of `type` ('ed25519' or 'p256') named by its did:key: the key library's
/// key pair object with id "<did>#<fingerprint>" and controller "<did>".
export async function generate_did_key(type) {
  const key = type === 'ed25519' ? await Ed25519Multikey.generate()
    : await EcdsaMultikey.generate({curve: 'P-256'});
  const {publicKeyMultibase} = await key.export({publicKey: true});
  key.controller = `did:key:${publicKeyMultibase}`;
  key.id = `${key.controller}#${publicKeyMultibase}`;
  return key;
}

/// `credential` with a Data Integrity proof of `suite` made by `key` with @digitalbazaar/vc
/// `issue`; `created` (a Date) sets the proof's date.
export async function node_issue(credential, {suite, key, loader, created}) {
  const proof = new DataIntegrityProof({
    signer: key.signer(), cryptosuite: suites[suite].sign(), date: created});
  return vc.issue({credential: structuredClone(credential), suite: proof, documentLoader: loader});
}

/// @digitalbazaar/vc `verifyCredential` with every suite: its result object.
export async function node_verify(credential, {loader, suite = verify_suites()}) {
  return vc.verifyCredential({credential, suite, documentLoader: loader});
}

/// The first error message in a verifyCredential result, for reports.
export function node_error(result) {
  const errors = [];
  const collect = error => {
    if (!error) return;
    if (Array.isArray(error)) return error.forEach(collect);
    if (error.errors) return collect(error.errors);
    errors.push(error.message ?? String(error));
  };
  collect(result.error);
  for (const r of result.results ?? []) collect(r.error);
  return errors[0] ?? 'not verified';
}
