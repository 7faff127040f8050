// The `microcred` binary's general behaviour and the `jcs` command, run as a user would.
#include <gtest/gtest.h>

#include "support/run.h"

namespace microcred {
namespace {

using support::run;

TEST(CliJcs, CanonicalizesTheIssueExample) {
  auto r = run("microcred jcs -", R"({"b":1,"a":[1e21,0.1,-0,"\u20ac",1E-7]})");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"a\":[1e+21,0.1,0,\"\xe2\x82\xac\",1e-7],\"b\":1}");
}

TEST(CliJcs, RejectsDuplicateKeysWithExitTwo) {
  auto r = run("microcred jcs -", R"({"a":1,"a":2})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "microcred: <stdin>:1:8: duplicate key \"a\"\n");
}

TEST(CliJcs, NamesTheFileAndPositionOfASyntaxError) {
  auto r =
      run("printf '{\\n  \"a\": tru }' > /tmp/microcred-bad.json && microcred jcs "
          "/tmp/microcred-bad.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("microcred: /tmp/microcred-bad.json:2:", 0), 0u) << r.err;
}

TEST(CliJcs, ReportsAMissingFile) {
  auto r = run("microcred jcs /nonexistent/file.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/file.json"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("microcred").exit_code, 2);
  EXPECT_EQ(run("microcred no-such-command").exit_code, 2);
  EXPECT_EQ(run("microcred jcs").exit_code, 2);
}

TEST(Cli, HelpAndVersionExitZero) {
  auto help = run("microcred --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("jcs"), std::string::npos);
  auto version = run("microcred version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("microcred ", 0), 0u);
}

}  // namespace
}  // namespace microcred
