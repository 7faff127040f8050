// Bitstring Status List v1.0: encoding, limits, allocation and checking entries.
#include "vc/status_list.h"  // first: proves the header stands alone

#include <zlib.h>

#include <gtest/gtest.h>

#include <random>

#include <algorithm>
#include <chrono>
#include <set>

#include <boost/json.hpp>

#include "core/multibase.h"
#include "crypto/key.h"
#include "json/parse.h"
#include "rdf/context_store.h"
#include "support/testsuites.h"
#include "vc/data_integrity.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

constexpr std::string_view list_url = "https://example.edu/status/1";
constexpr std::string_view issuer = "did:example:university";

bj::value read_json(const fs::path& path) {
  auto value = json::parse(support::read_file(path));
  if (!value) throw std::runtime_error(path.string() + ": " + value.error().message);
  return *value;
}

// `data` compressed with zlib in the given wrapper (windowBits as deflateInit2 takes them),
// then as a multibase base64url string.
std::string compressed(ByteView data, int window_bits, std::size_t repeat = 1,
                       int strategy = Z_DEFAULT_STRATEGY) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 8, strategy), Z_OK);
  Bytes out;
  std::uint8_t buffer[64 * 1024];
  for (std::size_t i = 0; i < repeat; ++i) {
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    int flush = i + 1 == repeat ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      rc = deflate(&z, flush);
      out.insert(out.end(), buffer, buffer + (sizeof buffer - z.avail_out));
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  deflateEnd(&z);
  return multibase_encode(out, Multibase::base64url);
}

std::string gzip_of(ByteView data) {
  return compressed(data, 16 + MAX_WBITS);
}

StatusList new_list(std::size_t entries = status_list_min_entries) {
  auto list = StatusList::create(entries);
  EXPECT_TRUE(list) << describe(list.error());
  return *list;
}

TEST(StatusList, RefusesFewerThanTheMinimumEntries) {
  EXPECT_FALSE(StatusList::create(131'064));
  EXPECT_FALSE(StatusList::create(131'073));  // not whole bytes
  EXPECT_TRUE(StatusList::create(131'072));
  EXPECT_EQ(new_list().size(), status_list_min_entries);
}

TEST(StatusList, PutsIndexZeroInTheLeftMostBit) {
  StatusList list = new_list();
  list.set(0);
  list.set(15);
  EXPECT_EQ(list.bytes()[0], 0x80);
  EXPECT_EQ(list.bytes()[1], 0x01);
  list.clear(0);
  EXPECT_EQ(list.bytes()[0], 0x00);
  EXPECT_TRUE(list.get(15));
  EXPECT_FALSE(list.get(14));
}

TEST(StatusList, RoundTripsThroughEncodedList) {
  StatusList list = new_list(262'144);
  for (std::size_t index : {0UL, 1UL, 7UL, 8UL, 94'567UL, 131'071UL, 262'143UL})
    list.set(index);
  std::string encoded = list.encode();
  // Multibase 'u', then base64url of the GZIP magic 1f 8b 08.
  EXPECT_TRUE(encoded.starts_with("uH4sI")) << encoded;
  EXPECT_EQ(encoded.find('='), std::string::npos);
  auto decoded = StatusList::decode(encoded);
  ASSERT_TRUE(decoded) << describe(decoded.error());
  EXPECT_EQ(*decoded, list);
  EXPECT_EQ(decoded->count(), 7U);
  EXPECT_EQ(list.encode(), encoded);  // deterministic
}

TEST(StatusList, RoundTripsThroughItsBytes) {
  StatusList list = new_list();
  list.set(12'345);
  auto copy = StatusList::from_bytes(list.bytes());
  ASSERT_TRUE(copy);
  EXPECT_EQ(*copy, list);
  EXPECT_FALSE(StatusList::from_bytes(Bytes(16'383, 0)));
}

TEST(StatusList, EncodesAnEmptyMinimumListSmall) {
  EXPECT_LT(new_list().encode().size(), 200U);
}

// The spec's examples (../shared/testsuites/contexts/bitstring-status-list-examples): every
// encodedList decodes; the README states the one list there is 131,072 clear bits.
TEST(StatusList, DecodesEveryEncodedListOfTheSpecExamples) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  fs::path dir = suites / "contexts" / "bitstring-status-list-examples";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not found";
  int lists = 0;
  for (const auto& file : fs::directory_iterator(dir)) {
    if (file.path().filename() == "index.json") continue;
    SCOPED_TRACE(file.path().filename().string());
    bj::value doc = read_json(file.path());
    const bj::value* subject = doc.as_object().if_contains("credentialSubject");
    if (subject == nullptr || !subject->as_object().contains("encodedList")) continue;
    auto list = StatusList::decode(subject->at("encodedList").as_string());
    ASSERT_TRUE(list) << describe(list.error());
    EXPECT_EQ(list->size(), 131'072U);
    EXPECT_EQ(list->count(), 0U);
    ++lists;
  }
  EXPECT_GE(lists, 2);
}

TEST(StatusList, ChecksTheSpecExampleEntryAgainstTheSpecExampleList) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  fs::path dir = suites / "contexts" / "bitstring-status-list-examples";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not found";
  bj::value credential = read_json(dir / "a-revocable-verifiable-credential.json");
  bj::value list = read_json(dir / "a-status-list-verifiable-credential.json");
  auto check = check_status(credential.at("credentialStatus").as_object(), list);
  ASSERT_TRUE(check) << describe(check.error());
  EXPECT_FALSE(check->set);
  EXPECT_EQ(check->index, 94'567U);
  EXPECT_EQ(check->list_issuer, "did:example:12345");
  EXPECT_EQ(check->detail,
            "not revoked (index 94567 of 131072 in https://example.com/credentials/status/3)");
}

// Made by Python's gzip module (independent of zlib's gzip writer): bits 0, 94567 and
// 131071 set, i.e. bytes[0] = 0x80, bytes[11820] = 0x01, bytes[16383] = 0x01.
TEST(StatusList, ReadsAListWrittenByAnotherImplementation) {
  auto list = StatusList::decode(
      "uH4sIAAAAAAACA-3QAQ0AAAgDIN_c6M-hgwjsAAAAAAAAAAAAAADwTRQAAAAAXJMCpM6u2wBAAAA");
  ASSERT_TRUE(list) << describe(list.error());
  EXPECT_EQ(list->size(), 131'072U);
  EXPECT_EQ(list->count(), 3U);
  EXPECT_TRUE(list->get(0));
  EXPECT_TRUE(list->get(94'567));
  EXPECT_TRUE(list->get(131'071));
  EXPECT_EQ(list->bytes()[11'820], 0x01);
}

TEST(StatusList, StopsACompressionBombAtTheCap) {
  // 100 MB of zeros gzip to about 100 KB.
  Bytes megabyte(1024 * 1024, 0);
  std::string bomb = compressed(megabyte, 16 + MAX_WBITS, 100, Z_RLE);  // RLE: quick to build
  ASSERT_LT(bomb.size(), 200'000U);
  auto start = std::chrono::steady_clock::now();
  auto list = StatusList::decode(bomb);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::limit_exceeded);
  // Not a timing assert on speed, only a sanity bound far above the real cost.
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  auto small_cap = StatusList::decode(new_list(262'144).encode(), {.max_inflated_bytes = 16'384});
  ASSERT_FALSE(small_cap);
  EXPECT_EQ(small_cap.error().code, ErrorCode::limit_exceeded);
  EXPECT_TRUE(StatusList::decode(new_list().encode(), {.max_inflated_bytes = 16'384}));
}

TEST(StatusList, RefusesAnOversizeEncodedList) {
  auto list = StatusList::decode(new_list().encode(), {.max_encoded_chars = 10});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::limit_exceeded);
}

TEST(StatusList, RefusesBadEncodings) {
  Bytes zeros(16'384, 0);
  std::string good = gzip_of(zeros);
  struct Row {
    std::string input;
    ErrorCode code;
  };
  const Row rows[] = {
      {"", ErrorCode::invalid_encoding},
      {good.substr(1), ErrorCode::invalid_encoding},        // no multibase prefix
      {"z" + good.substr(1), ErrorCode::invalid_encoding},  // base58btc prefix
      {"u!!!!", ErrorCode::invalid_encoding},               // not base64url
      {good + "=", ErrorCode::invalid_encoding},            // padding
      {"u" + base64_encode(*multibase_decode(good)), ErrorCode::invalid_encoding},  // std base64
      {compressed(zeros, MAX_WBITS), ErrorCode::invalid_encoding},     // zlib, not gzip
      {compressed(zeros, -MAX_WBITS), ErrorCode::invalid_encoding},    // raw deflate
      {good.substr(0, good.size() - 8), ErrorCode::invalid_encoding},  // truncated
      {gzip_of(Bytes(1000, 0)), ErrorCode::invalid_argument},          // 8,000 entries
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.input.substr(0, 60));
    auto list = StatusList::decode(row.input);
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().code, row.code) << describe(list.error());
  }
  // Trailing bytes after the GZIP member.
  Bytes raw = *multibase_decode(good);
  raw.push_back(0);
  auto trailing = StatusList::decode(multibase_encode(raw, Multibase::base64url));
  ASSERT_FALSE(trailing);
  EXPECT_EQ(trailing.error().code, ErrorCode::invalid_encoding);
  // A corrupted CRC.
  raw.pop_back();
  raw[raw.size() - 5] ^= 0xff;
  auto corrupt = StatusList::decode(multibase_encode(raw, Multibase::base64url));
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::invalid_encoding);
}

// A cheap, deterministic fuzz of the GZIP bytes: any result is a list of at least the
// minimum size or an Error, never a crash.
TEST(StatusList, SurvivesMutatedGzipData) {
  StatusList list = new_list();
  for (std::size_t index : {3UL, 4'000UL, 77'777UL})
    list.set(index);
  const Bytes gzip = *multibase_decode(list.encode());
  std::mt19937 rng(9);
  for (int round = 0; round < 1000; ++round) {
    Bytes mutated = gzip;
    int changes = 1 + static_cast<int>(rng() % 4);
    for (int c = 0; c < changes; ++c)
      mutated[rng() % mutated.size()] ^= 1U << (rng() % 8);
    if (rng() % 8 == 0) mutated.resize(rng() % mutated.size());
    auto decoded = StatusList::decode(multibase_encode(mutated, Multibase::base64url));
    if (decoded) {
      ASSERT_GE(decoded->size(), status_list_min_entries);
    }
  }
}

TEST(StatusListIndex, AcceptsOnlyBase10Digits) {
  struct Row {
    std::string_view text;
    std::optional<std::uint64_t> expected;
  };
  const Row rows[] = {
      {"0", 0},
      {"94567", 94'567},
      {"05", 5},  // leading zeros are still base 10; microcred never writes them
      {"9999999999999999999", 9'999'999'999'999'999'999ULL},
      {"", std::nullopt},
      {"+5", std::nullopt},
      {"-1", std::nullopt},
      {" 5", std::nullopt},
      {"5 ", std::nullopt},
      {"0x10", std::nullopt},
      {"1e3", std::nullopt},
      {"1.0", std::nullopt},
      {"\xef\xbc\x95", std::nullopt},  // fullwidth digit five
      {"99999999999999999999", std::nullopt},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    auto index = parse_status_list_index(row.text);
    if (row.expected) {
      ASSERT_TRUE(index) << describe(index.error());
      EXPECT_EQ(*index, *row.expected);
    } else {
      ASSERT_FALSE(index);
      EXPECT_EQ(index.error().code, ErrorCode::invalid_argument);
    }
  }
}

TEST(StatusIndexAllocator, NeverRepeatsAndCoversTheSpace) {
  crypto::DeterministicRandom random({1});
  auto allocator = StatusIndexAllocator::create(4096, {}, random);
  ASSERT_TRUE(allocator);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 4096; ++i) {
    auto index = allocator->allocate();
    ASSERT_TRUE(index) << describe(index.error());
    ASSERT_LT(*index, 4096U);
    ASSERT_TRUE(seen.insert(*index).second) << "repeated " << *index;
  }
  EXPECT_EQ(allocator->remaining(), 0U);
  auto full = allocator->allocate();
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::limit_exceeded);
}

TEST(StatusIndexAllocator, SkipsIndexesAlreadyUsed) {
  crypto::DeterministicRandom random({2});
  std::vector<std::uint64_t> used;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    if (i != 17 && i != 512) used.push_back(i);
  }
  auto allocator = StatusIndexAllocator::create(1000, used, random);
  ASSERT_TRUE(allocator);
  EXPECT_EQ(allocator->remaining(), 2U);
  std::set<std::uint64_t> got{*allocator->allocate(), *allocator->allocate()};
  EXPECT_EQ(got, (std::set<std::uint64_t>{17, 512}));
  EXPECT_FALSE(StatusIndexAllocator::create(1000, std::vector<std::uint64_t>{1000}, random));
}

TEST(StatusIndexAllocator, SpreadsIndexesAcrossTheList) {
  crypto::DeterministicRandom random({3});
  auto allocator = StatusIndexAllocator::create(status_list_min_entries, {}, random);
  ASSERT_TRUE(allocator);
  std::array<int, 8> buckets{};
  for (int i = 0; i < 8000; ++i) {
    buckets[*allocator->allocate() * 8 / status_list_min_entries]++;
  }
  // Each eighth expects 1000; a fixed seed keeps this deterministic.
  for (int count : buckets) {
    EXPECT_GT(count, 850);
    EXPECT_LT(count, 1150);
  }
}

class StatusCheckTest : public ::testing::Test {
 protected:
  bj::value list_credential(StatusPurpose purpose = StatusPurpose::revocation) {
    return make_status_list_credential(
        list_url, issuer, purpose, list_,
        {.valid_from = Timestamp{1'700'000'000}, .valid_until = Timestamp{1'900'000'000}});
  }
  bj::object entry(StatusPurpose purpose = StatusPurpose::revocation, std::uint64_t index = 42) {
    return make_status_entry(list_url, purpose, index).as_object();
  }
  StatusList list_ = new_list();
};

TEST_F(StatusCheckTest, ReportsNotRevokedThenRevoked) {
  auto clear = check_status(entry(), list_credential());
  ASSERT_TRUE(clear) << describe(clear.error());
  EXPECT_FALSE(clear->set);
  EXPECT_EQ(clear->list_issuer, issuer);
  EXPECT_EQ(clear->list_credential_id, list_url);
  list_.set(42);
  auto revoked = check_status(entry(), list_credential());
  ASSERT_TRUE(revoked);
  EXPECT_TRUE(revoked->set);
  EXPECT_EQ(revoked->detail, "revoked (index 42 of 131072 in https://example.edu/status/1)");
}

TEST_F(StatusCheckTest, ReportsSuspension) {
  list_.set(7);
  auto check =
      check_status(entry(StatusPurpose::suspension, 7), list_credential(StatusPurpose::suspension));
  ASSERT_TRUE(check) << describe(check.error());
  EXPECT_TRUE(check->set);
  EXPECT_EQ(check->purpose, StatusPurpose::suspension);
  EXPECT_TRUE(check->detail.starts_with("suspended"));
}

TEST_F(StatusCheckTest, AcceptsAListWithSeveralPurposes) {
  bj::value list = list_credential();
  list.at("credentialSubject").at("statusPurpose") = bj::array{"revocation", "suspension"};
  EXPECT_TRUE(check_status(entry(StatusPurpose::suspension), list));
}

TEST_F(StatusCheckTest, ObjectsToEachBrokenEntryOrList) {
  struct Row {
    std::string name;
    std::function<void(bj::object&, bj::value&)> spoil;
    ErrorCode code;
  };
  auto set_entry = [](std::string key, bj::value v) {
    return [key, v](bj::object& e, bj::value&) { e[key] = v; };
  };
  const std::vector<Row> rows = {
      {"purpose mismatch", set_entry("statusPurpose", "suspension"), ErrorCode::invalid_argument},
      {"unknown purpose", set_entry("statusPurpose", "expiry"), ErrorCode::invalid_argument},
      {"message purpose", set_entry("statusPurpose", "message"), ErrorCode::unsupported},
      {"statusSize 2", set_entry("statusSize", 2), ErrorCode::unsupported},
      {"index out of range", set_entry("statusListIndex", "131072"), ErrorCode::invalid_argument},
      {"index with sign", set_entry("statusListIndex", "+5"), ErrorCode::invalid_argument},
      {"index a number", set_entry("statusListIndex", 5), ErrorCode::invalid_argument},
      {"no index", [](bj::object& e, bj::value&) { e.erase("statusListIndex"); },
       ErrorCode::invalid_argument},
      {"wrong entry type", set_entry("type", "StatusList2021Entry"), ErrorCode::invalid_argument},
      {"other list", set_entry("statusListCredential", "https://example.edu/status/2"),
       ErrorCode::invalid_argument},
      {"list type",
       [](bj::object&, bj::value& l) { l.at("type") = bj::array{"VerifiableCredential"}; },
       ErrorCode::invalid_argument},
      {"subject type",
       [](bj::object&, bj::value& l) { l.at("credentialSubject").at("type") = "StatusList2021"; },
       ErrorCode::invalid_argument},
      {"no issuer", [](bj::object&, bj::value& l) { l.as_object().erase("issuer"); },
       ErrorCode::invalid_argument},
      {"list not an object", [](bj::object&, bj::value& l) { l = bj::array{}; },
       ErrorCode::invalid_argument},
      {"bad encodedList",
       [](bj::object&, bj::value& l) { l.at("credentialSubject").at("encodedList") = "uAAAA"; },
       ErrorCode::invalid_encoding},
      {"short list",
       [](bj::object&, bj::value& l) {
         l.at("credentialSubject").at("encodedList") = gzip_of(Bytes(100, 0));
       },
       ErrorCode::invalid_argument},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    bj::object e = entry();
    bj::value l = list_credential();
    row.spoil(e, l);
    auto check = check_status(e, l);
    ASSERT_FALSE(check) << check->detail;
    EXPECT_EQ(check.error().code, row.code) << describe(check.error());
  }
}

TEST_F(StatusCheckTest, ChecksTheListValidityPeriodWhenGivenTheTime) {
  auto expired = check_status(entry(), list_credential(), {.now = Timestamp{2'000'000'000}});
  ASSERT_FALSE(expired);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
  auto early = check_status(entry(), list_credential(), {.now = Timestamp{1'600'000'000}});
  ASSERT_FALSE(early);
  EXPECT_TRUE(check_status(entry(), list_credential(), {.now = Timestamp{1'800'000'000}}));
}

TEST(StatusListCredential, SignsWithDataIntegrityAndVerifies) {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  Bytes seed(32, 7);
  auto key = crypto::KeyPair::from_secret(crypto::KeyType::ed25519, seed);
  ASSERT_TRUE(key);
  bj::value unsigned_list =
      make_status_list_credential(list_url, issuer, StatusPurpose::revocation, new_list(),
                                  {.valid_from = Timestamp{1'700'000'000}});
  auto signed_list = add_proof(
      unsigned_list, *key,
      {.verification_method = std::string(issuer) + "#key-1", .created = Timestamp{1'700'000'000}},
      processor);
  ASSERT_TRUE(signed_list) << describe(signed_list.error());
  bj::object document = signed_list->as_object();
  bj::object proof = document.at("proof").as_object();
  document.erase("proof");
  auto verified = verify_proof(document, proof, key->public_key(), processor);
  ASSERT_TRUE(verified) << describe(verified.error());
  EXPECT_TRUE(verified->valid) << verified->detail;
  EXPECT_TRUE(check_status(make_status_entry(list_url, StatusPurpose::revocation, 1).as_object(),
                           *signed_list));
}

// Signing runs in safe mode, so this proves every term of the entry is defined by the VC
// 2.0 context (an undefined one would fail with unsafe_term).
TEST(StatusEntry, SignsInACredentialInSafeMode) {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  auto key = crypto::KeyPair::from_secret(crypto::KeyType::ed25519, Bytes(32, 9));
  ASSERT_TRUE(key);
  bj::value credential = *json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:university",
    "credentialSubject": {"id": "did:example:learner"}
  })");
  credential.as_object()["credentialStatus"] =
      bj::array{make_status_entry(list_url, StatusPurpose::revocation, 94'567),
                make_status_entry("https://example.edu/status/2", StatusPurpose::suspension, 5)};
  auto signed_credential = add_proof(
      credential, *key,
      {.verification_method = std::string(issuer) + "#key-1", .created = Timestamp{1'700'000'000}},
      processor);
  ASSERT_TRUE(signed_credential) << describe(signed_credential.error());
}

}  // namespace
}  // namespace microcred::vc
