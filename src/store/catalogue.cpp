#include "store/catalogue.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/encoding.h"
#include "domain/codes.h"
#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;
using detail::Value;

// An entry's columns: the narrow row `e` that filters and sorts, and its document `d`.
constexpr std::string_view entry_columns =
    "e.design_id, e.institution_id, e.version, d.title, d.summary, d.institution_name, "
    "d.learning_outcomes, d.skill_uris, e.eqf_level, e.ects_centi, d.languages, "
    "d.delivery_mode, e.participation_form, e.pacing, e.synchronicity, d.countries, "
    "e.fee_min_cents, d.fee_max_cents, d.currency, e.start_date, e.published_at";

// Sorts open-dated entries after every date (byte order on both backends).
constexpr std::string_view open_start_key = "~";

// Largest ECTS or fee the catalogue keeps (in units, before the * 100).
constexpr double max_amount = 1e12;
constexpr std::size_t max_filter_bytes = 512;

Error invalid(std::string message, std::string field) {
  return make_error(ErrorCode::invalid_argument, std::move(message), std::move(field));
}

// ---------------------------------------------------------------- values as stored

// Lists are kept one item a line; an item's own line breaks become spaces.
std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += '\n';
    for (char c : item)
      out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    auto end = text.find('\n');
    items.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return items;
}

std::string join_terms(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& term : terms) {
    if (!out.empty()) out += ' ';
    out += term;
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// ECTS and fees are kept in hundredths, so that both backends compare integers.
Result<Value> hundredths(std::optional<double> amount, std::string_view field) {
  if (!amount) return Value{};
  if (!std::isfinite(*amount) || *amount < 0 || *amount > max_amount) {
    return invalid(std::string(field) + " must be a number from 0 to 10^12", std::string(field));
  }
  return Value{static_cast<std::int64_t>(std::llround(*amount * 100))};
}

// An amount kept in hundredths, or nothing for NULL.
Result<std::optional<double>> from_hundredths(const std::optional<std::string>& text,
                                              std::string_view column) {
  if (!text) return std::optional<double>{};
  auto value = detail::to_int(text, column);
  if (!value) return value.error();
  return std::optional<double>{static_cast<double>(*value) / 100};
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  int year = std::stoi(std::string(text.substr(0, 4)));
  int month = std::stoi(std::string(text.substr(5, 2)));
  int day = std::stoi(std::string(text.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

// The language keys of an entry: each tag in lower case, and its primary language too, so
// that a search for "en" finds "en-GB".
std::vector<std::string> language_keys(const std::vector<std::string>& languages) {
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (key.empty()) return;
    for (const auto& k : keys)
      if (k == key) return;
    keys.push_back(std::move(key));
  };
  for (const auto& tag : languages) {
    auto key = lower(tag);
    add(key.substr(0, key.find('-')));
    add(std::move(key));
  }
  return keys;
}

std::vector<std::string> unique_nonempty(const std::vector<std::string>& items, bool to_upper) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    auto value = to_upper ? upper(item) : item;
    if (value.empty()) continue;
    bool seen = false;
    for (const auto& o : out)
      seen = seen || o == value;
    if (!seen) out.push_back(std::move(value));
  }
  return out;
}

// Keys as one string, each between spaces (" en en-gb "), so that a filter is one LIKE.
std::string keys_text(const std::vector<std::string>& keys) {
  std::string out = " ";
  for (const auto& key : keys)
    out += key + " ";
  return out;
}

// ---------------------------------------------------------------- the terms of an entry

struct EntryTerms {
  std::vector<std::string> title, outcomes, summary, facets;
};

void add_terms(std::vector<std::string>& field, std::unordered_set<std::string>& seen,
               std::string_view text) {
  for (auto& term : catalogue_terms(text)) {
    if (field.size() >= catalogue_max_field_terms) return;
    if (seen.insert(term).second) field.push_back(std::move(term));
  }
}

// FNV-1a, 64 bits, as 16 hex digits: ties a cursor to its query without needing a secret (a
// forged cursor can only skip results the caller could ask for anyway), and names a facet.
std::string fingerprint_of(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4)
    out[static_cast<std::size_t>(i)] = digits[hash & 0xF];
  return out;
}

// A filter value as one search term of its own: `kind`, "_" and the value's 64-bit FNV-1a
// hash in hex (`lang_af63bd4c8601b7df`), short whatever the value. Text terms never hold "_",
// so a facet never matches a word of a text (nor the reverse), and FTS5 (tokenchars '_') and
// tsvector keep it whole. Two values may share a hash: a facet only narrows the rows, and
// the filter's own condition decides.
std::string facet(std::string_view kind, std::string_view value) {
  return std::string(kind) + "_" + fingerprint_of(value);
}

// The facet terms of an entry: what the filters on languages, countries, EQF level, forms,
// institution and skills match, so that a search can intersect them in the full-text index.
std::vector<std::string> facets_of(const CatalogueEntry& entry) {
  std::vector<std::string> out;
  for (const auto& key : language_keys(entry.languages))
    out.push_back(facet("lang", key));
  for (const auto& country : unique_nonempty(entry.countries, true))
    out.push_back(facet("country", country));
  if (entry.eqf_level) out.push_back(facet("eqf", std::to_string(*entry.eqf_level)));
  if (!entry.participation_form.empty()) out.push_back(facet("form", entry.participation_form));
  if (!entry.pacing.empty()) out.push_back(facet("pacing", entry.pacing));
  if (!entry.synchronicity.empty()) out.push_back(facet("sync", entry.synchronicity));
  out.push_back(facet("inst", entry.institution_id));
  for (const auto& skill : unique_nonempty(entry.skill_uris, false))
    out.push_back(facet("skill", skill));
  return out;
}

EntryTerms terms_of(const CatalogueEntry& entry) {
  EntryTerms terms;
  std::unordered_set<std::string> title, outcomes, summary;
  add_terms(terms.title, title, entry.title);
  for (const auto& outcome : entry.learning_outcomes)
    add_terms(terms.outcomes, outcomes, outcome);
  for (const auto& skill : entry.skill_uris)
    add_terms(terms.outcomes, outcomes, skill);
  add_terms(terms.summary, summary, entry.summary);
  terms.facets = facets_of(entry);
  return terms;
}

// `terms` as a tsvector in PostgreSQL's text form, without positions (`'data' 'science'`).
// Terms are letters, digits and "_" only, so they need no escaping; PostgreSQL sorts them and
// drops repeats.
std::string tsvector_of(std::initializer_list<const std::vector<std::string>*> fields) {
  std::string out;
  for (const auto* field : fields) {
    for (const auto& term : *field) {
      if (!out.empty()) out += ' ';
      out += '\'' + term + '\'';
    }
  }
  return out;
}

// ---------------------------------------------------------------- queries

enum class Sort { relevance, newest, start_date };

struct Cursor {
  std::string key;  // score, publication seconds, or start date
  std::string design_id;
};

// The validated form of a query.
struct Plan {
  std::vector<std::string> terms;
  std::vector<std::string> facets;  // the filters that are facets of the full-text index
  Sort sort = Sort::newest;
  std::string sort_name;
  std::string language, country;
  std::optional<Value> ects_min, ects_max, fee_min, fee_max;
  std::optional<Cursor> after;
  std::string fingerprint;
};

std::string describe_number(double value) {
  std::string text = std::to_string(value);
  while (text.size() > 1 && text.back() == '0')
    text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Result<void> check_range(const std::optional<double>& min, const std::optional<double>& max,
                         const std::string& min_field, const std::string& max_field) {
  for (const auto& [value, field] : {std::pair{min, min_field}, std::pair{max, max_field}}) {
    if (value && (!std::isfinite(*value) || *value < 0 || *value > max_amount)) {
      return invalid(field + " must be a number from 0 to 10^12, got " + describe_number(*value),
                     field);
    }
  }
  if (min && max && *min > *max) {
    return invalid(min_field + " " + describe_number(*min) + " is above " + max_field + " " +
                       describe_number(*max),
                   min_field);
  }
  return {};
}

Result<void> check_choice(const std::string& value, std::initializer_list<std::string_view> allowed,
                          const std::string& field) {
  if (value.empty()) return {};
  std::string list;
  for (auto a : allowed) {
    if (value == a) return {};
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return invalid(field + " must be one of " + list + ", got \"" + value + "\"", field);
}

Result<Cursor> decode_cursor(const std::string& text, const Plan& plan) {
  auto bad = [] {
    return invalid("cursor is not a next_cursor this catalogue gave out", "cursor");
  };
  if (text.size() > 2'048) return bad();
  auto bytes = base64url_decode(text);
  if (!bytes) return bad();
  // "c1", sort, fingerprint and key, one a line, then the design id (whatever it holds).
  std::string_view rest(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  std::vector<std::string> parts;
  for (int i = 0; i < 4; ++i) {
    auto end = rest.find('\n');
    if (end == std::string_view::npos) return bad();
    parts.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  }
  parts.emplace_back(rest);
  if (parts[0] != "c1") return bad();
  if (parts[1] != plan.sort_name || parts[2] != plan.fingerprint) {
    return invalid("cursor belongs to another query; start again without it", "cursor");
  }
  if (parts[4].empty()) return bad();
  if (plan.sort != Sort::start_date) {
    auto number = detail::to_int(parts[3], "cursor");
    if (!number) return bad();
  } else if (parts[3] != open_start_key && !is_date(parts[3])) {
    return bad();
  }
  return Cursor{parts[3], parts[4]};
}

std::string encode_cursor(const Plan& plan, const Cursor& cursor) {
  std::string text = "c1\n" + plan.sort_name + "\n" + plan.fingerprint + "\n" + cursor.key + "\n" +
                     cursor.design_id;
  return base64url_encode(as_bytes(text));
}

Result<Plan> plan_of(const CatalogueQuery& query) {
  Plan plan;
  if (query.text.size() > catalogue_max_text_bytes) {
    return invalid("text is " + std::to_string(query.text.size()) + " bytes; at most " +
                       std::to_string(catalogue_max_text_bytes) + " are searched",
                   "text");
  }
  plan.terms = catalogue_terms(query.text);
  bool blank = true;
  for (char c : query.text)
    blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (!blank && plan.terms.empty()) {
    return invalid("text \"" + query.text +
                       "\" has no words to search for (common words such as \"the\" are left out)",
                   "text");
  }
  if (plan.terms.size() > catalogue_max_query_terms) {
    return invalid("text has " + std::to_string(plan.terms.size()) + " different words; at most " +
                       std::to_string(catalogue_max_query_terms) + " are searched",
                   "text");
  }
  if (query.eqf_level && (*query.eqf_level < 1 || *query.eqf_level > 8)) {
    return invalid("eqf_level must be 1-8, got " + std::to_string(*query.eqf_level), "eqf_level");
  }
  if (auto r = check_range(query.ects_min, query.ects_max, "ects_min", "ects_max"); !r)
    return r.error();
  if (auto r = check_range(query.fee_min, query.fee_max, "fee_min", "fee_max"); !r)
    return r.error();
  auto ects_min = hundredths(query.ects_min, "ects_min");
  auto ects_max = hundredths(query.ects_max, "ects_max");
  auto fee_min = hundredths(query.fee_min, "fee_min");
  auto fee_max = hundredths(query.fee_max, "fee_max");
  if (query.ects_min) plan.ects_min = *ects_min;
  if (query.ects_max) plan.ects_max = *ects_max;
  if (query.fee_min) plan.fee_min = *fee_min;
  if (query.fee_max) plan.fee_max = *fee_max;
  if (!query.language.empty()) {
    if (!domain::is_language_tag(query.language)) {
      return invalid("language \"" + query.language + "\" is not a BCP 47 tag (\"en\", \"pt-BR\")",
                     "language");
    }
    plan.language = lower(query.language);
  }
  if (!query.country.empty()) {
    plan.country = upper(query.country);
    if (!domain::is_country_code(plan.country)) {
      return invalid("country \"" + query.country + "\" is not an ISO 3166-1 alpha-2 code (\"ES\")",
                     "country");
    }
  }
  for (const auto& [value, field] :
       {std::pair{&query.institution, "institution"}, std::pair{&query.skill, "skill"}}) {
    if (value->size() > max_filter_bytes) {
      return invalid(
          std::string(field) + " is longer than " + std::to_string(max_filter_bytes) + " bytes",
          field);
    }
  }
  if (auto r = check_choice(query.participation_form, {"online", "onsite", "blended", "hybrid"},
                            "participation_form");
      !r)
    return r.error();
  if (auto r = check_choice(query.pacing, {"cohort", "self_paced"}, "pacing"); !r) return r.error();
  if (auto r = check_choice(query.synchronicity, {"synchronous", "asynchronous", "mixed"},
                            "synchronicity");
      !r)
    return r.error();
  for (const auto& [value, field] :
       {std::pair{&query.start_from, "start_from"}, std::pair{&query.start_until, "start_until"}}) {
    if (!value->empty() && !is_date(*value)) {
      return invalid(std::string(field) + " must be a date YYYY-MM-DD, got \"" + *value + "\"",
                     field);
    }
  }
  if (!query.start_from.empty() && !query.start_until.empty() &&
      query.start_from > query.start_until) {
    return invalid("start_from " + query.start_from + " is after start_until " + query.start_until,
                   "start_from");
  }
  if (query.sort.empty()) {
    plan.sort = plan.terms.empty() ? Sort::newest : Sort::relevance;
  } else if (query.sort == "relevance") {
    plan.sort = Sort::relevance;
  } else if (query.sort == "newest") {
    plan.sort = Sort::newest;
  } else if (query.sort == "start_date") {
    plan.sort = Sort::start_date;
  } else {
    return invalid("sort must be relevance, newest or start_date, got \"" + query.sort + "\"",
                   "sort");
  }
  // Without words every score is 0: relevance then means newest first.
  if (plan.sort == Sort::relevance && plan.terms.empty()) plan.sort = Sort::newest;
  plan.sort_name = plan.sort == Sort::relevance ? "relevance"
                   : plan.sort == Sort::newest  ? "newest"
                                                : "start_date";
  if (query.limit == 0 || query.limit > catalogue_max_limit) {
    return invalid("limit must be 1-" + std::to_string(catalogue_max_limit) + ", got " +
                       std::to_string(query.limit),
                   "limit");
  }
  // Everything that decides which entries match, in order, and nothing else (not the limit).
  std::string canonical = plan.sort_name + "\n" + join_terms(plan.terms) + "\n";
  auto opt = [](const std::optional<Value>& v) {
    return v ? std::to_string(std::get<std::int64_t>(*v)) : std::string("-");
  };
  canonical += (query.eqf_level ? std::to_string(*query.eqf_level) : "-") + "\n" +
               opt(plan.ects_min) + "\n" + opt(plan.ects_max) + "\n" + opt(plan.fee_min) + "\n" +
               opt(plan.fee_max) + "\n" + plan.language + "\n" + plan.country + "\n" +
               query.institution + "\n" + query.skill + "\n" + query.participation_form + "\n" +
               query.pacing + "\n" + query.synchronicity + "\n" + query.start_from + "\n" +
               query.start_until;
  plan.fingerprint = fingerprint_of(canonical);
  if (!plan.language.empty()) plan.facets.push_back(facet("lang", plan.language));
  if (!plan.country.empty()) plan.facets.push_back(facet("country", plan.country));
  if (query.eqf_level) plan.facets.push_back(facet("eqf", std::to_string(*query.eqf_level)));
  if (!query.participation_form.empty())
    plan.facets.push_back(facet("form", query.participation_form));
  if (!query.pacing.empty()) plan.facets.push_back(facet("pacing", query.pacing));
  if (!query.synchronicity.empty()) plan.facets.push_back(facet("sync", query.synchronicity));
  if (!query.institution.empty()) plan.facets.push_back(facet("inst", query.institution));
  if (!query.skill.empty()) plan.facets.push_back(facet("skill", query.skill));
  if (!query.cursor.empty()) {
    auto cursor = decode_cursor(query.cursor, plan);
    if (!cursor) return cursor.error();
    plan.after = std::move(*cursor);
  }
  return plan;
}

// A statement and its parameters, written together so that the `?`s stay in order.
struct Statement {
  std::string sql;
  std::vector<Value> params;

  Statement& add(std::string_view text) {
    sql += text;
    return *this;
  }
  Statement& bind(Value value) {
    sql += '?';
    params.push_back(std::move(value));
    return *this;
  }
};

// SELECT ... FROM ... WHERE <full text and filters>, giving seq, design_id, published_at,
// start_key and score of each matching entry.
Statement matching(const Plan& plan, const CatalogueQuery& query, Backend backend,
                   const Statement* window = nullptr) {
  Statement s;
  s.add(
      "SELECT e.seq AS seq, e.design_id AS design_id, e.published_at AS published_at, "
      "e.start_key AS start_key, ");
  bool text = !plan.terms.empty();
  // The full-text index drives the search when there is text, and for filters alone once the
  // first entries in sort order did not fill a page (no window) and some filter is a facet.
  bool indexed = text || (!window && !plan.facets.empty());
  if (!indexed) {
    s.add("0 AS score FROM ");
    if (window) {
      s.add("(" + window->sql + ") e");
      s.params.insert(s.params.end(), window->params.begin(), window->params.end());
    } else {
      s.add("catalogue_entries e");
    }
    s.add(" WHERE 1 = 1");
  } else if (backend == Backend::sqlite) {
    s.add(text ? "microcred_score(catalogue_fts, " + std::to_string(catalogue_title_weight) + ", " +
                     std::to_string(catalogue_outcomes_weight) + ", " +
                     std::to_string(catalogue_summary_weight) + ", 0)"
               : std::string("0"));
    s.add(
        " AS score FROM catalogue_fts JOIN catalogue_entries e ON e.seq = catalogue_fts.rowid "
        "WHERE catalogue_fts MATCH ");
    // Each term a quoted phrase: no FTS5 operator can hide in letters, digits and "_".
    std::string match;
    for (const auto* list : {&plan.terms, &plan.facets})
      for (const auto& term : *list)
        match += (match.empty() ? "\"" : " \"") + term + "\"";
    s.bind(match);
  } else {
    // A term scores the weight of the best field it occurs in: title, outcomes, summary.
    s.add("(0");
    for (const auto& term : plan.terms) {
      s.add(" + CASE WHEN v.title_vector @@ CAST(").bind("'" + term + "'");
      s.add(" AS tsquery) THEN " + std::to_string(catalogue_title_weight) +
            " WHEN v.outcome_vector @@ CAST(");
      s.bind("'" + term + "'");
      s.add(" AS tsquery) THEN " + std::to_string(catalogue_outcomes_weight) + " ELSE " +
            std::to_string(catalogue_summary_weight) + " END");
    }
    s.add(
        ") AS score FROM catalogue_entries e JOIN catalogue_vectors v ON v.entry_seq = e.seq "
        "WHERE v.document @@ CAST(");
    std::string all;
    for (const auto* list : {&plan.terms, &plan.facets})
      for (const auto& term : *list)
        all += (all.empty() ? "'" : " & '") + term + "'";
    s.bind(all).add(" AS tsquery)");
  }
  // The filters themselves, also where facets already chose the rows: what they match decides.
  if (query.eqf_level) s.add(" AND e.eqf_level = ").bind(std::int64_t{*query.eqf_level});
  if (plan.ects_min) s.add(" AND e.ects_centi >= ").bind(*plan.ects_min);
  if (plan.ects_max) s.add(" AND e.ects_centi <= ").bind(*plan.ects_max);
  if (plan.fee_min) s.add(" AND e.fee_min_cents >= ").bind(*plan.fee_min);
  if (plan.fee_max) s.add(" AND e.fee_min_cents <= ").bind(*plan.fee_max);
  if (!query.institution.empty()) s.add(" AND e.institution_id = ").bind(query.institution);
  if (!query.participation_form.empty())
    s.add(" AND e.participation_form = ").bind(query.participation_form);
  if (!query.pacing.empty()) s.add(" AND e.pacing = ").bind(query.pacing);
  if (!query.synchronicity.empty()) s.add(" AND e.synchronicity = ").bind(query.synchronicity);
  if (!query.start_from.empty())
    s.add(" AND e.start_date <> '' AND e.start_date >= ").bind(query.start_from);
  if (!query.start_until.empty())
    s.add(" AND e.start_date <> '' AND e.start_date <= ").bind(query.start_until);
  // Language tags and country codes hold no LIKE wildcard (checked in plan_of).
  if (!plan.language.empty()) s.add(" AND e.language_keys LIKE ").bind("% " + plan.language + " %");
  if (!plan.country.empty()) s.add(" AND e.country_keys LIKE ").bind("% " + plan.country + " %");
  if (!query.skill.empty()) {
    s.add(" AND e.seq IN (SELECT k.entry_seq FROM catalogue_skills k WHERE k.skill_uri = ")
        .bind(query.skill)
        .add(")");
  }
  return s;
}

// ORDER BY for columns of `table`, ties by design id.
// `unindexed` (SQLite) keeps the planner from walking the sort key's index.
std::string order_by(Sort sort, std::string_view table, bool unindexed = false) {
  std::string t(table);
  std::string first = (unindexed ? "+" : "") + t;
  switch (sort) {
    case Sort::relevance:
      return first + ".score DESC, " + t + ".design_id";
    case Sort::newest:
      return first + ".published_at DESC, " + t + ".design_id";
    case Sort::start_date:
      return first + ".start_key, " + t + ".design_id";
  }
  return {};
}

// " WHERE <the rows of `table` after the cursor>", in the order `order_by` gives. The first
// comparison only repeats the rest, so that an index on the sort key can start there (unless
// `unindexed`, as in `order_by`).
void add_keyset(Statement& s, const Plan& plan, std::string_view table, bool unindexed = false) {
  const auto& after = *plan.after;
  std::string t(table);
  std::string first = (unindexed ? "+" : "") + t;
  switch (plan.sort) {
    case Sort::relevance:
    case Sort::newest: {
      std::string column = t + (plan.sort == Sort::relevance ? ".score" : ".published_at");
      std::int64_t key = std::stoll(after.key);
      s.add(" WHERE " + first + column.substr(t.size()) + " <= ").bind(key);
      s.add(" AND (" + column + " < ").bind(key);
      s.add(" OR " + t + ".design_id > ").bind(after.design_id).add(")");
      break;
    }
    case Sort::start_date:
      s.add(" WHERE " + first + ".start_key >= ").bind(after.key);
      s.add(" AND (" + t + ".start_key > ").bind(after.key);
      s.add(" OR " + t + ".design_id > ").bind(after.design_id).add(")");
      break;
  }
}

Result<CatalogueEntry> entry_from(const detail::Row& row) {
  CatalogueEntry entry;
  entry.design_id = detail::text_of(row.at(0));
  entry.institution_id = detail::text_of(row.at(1));
  auto version = detail::to_int(row.at(2), "catalogue_entries.version");
  if (!version) return version.error();
  entry.version = static_cast<int>(*version);
  entry.title = detail::text_of(row.at(3));
  entry.summary = detail::text_of(row.at(4));
  entry.institution_name = detail::text_of(row.at(5));
  entry.learning_outcomes = split_lines(detail::text_of(row.at(6)));
  entry.skill_uris = split_lines(detail::text_of(row.at(7)));
  if (row.at(8)) {
    auto eqf = detail::to_int(row.at(8), "catalogue_entries.eqf_level");
    if (!eqf) return eqf.error();
    entry.eqf_level = static_cast<int>(*eqf);
  }
  auto ects = from_hundredths(row.at(9), "catalogue_entries.ects_centi");
  if (!ects) return ects.error();
  entry.ects = *ects;
  entry.languages = split_lines(detail::text_of(row.at(10)));
  entry.delivery_mode = detail::text_of(row.at(11));
  entry.participation_form = detail::text_of(row.at(12));
  entry.pacing = detail::text_of(row.at(13));
  entry.synchronicity = detail::text_of(row.at(14));
  entry.countries = split_lines(detail::text_of(row.at(15)));
  auto fee_min = from_hundredths(row.at(16), "catalogue_entries.fee_min_cents");
  if (!fee_min) return fee_min.error();
  entry.fee_min = *fee_min;
  auto fee_max = from_hundredths(row.at(17), "catalogue_documents.fee_max_cents");
  if (!fee_max) return fee_max.error();
  entry.fee_max = *fee_max;
  entry.currency = detail::text_of(row.at(18));
  entry.start_date = detail::text_of(row.at(19));
  auto published = detail::timestamp_of(row.at(20), "catalogue_entries.published_at");
  if (!published) return published.error();
  entry.published_at = *published;
  return entry;
}

Result<void> check_entry(const CatalogueEntry& entry) {
  if (entry.design_id.empty()) return invalid("a catalogue entry needs a design id", "design_id");
  if (entry.version < 1) return invalid("version must be 1 or more", "version");
  if (entry.title.empty()) return invalid("a catalogue entry needs a title", "title");
  if (entry.eqf_level && (*entry.eqf_level < 1 || *entry.eqf_level > 8)) {
    return invalid("eqf_level must be 1-8, got " + std::to_string(*entry.eqf_level), "eqf_level");
  }
  if (!entry.start_date.empty() && !is_date(entry.start_date)) {
    return invalid("start_date must be a date YYYY-MM-DD, got \"" + entry.start_date + "\"",
                   "start_date");
  }
  for (const auto& [value, field] :
       {std::pair{&entry.participation_form, "participation_form"},
        std::pair{&entry.pacing, "pacing"}, std::pair{&entry.synchronicity, "synchronicity"}}) {
    if (value->find('\n') != std::string::npos) {
      return invalid(std::string(field) + " must be one line", field);
    }
  }
  if (entry.fee_min && entry.fee_max && *entry.fee_min > *entry.fee_max) {
    return invalid("fee_min is above fee_max", "fee_min");
  }
  return {};
}

// Deletes `tenant`'s entry of `design_id` row by row (the document's delete feeds FTS5);
// tells whether there was one.
Result<bool> delete_entry(Transaction& tx, std::string_view tenant, std::string_view design_id) {
  auto found =
      run(tx, "SELECT seq FROM catalogue_entries WHERE institution_id = ? AND design_id = ?",
          {std::string(tenant), std::string(design_id)});
  if (!found) return found.error();
  if (found->rows.empty()) return false;
  auto seq = detail::to_int(found->rows.front().at(0), "catalogue_entries.seq");
  if (!seq) return seq.error();
  for (std::string_view sql : {"DELETE FROM catalogue_skills WHERE entry_seq = ?",
                               "DELETE FROM catalogue_vectors WHERE entry_seq = ?",
                               "DELETE FROM catalogue_documents WHERE entry_seq = ?",
                               "DELETE FROM catalogue_entries WHERE seq = ?"}) {
    if (tx.backend() == Backend::sqlite && sql.find("catalogue_vectors") != sql.npos) continue;
    auto removed = run(tx, sql, {*seq});
    if (!removed) return removed.error();
  }
  return true;
}

}  // namespace

Result<void> put_catalogue_entry(Transaction& tx, std::string_view tenant,
                                 const CatalogueEntry& entry) {
  auto owned = detail::check_tenant(tenant, entry.institution_id);
  if (!owned) return owned;
  auto valid = check_entry(entry);
  if (!valid) return valid;
  auto ects = hundredths(entry.ects, "ects");
  if (!ects) return ects.error();
  auto fee_min = hundredths(entry.fee_min, "fee_min");
  if (!fee_min) return fee_min.error();
  auto fee_max = hundredths(entry.fee_max, "fee_max");
  if (!fee_max) return fee_max.error();
  // Checked first: on PostgreSQL a failed foreign key would end the transaction.
  auto design = run(tx,
                    "SELECT 1 FROM design_records WHERE institution_id = ? AND id = ? AND "
                    "version = ?",
                    {std::string(tenant), entry.design_id, std::int64_t{entry.version}});
  if (!design) return design.error();
  if (design->rows.empty()) {
    return detail::not_found("design version",
                             entry.design_id + " v" + std::to_string(entry.version));
  }
  auto existing = run(tx, "SELECT institution_id FROM catalogue_entries WHERE design_id = ?",
                      {entry.design_id});
  if (!existing) return existing.error();
  if (!existing->rows.empty()) {
    auto owner = detail::text_of(existing->rows.front().at(0));
    if (auto mine = detail::check_tenant(tenant, owner); !mine) return mine;
    auto removed = delete_entry(tx, tenant, entry.design_id);
    if (!removed) return removed.error();
  }
  auto terms = terms_of(entry);
  auto countries = unique_nonempty(entry.countries, true);
  auto skills = unique_nonempty(entry.skill_uris, false);
  auto inserted = run(
      tx,
      "INSERT INTO catalogue_entries (design_id, institution_id, version, eqf_level, ects_centi, "
      "participation_form, pacing, synchronicity, fee_min_cents, start_date, start_key, "
      "published_at, language_keys, country_keys) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
      {entry.design_id, std::string(tenant), std::int64_t{entry.version},
       entry.eqf_level ? Value{std::int64_t{*entry.eqf_level}} : Value{}, *ects,
       entry.participation_form, entry.pacing, entry.synchronicity, *fee_min, entry.start_date,
       entry.start_date.empty() ? std::string(open_start_key) : entry.start_date,
       detail::seconds_of(entry.published_at), keys_text(language_keys(entry.languages)),
       keys_text(countries)});
  if (!inserted) return inserted.error();
  auto seq = detail::to_int(inserted->rows.at(0).at(0), "catalogue_entries.seq");
  if (!seq) return seq.error();
  std::vector<Value> params{*seq,
                            entry.title,
                            entry.summary,
                            entry.institution_name,
                            join_lines(entry.learning_outcomes),
                            join_lines(skills),
                            join_lines(entry.languages),
                            entry.delivery_mode,
                            join_lines(countries),
                            *fee_max,
                            entry.currency,
                            join_terms(terms.title),
                            join_terms(terms.outcomes),
                            join_terms(terms.summary),
                            join_terms(terms.facets)};
  std::string sql =
      "INSERT INTO catalogue_documents (entry_seq, title, summary, institution_name, "
      "learning_outcomes, skill_uris, languages, delivery_mode, countries, fee_max_cents, "
      "currency, title_terms, outcome_terms, summary_terms, facet_terms";
  sql += ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  auto documented = run(tx, sql, params);
  if (!documented) return documented.error();
  if (tx.backend() == Backend::postgres) {
    auto vectors =
        run(tx,
            "INSERT INTO catalogue_vectors (entry_seq, document, title_vector, "
            "outcome_vector) VALUES (?, CAST(? AS tsvector), CAST(? AS tsvector), "
            "CAST(? AS tsvector))",
            {*seq, tsvector_of({&terms.title, &terms.outcomes, &terms.summary, &terms.facets}),
             tsvector_of({&terms.title}), tsvector_of({&terms.outcomes})});
    if (!vectors) return vectors.error();
  }
  for (const auto& skill : skills) {
    auto added =
        run(tx, "INSERT INTO catalogue_skills (entry_seq, skill_uri) VALUES (?, ?)", {*seq, skill});
    if (!added) return added.error();
  }
  return {};
}

Result<void> remove_catalogue_entry(Transaction& tx, std::string_view tenant,
                                    std::string_view design_id) {
  if (tenant.empty()) return invalid("no institution given", "institution_id");
  auto removed = delete_entry(tx, tenant, design_id);
  if (!removed) return removed.error();
  if (!*removed) return detail::not_found("catalogue entry", design_id);
  return {};
}

Result<CatalogueEntry> find_catalogue_entry(Transaction& tx, std::string_view design_id) {
  auto rows = run(tx,
                  "SELECT " + std::string(entry_columns) +
                      " FROM catalogue_entries e JOIN catalogue_documents d ON d.entry_seq = "
                      "e.seq WHERE e.design_id = ?",
                  {std::string(design_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return detail::not_found("catalogue entry", design_id);
  return entry_from(rows->rows.front());
}

namespace {

// Filters alone, sorted by date: how many entries, in sort order, a search first looks at.
constexpr std::int64_t filter_window = 1'000;

// The page's keys first (small rows to sort), then its entries. With a `window`, only the
// first `filter_window` entries after the cursor in sort order are considered.
Statement page_statement(const Plan& plan, const CatalogueQuery& query, Backend backend,
                         bool window) {
  std::optional<Statement> source;
  if (window) {
    source.emplace();
    source->add("SELECT * FROM catalogue_entries w");
    if (plan.after) add_keyset(*source, plan, "w");
    // Sorted by start date, the window starts (and ends) where the date filters do.
    if (plan.sort == Sort::start_date) {
      const char* glue = plan.after ? " AND " : " WHERE ";
      if (!query.start_from.empty()) {
        source->add(std::string(glue) + "w.start_key >= ").bind(query.start_from);
        glue = " AND ";
      }
      if (!query.start_until.empty())
        source->add(std::string(glue) + "w.start_key <= ").bind(query.start_until);
    }
    source->add(" ORDER BY " + order_by(plan.sort, "w") + " LIMIT ").bind(filter_window);
  }
  Statement s;
  s.add("SELECT " + std::string(entry_columns) +
        ", p.score FROM (SELECT m.seq AS seq, m.score "
        "AS score FROM (");
  auto inner = matching(plan, query, backend, source ? &*source : nullptr);
  s.sql += inner.sql;
  s.params.insert(s.params.end(), inner.params.begin(), inner.params.end());
  s.add(") m");
  // Without text and without a window every match is sorted: SQLite should then pick the
  // most selective filter's index, not walk the sort key's.
  bool unindexed = backend == Backend::sqlite && plan.terms.empty() && !window;
  if (plan.after && !window) add_keyset(s, plan, "m", unindexed);
  s.add(" ORDER BY " + order_by(plan.sort, "m", unindexed) + " LIMIT ")
      .bind(static_cast<std::int64_t>(query.limit + 1));
  s.add(
      ") p JOIN catalogue_entries e ON e.seq = p.seq JOIN catalogue_documents d ON "
      "d.entry_seq = e.seq ORDER BY ");
  s.add(plan.sort == Sort::relevance ? std::string("p.score DESC, e.design_id")
                                     : order_by(plan.sort, "e"));
  return s;
}

}  // namespace

Result<CataloguePage> search_catalogue(Transaction& tx, const CatalogueQuery& query) {
  auto plan = plan_of(query);
  if (!plan) return plan.error();
  Result<detail::Rows> rows = detail::Rows{};
  // Filters alone: broad ones fill a page from the first entries in sort order, which an index
  // gives at once; when they do not, sort every match instead of walking the whole index.
  bool windowed = plan->terms.empty();
  if (windowed) {
    auto s = page_statement(*plan, query, tx.backend(), true);
    rows = run(tx, s.sql, s.params);
    if (!rows) return rows.error();
  }
  if (!windowed || rows->rows.size() <= query.limit) {
    auto s = page_statement(*plan, query, tx.backend(), false);
    rows = run(tx, s.sql, s.params);
    if (!rows) return rows.error();
  }
  CataloguePage page;
  for (const auto& row : rows->rows) {
    if (page.hits.size() == query.limit) {
      const auto& last = page.hits.back();
      Cursor cursor{.key = plan->sort == Sort::relevance ? std::to_string(last.score)
                           : plan->sort == Sort::newest
                               ? std::to_string(last.entry.published_at.seconds)
                           : last.entry.start_date.empty() ? std::string(open_start_key)
                                                           : last.entry.start_date,
                    .design_id = last.entry.design_id};
      page.next_cursor = encode_cursor(*plan, cursor);
      break;
    }
    auto entry = entry_from(row);
    if (!entry) return entry.error();
    auto score = detail::to_int(row.at(21), "score");
    if (!score) return score.error();
    page.hits.push_back({std::move(*entry), static_cast<int>(*score)});
  }
  return page;
}

Result<Timestamp> design_publication_time(Transaction& tx, std::string_view tenant,
                                          std::string_view design_id, int version) {
  auto rows = run(tx,
                  "SELECT COALESCE(published_at, updated_at) FROM design_records "
                  "WHERE institution_id = ? AND id = ? AND version = ?",
                  {std::string(tenant), std::string(design_id), std::int64_t{version}});
  if (!rows) return rows.error();
  if (rows->rows.empty()) {
    return detail::not_found("design version",
                             std::string(design_id) + " v" + std::to_string(version));
  }
  return detail::timestamp_of(rows->rows.front().at(0), "design_records.published_at");
}

}  // namespace microcred::store
