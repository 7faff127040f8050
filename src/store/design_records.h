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
/// look inside `json` (the domain reads and checks it).
struct DesignRecord {
  std::string id;
  std::string institution_id;
  int version = 1;
  std::string status;  ///< "draft", "submitted", ... (the domain's lifecycle)
  std::string json;
  Timestamp created_at;
  Timestamp updated_at;

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

/// Replaces the status, JSON and update time of `record` (by id and version) in `tenant`;
/// `not_found` when `tenant` has no such record.
Result<void> update_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record);

/// The newest version of each design of `tenant`, optionally only those in `status`, by id.
Result<std::vector<DesignRecord>> list_design_records(Transaction& tx, std::string_view tenant,
                                                      std::optional<std::string_view> status = {});

}  // namespace microcred::store
