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
#include "domain/design_lifecycle.h"
#include "domain/national_rules.h"
#include "domain/qa_review.h"
#include "service/authorisation.h"
#include "store/design_records.h"
#include "store/qa_reviews.h"
#include "store/store.h"

namespace microcred::service {

// The micro-credential design lifecycle (docs/design-lifecycle.md): draft -> submitted ->
// approved or changes_requested -> published -> retired, versions, QA reviews. Every use case
// takes the caller's transaction, decides with `authorise` whether `actor` may act in
// `institution_id`, reads and writes only that institution's rows, and appends one audit
// event per state change ("design.<step>") in the same transaction, so a failure anywhere
// leaves nothing half-written.

/// Largest design file accepted, and its deepest nesting.
inline constexpr std::size_t design_json_max_bytes = 1024 * 1024;
inline constexpr std::size_t design_json_max_depth = 32;

/// One version of a design: the stored record and its content read back.
struct DesignVersion {
  store::DesignRecord record;
  domain::DesignStatus status = domain::DesignStatus::draft;
  domain::MicroCredentialDesign design;
};

/// A design's JSON form (docs/design-format.md) read and checked for shape: fails with
/// `parse_error`/`duplicate_key` (message with line:column) for bad JSON, `limit_exceeded`
/// past 1 MiB or 32 levels, or `invalid_argument` whose `field` is the JSON pointer of the
/// bad value. Content rules are `domain::check_design`'s, run at submission.
Result<domain::MicroCredentialDesign> read_design_json(std::string_view design_json);

/// Makes design version 1, a draft written by `actor` (needs design_edit), with a fresh
/// random id.
Result<DesignVersion> create_design(store::Transaction& tx, crypto::RandomSource& random,
                                    const Clock& clock, const Principal& actor,
                                    std::string_view institution_id, std::string_view design_json);

/// Replaces the content of design `id` (needs design_edit). The newest version must be a
/// draft or sent back (it becomes a draft), or published or retired: then a new version
/// (number + 1, a draft) is made, and the published one stays as it was. Fails with
/// `conflict` while a version is submitted or approved, and like `read_design_json`.
Result<DesignVersion> update_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, std::string_view design_json);

/// What a submission came to. A design with an error finding is not submitted: a failed
/// check is a result, not an error; nothing is written then.
struct SubmitOutcome {
  bool submitted = false;
  std::vector<domain::Finding> findings;  ///< every finding of `domain::check_design`
  DesignVersion version;                  ///< as it stands afterwards
};

/// Submits the newest version of design `id` for QA review (needs design_edit; the version
/// must be a draft or sent back) after running every design check, with the national rules
/// of the design's target countries and of the institution's own country.
Result<SubmitOutcome> submit_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, const domain::NationalRules& rules);

/// Takes a submitted version back to draft before QA has decided (needs design_edit).
Result<DesignVersion> withdraw_design(store::Transaction& tx, const Clock& clock,
                                      const Principal& actor, std::string_view institution_id,
                                      std::string_view id);

/// A QA decision on the submitted version of a design.
struct ReviewRequest {
  domain::QaReview review;
  /// The content digest of the version the reviewer read; when set and the submitted version
  /// has another, the review fails with `conflict` (the design changed meanwhile).
  std::string content_sha256;
};

/// Records `request`'s review of the submitted version of design `id` and approves it or
/// sends it back (needs design_review). Fails with `invalid_argument` naming the field when
/// the review is incomplete (`domain::validate_review`), `forbidden` when `actor` wrote,
/// edited or submitted the version (separation of duties), `conflict` when no version is
/// submitted.
Result<DesignVersion> review_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, const ReviewRequest& request);

/// Publishes the approved version of design `id` (needs design_publish): it enters the
/// catalogue, and the version published before it, if any, is retired.
Result<DesignVersion> publish_design(store::Transaction& tx, const Clock& clock,
                                     const Principal& actor, std::string_view institution_id,
                                     std::string_view id);

/// Retires the published version of design `id` for good (needs design_publish) and takes
/// it out of the catalogue; `conflict` when no version is published. Credentials issued
/// from it stay valid and keep pointing at it.
Result<DesignVersion> retire_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id);

/// Version `version` of design `id`, or its newest (needs design_read).
Result<DesignVersion> get_design(store::Transaction& tx, const Principal& actor,
                                 std::string_view institution_id, std::string_view id,
                                 std::optional<int> version = std::nullopt);

/// Every version of design `id`, oldest first (needs design_read).
Result<std::vector<DesignVersion>> list_design_versions(store::Transaction& tx,
                                                        const Principal& actor,
                                                        std::string_view institution_id,
                                                        std::string_view id);

/// The newest version of each design of the institution, optionally only those whose newest
/// version is in `status`, by id (needs design_read).
Result<std::vector<DesignVersion>> list_designs(
    store::Transaction& tx, const Principal& actor, std::string_view institution_id,
    std::optional<domain::DesignStatus> status = std::nullopt);

/// The QA reviews of design `id`, oldest first (needs design_read).
Result<std::vector<store::QaReviewRecord>> list_design_reviews(store::Transaction& tx,
                                                               const Principal& actor,
                                                               std::string_view institution_id,
                                                               std::string_view id);

/// What an import did.
struct ImportOutcome {
  DesignVersion version;
  bool created = false;  ///< a new design; otherwise a new content of `id` (`update_design`)
};

/// Imports a design file: a new design when `id` is empty, otherwise the new content of
/// design `id` (in place for a draft, a new version of a published design), as
/// `create_design` and `update_design` do.
Result<ImportOutcome> import_design(store::Transaction& tx, crypto::RandomSource& random,
                                    const Clock& clock, const Principal& actor,
                                    std::string_view institution_id, std::string_view design_json,
                                    std::string_view id = {});

/// Version `version` (or the newest) of design `id` in its JSON file form (needs
/// design_read): `design_from_json` reads it back to the same design. The text is indented
/// by two spaces, `"format"` first, and ends in a newline.
Result<std::string> export_design(store::Transaction& tx, const Principal& actor,
                                  std::string_view institution_id, std::string_view id,
                                  std::optional<int> version = std::nullopt);

/// As `export_design`, without a principal: for callers that hold the database itself (the
/// `microcred design export` command, run by whoever may open the database). Still scoped
/// to `institution_id`. Servers must use `export_design`.
Result<std::string> export_design_file(store::Transaction& tx, std::string_view institution_id,
                                       std::string_view id,
                                       std::optional<int> version = std::nullopt);

}  // namespace microcred::service
