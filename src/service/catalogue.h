#pragma once

#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "domain/design.h"
#include "store/catalogue.h"
#include "store/store.h"

namespace microcred::service {

/// The catalogue entry of version `version` of `tenant`'s design `design_id`, published at
/// `published_at` (docs/catalogue.md says which design field fills which entry field). Pure.
store::CatalogueEntry catalogue_entry_of(std::string_view tenant, std::string_view design_id,
                                         int version, const domain::MicroCredentialDesign& design,
                                         Timestamp published_at);

/// Puts version `version` of `tenant`'s design `design_id` (whose content is `design`) in the
/// public catalogue, replacing the entry of an earlier version; the lifecycle calls it on
/// publish. The publication time is the design record's (call it once the record is marked
/// published). Fails with `not_found` when `tenant` has no such version, `forbidden` when the
/// entry belongs to another institution, `invalid_argument` naming the field for a design the
/// catalogue cannot show (no title, EQF level outside 1-8).
Result<void> index_published_design(store::Transaction& tx, std::string_view tenant,
                                    std::string_view design_id, int version,
                                    const domain::MicroCredentialDesign& design);

/// As above, with the publication time given.
Result<void> index_published_design(store::Transaction& tx, std::string_view tenant,
                                    std::string_view design_id, int version,
                                    const domain::MicroCredentialDesign& design,
                                    Timestamp published_at);

/// Takes `tenant`'s design `design_id` out of the public catalogue; the lifecycle calls it on
/// retire. Fails with `not_found` when `tenant` has no entry for it.
Result<void> unindex_design(store::Transaction& tx, std::string_view tenant,
                            std::string_view design_id);

}  // namespace microcred::service
