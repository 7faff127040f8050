#include "rdf/context_store.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json/value.hpp>

namespace microcred::rdf {
namespace {

TEST(ContextStore, EmbedsTheCredentialContexts) {
  auto store = ContextStore::embedded();
  for (const char* url :
       {"https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://www.w3.org/ns/credentials/status/v1",
        "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/multikey/v1",
        "https://www.w3.org/ns/did/v1"}) {
    SCOPED_TRACE(url);
    auto document = store.load(url);
    ASSERT_TRUE(document) << describe(document.error());
    EXPECT_TRUE((*document)->is_object());
    EXPECT_TRUE((*document)->as_object().contains("@context"));
  }
}

TEST(ContextStore, NamesAnUnknownUrl) {
  auto store = ContextStore::embedded();
  auto document = store.load("https://example.org/v1");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::unknown_context);
  EXPECT_EQ(document.error().message,
            "context \"https://example.org/v1\" is not embedded; add it under contexts/ and "
            "rebuild");
}

TEST(ContextStore, AcceptsAddedDocuments) {
  ContextStore store;
  ASSERT_TRUE(
      store.add("https://example.org/ctx", R"({"@context":{"name":"http://schema.org/name"}})"));
  EXPECT_TRUE(store.contains("https://example.org/ctx"));
  EXPECT_FALSE(store.add("https://example.org/bad", "{"));
}

}  // namespace
}  // namespace microcred::rdf
