#include "rdf/detail/jsonld_iri.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>

namespace microcred::rdf::detail {
namespace {

// White space anywhere, before and after the 16-byte steps of the fast scan, and JavaScript's
// Unicode white space (jsonld.js's \s) make an IRI not well-formed; other bytes do not.
TEST(IsWellFormedIri, FindsWhiteSpaceAtAnyPosition) {
  const std::string prefix = "https://example.org/";
  const std::string spaces[] = {" ",
                                "\t",
                                "\n",
                                "\r",
                                "\x0b",
                                "\x0c",
                                "\xC2\xA0",
                                "\xE1\x9A\x80",
                                "\xE2\x80\x80",
                                "\xE2\x80\x8A",
                                "\xE2\x80\xA8",
                                "\xE2\x80\xA9",
                                "\xE2\x80\xAF",
                                "\xE2\x81\x9F",
                                "\xE3\x80\x80",
                                "\xEF\xBB\xBF"};
  for (std::size_t length = 0; length < 40; ++length) {
    for (const std::string& space : spaces) {
      std::string iri = prefix + std::string(length, 'a') + space + "tail";
      SCOPED_TRACE(iri);
      EXPECT_FALSE(is_well_formed_iri(iri));
    }
    std::string clean = prefix + std::string(length, 'a') + "\x01\x7F\xC3\xA9\xE2\x82\xAC/x";
    SCOPED_TRACE(clean);
    EXPECT_TRUE(is_well_formed_iri(clean));
  }
}

TEST(IsWellFormedIri, NeedsASchemeOrABlankNodePrefix) {
  EXPECT_TRUE(is_well_formed_iri("did:example:123"));
  EXPECT_TRUE(is_well_formed_iri("_:b0"));
  EXPECT_FALSE(is_well_formed_iri("relative/path"));
  EXPECT_FALSE(is_well_formed_iri("1http://example.org/"));
}

}  // namespace
}  // namespace microcred::rdf::detail
