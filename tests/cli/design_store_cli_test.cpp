// `microcred design import` and `design export` against a store (#6): the database is seeded
// here through the store, then the commands run as an operator would run them.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <boost/json.hpp>

#include "store/design_records.h"
#include "store/institutions.h"
#include "store/store.h"
#include "store/users.h"
#include "support/run.h"
#include "support/sample_data.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

using support::run;

std::string example(const char* file) {
  return (support::source_dir() / "examples" / "designs" / file).string();
}

// The design id in "FILE: created design ID version N (STATUS), sha256 HEX".
std::string id_in(const std::string& out) {
  auto start = out.find(" design ");
  if (start == std::string::npos) return "";
  start += 8;
  return out.substr(start, out.find(' ', start) - start);
}

class CliDesignStore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    dir_ = std::filesystem::temp_directory_path() /
           ("microcred-cli-design-" + std::to_string(device()));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "db.sqlite").string();
    auto store = store::open_store(url_);
    ASSERT_TRUE(store) << store.error().message;
    auto seeded = (*store)->transaction([](store::Transaction& tx) -> Result<void> {
      for (const char* id : {"a", "b"})
        if (auto r = store::insert_institution(tx, support::sample_institution(id)); !r) return r;
      for (const char* user : {"ana", "quinn", "bob"})
        if (auto r = store::insert_user(tx, support::sample_user(user)); !r) return r;
      if (auto r = store::grant_role(tx, "a", "ana", domain::Role::designer); !r) return r;
      if (auto r = store::grant_role(tx, "a", "quinn", domain::Role::qa); !r) return r;
      return store::grant_role(tx, "b", "bob", domain::Role::designer);
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string db() const { return " --db " + url_ + " "; }

  support::RunResult import(const std::string& file, const std::string& extra = "") {
    return run("microcred design import" + db() + "--institution a --as ana " + extra + " " + file);
  }

  std::filesystem::path dir_;
  std::string url_;
};

TEST_F(CliDesignStore, ImportsAndExportsEveryExample) {
  for (const char* file :
       {"kuleuven-chip-design.json", "ouc-blended-intensive-programme.json",
        "ouc-masters-module.json", "uoc-spain-online-6ects.json", "uab-consortium-joint.json"}) {
    SCOPED_TRACE(file);
    auto imported = import(example(file));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find(": created design "), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find(" version 1 (draft), sha256 "), std::string::npos);
    const auto id = id_in(imported.out);
    ASSERT_EQ(id.size(), 36u) << imported.out;
    auto exported = run("microcred design export" + db() + "--institution a " + id);
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    // The same design: the export checks as the file does and reads back to the same JSON.
    auto original = boost::json::parse(support::read_file(example(file)));
    EXPECT_EQ(boost::json::parse(exported.out), original);
    auto check = run("microcred design check -", exported.out);
    EXPECT_EQ(check.exit_code, 0) << check.out;
  }
}

TEST_F(CliDesignStore, ImportsNewContentOfADesignAndExportsAVersionToAFile) {
  auto first = import(example("kuleuven-chip-design.json"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto id = id_in(first.out);
  auto second = import(example("ouc-masters-module.json"), "--design " + id);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(": updated design " + id + " version 1 (draft)"), std::string::npos)
      << second.out;
  const auto out = (dir_ / "v1.json").string();
  auto exported = run("microcred design export" + db() +
                      "--institution a --as quinn --version 1 --out " + out + " " + id);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(boost::json::parse(support::read_file(out)),
            boost::json::parse(support::read_file(example("ouc-masters-module.json"))));
}

TEST_F(CliDesignStore, RefusesAFileThatIsNotADesignNamingTheField) {
  auto r = run("microcred design import" + db() + "--institution a --as ana -",
               R"({"format":"microcred-design/1","ects":"six"})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("microcred: <stdin>:/ects: "), std::string::npos) << r.err;
  auto listed = store::open_store(url_);
  ASSERT_TRUE(listed);
  auto designs = (*listed)->transaction(
      [](store::Transaction& tx) { return store::list_design_records(tx, "a"); });
  ASSERT_TRUE(designs);
  EXPECT_TRUE(designs->empty());
}

TEST_F(CliDesignStore, RefusesAnAccountWithoutTheRightRole) {
  for (const char* user : {"quinn", "bob", "nobody"}) {
    SCOPED_TRACE(user);
    auto r = run("microcred design import" + db() + "--institution a --as " + std::string(user) +
                 " " + example("kuleuven-chip-design.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(r.err.empty());
  }
  auto forbidden = run("microcred design import" + db() + "--institution a --as quinn " +
                       example("kuleuven-chip-design.json"));
  EXPECT_NE(forbidden.err.find("design_edit in institution \"a\" needs the role designer"),
            std::string::npos)
      << forbidden.err;
}

TEST_F(CliDesignStore, KeepsAnotherInstitutionsDesignsOut) {
  auto imported = import(example("kuleuven-chip-design.json"));
  ASSERT_EQ(imported.exit_code, 0);
  const auto id = id_in(imported.out);
  auto as_b = run("microcred design export" + db() + "--institution b " + id);
  EXPECT_EQ(as_b.exit_code, 2);
  EXPECT_NE(as_b.err.find("no design \"" + id + "\""), std::string::npos) << as_b.err;
  auto bob = run("microcred design export" + db() + "--institution a --as bob " + id);
  EXPECT_EQ(bob.exit_code, 2);
  EXPECT_NE(bob.err.find("design_read in institution \"a\""), std::string::npos) << bob.err;
  auto overwrite = run("microcred design import" + db() + "--institution b --as bob --design " +
                       id + " " + example("ouc-masters-module.json"));
  EXPECT_EQ(overwrite.exit_code, 2);
}

TEST_F(CliDesignStore, NamesAMissingVersionAndABadDatabase) {
  auto imported = import(example("kuleuven-chip-design.json"));
  ASSERT_EQ(imported.exit_code, 0);
  const auto id = id_in(imported.out);
  auto missing = run("microcred design export" + db() + "--institution a --version 3 " + id);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no version 3 of design"), std::string::npos) << missing.err;
  auto zero = run("microcred design export" + db() + "--institution a --version 0 " + id);
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("--version"), std::string::npos) << zero.err;
  auto bad = run("microcred design export --db mysql://x --institution a " + id);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--db"), std::string::npos) << bad.err;
  auto usage = run("microcred design import --institution a --as ana x.json");
  EXPECT_EQ(usage.exit_code, 2);
}

}  // namespace
}  // namespace microcred
