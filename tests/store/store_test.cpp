#include "store/store.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/audit.h"
#include "store/detail/connection.h"
#include "store/institutions.h"
#include "store/postgres/postgres_connection.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_now;
using support::sample_user;

class Storage : public support::StoreTest {};
MICROCRED_ON_BOTH_BACKENDS(Storage);

Result<std::int64_t> count_rows(microcred::store::Store& store, const std::string& table) {
  return store.transaction([&](Transaction& tx) -> Result<std::int64_t> {
    auto rows = detail::run(tx, "SELECT COUNT(*) FROM " + table);
    if (!rows) return rows.error();
    return detail::to_int(rows->rows.at(0).at(0), "count");
  });
}

TEST_P(Storage, OpensWithTheLatestSchema) {
  EXPECT_EQ(store_->backend(), GetParam());
  EXPECT_EQ(store_->schema_version(), latest_schema_version(GetParam()));
  EXPECT_GE(store_->schema_version(), 1);
}

TEST_P(Storage, AppliesMigrationsOnlyOnce) {
  store_.reset();
  auto again = db_->open();
  auto third = db_->open();
  EXPECT_EQ(third->schema_version(), latest_schema_version(GetParam()));
  auto recorded = count_rows(*third, "schema_migrations");
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_EQ(*recorded, latest_schema_version(GetParam()));
}

TEST_P(Storage, RefusesADatabaseFromANewerMicrocred) {
  auto bumped = store_->transaction([&](Transaction& tx) -> Result<void> {
    auto rows = detail::run(tx,
                            "INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (?, 'from the future', 0)",
                            {std::int64_t{latest_schema_version(GetParam()) + 1}});
    if (!rows) return rows.error();
    return {};
  });
  ASSERT_TRUE(bumped) << bumped.error().message;
  store_.reset();
  auto opened = open_store(db_->url());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::storage_error);
  EXPECT_NE(opened.error().message.find("newer than this microcred"), std::string::npos)
      << opened.error().message;
}

TEST_P(Storage, RefusesAnUnknownUrl) {
  auto opened = open_store("mysql://localhost/db");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(opened.error().field, "url");
}

TEST_P(Storage, CommitsASuccessfulTransaction) {
  auto written = store_->transaction([](Transaction& tx) -> Result<void> {
    auto first = insert_institution(tx, sample_institution("a"));
    if (!first) return first;
    return insert_institution(tx, sample_institution("b"));
  });
  ASSERT_TRUE(written) << written.error().message;
  auto count = count_rows(*store_, "institutions");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 2);
}

TEST_P(Storage, RollsBackEverythingWhenATransactionFails) {
  auto written = store_->transaction([](Transaction& tx) -> Result<void> {
    auto first = insert_institution(tx, sample_institution("a"));
    if (!first) return first;
    auto user = insert_user(tx, sample_user("u1"));
    if (!user) return user;
    return insert_institution(tx, sample_institution("a"));  // duplicate: fails
  });
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::conflict);
  EXPECT_EQ(*count_rows(*store_, "institutions"), 0);
  EXPECT_EQ(*count_rows(*store_, "users"), 0);
}

TEST_P(Storage, RollsBackWhenTheWorkThrows) {
  EXPECT_THROW((void)store_->transaction([](Transaction& tx) -> Result<void> {
    (void)insert_institution(tx, sample_institution("a"));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(*count_rows(*store_, "institutions"), 0);
  // The connection went back to the pool in a usable state.
  auto written = store_->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("b")); });
  EXPECT_TRUE(written);
}

TEST_P(Storage, GivesBackTheValueOfATransaction) {
  auto name = store_->transaction([](Transaction& tx) -> Result<std::string> {
    auto inserted = insert_institution(tx, sample_institution("a"));
    if (!inserted) return inserted.error();
    auto found = find_institution(tx, "a");
    if (!found) return found.error();
    return found->name;
  });
  ASSERT_TRUE(name);
  EXPECT_EQ(*name, "University a");
}

TEST_P(Storage, HasFullTextSearch) {
  auto searched = store_->transaction([&](Transaction& tx) -> Result<std::int64_t> {
    if (tx.backend() == Backend::sqlite) {
      auto made = tx.connection().execute_script(
          "CREATE VIRTUAL TABLE temp.probe USING fts5(body);"
          "INSERT INTO temp.probe (body) VALUES ('chip design for industry');");
      if (!made) return made.error();
      auto rows = detail::run(tx, "SELECT COUNT(*) FROM temp.probe WHERE probe MATCH ?",
                              {std::string("design")});
      if (!rows) return rows.error();
      return detail::to_int(rows->rows.at(0).at(0), "count");
    }
    auto rows = detail::run(tx,
                            "SELECT COUNT(*) FROM (SELECT 1 WHERE to_tsvector('english', "
                            "'chip design for industry') @@ plainto_tsquery('english', ?)) t",
                            {std::string("design")});
    if (!rows) return rows.error();
    return detail::to_int(rows->rows.at(0).at(0), "count");
  });
  ASSERT_TRUE(searched) << searched.error().message;
  EXPECT_EQ(*searched, 1);
}

TEST_P(Storage, TakesConcurrentWritesFromSeveralThreads) {
  constexpr int threads = 4;
  constexpr int writes_per_thread = 25;
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); }));
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < writes_per_thread; ++i) {
        auto id = "u" + std::to_string(t) + "_" + std::to_string(i);
        auto written = store_->transaction([&](Transaction& tx) -> Result<void> {
          auto user = insert_user(tx, sample_user(id));
          if (!user) return user;
          auto role = grant_role(tx, "a", id, domain::Role::designer);
          if (!role) return role;
          auto event = append_audit_event(tx, {.institution_id = "a",
                                               .actor = id,
                                               .action = "user.create",
                                               .object_type = "user",
                                               .object_id = id,
                                               .at = sample_now});
          if (!event) return event.error();
          return {};
        });
        if (!written) {
          ++failures;
          ADD_FAILURE() << written.error().message;
        }
      }
    });
  }
  for (auto& worker : workers)
    worker.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*count_rows(*store_, "users"), threads * writes_per_thread);
  EXPECT_EQ(*count_rows(*store_, "role_grants"), threads * writes_per_thread);
  EXPECT_EQ(*count_rows(*store_, "audit_events"), threads * writes_per_thread);
}

TEST_P(Storage, QueuesTransactionsWhenEveryConnectionIsBusy) {
  auto small = db_->open({.max_connections = 2});
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 6; ++t) {
    workers.emplace_back([&, t] {
      auto id = "q" + std::to_string(t);
      auto written =
          small->transaction([&](Transaction& tx) { return insert_user(tx, sample_user(id)); });
      if (!written) ++failures;
    });
  }
  for (auto& worker : workers)
    worker.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*count_rows(*small, "users"), 6);
}

TEST_P(Storage, MigratesOnceWhenSeveralServersStartTogether) {
  support::TestDatabase fresh(GetParam());
  std::vector<std::thread> starters;
  std::atomic<int> failures{0};
  for (int i = 0; i < 3; ++i) {
    starters.emplace_back([&] {
      auto opened = open_store(fresh.url());
      if (!opened) {
        ++failures;
        ADD_FAILURE() << opened.error().message;
      }
    });
  }
  for (auto& starter : starters)
    starter.join();
  EXPECT_EQ(failures.load(), 0);
  auto store = fresh.open();
  EXPECT_EQ(*count_rows(*store, "schema_migrations"), latest_schema_version(GetParam()));
}

TEST_P(Storage, ReplacesAConnectionTheServerDropped) {
  if (GetParam() != Backend::postgres) GTEST_SKIP() << "only a server can drop a connection";
  auto single = db_->open({.max_connections = 1});
  auto dropped = single->transaction([](Transaction& tx) -> Result<void> {
    auto rows = detail::run(tx, "SELECT pg_terminate_backend(pg_backend_pid())");
    if (!rows) return rows.error();
    return {};
  });
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error().code, ErrorCode::storage_error);
  auto written = single->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); });
  EXPECT_TRUE(written) << written.error().message;
}

TEST(PostgresPlaceholders, NumbersQuestionMarksOutsideQuotes) {
  EXPECT_EQ(postgres::number_placeholders("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2");
  EXPECT_EQ(postgres::number_placeholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
}

TEST(StoreMemory, KeepsOneInMemoryDatabaseAcrossTransactions) {
  auto opened = open_store("sqlite::memory:");
  ASSERT_TRUE(opened) << opened.error().message;
  auto& store = **opened;
  ASSERT_TRUE(store.transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); }));
  auto found = store.transaction([](Transaction& tx) { return find_institution(tx, "a"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->country, "ES");
}

TEST(StoreOpen, ReportsADatabaseThatCannotBeOpened) {
  auto opened = open_store("sqlite:/nonexistent-dir/sub/db.sqlite");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::storage_error);
  auto refused = open_store("postgresql://127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::storage_error);
}

}  // namespace
}  // namespace microcred::store
