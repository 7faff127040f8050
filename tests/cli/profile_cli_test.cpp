// `microcred check-profile` and `microcred microcredential build`, run as a user would (#5).
#include <gtest/gtest.h>

#include "support/run.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

using support::run;

std::string bench_data(const char* file) {
  return (support::source_dir() / "bench" / "data" / file).string();
}

TEST(CliCheckProfile, ExitsZeroWhenAllElevenArePresent) {
  auto r = run("microcred check-profile " + bench_data("ob3-microcredential-eu.json"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("11 of 11 mandatory found"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[x]  8. Level (EQF, QF-EHEA): EQF level 6"), std::string::npos) << r.out;
}

TEST(CliCheckProfile, ExitsOneAndNamesWhatIsMissing) {
  auto r = run("microcred check-profile -", R"({"credentialSubject":{"id":"did:example:1"}})");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("not a complete EU micro-credential: missing Title"), std::string::npos)
      << r.out;
}

TEST(CliCheckProfile, PrintsJson) {
  auto r = run("microcred check-profile --json -", R"({"validFrom":"2026-01-01T00:00:00Z"})");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.rfind("{\"complete\":false,\"mandatory_found\":1,", 0), 0u) << r.out;
}

TEST(CliCheckProfile, ExitsTwoOnBadInput) {
  EXPECT_EQ(run("microcred check-profile -", "[1,2]").exit_code, 2);
  EXPECT_EQ(run("microcred check-profile -", R"({"a":1,"a":2})").exit_code, 2);
  EXPECT_EQ(run("microcred check-profile /nonexistent.json").exit_code, 2);
}

TEST(CliMicroCredentialBuild, BuildsACompleteMicroCredential) {
  auto r =
      run("microcred microcredential build " + bench_data("ob3-microcredential-eu.input.json") +
          " | microcred check-profile --json -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"complete\":true,", 0), 0u) << r.out;
}

TEST(CliMicroCredentialBuild, NamesTheBadFieldAndExitsTwo) {
  auto r = run("microcred microcredential build -", R"({"title":"T","ects":75})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("<stdin>:/learner"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace microcred
