#include "rdf/canonicalize.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "rdf/nquads.h"

namespace microcred::rdf {
namespace {

Dataset parse(std::string_view text) {
  auto dataset = parse_nquads(text);
  EXPECT_TRUE(dataset) << (dataset ? "" : dataset.error().message);
  return dataset ? *dataset : Dataset{};
}

// Every blank node linked to every other one: Hash N-Degree Quads must try every ordering.
Dataset blank_node_clique(int size) {
  Dataset dataset;
  for (int a = 0; a < size; ++a) {
    for (int b = 0; b < size; ++b) {
      if (a != b) {
        dataset.quads.push_back(Quad{blank("n" + std::to_string(a)), iri("urn:ex:p"),
                                     blank("n" + std::to_string(b)), default_graph()});
      }
    }
  }
  return dataset;
}

TEST(Canonicalize, LabelsBlankNodesByFirstDegreeHash) {
  auto canonical =
      canonicalize(parse("_:x <urn:ex:p> \"1\" .\n"
                         "_:y <urn:ex:p> \"2\" .\n"
                         "_:x <urn:ex:q> _:y .\n"));
  ASSERT_TRUE(canonical);
  // The lines are sorted and use c14n labels; the map covers every input label.
  EXPECT_EQ(canonical->issued.size(), 2u);
  EXPECT_NE(canonical->nquads.find("_:c14n0"), std::string::npos);
  EXPECT_EQ(canonical->nquads.find("_:x"), std::string::npos);
}

TEST(Canonicalize, IgnoresInputLabelsAndOrder) {
  auto first =
      canonicalize(parse("_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:c .\n_:c <urn:ex:p> _:a .\n_:a "
                         "<urn:ex:q> \"x\" .\n"));
  auto second =
      canonicalize(parse("_:z2 <urn:ex:q> \"x\" .\n_:z0 <urn:ex:p> _:z2 .\n_:z1 <urn:ex:p> _:z0 "
                         ".\n_:z2 <urn:ex:p> _:z1 .\n"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->nquads, second->nquads);
}

TEST(Canonicalize, TreatsTheDatasetAsASet) {
  auto once = canonicalize(parse("_:a <urn:ex:p> \"x\" .\n"));
  auto twice = canonicalize(parse("_:a <urn:ex:p> \"x\" .\n_:a <urn:ex:p> \"x\" .\n"));
  ASSERT_TRUE(once);
  ASSERT_TRUE(twice);
  EXPECT_EQ(once->nquads, "_:c14n0 <urn:ex:p> \"x\" .\n");
  EXPECT_EQ(twice->nquads, once->nquads);
}

TEST(Canonicalize, HandlesSymmetricBlankNodesWithNDegreeHashing) {
  // Two identical, unconnected blank nodes plus a symmetric pair: first-degree hashes tie.
  auto canonical =
      canonicalize(parse("_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:a .\n_:c <urn:ex:q> \"v\" .\n_:d "
                         "<urn:ex:q> \"v\" .\n"));
  ASSERT_TRUE(canonical) << canonical.error().message;
  EXPECT_EQ(canonical->issued.size(), 4u);
  EXPECT_EQ(std::count(canonical->nquads.begin(), canonical->nquads.end(), '\n'), 4);
  for (const char* label : {"_:c14n0 ", "_:c14n1 ", "_:c14n2 ", "_:c14n3 "}) {
    EXPECT_NE(canonical->nquads.find(label), std::string::npos) << label;
  }
}

TEST(Canonicalize, LeavesDatasetsWithoutBlankNodesSortedOnly) {
  auto canonical =
      canonicalize(parse("<urn:b> <urn:p> <urn:o> .\n<urn:a> <urn:p> \"\\u0009\" .\n"));
  ASSERT_TRUE(canonical);
  EXPECT_EQ(canonical->nquads, "<urn:a> <urn:p> \"\\t\" .\n<urn:b> <urn:p> <urn:o> .\n");
  EXPECT_TRUE(canonical->issued.empty());
}

TEST(Canonicalize, SupportsSha384) {
  const Dataset dataset = parse("_:a <urn:ex:p> _:b .\n_:b <urn:ex:p> _:a .\n");
  auto sha256 = canonicalize(dataset);
  auto sha384 = canonicalize(dataset, {.hash = HashAlgorithm::sha384});
  ASSERT_TRUE(sha256);
  ASSERT_TRUE(sha384);
  EXPECT_EQ(sha256->nquads, sha384->nquads);  // a symmetric pair: any order is canonical
}

TEST(Canonicalize, StopsPoisonGraph) {
  auto canonical = canonicalize(blank_node_clique(10), {.max_ndegree_calls = 1'000});
  ASSERT_FALSE(canonical);
  EXPECT_EQ(canonical.error().code, ErrorCode::work_limit_exceeded);
}

TEST(Canonicalize, StopsPoisonGraphWithDefaultLimits) {
  auto canonical = canonicalize(blank_node_clique(10));
  ASSERT_FALSE(canonical);
  EXPECT_EQ(canonical.error().code, ErrorCode::work_limit_exceeded);
}

TEST(Canonicalize, FinishesSmallCliqueWithinDefaultLimits) {
  auto canonical = canonicalize(blank_node_clique(4));
  ASSERT_TRUE(canonical) << canonical.error().message;
  EXPECT_EQ(canonical->issued.size(), 4u);
}

TEST(Canonicalize, RejectsTermsInImpossiblePositions) {
  Dataset dataset{{Quad{literal("x"), iri("urn:p"), iri("urn:o"), default_graph()}}};
  auto canonical = canonicalize(dataset);
  ASSERT_FALSE(canonical);
  EXPECT_EQ(canonical.error().code, ErrorCode::invalid_argument);
  Dataset blank_predicate{{Quad{iri("urn:s"), blank("p"), iri("urn:o"), default_graph()}}};
  EXPECT_FALSE(canonicalize(blank_predicate));
}

}  // namespace
}  // namespace microcred::rdf
