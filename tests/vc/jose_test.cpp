// VC-JOSE: credentials secured as application/vc+jwt, and hostile JWTs.
#include "vc/jose.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <random>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "json/parse.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;

constexpr std::string_view issuer = "did:example:university";
const std::string kid = std::string(issuer) + "#key-1";

bj::value credential() {
  return *json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:2f7e5c2e-4b3c-4a57-9a0e-6a4c1d2f0001",
    "type": ["VerifiableCredential"],
    "issuer": "did:example:university",
    "validFrom": "2025-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:learner"}
  })");
}

crypto::KeyPair key_of(crypto::KeyType type, std::uint8_t fill = 1) {
  std::size_t size = type == crypto::KeyType::p384 ? 48 : 32;
  auto key = crypto::KeyPair::from_secret(type, Bytes(size, fill));
  EXPECT_TRUE(key) << describe(key.error());
  return *key;
}

std::string b64(std::string_view text) {
  return base64url_encode(as_bytes(text));
}

// A JWS of `header` and `payload` signed by `key` as given, so tests can forge any header.
std::string forge(const bj::value& header, const bj::value& payload, const crypto::KeyPair& key) {
  std::string input = b64(bj::serialize(header)) + "." + b64(bj::serialize(payload));
  return input + "." + base64url_encode(*key.sign(as_bytes(input)));
}

std::vector<std::string> parts(const std::string& jwt) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto dot = jwt.find('.', start);
    out.push_back(jwt.substr(start, dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

JwtKeyResolver resolver_for(const crypto::KeyPair& key) {
  return [public_key = key.public_key()](std::string_view k) -> Result<crypto::PublicKey> {
    if (k == kid) return public_key;
    return make_error(ErrorCode::not_found, "no verification method " + std::string(k));
  };
}

class JwtRoundTrip : public ::testing::TestWithParam<crypto::KeyType> {};

TEST_P(JwtRoundTrip, SignsAndVerifies) {
  crypto::KeyPair key = key_of(GetParam());
  auto jwt = sign_jwt(credential(), key, kid);
  ASSERT_TRUE(jwt) << describe(jwt.error());
  auto report = verify_jwt(*jwt, resolver_for(key));
  ASSERT_TRUE(report) << describe(report.error());
  EXPECT_TRUE(report->valid) << report->detail;
  EXPECT_EQ(report->credential, credential());
  EXPECT_EQ(report->kid, kid);
  EXPECT_EQ(report->header.at("typ").as_string(), "vc+jwt");
  EXPECT_EQ(report->header.at("cty").as_string(), "vc");
  EXPECT_EQ(report->header.at("alg").as_string(), to_string(algorithm_for(GetParam())));

  auto direct = verify_jwt(*jwt, key.public_key());
  ASSERT_TRUE(direct);
  EXPECT_TRUE(direct->valid) << direct->detail;
}

TEST_P(JwtRoundTrip, FailsWhenAnyPartIsTampered) {
  crypto::KeyPair key = key_of(GetParam());
  auto p = parts(*sign_jwt(credential(), key, kid));
  bj::value changed = credential();
  changed.at("credentialSubject").at("id") = "did:example:mallory";
  bj::value header =
      *json::parse(std::string_view(reinterpret_cast<const char*>(base64url_decode(p[0])->data()),
                                    base64url_decode(p[0])->size()));
  header.as_object()["x"] = 1;
  Bytes signature = *base64url_decode(p[2]);
  signature[5] ^= 0x01;
  const std::string tampered[] = {
      p[0] + "." + b64(bj::serialize(changed)) + "." + p[2],
      b64(bj::serialize(header)) + "." + p[1] + "." + p[2],
      p[0] + "." + p[1] + "." + base64url_encode(signature),
      p[0] + "." + p[1] + "." + base64url_encode(Bytes(10, 0)),  // wrong length
  };
  for (const auto& jwt : tampered) {
    auto report = verify_jwt(jwt, resolver_for(key));
    ASSERT_TRUE(report) << describe(report.error());
    EXPECT_FALSE(report->valid);
  }
}

INSTANTIATE_TEST_SUITE_P(Algorithms, JwtRoundTrip,
                         ::testing::Values(crypto::KeyType::ed25519, crypto::KeyType::p256,
                                           crypto::KeyType::p384));

// Made with Python joserfc 1.6.5 (EdDSA, ES256) and by hand with pyca/cryptography (the
// exact one) from the keys of key_of(): seed / scalar of 32 bytes 0x01.
constexpr std::string_view joserfc_eddsa =
    "eyJhbGciOiJFZERTQSIsImtpZCI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkja2V5LTEiLCJ0eXAiOiJ2Yytqd3QifQ."
    "eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXSwiaWQiOiJ1cm46dXVpZDoy"
    "ZjdlNWMyZS00YjNjLTRhNTctOWEwZS02YTRjMWQyZjAwMDEiLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl0s"
    "Imlzc3VlciI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkiLCJ2YWxpZEZyb20iOiIyMDI1LTAxLTAxVDAwOjAwOjAwWiIs"
    "ImNyZWRlbnRpYWxTdWJqZWN0Ijp7ImlkIjoiZGlkOmV4YW1wbGU6bGVhcm5lciJ9fQ."
    "hirjYsHLF79LtRIkjo4_RZ5JwgtZyUg9RZpjXYTBDa90z1sx4sZlDonk2ALW02GCJbNv172y5radJbvKqiDNCg";
constexpr std::string_view joserfc_es256 =
    "eyJhbGciOiJFUzI1NiIsImtpZCI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkja2V5LTEiLCJ0eXAiOiJ2Yytqd3QiLCJj"
    "dHkiOiJ2YyJ9."
    "eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXSwiaWQiOiJ1cm46dXVpZDoy"
    "ZjdlNWMyZS00YjNjLTRhNTctOWEwZS02YTRjMWQyZjAwMDEiLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl0s"
    "Imlzc3VlciI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkiLCJ2YWxpZEZyb20iOiIyMDI1LTAxLTAxVDAwOjAwOjAwWiIs"
    "ImNyZWRlbnRpYWxTdWJqZWN0Ijp7ImlkIjoiZGlkOmV4YW1wbGU6bGVhcm5lciJ9fQ."
    "XBKYngxEAxiKwwTwuEDMT9xznqRzMRdhNMl8xrAabsVk9uNJZfIeUfT9eCZm_86gEIZqOA7axvowL3c1DAYK-g";
constexpr std::string_view independent_eddsa =
    "eyJhbGciOiJFZERTQSIsImtpZCI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkja2V5LTEiLCJ0eXAiOiJ2Yytqd3QiLCJj"
    "dHkiOiJ2YyJ9."
    "eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXSwiaWQiOiJ1cm46dXVpZDoy"
    "ZjdlNWMyZS00YjNjLTRhNTctOWEwZS02YTRjMWQyZjAwMDEiLCJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl0s"
    "Imlzc3VlciI6ImRpZDpleGFtcGxlOnVuaXZlcnNpdHkiLCJ2YWxpZEZyb20iOiIyMDI1LTAxLTAxVDAwOjAwOjAwWiIs"
    "ImNyZWRlbnRpYWxTdWJqZWN0Ijp7ImlkIjoiZGlkOmV4YW1wbGU6bGVhcm5lciJ9fQ."
    "s6NV65Tm_e1sWE8EYX0apUSVRkIloyI45UCuwoxgn1l3-RclpguoyeU9Fy11GheP5WzVFpMpT6juj0ZTJfROCg";

TEST(Jwt, VerifiesJwtsMadeByJoserfc) {
  for (auto [jwt, type] : {std::pair{joserfc_eddsa, crypto::KeyType::ed25519},
                           std::pair{joserfc_es256, crypto::KeyType::p256}}) {
    SCOPED_TRACE(crypto::to_string(type));
    auto report = verify_jwt(jwt, resolver_for(key_of(type)));
    ASSERT_TRUE(report) << describe(report.error());
    EXPECT_TRUE(report->valid) << report->detail;
    EXPECT_EQ(report->credential, credential());
  }
}

TEST(Jwt, SignsEdDsaExactlyAsAnIndependentSigner) {
  // Ed25519 is deterministic, and the header and payload serializations are compact JSON
  // in insertion order, so the whole JWT is reproducible.
  auto jwt = sign_jwt(credential(), key_of(crypto::KeyType::ed25519), kid);
  ASSERT_TRUE(jwt);
  EXPECT_EQ(*jwt, independent_eddsa);
}

TEST(Jwt, RefusesAlgNone) {
  bj::value header = {{"alg", "none"}, {"kid", kid}, {"typ", "vc+jwt"}};
  std::string jwt = b64(bj::serialize(header)) + "." + b64(bj::serialize(credential())) + ".";
  auto report = verify_jwt(jwt, resolver_for(key_of(crypto::KeyType::ed25519)));
  ASSERT_TRUE(report) << describe(report.error());
  EXPECT_FALSE(report->valid);
  EXPECT_NE(report->detail.find("none"), std::string::npos);
}

TEST(Jwt, RefusesAnAlgThatDoesNotFitTheKey) {
  // Signed by the Ed25519 key, but the header claims ES256: the key decides.
  crypto::KeyPair ed = key_of(crypto::KeyType::ed25519);
  bj::value header = {{"alg", "ES256"}, {"kid", kid}, {"typ", "vc+jwt"}};
  auto report = verify_jwt(forge(header, credential(), ed), resolver_for(ed));
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->valid);
  EXPECT_NE(report->detail.find("algorithm confusion"), std::string::npos) << report->detail;

  crypto::KeyPair p256 = key_of(crypto::KeyType::p256);
  header.as_object()["alg"] = "EdDSA";
  report = verify_jwt(forge(header, credential(), p256), resolver_for(p256));
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->valid);
}

TEST(Jwt, RefusesUnknownAlgorithms) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  for (std::string_view alg : {"HS256", "RS256", "ES256K", "EDDSA", ""}) {
    SCOPED_TRACE(alg);
    bj::value header = {{"alg", alg}, {"kid", kid}};
    auto report = verify_jwt(forge(header, credential(), key), resolver_for(key));
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::unsupported);
  }
}

TEST(Jwt, RefusesAKidTheIssuerDoesNotControl) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  struct Row {
    std::string name;
    bj::value header;
  };
  const Row rows[] = {
      {"unknown kid", {{"alg", "EdDSA"}, {"kid", std::string(issuer) + "#key-9"}}},
      {"another issuer's kid", {{"alg", "EdDSA"}, {"kid", "did:example:mallory#key-1"}}},
      {"prefix but not a fragment", {{"alg", "EdDSA"}, {"kid", std::string(issuer) + "x#key-1"}}},
      {"no kid", {{"alg", "EdDSA"}}},
  };
  JwtKeyResolver any_key = [&](std::string_view) -> Result<crypto::PublicKey> {
    return key.public_key();
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    std::string jwt = forge(row.header, credential(), key);
    auto report = verify_jwt(jwt, row.name == "unknown kid" ? resolver_for(key) : any_key);
    ASSERT_TRUE(report) << describe(report.error());
    EXPECT_FALSE(report->valid);
  }
}

TEST(Jwt, PassesOnAResolverThatCouldNotLook) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  JwtKeyResolver broken = [](std::string_view) -> Result<crypto::PublicKey> {
    return make_error(ErrorCode::io_error, "did.json: cannot read");
  };
  auto report = verify_jwt(*sign_jwt(credential(), key, kid), broken);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::io_error);
}

TEST(Jwt, RefusesWhatItCannotUnderstand) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  auto resolver = resolver_for(key);
  auto p = parts(*sign_jwt(credential(), key, kid));
  struct Row {
    std::string name;
    std::string jwt;
    ErrorCode code;
  };
  const std::vector<Row> rows = {
      {"two segments", p[0] + "." + p[1], ErrorCode::parse_error},
      {"four segments", p[0] + "." + p[1] + "." + p[2] + ".x", ErrorCode::parse_error},
      {"five segments (JWE)", p[0] + ".a.b.c.d", ErrorCode::parse_error},
      {"detached payload", p[0] + ".." + p[2], ErrorCode::unsupported},
      {"padding", p[0] + "=." + p[1] + "." + p[2], ErrorCode::invalid_encoding},
      {"base64 not url", p[0] + "." + p[1] + "+/." + p[2], ErrorCode::invalid_encoding},
      {"bad signature text", p[0] + "." + p[1] + ".***", ErrorCode::invalid_encoding},
      {"header not JSON", b64("{alg") + "." + p[1] + "." + p[2], ErrorCode::parse_error},
      {"header an array", b64("[]") + "." + p[1] + "." + p[2], ErrorCode::parse_error},
      {"duplicate alg", b64(R"({"alg":"EdDSA","alg":"none"})") + "." + p[1] + "." + p[2],
       ErrorCode::duplicate_key},
      {"payload not an object", p[0] + "." + b64("\"x\"") + "." + p[2], ErrorCode::parse_error},
      {"b64 false",
       forge({{"alg", "EdDSA"}, {"kid", kid}, {"b64", false}, {"crit", bj::array{"b64"}}},
             credential(), key),
       ErrorCode::unsupported},
      {"unknown crit",
       forge({{"alg", "EdDSA"}, {"kid", kid}, {"exp2", 1}, {"crit", bj::array{"exp2"}}},
             credential(), key),
       ErrorCode::unsupported},
      {"empty crit",
       forge({{"alg", "EdDSA"}, {"kid", kid}, {"crit", bj::array{}}}, credential(), key),
       ErrorCode::parse_error},
      {"no alg", forge({{"kid", kid}}, credential(), key), ErrorCode::parse_error},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto report = verify_jwt(row.jwt, resolver);
    ASSERT_FALSE(report) << report->detail;
    EXPECT_EQ(report.error().code, row.code) << describe(report.error());
  }
}

TEST(Jwt, RefusesOversizeInput) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  auto jwt = *sign_jwt(credential(), key, kid);
  auto report = verify_jwt(jwt, resolver_for(key), {.max_bytes = 100});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::limit_exceeded);
  std::string huge(2 * 1024 * 1024, 'a');
  EXPECT_EQ(verify_jwt(huge, resolver_for(key)).error().code, ErrorCode::limit_exceeded);
}

TEST(Jwt, RefusesTheWrongTypAConflictingIssOrAVcClaim) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  auto resolver = resolver_for(key);
  auto typ = verify_jwt(
      forge({{"alg", "EdDSA"}, {"kid", kid}, {"typ", "JWT+id"}}, credential(), key), resolver);
  ASSERT_TRUE(typ);
  EXPECT_FALSE(typ->valid);
  auto full_typ = verify_jwt(
      forge({{"alg", "EdDSA"}, {"kid", kid}, {"typ", "application/vc+jwt"}}, credential(), key),
      resolver);
  ASSERT_TRUE(full_typ);
  EXPECT_TRUE(full_typ->valid) << full_typ->detail;
  bj::value conflicting = credential();
  conflicting.as_object()["iss"] = "did:example:mallory";
  auto iss = verify_jwt(forge({{"alg", "EdDSA"}, {"kid", kid}}, conflicting, key), resolver);
  ASSERT_TRUE(iss);
  EXPECT_FALSE(iss->valid);
  conflicting.as_object()["iss"] = issuer;
  iss = verify_jwt(forge({{"alg", "EdDSA"}, {"kid", kid}}, conflicting, key), resolver);
  ASSERT_TRUE(iss);
  EXPECT_TRUE(iss->valid) << iss->detail;
  bj::value legacy = {{"iss", issuer}, {"issuer", issuer}, {"vc", credential()}};
  auto claim = verify_jwt(forge({{"alg", "EdDSA"}, {"kid", kid}}, legacy, key), resolver);
  ASSERT_TRUE(claim);
  EXPECT_FALSE(claim->valid);
}

TEST(Jwt, ChecksExpAndNbfWhenGivenTheTime) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  bj::value payload = credential();
  payload.as_object()["exp"] = 1'800'000'000;
  payload.as_object()["nbf"] = 1'700'000'000;
  std::string jwt = forge({{"alg", "EdDSA"}, {"kid", kid}}, payload, key);
  EXPECT_TRUE(verify_jwt(jwt, resolver_for(key), {.now = Timestamp{1'750'000'000}})->valid);
  EXPECT_FALSE(verify_jwt(jwt, resolver_for(key), {.now = Timestamp{1'900'000'000}})->valid);
  EXPECT_FALSE(verify_jwt(jwt, resolver_for(key), {.now = Timestamp{1'600'000'000}})->valid);
}

TEST(Jwt, SignRefusesANonObjectOrAnEmptyKid) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  EXPECT_FALSE(sign_jwt(bj::array{}, key, kid));
  EXPECT_FALSE(sign_jwt(credential(), key, ""));
}

// A cheap, deterministic fuzz: every one- to three-character change of a signed JWT must
// end in an Error or an invalid result, never a crash or a valid verdict.
TEST(Jwt, NeverAcceptsAMutatedJwt) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  auto resolver = resolver_for(key);
  const std::string jwt = *sign_jwt(credential(), key, kid);
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ~";
  std::mt19937 rng(5);
  for (int round = 0; round < 1000; ++round) {
    std::string mutated = jwt;
    int changes = 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < changes; ++c) {
      mutated[rng() % mutated.size()] = alphabet[rng() % alphabet.size()];
    }
    if (mutated == jwt) continue;
    auto report = verify_jwt(mutated, resolver);
    if (report) {
      ASSERT_FALSE(report->valid) << mutated;
    }
  }
}

TEST(EnvelopedCredential, RoundTrips) {
  crypto::KeyPair key = key_of(crypto::KeyType::ed25519);
  std::string jwt = *sign_jwt(credential(), key, kid);
  bj::value envelope = make_enveloped_credential(jwt);
  EXPECT_EQ(envelope.at("type").as_string(), "EnvelopedVerifiableCredential");
  EXPECT_EQ(envelope.at("id").as_string(), "data:application/vc+jwt," + jwt);
  auto back = parse_enveloped_credential(envelope);
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(*back, jwt);
}

TEST(EnvelopedCredential, RefusesOtherShapes) {
  bj::value good = make_enveloped_credential("a.b.c");
  struct Row {
    std::string name;
    std::function<void(bj::object&)> spoil;
    ErrorCode code;
  };
  const std::vector<Row> rows = {
      {"no context", [](bj::object& o) { o.erase("@context"); }, ErrorCode::invalid_argument},
      {"v1 context",
       [](bj::object& o) { o["@context"] = "https://www.w3.org/2018/credentials/v1"; },
       ErrorCode::invalid_argument},
      {"wrong type", [](bj::object& o) { o["type"] = "VerifiableCredential"; },
       ErrorCode::invalid_argument},
      {"not a data URL", [](bj::object& o) { o["id"] = "https://example.com/a.b.c"; },
       ErrorCode::invalid_argument},
      {"sd-jwt", [](bj::object& o) { o["id"] = "data:application/vc+sd-jwt,a.b.c~"; },
       ErrorCode::unsupported},
      {"base64 data URL", [](bj::object& o) { o["id"] = "data:application/vc+jwt;base64,YQ"; },
       ErrorCode::unsupported},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    bj::value envelope = good;
    row.spoil(envelope.as_object());
    auto jwt = parse_enveloped_credential(envelope);
    ASSERT_FALSE(jwt);
    EXPECT_EQ(jwt.error().code, row.code);
  }
  bj::value array_context = good;
  array_context.as_object()["@context"] = bj::array{"https://www.w3.org/ns/credentials/v2"};
  EXPECT_TRUE(parse_enveloped_credential(array_context));
}

}  // namespace
}  // namespace microcred::vc
