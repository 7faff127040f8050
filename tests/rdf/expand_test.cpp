#include "rdf/expand.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "json/parse.h"

namespace microcred::rdf {
namespace {

boost::json::value parse(std::string_view text) {
  auto v = json::parse(text, {.max_bytes = 64 * 1024 * 1024, .max_depth = 100'000});
  EXPECT_TRUE(v) << describe(v.error());
  return v ? std::move(*v) : boost::json::value();
}

class Expand : public testing::Test {
 protected:
  ContextStore store_ = ContextStore::embedded();
  JsonLdProcessor processor_{store_};
};

TEST_F(Expand, ExpandsACredential) {
  auto doc = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],
    "type":["VerifiableCredential"],"issuer":"did:example:1",
    "validFrom":"2024-01-01T00:00:00Z","credentialSubject":{"id":"did:example:2"}})");
  auto expanded = expand(doc, processor_);
  ASSERT_TRUE(expanded) << describe(expanded.error());
  auto& node = expanded->as_array().at(0).as_object();
  EXPECT_EQ(node.at("@type").as_array().at(0).as_string(),
            "https://www.w3.org/2018/credentials#VerifiableCredential");
  EXPECT_EQ(node.at("https://www.w3.org/2018/credentials#issuer").as_array().at(0).at("@id"),
            "did:example:1");
}

TEST_F(Expand, ReusesProcessedContexts) {
  auto doc = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "type":["VerifiableCredential","OpenBadgeCredential"],"name":"x"})");
  ASSERT_TRUE(expand(doc, processor_));
  auto cached = processor_.cached_contexts();
  EXPECT_GT(cached, 0u);
  ASSERT_TRUE(expand(doc, processor_));
  EXPECT_EQ(processor_.cached_contexts(), cached);
}

TEST_F(Expand, LeavesOutTheMemberItIsToldTo) {
  auto secured = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],
    "type":["VerifiableCredential"],"issuer":"did:example:1",
    "proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022"},
    "credentialSubject":{"id":"did:example:2"}})");
  auto unsecured = secured;
  unsecured.as_object().erase("proof");
  auto without = expand(secured, processor_, {.without_member = "proof"});
  auto expected = expand(unsecured, processor_);
  ASSERT_TRUE(without) << describe(without.error());
  ASSERT_TRUE(expected);
  EXPECT_EQ(*without, *expected);
  auto with = expand(secured, processor_);
  ASSERT_TRUE(with);
  EXPECT_NE(*with, *expected);
  // A member that is not there changes nothing.
  auto absent = expand(unsecured, processor_, {.without_member = "proof"});
  ASSERT_TRUE(absent);
  EXPECT_EQ(*absent, *expected);
}

TEST_F(Expand, RefusesToLeaveOutAKeyword) {
  auto doc = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:x:1"})");
  auto expanded = expand(doc, processor_, {.without_member = "@context"});
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::invalid_argument);
}

TEST_F(Expand, FailsOnUnknownContextNamingIt) {
  auto doc = parse(R"({"@context":"https://example.org/unknown","name":"x"})");
  auto expanded = expand(doc, processor_);
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::unknown_context);
  EXPECT_NE(expanded.error().message.find("https://example.org/unknown"), std::string::npos);
}

TEST_F(Expand, SafeModeRejectsUndefinedProperty) {
  auto doc = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],
    "type":["VerifiableCredential"],"notInContext":"x"})");
  auto lax = expand(doc, processor_);
  ASSERT_TRUE(lax);
  auto safe = expand(doc, processor_, {.safe_mode = true});
  ASSERT_FALSE(safe);
  EXPECT_EQ(safe.error().code, ErrorCode::unsafe_term);
  EXPECT_NE(safe.error().message.find("notInContext"), std::string::npos);
}

TEST_F(Expand, SafeModeRejectsRelativeType) {
  auto doc = parse(R"({"@context":{"@base":null, "name":"http://schema.org/name"},
    "@type":"Unknown","name":"x"})");
  auto safe = expand(doc, processor_, {.safe_mode = true});
  ASSERT_FALSE(safe);
  EXPECT_EQ(safe.error().code, ErrorCode::unsafe_term);
  EXPECT_NE(safe.error().message.find("Unknown"), std::string::npos);
}

TEST_F(Expand, DetectsRecursiveContextInclusion) {
  ContextStore store;
  ASSERT_TRUE(store.add("https://example.org/a", R"({"@context":"https://example.org/b"})"));
  ASSERT_TRUE(store.add("https://example.org/b", R"({"@context":"https://example.org/a"})"));
  JsonLdProcessor processor(store);
  auto expanded = expand(parse(R"({"@context":"https://example.org/a"})"), processor);
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::invalid_jsonld);
  EXPECT_TRUE(expanded.error().message.starts_with("recursive context inclusion"))
      << expanded.error().message;
}

TEST_F(Expand, DetectsCyclicImport) {
  ContextStore store;
  ASSERT_TRUE(
      store.add("https://example.org/a", R"({"@context":{"@import":"https://example.org/a"}})"));
  JsonLdProcessor processor(store);
  auto expanded = expand(parse(R"({"@context":"https://example.org/a"})"), processor);
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::invalid_jsonld);
}

TEST_F(Expand, KeepsScopedContextsOfAnImportedContextAlive) {
  ContextStore store;
  ASSERT_TRUE(store.add("https://example.org/base",
                        R"({"@context":{"@vocab":"http://ex/","T":{"@id":"http://ex/T",
                           "@context":{"p":{"@id":"http://ex/scoped","@type":"@id"}}}}})"));
  ASSERT_TRUE(
      store.add("https://example.org/importer",
                R"({"@context":{"@import":"https://example.org/base","q":"http://ex/q"}})"));
  JsonLdProcessor processor(store);
  auto doc = parse(R"({"@context":"https://example.org/importer",
    "q":{"@type":"T","p":"http://ex/o"}})");
  for (int i = 0; i < 3; ++i) {  // the second and third runs use the cached context
    auto expanded = expand(doc, processor);
    ASSERT_TRUE(expanded) << describe(expanded.error());
    auto& inner = expanded->as_array().at(0).at("http://ex/q").as_array().at(0).as_object();
    EXPECT_EQ(inner.at("http://ex/scoped").as_array().at(0).at("@id"), "http://ex/o");
  }
}

TEST_F(Expand, StopsAtTheDepthLimit) {
  std::string deep = R"({"@context":{"@vocab":"http://ex/"},"a":)";
  for (int i = 0; i < 5000; ++i)
    deep += R"({"a":)";
  deep += "1";
  for (int i = 0; i < 5001; ++i)
    deep += "}";
  auto expanded = expand(parse(deep), processor_);
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::limit_exceeded);
}

TEST_F(Expand, StopsAtTheOutputLimit) {
  std::string wide = R"({"@context":{"@vocab":"http://ex/"},"a":[)";
  for (int i = 0; i < 2000; ++i)
    wide += std::to_string(i) + ",";
  wide += "0]}";
  auto expanded = expand(parse(wide), processor_, {.max_output_values = 1000});
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::limit_exceeded);
}

TEST_F(Expand, StopsALargeScopedContextAppliedAtManyNodes) {
  // One inline type-scoped context of 2,000 terms, applied at 2,000 nodes: 4M definitions
  // without a bound.
  std::string doc = R"({"@context":{"@vocab":"http://ex/","T":{"@context":{)";
  for (int i = 0; i < 2000; ++i)
    doc += (i ? "," : "") + std::string("\"t") + std::to_string(i) + R"(":"http://ex/t")";
  doc += R"(}}},"p":[)";
  for (int i = 0; i < 2000; ++i)
    doc += (i ? "," : "") + std::string(R"({"@type":"T","t1":1})");
  doc += "]}";
  auto expanded = expand(parse(doc), processor_);
  ASSERT_FALSE(expanded);
  EXPECT_EQ(expanded.error().code, ErrorCode::limit_exceeded);
}

TEST_F(Expand, ServesManyThreadsFromOneProcessor) {
  auto doc = parse(R"({"@context":["https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:example:1",
    "type":"Profile","name":"U"},"credentialSubject":{"type":"AchievementSubject",
    "achievement":{"id":"urn:x:1","type":"Achievement","name":"A","criteria":{"narrative":"n"}}}})");
  auto expanded_once = expand(doc, processor_, {.safe_mode = true});
  ASSERT_TRUE(expanded_once) << describe(expanded_once.error());
  // Out of the single-threaded arena before the threads read it (see expand.h).
  const boost::json::value reference(*expanded_once, boost::json::storage_ptr());
  JsonLdProcessor shared(store_);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto expanded = expand(doc, shared, {.safe_mode = true});
        if (expanded && *expanded == reference) ++same[t];
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (int count : same)
    EXPECT_EQ(count, 50);
}

}  // namespace
}  // namespace microcred::rdf
