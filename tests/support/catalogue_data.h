#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/design.h"
#include "store/catalogue.h"

namespace microcred::support {

// A generated catalogue for tests and bench/catalogue: realistic micro-credential designs
// (subjects, titles, learning outcomes with action verbs, ESCO-like skill URIs, levels,
// ECTS, languages, countries, fees, dates) and mixed search queries, all decided by a seed,
// so every run and every machine makes the same ones.

/// The `index`-th institution of a generated catalogue: its id ("inst-007") and country.
struct GeneratedInstitution {
  std::string id;
  std::string name;
  std::string country;
};
GeneratedInstitution generated_institution(std::size_t index);

/// Design number `n` of the catalogue made from `seed`, issued by generated institution
/// `n % institutions`.
struct GeneratedDesign {
  std::string id;           ///< "design-000042"
  std::string institution;  ///< generated_institution(...).id
  domain::MicroCredentialDesign design;
  Timestamp published_at;
};
GeneratedDesign generated_design(std::uint64_t seed, std::size_t n, std::size_t institutions);

/// Query number `n` of a mixed workload made from `seed` for a catalogue of `institutions`
/// institutions: mostly a few words (sometimes with punctuation or a
/// skill URI), each filter with its own probability, each sort order, limit `limit` (0: a
/// random limit of 1-25).
store::CatalogueQuery generated_query(std::uint64_t seed, std::size_t n, std::size_t institutions,
                                      std::size_t limit = 20);

/// A one-line description of `query` for messages.
std::string describe(const store::CatalogueQuery& query);

}  // namespace microcred::support
