#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store {

// The public catalogue (docs/catalogue.md): one entry per published design, a denormalised
// copy of its newest published version, searchable by full text and filters. Reading is
// public; writing is scoped to the institution that owns the design.

/// What the catalogue shows and filters on for one published design.
struct CatalogueEntry {
  std::string design_id;
  std::string institution_id;  ///< The tenant that publishes it.
  int version = 1;             ///< The published version this entry copies.
  std::string title;
  std::string summary;
  std::string institution_name;                ///< The issuing institution's name.
  std::vector<std::string> learning_outcomes;  ///< Statements, in order.
  std::vector<std::string> skill_uris;         ///< ESCO URIs of all outcomes, no repeats.
  std::optional<int> eqf_level;
  std::optional<double> ects;          ///< Kept to 1/100 ECTS.
  std::vector<std::string> languages;  ///< BCP 47 tags as the design gives them.
  std::string delivery_mode;           ///< Free text.
  std::string participation_form;      ///< "online", "onsite", "blended", "hybrid" or "".
  std::string pacing;                  ///< "cohort", "self_paced" or "".
  std::string synchronicity;           ///< "synchronous", "asynchronous", "mixed" or "".
  std::vector<std::string> countries;  ///< ISO 3166-1 alpha-2, upper case, no repeats.
  std::optional<double> fee_min;       ///< Cheapest fee tier, kept to 1/100.
  std::optional<double> fee_max;       ///< Dearest fee tier, kept to 1/100.
  std::string currency;                ///< The cheapest tier's ISO 4217 code.
  std::string start_date;              ///< YYYY-MM-DD, or "" when open.
  Timestamp published_at;

  bool operator==(const CatalogueEntry&) const = default;
};

/// A catalogue search. Every field is optional; filters combine with AND.
struct CatalogueQuery {
  /// Free text: every word must occur in the title, summary, learning outcomes or skills
  /// (`catalogue_terms` decides what a word is; operators and quotes are plain separators).
  std::string text;
  std::optional<int> eqf_level;    ///< 1-8.
  std::optional<double> ects_min;  ///< Inclusive.
  std::optional<double> ects_max;  ///< Inclusive.
  std::string language;            ///< BCP 47; "en" also matches "en-GB".
  std::string country;             ///< ISO 3166-1 alpha-2, any case.
  std::string institution;         ///< Tenant id.
  std::string skill;               ///< One skill URI, exactly.
  std::string participation_form;  ///< online | onsite | blended | hybrid.
  std::string pacing;              ///< cohort | self_paced.
  std::string synchronicity;       ///< synchronous | asynchronous | mixed.
  std::optional<double> fee_min;   ///< The cheapest tier is at least this.
  std::optional<double> fee_max;   ///< The cheapest tier is at most this.
  std::string start_from;          ///< YYYY-MM-DD; the start date is on or after it.
  std::string start_until;         ///< YYYY-MM-DD; the start date is on or before it.
  /// "relevance" (default with text), "newest" (default without; newest publication
  /// first) or "start_date" (soonest first, open-dated entries last). Ties go by design id.
  std::string sort;
  std::size_t limit = 20;  ///< 1-100 entries a page.
  std::string cursor;      ///< `next_cursor` of the previous page of the same query.
};

/// One search result.
struct CatalogueHit {
  CatalogueEntry entry;
  int score = 0;  ///< The relevance score (docs/catalogue.md); 0 without text.

  bool operator==(const CatalogueHit&) const = default;
};

/// One page of results.
struct CataloguePage {
  std::vector<CatalogueHit> hits;
  /// Pass as `cursor` to get the next page; "" on the last page.
  std::string next_cursor;

  bool operator==(const CataloguePage&) const = default;
};

/// Limits of a search.
inline constexpr std::size_t catalogue_max_limit = 100;
inline constexpr std::size_t catalogue_max_text_bytes = 1'000;
inline constexpr std::size_t catalogue_max_query_terms = 16;
/// Distinct terms indexed per field of an entry (title, outcomes and skills, summary).
inline constexpr std::size_t catalogue_max_field_terms = 1'000;

/// Relevance weights: a query term scores the weight of the best field it occurs in.
inline constexpr int catalogue_title_weight = 4;
inline constexpr int catalogue_outcomes_weight = 2;  ///< Learning outcomes and skills.
inline constexpr int catalogue_summary_weight = 1;

/// The search terms of `text` as the catalogue indexes and queries them, in order of first
/// appearance, without repeats: lower-cased words of letters and digits, Latin accents folded
/// ("Gestión" -> "gestion"), a plural "s" dropped ("courses" -> "course"), a URL reduced to
/// its last path segment and a UUID to its 32 hex digits, and common English words ("the",
/// "of", "in", ...) left out. Pure; the same on both backends.
std::vector<std::string> catalogue_terms(std::string_view text);

/// Adds or replaces the entry of `entry.design_id` in `tenant`'s catalogue. Fails with
/// `forbidden` when the entry or the existing entry of that design belongs to another
/// institution, `invalid_argument` naming the field for a bad entry, and `not_found` when
/// `tenant` has no design `entry.design_id` with version `entry.version`.
Result<void> put_catalogue_entry(Transaction& tx, std::string_view tenant,
                                 const CatalogueEntry& entry);

/// Removes the entry of `design_id` from `tenant`'s catalogue; `not_found` when `tenant`
/// has none (whoever else has one).
Result<void> remove_catalogue_entry(Transaction& tx, std::string_view tenant,
                                    std::string_view design_id);

/// The entry of `design_id`, whoever publishes it (the catalogue is public); `not_found`.
Result<CatalogueEntry> find_catalogue_entry(Transaction& tx, std::string_view design_id);

/// One page of the public catalogue matching `query`, in its sort order. Fails with
/// `invalid_argument` naming the field for a bad query: an EQF level outside 1-8, a minimum
/// above its maximum, a limit of 0 or above 100, an unknown sort or form, a malformed code or
/// date, text without words or with too many, or a cursor of another query. Both backends
/// give the same page for the same data.
Result<CataloguePage> search_catalogue(Transaction& tx, const CatalogueQuery& query);

/// When version `version` of `tenant`'s design `design_id` was published (its record's
/// publication time, or its last change when it has none); `not_found` when `tenant` has no
/// such version.
Result<Timestamp> design_publication_time(Transaction& tx, std::string_view tenant,
                                          std::string_view design_id, int version);

}  // namespace microcred::store
