#include "rdf/to_rdf.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "json/parse.h"
#include "rdf/jsonld.h"
#include "rdf/nquads.h"

namespace microcred::rdf {
namespace {

std::string nquads_of(std::string_view text, ToRdfOptions options = {}) {
  auto store = ContextStore::embedded();
  JsonLdProcessor processor(store);
  auto doc = json::parse(text);
  EXPECT_TRUE(doc);
  auto dataset = to_rdf(*doc, processor, {}, options);
  EXPECT_TRUE(dataset) << describe(dataset.error());
  return dataset ? to_nquads(*dataset) : std::string();
}

TEST(ToRdf, WritesNumbersInCanonicalForms) {
  struct Row {
    const char* value;
    const char* literal;
  } rows[] = {
      {"1", R"("1"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"1.0", R"("1"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"1.1", R"("1.1E0"^^<http://www.w3.org/2001/XMLSchema#double>)"},
      {"-0.5", R"("-5.0E-1"^^<http://www.w3.org/2001/XMLSchema#double>)"},
      {"1e21", R"("1.0E21"^^<http://www.w3.org/2001/XMLSchema#double>)"},
      {"123456789012", R"("123456789012"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"true", R"("true"^^<http://www.w3.org/2001/XMLSchema#boolean>)"},
      // As jsonld.js: numbers are doubles; no '.' in the shortest form means an integer.
      {"1e-7", R"("0"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"-1e-7", R"("-0"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"1.5e-7", R"("1.5E-7"^^<http://www.w3.org/2001/XMLSchema#double>)"},
      {"9007199254740993", R"("9007199254740992"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
      {"12345678901234567890",
       R"("12345678901234567168"^^<http://www.w3.org/2001/XMLSchema#integer>)"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    std::string doc = std::string(R"({"@id":"http://ex/s","http://ex/p":)") + row.value + "}";
    EXPECT_EQ(nquads_of(doc), std::string("<http://ex/s> <http://ex/p> ") + row.literal + " .\n");
  }
}

TEST(ToRdf, RewritesStringsTypedDoubleAsJsonLdJsDoes) {
  struct Row {
    const char* value;
    const char* lexical;
  } rows[] = {{"-0", "0.0E0"}, {"1.5", "1.5E0"},         {" 12abc", "1.2E1"},
              {"-INF", "NaN"}, {"Infinity", "Infinity"}, {"1e400", "Infinity"}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    std::string doc = std::string(R"({"@id":"http://ex/s","http://ex/p":{"@value":")") + row.value +
                      R"(","@type":"http://www.w3.org/2001/XMLSchema#double"}})";
    EXPECT_EQ(nquads_of(doc), std::string("<http://ex/s> <http://ex/p> \"") + row.lexical +
                                  "\"^^<http://www.w3.org/2001/XMLSchema#double> .\n");
  }
}

TEST(ToRdf, DropsRelativeIris) {
  EXPECT_EQ(nquads_of(R"({"@id":"relative","http://ex/p":"x"})"), "");
}

TEST(ToRdf, WritesListsAsFirstRest) {
  auto out = nquads_of(R"({"@id":"http://ex/s","http://ex/p":{"@list":["a"]}})");
  EXPECT_NE(out.find("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\""),
            std::string::npos);
  EXPECT_NE(out.find("<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>"), std::string::npos);
}

TEST(ToRdf, KeepsDirectionAsI18nDatatype) {
  auto out = nquads_of(
      R"({"@id":"http://ex/s","http://ex/p":{"@value":"x","@language":"en","@direction":"rtl"}})",
      {.rdf_direction = RdfDirection::i18n_datatype});
  EXPECT_EQ(out, "<http://ex/s> <http://ex/p> \"x\"^^<https://www.w3.org/ns/i18n#en_rtl> .\n");
}

TEST(CanonicalizeJsonLd, CanonicalizesACredential) {
  auto store = ContextStore::embedded();
  JsonLdProcessor processor(store);
  auto doc = json::parse(R"({"@context":["https://www.w3.org/ns/credentials/v2"],
    "type":["VerifiableCredential"],"issuer":"did:example:1",
    "credentialSubject":{"name":"x"}})");
  ASSERT_TRUE(doc);
  auto canonical = canonicalize_jsonld(*doc, processor);
  ASSERT_TRUE(canonical) << describe(canonical.error());
  EXPECT_NE(canonical->nquads.find("_:c14n0"), std::string::npos);
}

}  // namespace
}  // namespace microcred::rdf
