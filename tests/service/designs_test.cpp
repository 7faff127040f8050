#include "service/designs.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <map>

#include <boost/json.hpp>

#include "json/parse.h"
#include "service/audit.h"
#include "store/audit.h"
#include "store/catalogue.h"
#include "store/detail/connection.h"
#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"
#include "support/testsuites.h"

namespace microcred::service {
namespace {

using domain::ChecklistAnswer;
using domain::DesignStatus;
using domain::ReviewDecision;
using domain::Role;
using support::sample_now;

// Passes every design check (warnings only) in Spain and in Belgium.
constexpr std::string_view good_design = R"({"format":"microcred-design/1",
  "title":"Chip design","learning_outcomes":[{"statement":"Design a chip."}],"ects":6,
  "eqf_level":6,"assessment":{"types":["project"]},"participation":{"form":"onsite"},
  "quality_assurance":{"types":["internal"]},
  "issuing_institution":{"name":"U","country":"BE"}})";

std::string with_title(std::string_view title) {
  auto value = boost::json::parse(good_design);
  value.as_object()["title"] = title;
  return boost::json::serialize(value);
}

std::string with_ects(double ects) {
  auto value = boost::json::parse(good_design);
  value.as_object()["ects"] = ects;
  return boost::json::serialize(value);
}

domain::QaReview approval() {
  domain::QaReview review{.decision = ReviewDecision::approved, .comment = "Ready."};
  for (const auto& item : domain::qa_checklist())
    review.checklist.push_back({std::string(item.id), ChecklistAnswer::yes, ""});
  return review;
}

domain::QaReview changes(std::string comment = "Make outcome 1 measurable.") {
  return {.decision = ReviewDecision::changes_requested, .comment = std::move(comment)};
}

class Designs : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](store::Transaction& tx) -> Result<void> {
      if (auto r = store::insert_institution(tx, support::sample_institution("a", "ES")); !r)
        return r;
      if (auto r = store::insert_institution(tx, support::sample_institution("b", "BE")); !r)
        return r;
      const std::pair<const char*, std::vector<std::pair<const char*, Role>>> staff[] = {
          {"ana", {{"a", Role::designer}}},
          {"ben", {{"a", Role::designer}}},
          {"quinn", {{"a", Role::qa}}},
          {"dual", {{"a", Role::designer}, {"a", Role::qa}}},
          {"reg", {{"a", Role::registrar}}},
          {"root", {{"a", Role::admin}}},
          {"bob",
           {{"b", Role::designer}, {"b", Role::qa}, {"b", Role::registrar}, {"b", Role::admin}}},
      };
      for (const auto& [user, grants] : staff) {
        if (auto r = store::insert_user(tx, support::sample_user(user)); !r) return r;
        for (const auto& [institution, role] : grants)
          if (auto r = store::grant_role(tx, institution, user, role); !r) return r;
      }
      return {};
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
    rules_ = *domain::parse_national_rules(domain::shipped_national_rules_json());
    for (const char* user : {"ana", "ben", "quinn", "dual", "reg", "root", "bob"})
      who(user);
  }

  // The principal of `user`'s login session; loaded once, outside any transaction.
  const Principal& who(const std::string& user) {
    auto found = principals_.find(user);
    if (found != principals_.end()) return found->second;
    auto loaded =
        store_->transaction([&](store::Transaction& tx) { return load_principal(tx, user); });
    EXPECT_TRUE(loaded) << loaded.error().message;
    return principals_.emplace(user, loaded.value_or(Principal{})).first->second;
  }

  template <class F>
  auto tx(F&& fn) {
    return store_->transaction([&](store::Transaction& t) { return fn(t); });
  }

  Result<DesignVersion> create(const std::string& user, std::string_view json = good_design,
                               const std::string& institution = "a") {
    auto actor = who(user);
    return tx([&](store::Transaction& t) {
      return create_design(t, random_, clock_, actor, institution, json);
    });
  }
  Result<DesignVersion> update(const std::string& user, const std::string& id,
                               std::string_view json, const std::string& institution = "a") {
    auto actor = who(user);
    return tx([&](store::Transaction& t) {
      return update_design(t, clock_, actor, institution, id, json);
    });
  }
  Result<SubmitOutcome> submit(const std::string& user, const std::string& id,
                               const std::string& institution = "a") {
    auto actor = who(user);
    return tx([&](store::Transaction& t) {
      return submit_design(t, clock_, actor, institution, id, rules_);
    });
  }
  Result<DesignVersion> withdraw(const std::string& user, const std::string& id) {
    auto actor = who(user);
    return tx([&](store::Transaction& t) { return withdraw_design(t, clock_, actor, "a", id); });
  }
  Result<DesignVersion> review(const std::string& user, const std::string& id,
                               const domain::QaReview& review, std::string digest = {},
                               const std::string& institution = "a") {
    auto actor = who(user);
    return tx([&](store::Transaction& t) {
      return review_design(t, clock_, actor, institution, id, {review, digest});
    });
  }
  Result<DesignVersion> publish(const std::string& user, const std::string& id,
                                const std::string& institution = "a") {
    auto actor = who(user);
    return tx(
        [&](store::Transaction& t) { return publish_design(t, clock_, actor, institution, id); });
  }
  Result<DesignVersion> retire(const std::string& user, const std::string& id,
                               const std::string& institution = "a") {
    auto actor = who(user);
    return tx(
        [&](store::Transaction& t) { return retire_design(t, clock_, actor, institution, id); });
  }
  Result<DesignVersion> get(const std::string& user, const std::string& id,
                            std::optional<int> version = std::nullopt,
                            const std::string& institution = "a") {
    auto actor = who(user);
    return tx(
        [&](store::Transaction& t) { return get_design(t, actor, institution, id, version); });
  }
  std::vector<store::AuditEvent> trail(const std::string& id) {
    auto events =
        tx([&](store::Transaction& t) { return store::audit_trail(t, "a", "design", id); });
    EXPECT_TRUE(events) << events.error().message;
    return events.value_or(std::vector<store::AuditEvent>{});
  }
  std::vector<std::string> actions(const std::string& id) {
    std::vector<std::string> out;
    for (const auto& event : trail(id))
      out.push_back(event.action);
    return out;
  }

  // A design of "a" by ana, taken through the lifecycle up to `status`.
  std::string design_in(DesignStatus status) {
    auto made = create("ana");
    EXPECT_TRUE(made) << made.error().message;
    if (!made) return "";
    const std::string id = made->record.id;
    if (status == DesignStatus::draft) return id;
    auto submitted = submit("ana", id);
    EXPECT_TRUE(submitted && submitted->submitted);
    if (status == DesignStatus::submitted) return id;
    if (status == DesignStatus::changes_requested) {
      EXPECT_TRUE(review("quinn", id, changes()));
      return id;
    }
    EXPECT_TRUE(review("quinn", id, approval()));
    if (status == DesignStatus::approved) return id;
    EXPECT_TRUE(publish("reg", id));
    if (status == DesignStatus::published) return id;
    EXPECT_TRUE(retire("reg", id));
    return id;
  }

  // Makes every INSERT into `table` for which `condition` holds fail, as a broken disk would.
  void sabotage(const std::string& table, const std::string& condition) {
    auto made = tx([&](store::Transaction& t) -> Result<void> {
      if (t.backend() == store::Backend::sqlite) {
        auto r =
            store::detail::run(t, "CREATE TRIGGER sabotage BEFORE INSERT ON " + table + " WHEN " +
                                      condition + " BEGIN SELECT RAISE(ABORT, 'sabotaged'); END");
        if (!r) return r.error();
        return {};
      }
      auto f = store::detail::run(
          t,
          "CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "RAISE EXCEPTION 'sabotaged'; END; $$");
      if (!f) return f.error();
      auto r = store::detail::run(t, "CREATE TRIGGER sabotage BEFORE INSERT ON " + table +
                                         " FOR EACH ROW WHEN (" + condition +
                                         ") EXECUTE FUNCTION sabotage()");
      if (!r) return r.error();
      return {};
    });
    ASSERT_TRUE(made) << made.error().message;
  }
  void sabotage_audit(const std::string& action) {
    sabotage("audit_events", "NEW.action = '" + action + "'");
  }

  Result<store::CatalogueEntry> listed(const std::string& id) {
    return tx([&](store::Transaction& t) { return store::find_catalogue_entry(t, id); });
  }

  crypto::DeterministicRandom random_{std::array<std::uint8_t, 32>{42}};
  FixedClock clock_{sample_now};
  domain::NationalRules rules_;
  std::map<std::string, Principal> principals_;
};
MICROCRED_ON_BOTH_BACKENDS(Designs);

// --- create and edit ---------------------------------------------------------------------

TEST_P(Designs, CreateMakesVersionOneADraftWithItsDigest) {
  auto made = create("ana");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->status, DesignStatus::draft);
  EXPECT_EQ(made->record.version, 1);
  EXPECT_EQ(made->record.author_id, "ana");
  EXPECT_EQ(made->record.id.size(), 36u);  // a UUID
  EXPECT_EQ(made->design.title, "Chip design");
  EXPECT_EQ(made->record.content_sha256, *canonical_digest(good_design));
  auto stored = get("ana", made->record.id);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->record, made->record);
  EXPECT_EQ(stored->design, made->design);
}

TEST_P(Designs, CreateRefusesAnythingButADesignNamingTheField) {
  struct Row {
    std::string json;
    ErrorCode code;
    std::string field;
  };
  const Row rows[] = {
      {R"({"format":"microcred-design/1","ects":"six"})", ErrorCode::invalid_argument, "/ects"},
      {R"({"format":"microcred-design/1","titel":"T"})", ErrorCode::invalid_argument, "/titel"},
      {R"({"format":"microcred-design/1","learning_outcomes":[{"statement":1}]})",
       ErrorCode::invalid_argument, "/learning_outcomes/0/statement"},
      {R"({"format":"microcred-design/1",)", ErrorCode::parse_error, "1:32"},
      {R"({"title":"a","title":"b"})", ErrorCode::duplicate_key, ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.json);
    auto made = create("ana", row.json);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, row.code) << made.error().message;
    if (!row.field.empty()) {
      EXPECT_EQ(made.error().field, row.field);
    }
  }
  auto listed = tx([&](store::Transaction& t) { return list_designs(t, who("ana"), "a"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(Designs, OnlyDesignersCreate) {
  for (const char* user : {"quinn", "reg", "root"}) {
    SCOPED_TRACE(user);
    auto made = create(user);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, ErrorCode::forbidden);
  }
}

TEST_P(Designs, UpdateChangesADraftInPlace) {
  auto id = design_in(DesignStatus::draft);
  auto before = get("ana", id);
  ASSERT_TRUE(before);
  auto updated = update("ben", id, with_title("Chip design II"));
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->record.version, 1);
  EXPECT_EQ(updated->status, DesignStatus::draft);
  EXPECT_EQ(updated->design.title, "Chip design II");
  EXPECT_EQ(updated->record.author_id, "ana");
  EXPECT_NE(updated->record.content_sha256, before->record.content_sha256);
  EXPECT_EQ(updated->record.content_sha256, *canonical_digest(with_title("Chip design II")));
}

TEST_P(Designs, UpdateNamesTheBadFieldAndChangesNothing) {
  auto id = design_in(DesignStatus::draft);
  auto updated = update("ana", id, R"({"format":"microcred-design/1","eqf_level":"six"})");
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(updated.error().field, "/eqf_level");
  EXPECT_EQ(get("ana", id)->design.title, "Chip design");
}

TEST_P(Designs, UpdateIsRefusedWhileInReview) {
  for (auto status : {DesignStatus::submitted, DesignStatus::approved}) {
    SCOPED_TRACE(domain::to_string(status));
    auto id = design_in(status);
    auto updated = update("ana", id, with_title("Sneaked in"));
    ASSERT_FALSE(updated);
    EXPECT_EQ(updated.error().code, ErrorCode::conflict);
    EXPECT_EQ(get("ana", id)->design.title, "Chip design");
  }
}

// --- submit ----------------------------------------------------------------------------

TEST_P(Designs, SubmitMovesADraftToReview) {
  auto id = design_in(DesignStatus::draft);
  auto submitted = submit("ben", id);
  ASSERT_TRUE(submitted) << submitted.error().message;
  EXPECT_TRUE(submitted->submitted);
  EXPECT_FALSE(domain::has_error(submitted->findings));
  EXPECT_EQ(submitted->version.status, DesignStatus::submitted);
  EXPECT_EQ(submitted->version.record.submitted_by, "ben");
  EXPECT_EQ(submitted->version.record.submitted_at, sample_now);
}

TEST_P(Designs, SubmitIsRefusedWithTheFindingsWhenAChecksFindsAnError) {
  auto made = create("ana", with_ects(75));
  ASSERT_TRUE(made);
  auto submitted = submit("ana", made->record.id);
  ASSERT_TRUE(submitted) << submitted.error().message;
  EXPECT_FALSE(submitted->submitted);
  EXPECT_EQ(submitted->version.status, DesignStatus::draft);
  bool ects = false;
  for (const auto& f : submitted->findings)
    ects = ects || (f.rule == "ects-range" && f.severity == domain::Severity::error);
  EXPECT_TRUE(ects);
  EXPECT_EQ(get("ana", made->record.id)->status, DesignStatus::draft);
  EXPECT_EQ(actions(made->record.id), std::vector<std::string>{"design.create"});
}

TEST_P(Designs, SubmitAppliesTheNationalRulesOfTheInstitutionsCountry) {
  auto made = create("ana", with_ects(20));  // Spain: fewer than 15 ECTS
  ASSERT_TRUE(made);
  auto submitted = submit("ana", made->record.id);
  ASSERT_TRUE(submitted);
  EXPECT_FALSE(submitted->submitted);
  bool spain = false;
  for (const auto& f : submitted->findings)
    spain = spain || f.message.find("es-ects-below-15") != std::string::npos;
  EXPECT_TRUE(spain);
}

TEST_P(Designs, SubmitAppliesTheNationalRulesOfTheDesignsTargetCountries) {
  auto value = boost::json::parse(with_ects(20));
  value.as_object()["target_countries"] = boost::json::array{"ES"};
  auto in_b = create("bob", boost::json::serialize(value), "b");  // b is Belgian
  ASSERT_TRUE(in_b) << in_b.error().message;
  auto submitted = submit("bob", in_b->record.id, "b");
  ASSERT_TRUE(submitted);
  EXPECT_FALSE(submitted->submitted);
  auto without = create("bob", with_ects(20), "b");
  ASSERT_TRUE(without);
  auto fine = submit("bob", without->record.id, "b");
  ASSERT_TRUE(fine);
  EXPECT_TRUE(fine->submitted);
}

TEST_P(Designs, SubmitIsRefusedOutsideDraftAndChangesRequested) {
  for (auto status : {DesignStatus::submitted, DesignStatus::approved, DesignStatus::published,
                      DesignStatus::retired}) {
    SCOPED_TRACE(domain::to_string(status));
    auto id = design_in(status);
    auto submitted = submit("ana", id);
    ASSERT_FALSE(submitted);
    EXPECT_EQ(submitted.error().code, ErrorCode::conflict);
    EXPECT_EQ(get("ana", id)->status, status);
  }
}

TEST_P(Designs, OnlyDesignersSubmit) {
  auto id = design_in(DesignStatus::draft);
  auto submitted = submit("quinn", id);
  ASSERT_FALSE(submitted);
  EXPECT_EQ(submitted.error().code, ErrorCode::forbidden);
}

TEST_P(Designs, WithdrawTakesASubmittedVersionBackToDraft) {
  auto id = design_in(DesignStatus::submitted);
  auto withdrawn = withdraw("ana", id);
  ASSERT_TRUE(withdrawn) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->status, DesignStatus::draft);
  EXPECT_EQ(withdrawn->record.submitted_by, "");
  EXPECT_EQ(withdrawn->record.submitted_at, std::nullopt);
  auto again = withdraw("ana", id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

// --- QA review -------------------------------------------------------------------------

TEST_P(Designs, QaApprovesWithACompleteChecklist) {
  auto id = design_in(DesignStatus::submitted);
  auto approved = review("quinn", id, approval());
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->status, DesignStatus::approved);
  auto reviews =
      tx([&](store::Transaction& t) { return list_design_reviews(t, who("ana"), "a", id); });
  ASSERT_TRUE(reviews) << reviews.error().message;
  ASSERT_EQ(reviews->size(), 1u);
  const auto& stored = (*reviews)[0];
  EXPECT_EQ(stored.reviewer_id, "quinn");
  EXPECT_EQ(stored.decision, "approved");
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.comment, "Ready.");
  auto checklist = domain::checklist_from_json(boost::json::parse(stored.checklist_json));
  ASSERT_TRUE(checklist);
  EXPECT_EQ(*checklist, approval().checklist);
}

TEST_P(Designs, ApprovalIsRefusedWithAnIncompleteChecklist) {
  auto id = design_in(DesignStatus::submitted);
  auto partial = approval();
  partial.checklist.pop_back();
  auto approved = review("quinn", id, partial);
  ASSERT_FALSE(approved);
  EXPECT_EQ(approved.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(approved.error().field, "/checklist");
  EXPECT_EQ(get("ana", id)->status, DesignStatus::submitted);
}

TEST_P(Designs, QaRequestsChangesWithACommentAndTheDesignerResubmits) {
  auto id = design_in(DesignStatus::submitted);
  auto silent = review("quinn", id, changes(""));
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().field, "/comment");
  auto sent_back = review("quinn", id, changes());
  ASSERT_TRUE(sent_back) << sent_back.error().message;
  EXPECT_EQ(sent_back->status, DesignStatus::changes_requested);
  auto edited = update("ana", id, with_title("Chip design, revised"));
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->status, DesignStatus::draft);
  EXPECT_EQ(edited->record.version, 1);
  auto resubmitted = submit("ana", id);
  ASSERT_TRUE(resubmitted);
  EXPECT_TRUE(resubmitted->submitted);
  EXPECT_TRUE(review("quinn", id, approval()));
}

TEST_P(Designs, AVersionSentBackCanBeResubmittedUnchanged) {
  auto id = design_in(DesignStatus::changes_requested);
  auto resubmitted = submit("ana", id);
  ASSERT_TRUE(resubmitted);
  EXPECT_TRUE(resubmitted->submitted);
}

TEST_P(Designs, OnlyQaReviews) {
  auto id = design_in(DesignStatus::submitted);
  for (const char* user : {"ben", "reg", "root"}) {
    SCOPED_TRACE(user);
    auto approved = review(user, id, approval());
    ASSERT_FALSE(approved);
    EXPECT_EQ(approved.error().code, ErrorCode::forbidden);
  }
}

TEST_P(Designs, ReviewIsRefusedUnlessSubmitted) {
  for (auto status : {DesignStatus::draft, DesignStatus::changes_requested, DesignStatus::approved,
                      DesignStatus::published}) {
    SCOPED_TRACE(domain::to_string(status));
    auto id = design_in(status);
    for (const auto& r : {approval(), changes()}) {
      auto reviewed = review("quinn", id, r);
      ASSERT_FALSE(reviewed);
      EXPECT_EQ(reviewed.error().code, ErrorCode::conflict);
    }
  }
}

TEST_P(Designs, SeparationOfDutiesKeepsAuthorsFromApprovingTheirOwnDesign) {
  auto made = create("dual");  // designer and QA officer
  ASSERT_TRUE(made);
  const auto id = made->record.id;
  ASSERT_TRUE(submit("dual", id));
  auto own = review("dual", id, approval());
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::forbidden);
  EXPECT_NE(own.error().message.find("separation of duties"), std::string::npos);
  auto own_changes = review("dual", id, changes());
  ASSERT_FALSE(own_changes);
  EXPECT_EQ(own_changes.error().code, ErrorCode::forbidden);
  EXPECT_EQ(get("dual", id)->status, DesignStatus::submitted);
  EXPECT_TRUE(review("quinn", id, approval()));
}

TEST_P(Designs, SeparationOfDutiesCountsEditorsAndSubmitters) {
  {
    auto id = design_in(DesignStatus::draft);  // by ana
    ASSERT_TRUE(update("dual", id, with_title("Edited by dual")));
    ASSERT_TRUE(submit("ana", id));
    auto approved = review("dual", id, approval());
    ASSERT_FALSE(approved);
    EXPECT_EQ(approved.error().code, ErrorCode::forbidden);
  }
  {
    auto id = design_in(DesignStatus::draft);  // by ana
    ASSERT_TRUE(submit("dual", id));
    auto approved = review("dual", id, approval());
    ASSERT_FALSE(approved);
    EXPECT_EQ(approved.error().code, ErrorCode::forbidden);
  }
}

TEST_P(Designs, ReviewOfContentThatChangedMeanwhileIsRefused) {
  auto id = design_in(DesignStatus::submitted);
  auto seen = get("quinn", id);
  ASSERT_TRUE(seen);
  ASSERT_TRUE(withdraw("ana", id));
  ASSERT_TRUE(update("ana", id, with_title("Changed after QA read it")));
  ASSERT_TRUE(submit("ana", id));
  auto approved = review("quinn", id, approval(), seen->record.content_sha256);
  ASSERT_FALSE(approved);
  EXPECT_EQ(approved.error().code, ErrorCode::conflict);
  EXPECT_EQ(approved.error().field, "content_sha256");
  auto fresh = get("quinn", id);
  EXPECT_TRUE(review("quinn", id, approval(), fresh->record.content_sha256));
}

// --- publish and retire ------------------------------------------------------------------

TEST_P(Designs, RegistrarsAndAdminsPublishApprovedVersions) {
  for (const char* user : {"reg", "root"}) {
    SCOPED_TRACE(user);
    auto id = design_in(DesignStatus::approved);
    auto published = publish(user, id);
    ASSERT_TRUE(published) << published.error().message;
    EXPECT_EQ(published->status, DesignStatus::published);
    EXPECT_EQ(published->record.published_by, user);
    EXPECT_EQ(published->record.published_at, sample_now);
  }
}

TEST_P(Designs, OthersCannotPublish) {
  auto id = design_in(DesignStatus::approved);
  for (const char* user : {"ana", "quinn"}) {
    SCOPED_TRACE(user);
    auto published = publish(user, id);
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error().code, ErrorCode::forbidden);
  }
}

TEST_P(Designs, PublishIsRefusedUnlessApproved) {
  for (auto status : {DesignStatus::draft, DesignStatus::submitted, DesignStatus::changes_requested,
                      DesignStatus::published, DesignStatus::retired}) {
    SCOPED_TRACE(domain::to_string(status));
    auto id = design_in(status);
    auto published = publish("reg", id);
    ASSERT_FALSE(published);
    EXPECT_EQ(published.error().code, ErrorCode::conflict);
    EXPECT_EQ(get("ana", id)->status, status);
  }
}

TEST_P(Designs, RetireTakesThePublishedVersionOffForGood) {
  auto id = design_in(DesignStatus::published);
  auto retired = retire("reg", id);
  ASSERT_TRUE(retired) << retired.error().message;
  EXPECT_EQ(retired->status, DesignStatus::retired);
  EXPECT_EQ(retired->record.retired_at, sample_now);
  auto again = retire("reg", id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(Designs, RetireIsRefusedWithoutAPublishedVersion) {
  for (auto status : {DesignStatus::draft, DesignStatus::approved}) {
    SCOPED_TRACE(domain::to_string(status));
    auto id = design_in(status);
    auto retired = retire("reg", id);
    ASSERT_FALSE(retired);
    EXPECT_EQ(retired.error().code, ErrorCode::conflict);
  }
  auto id = design_in(DesignStatus::published);
  auto by_designer = retire("ana", id);
  ASSERT_FALSE(by_designer);
  EXPECT_EQ(by_designer.error().code, ErrorCode::forbidden);
}

// --- versions ------------------------------------------------------------------------------

TEST_P(Designs, EditingAPublishedDesignMakesANewVersionAndLeavesThePublishedOneAlone) {
  auto id = design_in(DesignStatus::published);
  auto v1 = get("ana", id);
  ASSERT_TRUE(v1);
  auto v2 = update("ben", id, with_title("Chip design, 2027 edition"));
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_EQ(v2->record.version, 2);
  EXPECT_EQ(v2->status, DesignStatus::draft);
  EXPECT_EQ(v2->record.author_id, "ben");
  auto v1_after = get("ana", id, 1);
  ASSERT_TRUE(v1_after);
  EXPECT_EQ(v1_after->record, v1->record);
  EXPECT_EQ(v1_after->status, DesignStatus::published);
  auto versions =
      tx([&](store::Transaction& t) { return list_design_versions(t, who("quinn"), "a", id); });
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].design.title, "Chip design");
  EXPECT_EQ((*versions)[1].design.title, "Chip design, 2027 edition");
  // A second edit changes the new draft in place.
  auto again = update("ben", id, with_title("Chip design, 2027"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->record.version, 2);
}

TEST_P(Designs, PublishingANewVersionRetiresThePreviousOne) {
  auto id = design_in(DesignStatus::published);
  ASSERT_TRUE(update("ana", id, with_title("v2")));
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(review("quinn", id, approval()));
  auto v2 = publish("reg", id);
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_EQ(v2->record.version, 2);
  auto v1 = get("ana", id, 1);
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->status, DesignStatus::retired);
  EXPECT_EQ(v1->design.title, "Chip design");
  EXPECT_EQ(get("ana", id, 2)->status, DesignStatus::published);
}

TEST_P(Designs, ARetiredDesignCanBeRevivedAsANewVersion) {
  auto id = design_in(DesignStatus::retired);
  auto v2 = update("ana", id, with_title("Back again"));
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_EQ(v2->record.version, 2);
  EXPECT_EQ(get("ana", id, 1)->status, DesignStatus::retired);
}

TEST_P(Designs, TheContentDigestNamesTheExactVersion) {
  auto id = design_in(DesignStatus::published);
  auto v2 = update("ana", id, with_title("v2"));
  ASSERT_TRUE(v2);
  auto v1 = get("ana", id, 1);
  EXPECT_NE(v1->record.content_sha256, v2->record.content_sha256);
  auto exported =
      tx([&](store::Transaction& t) { return export_design(t, who("ana"), "a", id, 1); });
  ASSERT_TRUE(exported);
  EXPECT_EQ(*canonical_digest(*exported), v1->record.content_sha256);
}

TEST_P(Designs, GetNamesAMissingVersion) {
  auto id = design_in(DesignStatus::draft);
  auto missing = get("ana", id, 2);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  auto unknown = get("ana", "no-such-design");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

// --- audit and atomicity --------------------------------------------------------------------

TEST_P(Designs, EveryStateChangeIsAuditedWithChainedDigests) {
  auto id = design_in(DesignStatus::draft);
  ASSERT_TRUE(update("ana", id, with_title("Edited")));
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(withdraw("ana", id));
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(review("quinn", id, changes()));
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(review("quinn", id, approval()));
  ASSERT_TRUE(publish("reg", id));
  ASSERT_TRUE(update("ben", id, with_title("v2")));
  ASSERT_TRUE(retire("root", id));
  auto events = trail(id);
  std::vector<std::string> got;
  for (const auto& e : events)
    got.push_back(e.action + " by " + e.actor);
  EXPECT_EQ(got,
            (std::vector<std::string>{
                "design.create by ana", "design.edit by ana", "design.submit by ana",
                "design.withdraw by ana", "design.submit by ana", "design.request_changes by quinn",
                "design.submit by ana", "design.approve by quinn", "design.publish by reg",
                "design.new_version by ben", "design.retire by root"}));
  ASSERT_EQ(events.size(), 11u);
  EXPECT_EQ(events[0].before_sha256, "");
  for (std::size_t i = 1; i < 9; ++i) {  // version 1's own changes follow one another
    SCOPED_TRACE(events[i].action);
    EXPECT_EQ(events[i].before_sha256, events[i - 1].after_sha256);
    EXPECT_NE(events[i].after_sha256, events[i].before_sha256);
    EXPECT_EQ(events[i].institution_id, "a");
    EXPECT_EQ(events[i].at, sample_now);
  }
  // The new version starts from the published one; retiring starts from it too.
  EXPECT_EQ(events[9].before_sha256, events[8].after_sha256);
  EXPECT_EQ(events[10].before_sha256, events[8].after_sha256);
}

TEST_P(Designs, RefusedStepsLeaveNoAuditEvent) {
  auto id = design_in(DesignStatus::draft);
  EXPECT_FALSE(publish("reg", id));
  EXPECT_FALSE(review("quinn", id, approval()));
  EXPECT_FALSE(create("quinn"));
  EXPECT_EQ(actions(id), std::vector<std::string>{"design.create"});
}

TEST_P(Designs, AFailedAuditRollsTheSubmissionBack) {
  auto id = design_in(DesignStatus::draft);
  sabotage_audit("design.submit");
  auto submitted = submit("ben", id);
  ASSERT_FALSE(submitted);
  auto after = get("ana", id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, DesignStatus::draft);
  EXPECT_EQ(after->record.submitted_by, "");
  auto contributors =
      tx([&](store::Transaction& t) { return store::design_contributors(t, "a", id, 1); });
  ASSERT_TRUE(contributors);
  EXPECT_EQ(*contributors, std::vector<std::string>{"ana"});  // ben's submission left no trace
}

TEST_P(Designs, AFailedPublicationLeavesThePreviousVersionPublished) {
  auto id = design_in(DesignStatus::published);
  ASSERT_TRUE(update("ana", id, with_title("v2")));
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(review("quinn", id, approval()));
  // Retiring version 1 succeeds inside the transaction; auditing version 2's publication
  // then fails, and both must be undone.
  sabotage_audit("design.publish");
  auto published = publish("reg", id);
  ASSERT_FALSE(published);
  EXPECT_EQ(get("ana", id, 1)->status, DesignStatus::published);
  EXPECT_EQ(get("ana", id, 2)->status, DesignStatus::approved);
  EXPECT_EQ(listed(id)->version, 1);
  auto events = actions(id);
  EXPECT_EQ(std::count(events.begin(), events.end(), "design.retire"), 0);
}

TEST_P(Designs, AFailedCreationLeavesNoDesign) {
  sabotage_audit("design.create");
  auto made = create("ana");
  ASSERT_FALSE(made);
  auto listed = tx([&](store::Transaction& t) { return list_designs(t, who("ana"), "a"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

// --- the catalogue --------------------------------------------------------------------------

TEST_P(Designs, PublishingPutsTheVersionInTheCatalogueAndRetiringTakesItOut) {
  auto id = design_in(DesignStatus::approved);
  auto before = listed(id);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::not_found);
  ASSERT_TRUE(publish("reg", id));
  auto v1 = listed(id);
  ASSERT_TRUE(v1) << v1.error().message;
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->institution_id, "a");
  EXPECT_EQ(v1->title, "Chip design");
  EXPECT_EQ(v1->published_at, sample_now);
  // A new draft leaves the published version listed.
  ASSERT_TRUE(update("ana", id, with_title("Chip design, 2027")));
  EXPECT_EQ(listed(id)->version, 1);
  ASSERT_TRUE(submit("ana", id));
  ASSERT_TRUE(review("quinn", id, approval()));
  clock_ = FixedClock({sample_now.seconds + 86'400, 0});
  ASSERT_TRUE(publish("reg", id));
  auto v2 = listed(id);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->title, "Chip design, 2027");
  EXPECT_EQ(v2->published_at, (Timestamp{sample_now.seconds + 86'400, 0}));
  ASSERT_TRUE(retire("reg", id));
  auto gone = listed(id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
}

TEST_P(Designs, AFailedCatalogueUpdateRollsThePublicationBack) {
  auto id = design_in(DesignStatus::approved);
  sabotage("catalogue_entries", "1 = 1");
  auto published = publish("reg", id);
  ASSERT_FALSE(published);
  EXPECT_EQ(get("ana", id)->status, DesignStatus::approved);
  EXPECT_EQ(actions(id).back(), "design.approve");
}

// --- tenants (#6 acceptance) -----------------------------------------------------------------

// Acceptance of #6: tenant A's staff can neither read nor change tenant B's drafts, through
// the use cases. bob holds every role in b; a's draft must stay out of his reach whether he
// names a's institution (forbidden: his roles count only in b) or his own (not found).
TEST_P(Designs, AnotherInstitutionsStaffCanNeitherReadNorChangeADraft) {
  auto id = design_in(DesignStatus::draft);
  auto submitted_id = design_in(DesignStatus::submitted);
  auto approved_id = design_in(DesignStatus::approved);
  auto published_id = design_in(DesignStatus::published);
  auto bob = who("bob");
  for (const std::string institution : {"a", "b"}) {
    SCOPED_TRACE("as bob in " + institution);
    const auto expected = institution == "a" ? ErrorCode::forbidden : ErrorCode::not_found;
    auto check = [&](const char* what, const auto& result) {
      SCOPED_TRACE(what);
      ASSERT_FALSE(result);
      EXPECT_EQ(result.error().code, expected) << result.error().message;
    };
    check("get", tx([&](store::Transaction& t) { return get_design(t, bob, institution, id); }));
    check("versions",
          tx([&](store::Transaction& t) { return list_design_versions(t, bob, institution, id); }));
    check("reviews",
          tx([&](store::Transaction& t) { return list_design_reviews(t, bob, institution, id); }));
    check("export",
          tx([&](store::Transaction& t) { return export_design(t, bob, institution, id); }));
    check("update", tx([&](store::Transaction& t) {
            return update_design(t, clock_, bob, institution, id, with_title("defaced"));
          }));
    check("import", tx([&](store::Transaction& t) {
            return import_design(t, random_, clock_, bob, institution, with_title("defaced"), id);
          }));
    check("submit", tx([&](store::Transaction& t) {
            return submit_design(t, clock_, bob, institution, id, rules_);
          }));
    check("withdraw", tx([&](store::Transaction& t) {
            return withdraw_design(t, clock_, bob, institution, submitted_id);
          }));
    check("review", tx([&](store::Transaction& t) {
            return review_design(t, clock_, bob, institution, submitted_id, {approval(), ""});
          }));
    check("publish", tx([&](store::Transaction& t) {
            return publish_design(t, clock_, bob, institution, approved_id);
          }));
    check("retire", tx([&](store::Transaction& t) {
            return retire_design(t, clock_, bob, institution, published_id);
          }));
  }
  auto listed = tx([&](store::Transaction& t) { return list_designs(t, bob, "b"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto listed_a = tx([&](store::Transaction& t) { return list_designs(t, bob, "a"); });
  ASSERT_FALSE(listed_a);
  EXPECT_EQ(listed_a.error().code, ErrorCode::forbidden);
  // Nothing moved.
  EXPECT_EQ(get("ana", id)->design.title, "Chip design");
  EXPECT_EQ(get("ana", id)->status, DesignStatus::draft);
  EXPECT_EQ(get("ana", submitted_id)->status, DesignStatus::submitted);
  EXPECT_EQ(get("ana", approved_id)->status, DesignStatus::approved);
  EXPECT_EQ(get("ana", published_id)->status, DesignStatus::published);
  EXPECT_EQ(actions(id), std::vector<std::string>{"design.create"});
}

TEST_P(Designs, ListsTheNewestVersionOfEachDesignByStatus) {
  auto draft = design_in(DesignStatus::draft);
  auto published = design_in(DesignStatus::published);
  auto all = tx([&](store::Transaction& t) { return list_designs(t, who("reg"), "a"); });
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  auto only = tx([&](store::Transaction& t) {
    return list_designs(t, who("reg"), "a", DesignStatus::published);
  });
  ASSERT_TRUE(only);
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].record.id, published);
}

// --- import and export -----------------------------------------------------------------------

TEST_P(Designs, ExportGivesBackWhatWasImported) {
  for (const char* file :
       {"kuleuven-chip-design.json", "ouc-blended-intensive-programme.json",
        "ouc-masters-module.json", "uoc-spain-online-6ects.json", "uab-consortium-joint.json"}) {
    SCOPED_TRACE(file);
    auto text = support::read_file(support::source_dir() / "examples" / "designs" / file);
    auto original = read_design_json(text);
    ASSERT_TRUE(original) << original.error().message;
    auto imported = tx([&](store::Transaction& t) {
      return import_design(t, random_, clock_, who("ana"), "a", text);
    });
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_TRUE(imported->created);
    const auto id = imported->version.record.id;
    auto exported =
        tx([&](store::Transaction& t) { return export_design(t, who("ana"), "a", id); });
    ASSERT_TRUE(exported) << exported.error().message;
    auto back = read_design_json(*exported);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, *original);
    EXPECT_EQ(*canonical_digest(*exported), imported->version.record.content_sha256);
    // Exporting is stable: importing the export as the design's new content changes nothing.
    auto again = tx([&](store::Transaction& t) {
      return import_design(t, random_, clock_, who("ana"), "a", *exported, id);
    });
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->version.record.content_sha256, imported->version.record.content_sha256);
    auto exported_again =
        tx([&](store::Transaction& t) { return export_design(t, who("ana"), "a", id); });
    EXPECT_EQ(*exported_again, *exported);
  }
}

TEST_P(Designs, ImportIntoAPublishedDesignMakesANewVersion) {
  auto id = design_in(DesignStatus::published);
  auto imported = tx([&](store::Transaction& t) {
    return import_design(t, random_, clock_, who("ben"), "a", with_title("Imported v2"), id);
  });
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_FALSE(imported->created);
  EXPECT_EQ(imported->version.record.version, 2);
  auto v1 = tx([&](store::Transaction& t) { return export_design(t, who("ana"), "a", id, 1); });
  ASSERT_TRUE(v1);
  EXPECT_EQ(read_design_json(*v1)->title, "Chip design");
}

TEST_P(Designs, ExportIsPrettyPrintedWithTheFormatFirst) {
  auto id = design_in(DesignStatus::draft);
  auto exported = tx([&](store::Transaction& t) { return export_design(t, who("ana"), "a", id); });
  ASSERT_TRUE(exported);
  EXPECT_TRUE(exported->starts_with("{\n  \"format\": \"microcred-design/1\",\n  \"title\": "))
      << *exported;
  EXPECT_TRUE(exported->ends_with("}\n"));
  auto fractional = create("ana", with_ects(2.5));
  ASSERT_TRUE(fractional);
  auto text = tx([&](store::Transaction& t) {
    return export_design(t, who("ana"), "a", fractional->record.id);
  });
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("\"ects\": 2.5,"), std::string::npos) << *text;
}

}  // namespace
}  // namespace microcred::service
