// The hostile-input corpus (tests/vc/corpus, made by make-corpus.py): each case must get
// the answer recorded in expected.json from `microcred verify` (#5).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/run.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

namespace bj = boost::json;

TEST(HostileCorpus, EveryCaseGetsItsExpectedAnswer) {
  auto corpus = support::source_dir() / "tests" / "vc" / "corpus";
  auto expected = json::parse(support::read_file(corpus / "expected.json"));
  ASSERT_TRUE(expected) << expected.error().message;
  const std::string at(expected->at("verify_at").as_string());
  int cases = 0;
  for (const auto& entry : expected->at("cases").as_array()) {
    const auto& c = entry.as_object();
    const std::string file(c.at("file").as_string());
    SCOPED_TRACE(file + ": " + std::string(c.at("why").as_string()));
    std::string command = "microcred verify --json --at " + at;
    for (const auto& list : c.at("status_lists").as_array()) {
      command += " --status-list '" + (corpus / std::string(list.as_string())).string() + "'";
    }
    // Presentations: what the verifier expects (--challenge, --domain, --allow-unsigned).
    if (const auto* args = c.if_contains("args")) {
      for (const auto& arg : args->as_array())
        command += " '" + std::string(arg.as_string()) + "'";
    }
    command += " '" + (corpus / file).string() + "'";
    auto r = support::run(command);
    EXPECT_EQ(r.exit_code, c.at("exit").as_int64()) << r.out << r.err;
    if (c.at("exit").as_int64() == 2) {
      EXPECT_FALSE(r.err.empty()) << "a refusal must say why";
    } else if (c.at("failed_check").is_string()) {
      auto report = json::parse(r.out);
      ASSERT_TRUE(report) << r.out;
      bool named = false;
      for (const auto& check : report->at("checks").as_array()) {
        if (!check.at("ok").as_bool() && check.at("check") == c.at("failed_check")) named = true;
      }
      EXPECT_TRUE(named) << "expected the failed check " << c.at("failed_check") << ": " << r.out;
    }
    ++cases;
  }
  EXPECT_GE(cases, 30);
  std::printf("hostile-corpus: %d cases run\n", cases);
}

}  // namespace
}  // namespace microcred
