#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/offering.h"
#include "service/authorisation.h"
#include "store/offerings.h"
#include "store/store.h"

namespace microcred::service {

// Offerings (docs/learner-path.md): runs of one exact published design version. Like every
// learner-path use case, each function takes the caller's transaction, decides with
// `authorise` whether `actor` may act, reads and writes only rows `institution_id` may see,
// and appends one audit event per state change in the same transaction.

/// Largest offering, application evidence or other request document accepted, and its
/// deepest nesting.
inline constexpr std::size_t learner_path_json_max_bytes = 256 * 1024;
inline constexpr std::size_t learner_path_json_max_depth = 16;

/// An offering as stored and as the domain reads it.
struct OfferingView {
  store::OfferingRecord record;
  domain::Offering offering;
};

/// What opening an offering came to. An offering with an error finding is not opened: a
/// failed check is a result, not an error; nothing is written then.
struct OpenOfferingOutcome {
  bool opened = false;
  std::vector<domain::Finding> findings;  ///< every finding of `domain::check_offering`
  std::optional<OfferingView> offering;   ///< the offering, when opened
};

/// Opens an offering (needs offering_manage) from its JSON form (docs/learner-path.md). Its
/// `institution_id` may be left out (it is `institution_id`), its `id` too (a fresh random
/// one is made). It must run a published version of one of the institution's own designs
/// (`conflict` otherwise, field "/design_version"; `not_found` without that version) and
/// name an existing reviewing institution (`not_found`, field "/reviewing_institution_id").
/// Runs `domain::check_offering` against that design version. Fails like `json::parse` and
/// `domain::offering_from_json` for a bad document, and with `conflict` when the id, or the
/// code for that design, is taken.
Result<OpenOfferingOutcome> open_offering(store::Transaction& tx, crypto::RandomSource& random,
                                          const Clock& clock, const Principal& actor,
                                          std::string_view institution_id,
                                          std::string_view offering_json);

/// Offering `id` of `institution_id` (or one it reviews). Offerings are public, like the
/// catalogue, so no principal is needed. Fails with `not_found`, or `storage_error` when the
/// stored JSON does not read back.
Result<OfferingView> get_offering(store::Transaction& tx, std::string_view institution_id,
                                  std::string_view id);

/// The offerings of `institution_id`, optionally of one design, oldest first; public. (Not
/// `list_offerings`: that name is the store's, and a call would be ambiguous.)
Result<std::vector<OfferingView>> offerings_of(
    store::Transaction& tx, std::string_view institution_id,
    std::optional<std::string_view> design_id = std::nullopt);

/// The design version `offering` runs, read from the store (the offering's institution's
/// own design). Fails with `not_found`, or `storage_error` when it does not read back.
Result<domain::MicroCredentialDesign> offered_design(store::Transaction& tx,
                                                     const store::OfferingRecord& offering);

/// `record` read back as the domain's offering; `storage_error` when it cannot be.
Result<OfferingView> offering_view(store::OfferingRecord record);

}  // namespace microcred::service
