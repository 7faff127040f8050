// The public catalogue at scale (#6): imports generated published designs (100,000 by
// default) through service::index_published_design, then times a mixed workload of search
// and filter queries (1,000 by default), one transaction each as the API runs them, and
// prints the import time and the latency percentiles.
//
//   build/bench/catalogue_bench                                   # SQLite file in /tmp
//   scripts/with-postgres build/bench/catalogue_bench --db postgres   # the server it starts
//   build/bench/catalogue_bench --db postgresql://... --designs 10000 --queries 500
//
// bench/catalogue.sh runs both; bench/README.md records the figures.
#include <libpq-fe.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "service/catalogue.h"
#include "store/catalogue.h"
#include "store/design_records.h"
#include "store/institutions.h"
#include "support/catalogue_data.h"

namespace microcred {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string db = "sqlite";  // sqlite, postgres, or a URL
  std::size_t designs = 100'000;
  std::size_t queries = 1'000;
  std::size_t institutions = 200;
  std::size_t warmup = 100;
  std::size_t batch = 1'000;
  std::uint64_t seed = 2026;
  bool keep = false;
};

int usage(const char* message) {
  std::fprintf(stderr,
               "catalogue_bench: %s\nusage: catalogue_bench [--db sqlite|sqlite:PATH|postgres|"
               "postgresql://...] [--designs N] [--queries N] [--institutions N] [--warmup N] "
               "[--seed N] [--keep]\n",
               message);
  return 2;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread in ms: on SQLite, all the work a query does, whatever else the
// machine is running (on PostgreSQL the server's work is not in it).
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Runs one statement on a PostgreSQL server outside any store; "" on success.
std::string admin(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(connection) != CONNECTION_OK) {
    error = PQerrorMessage(connection);
  } else {
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(connection);
  return error;
}

double percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

int run(const Options& options) {
  // A fresh database: an SQLite file in /tmp, or a schema of its own on the server.
  std::string url, sqlite_path, server, schema;
  if (options.db == "sqlite" || options.db.starts_with("sqlite:")) {
    sqlite_path = options.db == "sqlite"
                      ? "/tmp/microcred-catalogue-bench-" + std::to_string(::getpid()) + ".db"
                      : options.db.substr(7);
    if (std::filesystem::exists(sqlite_path)) {
      return usage(("database file " + sqlite_path + " exists; give a new path").c_str());
    }
    url = "sqlite:" + sqlite_path;
  } else {
    server = options.db == "postgres" ? std::string(getenv("MICROCRED_TEST_POSTGRES_URL")
                                                        ? getenv("MICROCRED_TEST_POSTGRES_URL")
                                                        : "")
                                      : options.db;
    if (server.empty()) {
      return usage("--db postgres needs MICROCRED_TEST_POSTGRES_URL (scripts/with-postgres)");
    }
    schema = "catalogue_bench_" + std::to_string(::getpid());
    if (auto e = admin(server, "CREATE SCHEMA " + schema); !e.empty()) {
      std::fprintf(stderr, "catalogue_bench: cannot create a schema: %s\n", e.c_str());
      return 1;
    }
    url = server + (server.find('?') == std::string::npos ? "?" : "&") +
          "options=-csearch_path%3D" + schema;
  }
  struct Cleanup {
    std::string sqlite_path, server, schema;
    bool keep;
    ~Cleanup() {
      if (keep) return;
      if (!sqlite_path.empty()) {
        std::error_code ignored;
        for (auto suffix : {"", "-wal", "-shm"})
          std::filesystem::remove(sqlite_path + suffix, ignored);
      }
      if (!schema.empty()) (void)admin(server, "DROP SCHEMA " + schema + " CASCADE");
    }
  } cleanup{sqlite_path, server, schema, options.keep};

  auto opened = store::open_store(url);
  if (!opened) {
    std::fprintf(stderr, "catalogue_bench: %s\n", opened.error().message.c_str());
    return 1;
  }
  auto& store = **opened;
  std::printf("catalogue bench: %s, %zu designs of %zu institutions, %zu queries, seed %llu\n",
              std::string(store::to_string(store.backend())).c_str(), options.designs,
              options.institutions, options.queries, static_cast<unsigned long long>(options.seed));

  // Import: institutions, then each design's record (its JSON) and catalogue entry, in
  // transactions of `batch` designs.
  auto import_start = Clock::now();
  double import_cpu_start = cpu_ms();
  auto made = store.transaction([&](store::Transaction& tx) -> Result<void> {
    for (std::size_t i = 0; i < options.institutions; ++i) {
      auto inst = support::generated_institution(i);
      auto added = store::insert_institution(
          tx, {.id = inst.id, .name = inst.name, .country = inst.country, .created_at = {}});
      if (!added) return added;
    }
    return {};
  });
  if (!made) {
    std::fprintf(stderr, "catalogue_bench: %s\n", made.error().message.c_str());
    return 1;
  }
  double generate_ms = 0;
  for (std::size_t first = 0; first < options.designs; first += options.batch) {
    std::size_t last = std::min(options.designs, first + options.batch);
    auto generate_start = Clock::now();
    std::vector<support::GeneratedDesign> designs;
    std::vector<std::string> json;
    for (std::size_t n = first; n < last; ++n) {
      designs.push_back(support::generated_design(options.seed, n, options.institutions));
      json.push_back(boost::json::serialize(domain::to_json(designs.back().design)));
    }
    generate_ms += ms_since(generate_start);
    auto imported = store.transaction([&](store::Transaction& tx) -> Result<void> {
      for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& g = designs[i];
        auto record = store::insert_design_record(tx, g.institution,
                                                  {.id = g.id,
                                                   .institution_id = g.institution,
                                                   .version = 1,
                                                   .status = "published",
                                                   .json = json[i],
                                                   .created_at = g.published_at,
                                                   .updated_at = g.published_at});
        if (!record) return record;
        auto indexed = service::index_published_design(tx, g.institution, g.id, 1, g.design);
        if (!indexed) return indexed;
      }
      return {};
    });
    if (!imported) {
      std::fprintf(stderr, "catalogue_bench: import: %s\n", imported.error().message.c_str());
      return 1;
    }
  }
  double import_ms = ms_since(import_start) - generate_ms;
  double import_cpu_ms = cpu_ms() - import_cpu_start - generate_ms;
  std::printf(
      "import: %zu designs in %.1f s (%.0f designs/s; record + catalogue entry each, "
      "batches of %zu; generating them took another %.1f s, not counted)\n",
      options.designs, import_ms / 1000, static_cast<double>(options.designs) / (import_ms / 1000),
      options.batch, generate_ms / 1000);
  std::printf("import CPU time of this process: %.1f s\n", import_cpu_ms / 1000);
  std::fflush(stdout);

  auto search = [&](const store::CatalogueQuery& q) {
    return store.transaction(
        [&](store::Transaction& tx) { return store::search_catalogue(tx, q); });
  };
  for (std::size_t n = 0; n < options.warmup; ++n) {
    auto q = support::generated_query(options.seed + 1, n, options.institutions);
    if (auto page = search(q); !page) {
      std::fprintf(stderr, "catalogue_bench: %s\n", page.error().message.c_str());
      return 1;
    }
  }

  struct Timed {
    double ms;
    double cpu_ms;
    std::size_t index;
    std::size_t hits;
  };
  std::vector<Timed> timed;
  std::vector<double> text_ms, filter_ms, next_page_ms, cpu;
  std::size_t total_hits = 0, empty = 0;
  auto workload_start = Clock::now();
  for (std::size_t n = 0; n < options.queries; ++n) {
    auto q = support::generated_query(options.seed, n, options.institutions);
    auto start = Clock::now();
    double cpu_start = cpu_ms();
    auto page = search(q);
    double ms = ms_since(start);
    cpu.push_back(cpu_ms() - cpu_start);
    if (!page) {
      std::fprintf(stderr, "catalogue_bench: query %zu (%s): %s\n", n, support::describe(q).c_str(),
                   page.error().message.c_str());
      return 1;
    }
    timed.push_back({ms, cpu.back(), n, page->hits.size()});
    (q.text.empty() ? filter_ms : text_ms).push_back(ms);
    total_hits += page->hits.size();
    if (page->hits.empty()) ++empty;
    // Every tenth query also fetches its second page, as a user paging on would.
    if (n % 10 == 0 && !page->next_cursor.empty()) {
      q.cursor = page->next_cursor;
      auto next_start = Clock::now();
      auto next = search(q);
      next_page_ms.push_back(ms_since(next_start));
      if (!next) {
        std::fprintf(stderr, "catalogue_bench: next page: %s\n", next.error().message.c_str());
        return 1;
      }
    }
  }
  double workload_ms = ms_since(workload_start);
  std::vector<double> all;
  for (const auto& t : timed)
    all.push_back(t.ms);
  auto summary = [](const char* name, std::vector<double> values) {
    std::sort(values.begin(), values.end());
    if (values.empty()) return;
    double sum = 0;
    for (double v : values)
      sum += v;
    std::printf(
        "%-22s n=%-5zu p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  mean %6.2f ms\n",
        name, values.size(), percentile(values, 50), percentile(values, 90), percentile(values, 99),
        values.back(), sum / static_cast<double>(values.size()));
  };
  summary("queries (all)", all);
  summary("  with text", text_ms);
  summary("  filters only", filter_ms);
  summary("  second pages", next_page_ms);
  summary("CPU time (this thread)", cpu);
  std::printf("hits: %zu in %zu queries (%zu found nothing); workload %.1f s\n", total_hits,
              options.queries, empty, workload_ms / 1000);
  std::sort(timed.begin(), timed.end(), [](const Timed& a, const Timed& b) { return a.ms > b.ms; });
  auto slowest = [&](const char* title) {
    std::printf("%s\n", title);
    for (std::size_t i = 0; i < std::min<std::size_t>(5, timed.size()); ++i) {
      auto q = support::generated_query(options.seed, timed[i].index, options.institutions);
      std::printf("  %7.2f ms (CPU %6.2f ms)  %zu hits  %s\n", timed[i].ms, timed[i].cpu_ms,
                  timed[i].hits, support::describe(q).c_str());
    }
  };
  slowest("slowest:");
  std::sort(timed.begin(), timed.end(),
            [](const Timed& a, const Timed& b) { return a.cpu_ms > b.cpu_ms; });
  slowest("most CPU time:");
  std::sort(all.begin(), all.end());
  std::printf("RESULT backend=%s designs=%zu import_s=%.1f queries=%zu p50_ms=%.2f p99_ms=%.2f\n",
              std::string(store::to_string(store.backend())).c_str(), options.designs,
              import_ms / 1000, options.queries, percentile(all, 50), percentile(all, 99));
  return 0;
}

}  // namespace
}  // namespace microcred

int main(int argc, char** argv) {
  microcred::Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    auto number = [&](std::size_t& out) {
      const char* text = value();
      if (!text) return false;
      char* end = nullptr;
      auto parsed = std::strtoull(text, &end, 10);
      if (*end != '\0' || parsed == 0) return false;
      out = parsed;
      return true;
    };
    if (flag == "--db") {
      const char* text = value();
      if (!text) return microcred::usage("--db needs a value");
      options.db = text;
    } else if (flag == "--designs") {
      if (!number(options.designs)) return microcred::usage("--designs needs a number > 0");
    } else if (flag == "--queries") {
      if (!number(options.queries)) return microcred::usage("--queries needs a number > 0");
    } else if (flag == "--institutions") {
      if (!number(options.institutions))
        return microcred::usage("--institutions needs a number > 0");
    } else if (flag == "--warmup") {
      if (!number(options.warmup)) return microcred::usage("--warmup needs a number > 0");
    } else if (flag == "--seed") {
      std::size_t seed = 0;
      if (!number(seed)) return microcred::usage("--seed needs a number > 0");
      options.seed = seed;
    } else if (flag == "--keep") {
      options.keep = true;
    } else {
      return microcred::usage(("unknown flag " + flag).c_str());
    }
  }
  return microcred::run(options);
}
