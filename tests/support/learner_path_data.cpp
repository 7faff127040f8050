#include "support/learner_path_data.h"

#include <cstdio>

#include <boost/json.hpp>

#include "store/design_records.h"
#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"

namespace microcred::support {

std::string numbered_learner(int i) {
  char id[8];
  std::snprintf(id, sizeof id, "l%02d", i);
  return id;
}

std::string chip_design_json() {
  return R"({"format":"microcred-design/1","title":"Chip design",
    "learning_outcomes":[{"statement":"Design a digital chip."},
                         {"statement":"Verify a chip design by simulation."}],
    "ects":6,"eqf_level":6,"assessment":{"types":["project","oral_exam"]},
    "participation":{"form":"onsite","pacing":"cohort"},
    "quality_assurance":{"types":["internal"]},
    "supervision":"supervised_online_identity_verification",
    "grading_scheme":"0-20 scale; 10 or more is a pass",
    "languages":["en"],
    "admission":{"languages":[{"language":"en","cefr_level":"B2"}],
                 "prior_degree":{"description":"a bachelor in engineering","eqf_level":6}},
    "issuing_institution":{"name":"University a","country":"ES"}})";
}

Result<void> seed_learner_path(store::Transaction& tx) {
  for (const auto& [id, country] : {std::pair{"a", "ES"}, std::pair{"b", "BE"}}) {
    if (auto r = store::insert_institution(tx, sample_institution(id, country)); !r) return r;
  }
  using domain::Role;
  const std::pair<const char*, std::vector<std::pair<const char*, Role>>> staff[] = {
      {"reg", {{"a", Role::registrar}}},  {"ass", {{"a", Role::assessor}}},
      {"ass2", {{"a", Role::assessor}}},  {"brd1", {{"a", Role::assessor}}},
      {"brd2", {{"a", Role::assessor}}},  {"root", {{"a", Role::admin}}},
      {"regb", {{"b", Role::registrar}}}, {"nolearner", {}},
  };
  for (const auto& [user, grants] : staff) {
    if (auto r = store::insert_user(tx, sample_user(user)); !r) return r;
    for (const auto& [institution, role] : grants)
      if (auto r = store::grant_role(tx, institution, user, role); !r) return r;
  }
  std::vector<std::string> learners = {"lea", "leo", "lia", "luc"};
  for (int i = 0; i < numbered_learners; ++i)
    learners.push_back(numbered_learner(i));
  for (const auto& learner : learners) {
    if (auto r = store::insert_user(tx, sample_user(learner)); !r) return r;
    if (auto r = store::insert_learner(tx, {.user_id = learner,
                                            .given_name = "Given " + learner,
                                            .family_name = "Family",
                                            .created_at = sample_now});
        !r)
      return r;
  }
  auto design = boost::json::serialize(boost::json::parse(chip_design_json()));
  if (auto r = store::insert_design_record(tx, "a",
                                           {.id = "chip",
                                            .institution_id = "a",
                                            .version = 1,
                                            .status = "published",
                                            .json = design,
                                            .created_at = sample_now,
                                            .updated_at = sample_now,
                                            .author_id = "ass",
                                            .published_by = "reg",
                                            .published_at = sample_now});
      !r)
    return r;
  return store::insert_design_record(tx, "a",
                                     {.id = "draft",
                                      .institution_id = "a",
                                      .version = 1,
                                      .status = "draft",
                                      .json = design,
                                      .created_at = sample_now,
                                      .updated_at = sample_now,
                                      .author_id = "ass"});
}

std::string offering_json(const OfferingSpec& spec) {
  auto value = boost::json::parse(R"({"format":"microcred-offering/1",
    "pacing":"cohort","starts_on":"2026-03-15","ends_on":"2026-06-30",
    "activities":["assessed","attendance_only"],"currency":"EUR",
    "fee_tiers":[
      {"id":"pro-assessed","learner_category":"professional","activity":"assessed","price":"1200.00"},
      {"id":"assessed","activity":"assessed","price":"900.00"},
      {"id":"attendance","activity":"attendance_only","price":"500.00"}],
    "discounts":[{"id":"alumni","name":"Alumni","percent":"20","condition":"graduates of a"}],
    "sponsorships":[{"id":"chipco","sponsor":"ChipCo NV","learners":["leo@example.org"],
                     "share":"50","cap":"400.00"}],
    "language":"en","delivery":{"form":"onsite","location":"Campus a"}})");
  auto& o = value.as_object();
  if (!spec.id.empty()) o["id"] = spec.id;
  o["design_id"] = spec.design_id;
  o["design_version"] = spec.design_version;
  if (!spec.code.empty()) o["code"] = spec.code;
  if (spec.capacity) o["capacity"] = *spec.capacity;
  o["waiting_list"] = {{"enabled", spec.waiting_list}, {"promotion", spec.promotion}};
  if (!spec.reviewing_institution_id.empty())
    o["reviewing_institution_id"] = spec.reviewing_institution_id;
  boost::json::object window;
  if (!spec.window_opens.empty()) window["opens"] = spec.window_opens;
  if (!spec.window_closes.empty()) window["closes"] = spec.window_closes;
  if (!window.empty()) o["application_window"] = std::move(window);
  boost::json::array members;
  for (const auto& m : spec.board_members)
    members.emplace_back(m);
  o["assessment_board"] = {
      {"required", spec.board_required}, {"quorum", spec.quorum}, {"members", members}};
  return boost::json::serialize(value);
}

std::string eligible_evidence_json() {
  return R"({"languages":[{"language":"en-GB","level":"C1","certificate":"IELTS 7.5"}],
    "degrees":[{"title":"MSc Electronics","eqf_level":7,"institution":"KU Leuven",
                "country":"BE"}]})";
}

std::string ineligible_evidence_json() {
  return R"({"languages":[{"language":"en","level":"A2","certificate":"school"}],
    "degrees":[{"title":"BSc Physics","eqf_level":6,"country":"ES"}]})";
}

store::OfferingRecord offering_record(const std::string& id, std::optional<int> capacity,
                                      const std::string& reviewer) {
  return {.id = id,
          .institution_id = "a",
          .reviewing_institution_id = reviewer,
          .design_id = "chip",
          .design_version = 1,
          .code = "code-" + id,
          .capacity = capacity,
          .json = offering_json({.id = id, .capacity = capacity}),
          .created_by = "reg",
          .created_at = sample_now,
          .updated_at = sample_now};
}

store::ApplicationRecord application_record(const std::string& id, const std::string& learner,
                                            const std::string& offering_id,
                                            const std::string& reviewer) {
  return {.id = id,
          .institution_id = "a",
          .reviewing_institution_id = reviewer,
          .offering_id = offering_id,
          .learner_id = learner,
          .learner_category = "professional",
          .activity = domain::Activity::assessed,
          .evidence_json = "{}",
          .eligibility = domain::Eligibility::needs_review,
          .eligibility_json = R"({"overall":"needs_review","criteria":[]})",
          .status = domain::ApplicationStatus::submitted,
          .submitted_at = sample_now};
}

}  // namespace microcred::support
