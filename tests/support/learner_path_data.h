#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/applications.h"
#include "store/offerings.h"
#include "store/store.h"

namespace microcred::support {

// Test data for the learner's path (#7): two institutions with staff and learners, a
// published design version, and offerings of it.
//
// Institution "a" (ES): registrar "reg", assessors "ass" and "ass2", board members "brd1"
// and "brd2" (assessors), admin "root". Institution "b" (BE): registrar "regb". Learners
// (accounts with a learner profile, email <id>@example.org): "lea", "leo", "lia", "luc" and
// "l00".."l39". "nolearner" is an account without a learner profile.

/// Learners "l00" .. "l39", for the capacity race.
inline constexpr int numbered_learners = 40;

/// The id of numbered learner `i` ("l07").
std::string numbered_learner(int i);

/// A design that passes its checks: outcomes "Design a digital chip." and "Verify a chip
/// design by simulation.", assessed by project or oral exam, supervised online with identity
/// check at least, graded "0-20 scale; 10 or more is a pass", English B2 and a degree at EQF
/// 6 required, in English, on site.
std::string chip_design_json();

/// Seeds the institutions, staff and learners above, and version 1 of design "chip" of
/// institution "a", published. Design "draft" of "a" is a draft (version 1).
Result<void> seed_learner_path(store::Transaction& tx);

/// How `offering_json` differs from its defaults.
struct OfferingSpec {
  std::string id = "off-1";
  std::string design_id = "chip";
  int design_version = 1;
  std::string code = "2026-spring";
  std::optional<int> capacity = 2;
  bool waiting_list = true;
  std::string promotion = "automatic";
  std::string reviewing_institution_id;  ///< "" leaves it out.
  bool board_required = true;
  int quorum = 2;
  std::vector<std::string> board_members = {"brd1", "brd2", "ass"};
  std::string window_opens = "2025-12-01T00:00:00Z";
  std::string window_closes = "2026-03-01T00:00:00Z";
};

/// An offering of design `spec.design_id` in its JSON form: a cohort from 2026-03-15 to
/// 2026-06-30, assessed or attendance only, in EUR with tiers "pro-assessed" (professional,
/// 1200.00), "assessed" (900.00) and "attendance" (500.00), discount "alumni" (20%), a
/// sponsorship "chipco" paying half (at most 400.00) for leo@example.org, in English on site.
std::string offering_json(const OfferingSpec& spec = {});

/// Evidence that meets the chip design's criteria (C1 English, an EQF 7 degree).
std::string eligible_evidence_json();

/// Evidence that fails the language criterion (A2 English) and meets the degree one.
std::string ineligible_evidence_json();

/// A stored offering `id` of design "chip" version 1 of institution "a" (for store tests; its
/// JSON is `offering_json`), reviewed by `reviewer`.
store::OfferingRecord offering_record(const std::string& id, std::optional<int> capacity = 2,
                                      const std::string& reviewer = "a");

/// A submitted application `id` of `learner` to offering `offering_id` of "a" (store tests).
store::ApplicationRecord application_record(const std::string& id, const std::string& learner,
                                            const std::string& offering_id = "off-1",
                                            const std::string& reviewer = "a");

}  // namespace microcred::support
