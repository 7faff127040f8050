#include "rdf/nquads.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace microcred::rdf {
namespace {

Quad first_quad(std::string_view text) {
  auto dataset = parse_nquads(text);
  EXPECT_TRUE(dataset) << (dataset ? "" : dataset.error().message);
  if (!dataset || dataset->quads.empty()) return {};
  return dataset->quads.front();
}

TEST(ParseNquads, ReadsTriplesAndQuads) {
  auto dataset = parse_nquads(
      "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n"
      "_:b0 <http://a.example/p> \"x\" <http://a.example/g> .\n"
      "_:b0 <http://a.example/p> _:b1 _:g .\n");
  ASSERT_TRUE(dataset);
  ASSERT_EQ(dataset->quads.size(), 3u);
  EXPECT_EQ(dataset->quads[0].subject, iri("http://a.example/s"));
  EXPECT_EQ(dataset->quads[0].graph, default_graph());
  EXPECT_EQ(dataset->quads[1].subject, blank("b0"));
  EXPECT_EQ(dataset->quads[1].object, literal("x"));
  EXPECT_EQ(dataset->quads[1].graph, iri("http://a.example/g"));
  EXPECT_EQ(dataset->quads[2].graph, blank("g"));
}

TEST(ParseNquads, SkipsCommentsBlankLinesAndWhitespace) {
  auto dataset = parse_nquads(
      "# a comment\n\n  \t\r\n"
      "<http://a.example/s>\t<http://a.example/p>   <http://a.example/o>. # trailing\r\n"
      "# last line without newline");
  ASSERT_TRUE(dataset);
  EXPECT_EQ(dataset->quads.size(), 1u);
}

TEST(ParseNquads, AcceptsEmptyInput) {
  auto dataset = parse_nquads("");
  ASSERT_TRUE(dataset);
  EXPECT_TRUE(dataset->quads.empty());
}

TEST(ParseNquads, DecodesLiteralEscapes) {
  struct Row {
    std::string_view input;
    std::string expected;
  };
  const Row rows[] = {
      {R"("\t\b\n\r\f\"\'\\")", "\t\b\n\r\f\"'\\"},
      {R"("\u0041\u00e9\u221E")", "A\xC3\xA9\xE2\x88\x9E"},
      {R"("\U0001F303")", "\xF0\x9F\x8C\x83"},
      {R"("\u0000")", std::string(1, '\0')},
      {"\"\xE2\x88\x9E\"", "\xE2\x88\x9E"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    const std::string text =
        "<http://a.example/s> <http://a.example/p> " + std::string(row.input) + " .\n";
    EXPECT_EQ(first_quad(text).object.value, row.expected);
  }
}

TEST(ParseNquads, DecodesIriEscapes) {
  EXPECT_EQ(first_quad("<urn:ex:\\u0065\\U00000078> <urn:p> <urn:o> .").subject.value, "urn:ex:ex");
}

TEST(ParseNquads, ReadsLanguageDatatypeAndDirection) {
  EXPECT_EQ(first_quad("<urn:s> <urn:p> \"chat\"@fr-BE .").object, literal("chat", {}, "fr-BE"));
  EXPECT_EQ(
      first_quad("<urn:s> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .").object,
      literal("1", "http://www.w3.org/2001/XMLSchema#integer"));
  const Term directional = first_quad("<urn:s> <urn:p> \"x\"@ar--rtl .").object;
  EXPECT_EQ(directional.language, "ar");
  EXPECT_EQ(directional.direction, "rtl");
  EXPECT_EQ(directional.datatype, rdf_dir_lang_string);
}

TEST(ParseNquads, ReadsBlankNodeLabelsOfTheFullGrammar) {
  EXPECT_EQ(first_quad("_:a.b.c <urn:p> <urn:o> .").subject.value, "a.b.c");
  EXPECT_EQ(first_quad("_:0-x\xC2\xB7y <urn:p> <urn:o> .").subject.value, "0-x\xC2\xB7y");
  // A trailing '.' ends the statement, it is not part of the label.
  EXPECT_EQ(first_quad("<urn:s> <urn:p> _:b1.").object.value, "b1");
}

TEST(ParseNquads, ReportsLineAndColumn) {
  struct Row {
    std::string_view input;
    std::string_view message_start;
  };
  const Row rows[] = {
      {"<urn:s> <urn:p> <urn:o> .\n<urn:s> <urn:p> .", "line 2, column 17:"},
      {"<urn:s> <urn:p> \"x\" ", "line 1, column 21:"},
      {"<urn:s> <urn:p> \"\\x\" .", "line 1, column 18:"},
      {"<urn:s> <urn:p> \"\\u12G4\" .", "line 1, column 18:"},
      {"<urn:s> <urn:p> \"\\uD800\" .", "line 1, column 18:"},
      {"<urn:s> <urn:p> <urn:o", "line 1, column 17:"},
      {"<urn:s> <urn:p> \"unterminated", "line 1, column 17:"},
      {"<urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o> .", "line 1, column 27:"},
      {"<relative> <urn:p> <urn:o> .", "line 1, column 1:"},
      {"<urn:s s> <urn:p> <urn:o> .", "line 1, column 7:"},
      {"_:b <urn:p> <urn:o>", "line 1, column 20:"},
      {"\"x\" <urn:p> <urn:o> .", "line 1, column 1:"},
      {"<urn:s> _:p <urn:o> .", "line 1, column 9:"},
      {"<urn:s> <urn:p> \"x\"@ .", "line 1, column 20:"},
      {"<urn:s> <urn:p> \"x\"@en--up .", "line 1, column 23:"},
      {"<urn:s> <urn:p> \"x\"^<urn:d> .", "line 1, column 20:"},
      {"<urn:s> <urn:p> \"a\nb\" .", "line 1, column 19:"},
      {"\xC3\xA9\xC3\xA9 <urn:p>", "line 1, column 1:"},
      {"<urn:\xC3\xA9> <urn:p> <urn:o> .\n  _:", "line 2, column 5:"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    auto dataset = parse_nquads(row.input);
    ASSERT_FALSE(dataset);
    EXPECT_EQ(dataset.error().code, ErrorCode::parse_error);
    EXPECT_EQ(dataset.error().message.substr(0, row.message_start.size()), row.message_start)
        << dataset.error().message;
  }
}

TEST(ParseNquads, RejectsBadUtf8) {
  const std::string_view rows[] = {
      "<urn:s> <urn:p> \"\xFF\" .",
      "<urn:s> <urn:p> \"\xC3\" .",
      "<urn:s> <urn:p> \"\xC0\xAF\" .",          // overlong '/'
      "<urn:s> <urn:p> \"\xED\xA0\x80\" .",      // UTF-8 encoded surrogate
      "<urn:s> <urn:p> \"\xF4\x90\x80\x80\" .",  // past U+10FFFF
      "<urn:\xE2\x88> <urn:p> <urn:o> .",
      "_:\xFF <urn:p> <urn:o> .",
      "<urn:s> <urn:p> <urn:o> . # \xFE",
      "# \x80\n",
      "<urn:s> <urn:p> \"\xE2\x88",  // truncated in the middle of a character
  };
  for (std::string_view row : rows) {
    SCOPED_TRACE(testing::PrintToString(std::string(row)));
    auto dataset = parse_nquads(row);
    ASSERT_FALSE(dataset);
    EXPECT_EQ(dataset.error().code, ErrorCode::parse_error);
  }
}

TEST(ParseNquads, RejectsEveryTruncationOfAStatement) {
  const std::string statement =
      "_:b0 <http://a.example/p> \"x\\u0041\"^^<http://a.example/d> <http://a.example/g> .";
  for (std::size_t length = 1; length < statement.size(); ++length) {
    SCOPED_TRACE(statement.substr(0, length));
    EXPECT_FALSE(parse_nquads(statement.substr(0, length)));
  }
  EXPECT_TRUE(parse_nquads(statement));
}

TEST(ToNquads, WritesCanonicalLiteralEscapes) {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c)
    all_controls.push_back(static_cast<char>(c));
  all_controls += "\x7F\"\\'";
  EXPECT_EQ(to_nquads(literal(all_controls)),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r"
            "\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
            "\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\\u007F\\\"\\\\'\"");
  EXPECT_EQ(to_nquads(literal("\xE2\x88\x9E")), "\"\xE2\x88\x9E\"");
}

TEST(ToNquads, OmitsXsdStringAndWritesLanguageTags) {
  EXPECT_EQ(to_nquads(literal("x")), "\"x\"");
  EXPECT_EQ(to_nquads(literal("x", xsd_string)), "\"x\"");
  EXPECT_EQ(to_nquads(literal("x", {}, "en")), "\"x\"@en");
  EXPECT_EQ(to_nquads(literal("1", "http://www.w3.org/2001/XMLSchema#integer")),
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  Term directional = literal("x", rdf_dir_lang_string, "ar");
  directional.direction = "rtl";
  EXPECT_EQ(to_nquads(directional), "\"x\"@ar--rtl");
}

TEST(ToNquads, EscapesCharactersIriRefCannotHold) {
  EXPECT_EQ(to_nquads(iri("urn:a b<>\"{}|^`\\")),
            "<urn:a\\u0020b\\u003C\\u003E\\u0022\\u007B\\u007D\\u007C\\u005E\\u0060\\u005C>");
}

TEST(ToNquads, WritesQuadsAndDatasets) {
  Dataset dataset{{Quad{iri("urn:s"), iri("urn:p"), blank("b0"), default_graph()},
                   Quad{blank("b0"), iri("urn:p"), literal("x", {}, "en"), iri("urn:g")}}};
  EXPECT_EQ(to_nquads(dataset),
            "<urn:s> <urn:p> _:b0 .\n"
            "_:b0 <urn:p> \"x\"@en <urn:g> .\n");
}

TEST(ToNquads, RoundTripsThroughTheParser) {
  const std::string text =
      "<urn:s> <urn:p> \"\\u0000\\b\\t\\n\\f\\r\\\"\\\\\\u007F\xF0\x9F\x8C\x83\" .\n"
      "_:b0 <urn:p> \"x\"@ar--rtl _:g .\n"
      "_:b0 <urn:p> \"1\"^^<urn:d> <urn:g> .\n"
      "<urn:a\\u0020b> <urn:p> <urn:o> .\n";
  auto dataset = parse_nquads(text);
  ASSERT_TRUE(dataset) << dataset.error().message;
  EXPECT_EQ(to_nquads(*dataset), text);
  auto again = parse_nquads(to_nquads(*dataset));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *dataset);
}

}  // namespace
}  // namespace microcred::rdf
