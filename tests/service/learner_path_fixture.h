#pragma once

#include <atomic>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/admission.h"
#include "service/assessment.h"
#include "service/enrolment.h"
#include "service/offerings.h"
#include "support/learner_path_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::service::testing {

/// A clock the test moves on; safe to read from many threads.
class TestClock final : public Clock {
 public:
  Timestamp now() const override { return {seconds_.load(), 0}; }
  void advance(std::int64_t seconds = 1) { seconds_ += seconds; }
  void set(Timestamp t) { seconds_ = t.seconds; }

 private:
  std::atomic<std::int64_t> seconds_{support::sample_now.seconds};
};

/// The learner's path on both backends: `support::seed_learner_path`'s institutions, staff
/// and learners, the clock at `support::sample_now`, and helpers that run one use case in a
/// transaction of its own as a named user (their login session's principal).
class LearnerPath : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction(support::seed_learner_path);
    ASSERT_TRUE(seeded) << seeded.error().message;
    // Loaded now, so that no test opens a transaction inside another to load one.
    for (const char* user : {"reg", "ass", "ass2", "brd1", "brd2", "root", "regb", "nolearner",
                             "lea", "leo", "lia", "luc"})
      who(user);
  }

  /// The principal of `user`'s login session, loaded in a transaction of its own the first
  /// time (so not from inside another transaction).
  const Principal& who(const std::string& user) {
    auto found = principals_.find(user);
    if (found != principals_.end()) return found->second;
    auto loaded =
        store_->transaction([&](store::Transaction& tx) { return load_principal(tx, user); });
    EXPECT_TRUE(loaded) << user << ": " << loaded.error().message;
    return principals_.emplace(user, loaded.value_or(Principal{})).first->second;
  }

  template <class F>
  auto tx(F&& fn) {
    return store_->transaction([&](store::Transaction& t) { return fn(t); });
  }

  Result<OpenOfferingOutcome> open(const std::string& user, const std::string& json,
                                   const std::string& institution = "a") {
    const auto& actor = who(user);
    return tx([&](store::Transaction& t) {
      return open_offering(t, random_, clock_, actor, institution, json);
    });
  }
  /// Opens `spec`'s offering as "reg" and expects it to open.
  void open_ok(const support::OfferingSpec& spec = {}) {
    auto opened = open("reg", support::offering_json(spec));
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_TRUE(opened->opened) << (opened->findings.empty() ? std::string()
                                                             : opened->findings[0].message);
  }

  Result<ApplyOutcome> apply_as(const std::string& user, ApplyRequest request,
                                const std::string& institution = "a") {
    const auto& actor = who(user);
    if (request.offering_id.empty()) request.offering_id = "off-1";
    return tx([&](store::Transaction& t) {
      return apply(t, random_, clock_, actor, institution, request);
    });
  }
  /// `learner` applies for themselves with eligible evidence; the application's id.
  std::string applied(const std::string& learner, const std::string& offering = "off-1",
                      const std::string& category = "") {
    auto made = apply_as(learner, {.offering_id = offering,
                                   .learner_category = category,
                                   .evidence_json = support::eligible_evidence_json()});
    EXPECT_TRUE(made) << learner << ": " << made.error().message;
    clock_.advance();
    return made ? made->application.record.id : std::string();
  }

  Result<DecisionOutcome> decide_as(const std::string& user, const std::string& application,
                                    domain::Decision decision, std::string reason = {},
                                    const std::string& institution = "a",
                                    bool waitlist_when_full = false) {
    const auto& actor = who(user);
    auto out = tx([&](store::Transaction& t) {
      return decide(t, clock_, actor, institution,
                    {.application_id = application,
                     .decision = decision,
                     .reason = std::move(reason),
                     .waitlist_when_full = waitlist_when_full});
    });
    clock_.advance();
    return out;
  }

  Result<store::EnrolmentRecord> enrol_as(const std::string& user, EnrolRequest request,
                                          const std::string& institution = "a") {
    const auto& actor = who(user);
    return tx([&](store::Transaction& t) {
      return enrol(t, random_, clock_, actor, institution, request);
    });
  }
  /// `learner` applies, is admitted by "reg" and enrolled; the enrolment.
  store::EnrolmentRecord enrolled(const std::string& learner,
                                  std::optional<domain::Activity> activity = std::nullopt) {
    auto application = applied(learner);
    auto admitted = decide_as("reg", application, domain::Decision::admit);
    EXPECT_TRUE(admitted) << admitted.error().message;
    auto made = enrol_as("reg", {.application_id = application, .activity = activity});
    EXPECT_TRUE(made) << made.error().message;
    clock_.advance();
    return made.value_or(store::EnrolmentRecord{});
  }

  Result<store::EnrolmentRecord> change_as(const std::string& user, const std::string& enrolment,
                                           domain::EnrolmentEvent event, std::string reason = {},
                                           std::optional<domain::Date> resume_by = {}) {
    const auto& actor = who(user);
    auto out = tx([&](store::Transaction& t) {
      return change_enrolment(t, clock_, actor, "a",
                              {.enrolment_id = enrolment,
                               .event = event,
                               .reason = std::move(reason),
                               .resume_by = resume_by});
    });
    clock_.advance();
    return out;
  }

  /// A result for the chip design that passes: both outcomes achieved, 14,5 of 20.
  static AssessmentInput passing(const std::string& enrolment) {
    return {.enrolment_id = enrolment,
            .outcomes = {{.outcome = 0, .achieved = true, .evidence = "git:chip@1"},
                         {.outcome = 1, .achieved = true, .evidence = "sim-report.pdf"}},
            .grade = "14,5",
            .assessed_on = domain::Date{2025, 12, 20},
            .method = domain::AssessmentType::project,
            .supervision = domain::SupervisionMode::onsite_identity_verification};
  }

  Result<RecordAssessmentOutcome> record_as(const std::string& user, const AssessmentInput& input) {
    const auto& actor = who(user);
    auto out = tx([&](store::Transaction& t) {
      return record_assessment(t, random_, clock_, actor, "a", input);
    });
    clock_.advance();
    return out;
  }

  Result<BoardOutcome> vote_as(const std::string& user, const std::string& assessment,
                               bool approved = true) {
    const auto& actor = who(user);
    auto out = tx([&](store::Transaction& t) {
      return vote_on_assessment(t, clock_, actor, "a",
                                {.assessment_id = assessment,
                                 .approved = approved,
                                 .comment = approved ? "agreed" : "the evidence is thin"});
    });
    clock_.advance();
    return out;
  }

  TestClock clock_;
  crypto::DeterministicRandom random_{std::array<std::uint8_t, 32>{7}};
  std::map<std::string, Principal> principals_;
};

}  // namespace microcred::service::testing
