#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store {

/// One version of a micro-credential design, kept as its JSON form; the store does not
/// look inside `json` (the domain reads and checks it). A version that is "published" never
/// changes again except to become "retired", and a "retired" one never changes: the store
/// refuses (docs/design-lifecycle.md).
struct DesignRecord {
  std::string id;
  std::string institution_id;
  int version = 1;
  std::string status;  ///< "draft", "submitted", ... (domain/design_lifecycle.h)
  std::string json;
  Timestamp created_at;
  Timestamp updated_at;
  std::string author_id;       ///< who made this version
  std::string content_sha256;  ///< hex SHA-256 of `json`'s RFC 8785 form
  std::string submitted_by;    ///< "" until submitted for review
  std::optional<Timestamp> submitted_at;
  std::string published_by;  ///< "" until published
  std::optional<Timestamp> published_at;
  std::optional<Timestamp> retired_at;

  bool operator==(const DesignRecord&) const = default;
};

/// Adds version `record.version` of design `record.id` to `tenant`; `forbidden` when the
/// record names another institution, `conflict` when that id and version exist.
Result<void> insert_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record);

/// Version `version` of design `id` of `tenant`, or its newest version when `version` is
/// empty; `not_found` when `tenant` has no such design (whoever else has it).
Result<DesignRecord> find_design_record(Transaction& tx, std::string_view tenant,
                                        std::string_view id,
                                        std::optional<int> version = std::nullopt);

/// Replaces everything but the id, version, institution, author and creation time of
/// `record` (by id and version) in `tenant`; `not_found` when `tenant` has no such record,
/// `conflict` when the stored version is retired, or published and the change is anything
/// but its retirement (status "retired" and `retired_at`, `updated_at`).
Result<void> update_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record);

/// Every version of design `id` of `tenant`, oldest first; `not_found` when it has none.
Result<std::vector<DesignRecord>> list_design_versions(Transaction& tx, std::string_view tenant,
                                                       std::string_view id);

/// Records that `user_id` wrote, edited or submitted version `version` of design `id` of
/// `tenant` (once; again is no change); `not_found` without that version.
Result<void> add_design_contributor(Transaction& tx, std::string_view tenant, std::string_view id,
                                    int version, std::string_view user_id);

/// Who wrote, edited or submitted version `version` of design `id` of `tenant`, by user id.
Result<std::vector<std::string>> design_contributors(Transaction& tx, std::string_view tenant,
                                                     std::string_view id, int version);

/// The newest version of each design of `tenant`, optionally only those in `status`, by id.
Result<std::vector<DesignRecord>> list_design_records(Transaction& tx, std::string_view tenant,
                                                      std::optional<std::string_view> status = {});

}  // namespace microcred::store
