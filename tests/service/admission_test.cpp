#include "service/admission.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "learner_path_fixture.h"
#include "store/audit.h"

namespace microcred::service {
namespace {

using domain::ApplicationStatus;
using domain::Decision;
using support::offering_json;

class Admission : public testing::LearnerPath {
 protected:
  void SetUp() override {
    LearnerPath::SetUp();
    if (IsSkipped() || HasFailure()) return;
    open_ok();
  }

  ApplicationStatus status_of(const std::string& id, const std::string& institution = "a") {
    auto found =
        tx([&](store::Transaction& t) { return store::find_application(t, institution, id); });
    EXPECT_TRUE(found) << found.error().message;
    return found ? found->status : ApplicationStatus::submitted;
  }
};
MICROCRED_ON_BOTH_BACKENDS(Admission);

TEST_P(Admission, EvaluatesAndStoresEligibilityCriterionByCriterion) {
  auto eligible = apply_as("lea", {.learner_category = "professional",
                                   .evidence_json = support::eligible_evidence_json()});
  ASSERT_TRUE(eligible) << eligible.error().message;
  EXPECT_EQ(eligible->eligibility.overall, domain::Eligibility::eligible);
  ASSERT_EQ(eligible->eligibility.criteria.size(), 2u);
  EXPECT_EQ(eligible->application.record.status, ApplicationStatus::submitted);
  EXPECT_EQ(eligible->application.application.evidence.degrees.at(0).eqf_level, 7);

  auto ineligible = apply_as("leo", {.evidence_json = support::ineligible_evidence_json()});
  ASSERT_TRUE(ineligible) << ineligible.error().message;
  EXPECT_EQ(ineligible->eligibility.overall, domain::Eligibility::not_eligible);
  const auto& language = ineligible->eligibility.criteria.at(0);
  EXPECT_EQ(language.criterion, domain::CriterionKind::language);
  EXPECT_EQ(language.verdict, domain::Verdict::not_met);

  auto stored = tx([&](store::Transaction& t) {
    return get_application(t, who("reg"), "a", ineligible->application.record.id);
  });
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->record.eligibility, domain::Eligibility::not_eligible);
  EXPECT_NE(stored->record.eligibility_json.find("not_met"), std::string::npos);
  EXPECT_EQ(stored->application, ineligible->application.application);

  auto without = apply_as("lia", {});  // no evidence at all
  ASSERT_TRUE(without) << without.error().message;
  EXPECT_EQ(without->eligibility.overall, domain::Eligibility::not_eligible);
  auto trail = tx([&](store::Transaction& t) {
    return store::audit_trail(t, "a", "application", without->application.record.id);
  });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "application.submit");
  EXPECT_EQ((*trail)[0].actor, "lia");
}

TEST_P(Admission, RefusesApplicationsThatCannotBeTaken) {
  struct Row {
    std::string name;
    std::string user;
    ApplyRequest request;
    ErrorCode code;
    std::string field;
  };
  const std::string bad_level = R"({"degrees":[{"title":"MSc","eqf_level":9}]})";
  const Row rows[] = {
      {"an account without a learner profile",
       "reg",
       {.learner_id = "nolearner"},
       ErrorCode::not_found,
       "learner_id"},
      {"no such account", "reg", {.learner_id = "ghost"}, ErrorCode::not_found, "learner_id"},
      {"evidence that is not JSON",
       "lea",
       {.evidence_json = "{\"languages\":"},
       ErrorCode::parse_error,
       "/evidence"},
      {"an impossible EQF level",
       "lea",
       {.evidence_json = bad_level},
       ErrorCode::invalid_argument,
       "/evidence/degrees/0/eqf_level"},
      {"an unknown evidence key",
       "lea",
       {.evidence_json = R"({"degree":[]})"},
       ErrorCode::invalid_argument,
       "/evidence/degree"},
      {"for someone else", "lea", {.learner_id = "leo"}, ErrorCode::forbidden, ""},
      {"as staff of another institution", "regb", {.learner_id = "lea"}, ErrorCode::forbidden, ""},
      {"as an assessor", "ass", {.learner_id = "lea"}, ErrorCode::forbidden, ""},
      {"to no such offering", "lea", {.offering_id = "off-9"}, ErrorCode::not_found, ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto made = apply_as(row.user, row.request);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, row.code) << made.error().message;
    if (!row.field.empty()) {
      EXPECT_EQ(made.error().field, row.field);
    }
  }
  auto listed =
      tx([&](store::Transaction& t) { return list_applications(t, who("reg"), "a", "off-1"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(Admission, TakesApplicationsOnlyWhileTheWindowIsOpen) {
  clock_.set({support::sample_now.seconds - 86'400 * 60, 0});  // before it opens
  auto early = apply_as("lea", {});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  EXPECT_EQ(early.error().field, "/application_window");
  clock_.set(*parse_rfc3339("2026-03-01T00:00:00Z"));  // closes: exclusive
  auto late = apply_as("lea", {});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
}

TEST_P(Admission, RefusesASecondOpenApplication) {
  applied("lea");
  auto again = apply_as("lea", {});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto for_her = apply_as("reg", {.learner_id = "leo"});  // a registrar may apply for a learner
  ASSERT_TRUE(for_her) << for_her.error().message;
  EXPECT_EQ(for_her->application.record.learner_id, "leo");
}

TEST_P(Admission, NeverAdmitsBeyondTheCapacity) {
  auto lea = applied("lea");
  auto leo = applied("leo");
  auto lia = applied("lia");
  auto luc = applied("luc");
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  auto second = decide_as("reg", leo, Decision::admit);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->counts.admitted, 2);
  EXPECT_EQ(second->counts.free_places, 0);
  auto third = decide_as("reg", lia, Decision::admit);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::conflict);
  EXPECT_NE(third.error().message.find("no place left"), std::string::npos)
      << third.error().message;
  auto waitlisted = decide_as("reg", lia, Decision::waitlist);
  ASSERT_TRUE(waitlisted) << waitlisted.error().message;
  EXPECT_EQ(waitlisted->application.record.status, ApplicationStatus::waitlisted);
  auto fallback = decide_as("reg", luc, Decision::admit, {}, "a", /*waitlist_when_full=*/true);
  ASSERT_TRUE(fallback) << fallback.error().message;
  EXPECT_EQ(fallback->application.record.status, ApplicationStatus::waitlisted);
  EXPECT_EQ(fallback->counts.waitlisted, 2);
  auto history =
      tx([&](store::Transaction& t) { return admission_history(t, who("reg"), "a", luc); });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].decision, "waitlist");
}

TEST_P(Admission, RejectsOnlyWithAReason) {
  auto lea = applied("lea");
  auto bare = decide_as("reg", lea, Decision::reject);
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bare.error().field, "reason");
  auto rejected = decide_as("reg", lea, Decision::reject, "English below B2");
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->application.record.reason, "English below B2");
  EXPECT_EQ(rejected->application.record.decided_by, "reg");
  auto again = decide_as("reg", lea, Decision::admit);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);  // rejected is final
  auto trail =
      tx([&](store::Transaction& t) { return store::audit_trail(t, "a", "application", lea); });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[1].action, "application.reject");
  EXPECT_NE((*trail)[1].before_sha256, (*trail)[1].after_sha256);
}

TEST_P(Admission, WithdrawalPromotesTheFirstOnTheWaitingList) {
  auto lea = applied("lea");
  auto leo = applied("leo");
  auto lia = applied("lia");
  auto luc = applied("luc");
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  ASSERT_TRUE(decide_as("reg", leo, Decision::admit));
  ASSERT_TRUE(decide_as("reg", luc, Decision::waitlist));  // luc is first on the list
  ASSERT_TRUE(decide_as("reg", lia, Decision::waitlist));
  auto withdrawn = decide_as("leo", leo, Decision::withdraw, "found a job");
  ASSERT_TRUE(withdrawn) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->application.record.status, ApplicationStatus::withdrawn);
  ASSERT_EQ(withdrawn->promoted.size(), 1u);
  EXPECT_EQ(withdrawn->promoted[0].record.id, luc);
  EXPECT_EQ(withdrawn->promoted[0].record.reason, "promoted from the waiting list");
  EXPECT_EQ(withdrawn->counts.admitted, 2);
  EXPECT_EQ(withdrawn->counts.waitlisted, 1);
  EXPECT_EQ(status_of(luc), ApplicationStatus::admitted);
  EXPECT_EQ(status_of(lia), ApplicationStatus::waitlisted);
  auto trail =
      tx([&](store::Transaction& t) { return store::audit_trail(t, "a", "application", luc); });
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->back().action, "application.promote");
  EXPECT_EQ(trail->back().actor, "leo");
}

TEST_P(Admission, LetsLearnersWithdrawOnlyTheirOwnApplication) {
  auto lea = applied("lea");
  auto leo = applied("leo");
  auto theirs = decide_as("lea", leo, Decision::withdraw);
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, ErrorCode::forbidden);
  auto self_admit = decide_as("lea", lea, Decision::admit);
  ASSERT_FALSE(self_admit);
  EXPECT_EQ(self_admit.error().code, ErrorCode::forbidden);
  auto by_assessor = decide_as("ass", lea, Decision::admit);
  ASSERT_FALSE(by_assessor);
  EXPECT_EQ(by_assessor.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(decide_as("reg", leo, Decision::withdraw));  // a registrar may
  EXPECT_EQ(status_of(lea), ApplicationStatus::submitted);
}

TEST_P(Admission, PromotesByHandUnderManualPromotion) {
  open_ok({.id = "manual", .code = "manual", .capacity = 1, .promotion = "manual"});
  auto lea = applied("lea", "manual");
  auto leo = applied("leo", "manual");
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  ASSERT_TRUE(decide_as("reg", leo, Decision::waitlist));
  auto withdrawn = decide_as("lea", lea, Decision::withdraw);
  ASSERT_TRUE(withdrawn);
  EXPECT_TRUE(withdrawn->promoted.empty());
  EXPECT_EQ(withdrawn->counts.free_places, 1);
  auto promoted = tx([&](store::Transaction& t) {
    return promote_waitlisted(t, clock_, who("reg"), "a", "manual");
  });
  ASSERT_TRUE(promoted) << promoted.error().message;
  ASSERT_EQ(promoted->promoted.size(), 1u);
  EXPECT_EQ(promoted->promoted[0].record.id, leo);
  EXPECT_EQ(promoted->counts.free_places, 0);
  auto by_learner = tx([&](store::Transaction& t) {
    return promote_waitlisted(t, clock_, who("leo"), "a", "manual");
  });
  ASSERT_FALSE(by_learner);
  EXPECT_EQ(by_learner.error().code, ErrorCode::forbidden);
}

TEST_P(Admission, IsDecidedByTheReviewingInstitution) {
  open_ok({.id = "joint", .code = "joint", .reviewing_institution_id = "b"});
  auto lea = applied("lea", "joint");
  auto by_owner = decide_as("reg", lea, Decision::admit);
  ASSERT_FALSE(by_owner);
  EXPECT_EQ(by_owner.error().code, ErrorCode::forbidden);
  EXPECT_NE(by_owner.error().message.find("\"b\""), std::string::npos) << by_owner.error().message;
  auto by_reviewer = decide_as("regb", lea, Decision::admit, "", "b");
  ASSERT_TRUE(by_reviewer) << by_reviewer.error().message;
  EXPECT_EQ(by_reviewer->application.record.decided_by, "regb");
  auto listed =
      tx([&](store::Transaction& t) { return list_applications(t, who("regb"), "b", "joint"); });
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(listed->size(), 1u);
}

TEST_P(Admission, KeepsEachInstitutionsApplicationsToItself) {
  auto lea = applied("lea");
  for (const char* tenant : {"a", "b"}) {
    SCOPED_TRACE(tenant);
    auto seen =
        tx([&](store::Transaction& t) { return get_application(t, who("regb"), tenant, lea); });
    ASSERT_FALSE(seen);
    EXPECT_TRUE(seen.error().code == ErrorCode::not_found ||
                seen.error().code == ErrorCode::forbidden);
    auto decided = decide_as("regb", lea, Decision::admit, "", tenant);
    ASSERT_FALSE(decided);
    EXPECT_TRUE(decided.error().code == ErrorCode::not_found ||
                decided.error().code == ErrorCode::forbidden);
    auto listed = tx(
        [&](store::Transaction& t) { return list_applications(t, who("regb"), tenant, "off-1"); });
    ASSERT_FALSE(listed);
    EXPECT_TRUE(listed.error().code == ErrorCode::not_found ||
                listed.error().code == ErrorCode::forbidden);
    auto history =
        tx([&](store::Transaction& t) { return admission_history(t, who("regb"), tenant, lea); });
    EXPECT_FALSE(history);
  }
  EXPECT_EQ(status_of(lea), ApplicationStatus::submitted);
  auto own = tx([&](store::Transaction& t) { return get_application(t, who("lea"), "a", lea); });
  ASSERT_TRUE(own) << own.error().message;  // the learner sees their own
  auto other = tx([&](store::Transaction& t) { return get_application(t, who("leo"), "a", lea); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
}

// The capacity race (#7): many threads on two stores (two servers on one database) admit
// applications to one offering at once. Never more than `capacity` are admitted at any
// moment, every decision that loses gets a clear conflict (or, when asked, a place on the
// waiting list), and concurrent withdrawals promote the first on the waiting list.
TEST_P(Admission, NeverExceedsTheCapacityUnderConcurrentDecisions) {
  constexpr int capacity = 5;
  constexpr int applicants = support::numbered_learners;
  constexpr int threads = 8;
  open_ok({.id = "race", .code = "race", .capacity = capacity});
  std::vector<std::string> ids;
  for (int i = 0; i < applicants; ++i)
    ids.push_back(applied(support::numbered_learner(i), "race"));
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(applicants));
  const Principal registrar = who("reg");
  std::vector<Principal> learners;
  for (int i = 0; i < applicants; ++i)
    learners.push_back(who(support::numbered_learner(i)));
  std::unique_ptr<store::Store> second_server = db_->open();
  store::Store* servers[] = {store_.get(), second_server.get()};

  std::atomic<bool> running{true};
  std::atomic<int> most_admitted{0};
  std::thread watcher([&] {
    while (running) {
      auto admitted = store_->transaction([](store::Transaction& t) {
        return store::list_applications(t, "a", "race", ApplicationStatus::admitted);
      });
      if (admitted) {
        int n = static_cast<int>(admitted->size());
        int seen = most_admitted.load();
        while (n > seen && !most_admitted.compare_exchange_weak(seen, n)) {
        }
      }
      std::this_thread::yield();
    }
  });

  // Runs `work(i)` for every application, `threads` threads at once.
  auto in_parallel = [&](int count, auto work) {
    std::vector<std::thread> pool;
    std::atomic<int> next{0};
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int i = next++; i < count; i = next++)
          work(i, *servers[t % 2]);
      });
    }
    for (auto& thread : pool)
      thread.join();
  };
  std::mutex mutex;
  std::vector<std::string> unexpected;
  auto note = [&](const std::string& what) {
    std::lock_guard lock(mutex);
    unexpected.push_back(what);
  };

  // 1. Everyone admits at once: exactly `capacity` win, the rest hear "no place left".
  std::atomic<int> admitted{0}, full{0};
  in_parallel(applicants, [&](int i, store::Store& server) {
    auto out = server.transaction([&](store::Transaction& t) {
      return decide(t, clock_, registrar, "a",
                    {.application_id = ids[i], .decision = Decision::admit});
    });
    if (out) {
      ++admitted;
    } else if (out.error().code == ErrorCode::conflict &&
               out.error().message.find("no place left") != std::string::npos) {
      ++full;
    } else {
      note(describe(out.error()));
    }
  });
  EXPECT_EQ(admitted.load(), capacity);
  EXPECT_EQ(full.load(), applicants - capacity);

  // 2. The losers again, asking for the waiting list when full: all are waitlisted.
  std::vector<int> waiting;
  for (int i = 0; i < applicants; ++i)
    if (status_of(ids[i]) == ApplicationStatus::submitted) waiting.push_back(i);
  ASSERT_EQ(waiting.size(), static_cast<std::size_t>(applicants - capacity));
  std::atomic<int> waitlisted{0};
  in_parallel(static_cast<int>(waiting.size()), [&](int n, store::Store& server) {
    auto out = server.transaction([&](store::Transaction& t) {
      return decide(t, clock_, registrar, "a",
                    {.application_id = ids[waiting[n]],
                     .decision = Decision::admit,
                     .waitlist_when_full = true});
    });
    if (out && out->application.record.status == ApplicationStatus::waitlisted) {
      ++waitlisted;
    } else {
      note(out ? "not waitlisted" : describe(out.error()));
    }
  });
  EXPECT_EQ(waitlisted.load(), applicants - capacity);

  // 3. The admitted learners withdraw at once while the registrar admits the rest: each
  //    freed place goes to the first on the waiting list, and still never one too many.
  auto before = tx([](store::Transaction& t) { return store::list_applications(t, "a", "race"); });
  ASSERT_TRUE(before);
  std::vector<domain::Application> forms;
  std::vector<int> leaving;
  for (int i = 0; i < applicants; ++i) {
    const auto& r = (*before)[static_cast<std::size_t>(i)];
    forms.push_back({.id = r.id,
                     .status = r.status,
                     .submitted_at = r.submitted_at,
                     .waitlisted_at = r.waitlisted_at});
    if (r.status == ApplicationStatus::admitted) leaving.push_back(i);
  }
  auto queue = domain::waiting_list(forms);
  std::vector<std::string> first_in_line(queue.begin(), queue.begin() + capacity);
  std::map<std::string, int> learner_of;
  for (int i = 0; i < applicants; ++i)
    learner_of[ids[i]] = i;
  std::atomic<int> withdrawn{0};
  in_parallel(2 * capacity, [&](int n, store::Store& server) {
    if (n % 2 == 0) {
      const auto& id = (*before)[static_cast<std::size_t>(leaving[n / 2])].id;
      auto out = server.transaction([&](store::Transaction& t) {
        return decide(t, clock_, learners[learner_of[id]], "a",
                      {.application_id = id, .decision = Decision::withdraw});
      });
      if (out && out->promoted.size() == 1) {
        ++withdrawn;
      } else {
        note(out ? "a withdrawal promoted " + std::to_string(out->promoted.size())
                 : describe(out.error()));
      }
    } else {
      // A competing admission of someone further down the list: always too late.
      const auto& id = queue[queue.size() - 1 - static_cast<std::size_t>(n / 2)];
      auto out = server.transaction([&](store::Transaction& t) {
        return decide(t, clock_, registrar, "a",
                      {.application_id = id, .decision = Decision::admit});
      });
      if (out || out.error().code != ErrorCode::conflict) note("a late admission got through");
    }
  });
  running = false;
  watcher.join();
  EXPECT_EQ(withdrawn.load(), capacity);
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unexpected, first: "
                                  << (unexpected.empty() ? "" : unexpected.front());
  EXPECT_LE(most_admitted.load(), capacity);
  auto after = tx([](store::Transaction& t) {
    return store::list_applications(t, "a", "race", ApplicationStatus::admitted);
  });
  ASSERT_TRUE(after);
  std::vector<std::string> now_admitted;
  for (const auto& r : *after)
    now_admitted.push_back(r.id);
  std::sort(now_admitted.begin(), now_admitted.end());
  std::sort(first_in_line.begin(), first_in_line.end());
  EXPECT_EQ(now_admitted, first_in_line);
}

}  // namespace
}  // namespace microcred::service
