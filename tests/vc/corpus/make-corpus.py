#!/usr/bin/env python3
"""Writes the hostile-input corpus: credentials and status lists that a verifier must
refuse, each with the answer expected of `microcred verify` (expected.json).

Run from the repository root after a build:  python3 tests/vc/corpus/make-corpus.py build/microcred
The files are committed; the runner (tests/cli/corpus_test.cpp) only reads them.
"""
import copy, gzip, base64, json, os, subprocess, sys

mc = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
created = "2026-01-01T00:00:00Z"
at = "2026-06-01T00:00:00Z"


def run(*args, stdin=None):
    return subprocess.run([mc, *args], input=stdin, capture_output=True, text=True, check=True).stdout


def key(name, kind="ed25519"):
    path = os.path.join(here, name)
    if not os.path.exists(path):
        run("keygen", "--type", kind, "--out", path)
    return path, json.load(open(path))["controller"]


issuer_key, issuer = key("issuer-key.json")
other_key, other = key("other-key.json")
p256_key, p256 = key("p256-key.json", "p256")


def encoded(bits, bomb=False):
    raw = bytearray(bits // 8)
    raw[42 // 8] |= 0x80 >> (42 % 8)
    data = bytes(raw) if not bomb else bytes(64 * 1024 * 1024)
    # mtime 0 keeps the GZIP bytes, and so the signed lists, the same on every run.
    return "u" + base64.urlsafe_b64encode(gzip.compress(data, mtime=0)).decode().rstrip("=")


def status_entry(purpose="revocation", index="7", url="https://uni.example/status/1"):
    return {"id": url + "#entry", "type": "BitstringStatusListEntry",
            "statusPurpose": purpose, "statusListIndex": index, "statusListCredential": url}


def base(status=None):
    c = {"@context": ["https://www.w3.org/ns/credentials/v2"],
         "id": "urn:uuid:0b7c8e2a-5f1d-4c3b-9a6e-1d2c3b4a5f60",
         "type": ["VerifiableCredential"], "issuer": issuer,
         "validFrom": "2026-01-01T00:00:00Z",
         "credentialSubject": {"id": "did:example:learner"}}
    if status:
        c["credentialStatus"] = status
    return c


def sign(doc, with_key=issuer_key, suite="eddsa-rdfc-2022", when=created):
    return json.loads(run("sign", "--key", with_key, "--suite", suite, "--created", when, "-",
                          stdin=json.dumps(doc)))


def status_list(purpose="revocation", bits=131072, bomb=False, signed=True):
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2"],
           "id": "https://uni.example/status/1",
           "type": ["VerifiableCredential", "BitstringStatusListCredential"],
           "issuer": issuer, "validFrom": "2026-01-01T00:00:00Z",
           "credentialSubject": {"id": "https://uni.example/status/1#list",
                                 "type": "BitstringStatusList", "statusPurpose": purpose,
                                 "encodedList": encoded(bits, bomb)}}
    return sign(doc) if signed else doc


cases = []


def case(name, text, exit_code, check=None, lists=(), note="", args=()):
    path = os.path.join(here, name + ".json")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text if isinstance(text, str) else json.dumps(text, indent=2) + "\n")
    list_files = []
    for i, lst in enumerate(lists):
        list_path = name + ".list%d.json" % i
        with open(os.path.join(here, list_path), "w") as f:
            json.dump(lst, f)
        list_files.append(list_path)
    entry = {"file": name + ".json", "status_lists": list_files, "exit": exit_code,
             "failed_check": check, "why": note}
    if args:
        entry["args"] = list(args)
    cases.append(entry)


good = sign(base())
case("good", good, 0, None, note="control: a valid credential verifies")

# Input that is not a well-formed credential: exit 2.
text = json.dumps(good)
case("duplicate-key", text.replace('"issuer":', '"issuer": "did:example:x", "issuer":', 1), 2,
     note="duplicate JSON keys anywhere")
case("duplicate-key-nested", text.replace('"id": "did:example:learner"',
                                          '"id": "did:example:learner", "id": "did:example:b"'), 2,
     note="a duplicate key deep inside")
with open(os.path.join(here, "invalid-utf8.json"), "wb") as f:
    f.write(text.replace("did:example:learner", "did:example:le\udcffarner").encode("utf-8", "surrogateescape"))
cases.append({"file": "invalid-utf8.json", "status_lists": [], "exit": 2, "failed_check": None,
              "why": "invalid UTF-8 bytes"})
case("too-deep", '{"@context":["https://www.w3.org/ns/credentials/v2"],"x":' + "[" * 200 + "]" * 200 + "}",
     2, note="nesting beyond the limit")
case("not-an-object", "[" + text + "]", 2, note="a JSON array, not a credential")

# Credentials that do not hold: exit 1 and the failed check named.
d = copy.deepcopy(good); d["@context"].append("https://evil.example/context")
case("context-not-allowed", d, 1, "contexts", note="a context outside the allow-list")
d = copy.deepcopy(good); d["@context"].append({"@vocab": "https://evil.example/#"})
case("inline-context-vocab", d, 1, "contexts", note="an inline @context injecting @vocab after signing")
d = copy.deepcopy(good); d["@context"].append({"@base": "https://evil.example/"})
case("inline-context-base", d, 1, "contexts", note="an inline @context injecting @base")
d = copy.deepcopy(good); d["credentialSubject"]["@context"] = {"name": "https://evil.example/name"}
case("embedded-context", d, 1, "contexts", note="a scoped @context inside the body")
d = copy.deepcopy(good); d["credentialSubject"]["undefinedTerm"] = "x"
case("undefined-term", d, 1, "proof", note="a term no context defines (issuer-dependent): the signature does not cover it")
d = copy.deepcopy(good); d["proof"]["proofValue"] = "z" + "1" * 10
case("proofvalue-short", d, 1, "proof", note="proofValue not 64 bytes")
d = copy.deepcopy(good); d["proof"]["proofValue"] = "u" + good["proof"]["proofValue"][1:]
case("proofvalue-not-base58", d, 1, "proof", note="proofValue not multibase base58btc")
d = copy.deepcopy(good)
d["proof"]["verificationMethod"] = p256 + "#" + p256[len("did:key:"):]
case("key-suite-mismatch", d, 1, "proof", note="a P-256 key for eddsa-rdfc-2022")
d = sign(base(), with_key=other_key)
case("not-issuers-key", d, 1, "issuer-binding", note="a verification method the issuer does not control")
d = sign(dict(base(), issuer=other), with_key=other_key)
d["issuer"] = issuer
case("issuer-swapped", d, 1, "proof", note="issuer changed after signing")
d = copy.deepcopy(good); d["proof"]["proofPurpose"] = "authentication"
case("wrong-purpose", d, 1, "proof", note="proofPurpose is not assertionMethod")
d = sign(dict(base(), validUntil="2026-03-01T00:00:00Z"))
case("expired", d, 1, "validity", note="validUntil in the past")
d = sign(dict(base(), validFrom="2027-01-01T00:00:00Z"))
case("not-yet-valid", d, 1, "validity", note="validFrom in the future beyond the skew")
d = sign(base(), when="2026-07-01T00:00:00Z")
case("created-in-future", d, 1, "proof", note="proof created in the future")
d = copy.deepcopy(good); d["proof"]["expires"] = "2026-02-01T00:00:00Z"
case("proof-expired", d, 1, "proof", note="proof.expires in the past")
d = copy.deepcopy(good); del d["proof"]
case("no-proof", d, 1, "proof", note="unsigned")

# Status lists.
with_status = sign(base(status_entry()))
case("status-ok", with_status, 0, None, [status_list()], note="control: not revoked")
case("status-revoked", sign(base(status_entry(index="42"))), 1, "status", [status_list()],
     note="bit 42 set: revoked")
case("status-bomb", with_status, 1, "status", [status_list(bomb=True)],
     note="a compression bomb (64 MiB of zeros) as encodedList")
case("status-short-list", with_status, 1, "status", [status_list(bits=8192)],
     note="a list shorter than 131,072 entries")
case("status-wrong-purpose", with_status, 1, "status", [status_list(purpose="suspension")],
     note="the list's statusPurpose differs from the entry's")
case("status-unsigned-list", with_status, 1, "status", [status_list(signed=False)],
     note="a status list without a proof")
lst = status_list(); lst["credentialSubject"]["encodedList"] = encoded(131072).replace("A", "B", 1)
case("status-tampered-list", with_status, 1, "status", [lst], note="a status list whose proof no longer holds")
for name, bad in [("minus", "-7"), ("decimal", "7.0"), ("hex", "0x7"), ("space", " 7"),
                  ("exponent", "1e3"), ("out-of-range", "131072")]:
    name = "status-index-" + name
    case(name, sign(base(status_entry(index=bad))), 1, "status", [status_list()],
         note="statusListIndex %r is not a base-10 index within the list" % bad)

# Presentations: the holder signs for authentication with the verifier's challenge and domain;
# `args` are what the verifier expects (microcred verify --challenge C --domain D).
holder_key, holder = key("holder-key.json")
challenge, domain = "3b9c6f1e-2d4a-4e8b-9f07-5a1c8d2e6b40", "https://employer.example"
expects = ("--challenge", challenge, "--domain", domain)
good_file = os.path.join(here, "good.json")


def present(*extra, key_file=holder_key, files=(good_file,)):
    out = run("present", "--key", key_file, "--challenge", challenge, "--domain", domain,
              "--created", created, *extra, *files)
    return out if "--format" in extra else json.loads(out)


vp = present()
case("vp-good", vp, 0, None, args=expects, note="control: a presentation verifies")
case("vp-replayed-challenge", vp, 1, "challenge",
     args=("--challenge", "a-fresh-challenge-the-holder-never-saw", "--domain", domain),
     note="a presentation replayed to a verifier that issued another challenge")
case("vp-no-expected-challenge", vp, 1, "challenge", args=("--domain", domain),
     note="the verifier gave no challenge: replay cannot be ruled out")
case("vp-wrong-domain", vp, 1, "domain",
     args=("--challenge", challenge, "--domain", "https://other-verifier.example"),
     note="a presentation made for another verifier")
d = copy.deepcopy(vp); d["proof"]["proofPurpose"] = "assertionMethod"
case("vp-purpose-changed", d, 1, "proof", args=expects,
     note="proofPurpose changed to assertionMethod after signing")
d = copy.deepcopy(vp); del d["proof"]
d = json.loads(run("sign", "--key", holder_key, "--created", created, "-", stdin=json.dumps(d)))
case("vp-assertion-purpose", d, 1, "proof", args=expects,
     note="signed for assertionMethod where authentication is required")
d = copy.deepcopy(vp); d["holder"] = other
case("vp-holder-swapped", d, 1, "holder-binding", args=expects,
     note="holder changed after signing: the signer is not the holder")
d = copy.deepcopy(vp)
d["verifiableCredential"][0]["credentialSubject"]["id"] = "did:example:someone-else"
case("vp-tampered-credential", d, 1, "credentials", args=expects,
     note="an embedded credential changed after the holder signed")
d = copy.deepcopy(vp); del d["proof"]
case("vp-unsigned", d, 1, "proof", args=expects, note="an unsigned presentation")
case("vp-proof-expired", present("--expires", "2026-02-01T00:00:00Z"), 1, "proof", args=expects,
     note="proof.expires in the past")
d = copy.deepcopy(vp); d["@context"].append({"@vocab": "https://evil.example/#"})
case("vp-inline-context", d, 1, "contexts", args=expects,
     note="an inline @context injecting @vocab into a presentation")
d = copy.deepcopy(vp); d["verifiableCredential"] = ["eyJhbGciOiJFZERTQSJ9.e30.c2ln"]
case("vp-credential-not-object", d, 1, "vp-shape", args=expects,
     note="verifiableCredential holding a bare string, not a credential object")
d = json.loads(run("present", "--unsigned", *([good_file] * 65)))
case("vp-too-many-credentials", d, 1, "credentials", args=("--allow-unsigned",),
     note="65 credentials, over the limit of 64: none is verified (bounded work)")
case("vp-duplicate-key", json.dumps(vp).replace('"holder":', '"holder": "did:example:x", "holder":', 1),
     2, note="duplicate JSON keys in a presentation")
jwt = present("--format", "jwt").strip()
case("vp-jwt-good", jwt + "\n", 0, None, args=expects, note="control: a vp+jwt verifies")
case("vp-jwt-replayed-nonce", jwt + "\n", 1, "challenge",
     args=("--challenge", "another-nonce", "--domain", domain),
     note="a vp+jwt whose nonce is not the verifier's challenge")
header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"vp+jwt"}').decode().rstrip("=")
case("vp-jwt-alg-none", header + "." + jwt.split(".")[1] + ".\n", 1, "proof", args=expects,
     note="a vp+jwt with alg none (no integrity protection)")

with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump({"verify_at": at, "cases": cases}, f, indent=2)
    f.write("\n")
print("%d cases" % len(cases))
