#include "store/detail/migration.h"

namespace microcred::store::detail {
namespace {

// Timestamps are whole seconds since 1970 (INTEGER); flags are 0/1 INTEGERs, the same on
// both backends so the repositories share their SQL.
constexpr std::string_view v1_institutions_and_people = R"sql(
CREATE TABLE institutions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  legal_identifier TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  did TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE signing_keys (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  algorithm TEXT NOT NULL,
  public_key_multibase TEXT NOT NULL,
  private_key_ref TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at INTEGER NOT NULL,
  retired_at INTEGER
);
CREATE INDEX signing_keys_by_institution ON signing_keys(institution_id, status);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE role_grants (
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL
    CHECK (role IN ('admin', 'designer', 'qa', 'registrar', 'assessor', 'finance')),
  PRIMARY KEY (institution_id, user_id, role)
);
CREATE INDEX role_grants_by_user ON role_grants(user_id);
CREATE TABLE learners (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  secret_sha256 TEXT NOT NULL UNIQUE,
  roles TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_institution ON api_tokens(institution_id, user_id);
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  institution_id TEXT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  before_sha256 TEXT NOT NULL DEFAULT '',
  after_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_by_object ON audit_events(institution_id, object_type, object_id);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TABLE design_records (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  status TEXT NOT NULL,
  json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX design_records_by_institution ON design_records(institution_id, status);
)sql";

// Version 2 (#6, design lifecycle): who wrote, submitted and published each version, its
// content digest (SHA-256 of the design's RFC 8785 form), everyone who contributed to it
// (separation of duties), QA reviews, and the store's own guard: a published version never
// changes again except to be retired, and a retired one never changes.
constexpr std::string_view v2_design_lifecycle = R"sql(
ALTER TABLE design_records ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN submitted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN submitted_at INTEGER;
ALTER TABLE design_records ADD COLUMN published_by TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN published_at INTEGER;
ALTER TABLE design_records ADD COLUMN retired_at INTEGER;
CREATE TRIGGER design_records_status_insert BEFORE INSERT ON design_records
WHEN NEW.status NOT IN ('draft', 'submitted', 'changes_requested', 'approved', 'published',
                        'retired')
BEGIN SELECT RAISE(ABORT, 'design_records.status: unknown status'); END;
CREATE TRIGGER design_records_status_update BEFORE UPDATE ON design_records
WHEN NEW.status NOT IN ('draft', 'submitted', 'changes_requested', 'approved', 'published',
                        'retired')
BEGIN SELECT RAISE(ABORT, 'design_records.status: unknown status'); END;
CREATE TRIGGER design_records_frozen BEFORE UPDATE ON design_records
WHEN OLD.status = 'retired' OR (OLD.status = 'published' AND (
  NEW.status NOT IN ('published', 'retired') OR NEW.json IS NOT OLD.json OR
  NEW.content_sha256 IS NOT OLD.content_sha256 OR NEW.id IS NOT OLD.id OR
  NEW.version IS NOT OLD.version OR NEW.institution_id IS NOT OLD.institution_id OR
  NEW.author_id IS NOT OLD.author_id OR NEW.created_at IS NOT OLD.created_at OR
  NEW.submitted_by IS NOT OLD.submitted_by OR NEW.submitted_at IS NOT OLD.submitted_at OR
  NEW.published_by IS NOT OLD.published_by OR NEW.published_at IS NOT OLD.published_at))
BEGIN SELECT RAISE(ABORT, 'design_records: a published or retired version is immutable'); END;
CREATE TRIGGER design_records_frozen_delete BEFORE DELETE ON design_records
WHEN OLD.status IN ('published', 'retired')
BEGIN SELECT RAISE(ABORT, 'design_records: a published or retired version is immutable'); END;
CREATE UNIQUE INDEX design_records_one_published ON design_records(id)
  WHERE status = 'published';
CREATE UNIQUE INDEX design_records_one_open ON design_records(id)
  WHERE status IN ('draft', 'submitted', 'changes_requested', 'approved');
CREATE TABLE design_contributors (
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (design_id, version, user_id),
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE TABLE qa_reviews (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
  checklist TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE INDEX qa_reviews_by_design ON qa_reviews(institution_id, design_id, version);
CREATE TRIGGER qa_reviews_no_update BEFORE UPDATE ON qa_reviews
BEGIN SELECT RAISE(ABORT, 'qa_reviews is append-only'); END;
CREATE TRIGGER qa_reviews_no_delete BEFORE DELETE ON qa_reviews
BEGIN SELECT RAISE(ABORT, 'qa_reviews is append-only'); END;
)sql";

// Version 3 (#6, catalogue): the public catalogue, one entry per published design, copied
// from its newest published version (store/catalogue.h, docs/catalogue.md): a narrow row
// that filters and sorts, and a document with the texts. `*_terms` hold the search terms and
// facets the store computes (catalogue_terms), so FTS5 here and tsvector on PostgreSQL index
// exactly the same words.
constexpr std::string_view v3_catalogue = R"sql(
CREATE TABLE catalogue_entries (
  seq INTEGER PRIMARY KEY,
  design_id TEXT NOT NULL UNIQUE,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  version INTEGER NOT NULL,
  eqf_level INTEGER,
  ects_centi INTEGER,
  participation_form TEXT NOT NULL,
  pacing TEXT NOT NULL,
  synchronicity TEXT NOT NULL,
  fee_min_cents INTEGER,
  start_date TEXT NOT NULL,
  start_key TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  language_keys TEXT NOT NULL,
  country_keys TEXT NOT NULL,
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE INDEX catalogue_entries_by_published ON catalogue_entries(published_at DESC, design_id);
CREATE INDEX catalogue_entries_by_start ON catalogue_entries(start_key, design_id);
CREATE INDEX catalogue_entries_by_institution ON catalogue_entries(institution_id, published_at);
CREATE TABLE catalogue_documents (
  entry_seq INTEGER PRIMARY KEY REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  learning_outcomes TEXT NOT NULL,
  skill_uris TEXT NOT NULL,
  languages TEXT NOT NULL,
  delivery_mode TEXT NOT NULL,
  countries TEXT NOT NULL,
  fee_max_cents INTEGER,
  currency TEXT NOT NULL,
  title_terms TEXT NOT NULL,
  outcome_terms TEXT NOT NULL,
  summary_terms TEXT NOT NULL,
  facet_terms TEXT NOT NULL
);
CREATE TABLE catalogue_skills (
  entry_seq INTEGER NOT NULL REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  skill_uri TEXT NOT NULL,
  PRIMARY KEY (entry_seq, skill_uri)
) WITHOUT ROWID;
CREATE INDEX catalogue_skills_by_skill ON catalogue_skills(skill_uri);
CREATE VIRTUAL TABLE catalogue_fts USING fts5(
  title_terms, outcome_terms, summary_terms, facet_terms,
  content='catalogue_documents', content_rowid='entry_seq', tokenize="ascii tokenchars '_'",
  detail='column');
CREATE TRIGGER catalogue_documents_fts_insert AFTER INSERT ON catalogue_documents BEGIN
  INSERT INTO catalogue_fts(rowid, title_terms, outcome_terms, summary_terms, facet_terms)
  VALUES (new.entry_seq, new.title_terms, new.outcome_terms, new.summary_terms,
          new.facet_terms);
END;
CREATE TRIGGER catalogue_documents_fts_delete AFTER DELETE ON catalogue_documents BEGIN
  INSERT INTO catalogue_fts(catalogue_fts, rowid, title_terms, outcome_terms, summary_terms,
                            facet_terms)
  VALUES ('delete', old.entry_seq, old.title_terms, old.outcome_terms, old.summary_terms,
          old.facet_terms);
END;
CREATE TRIGGER catalogue_entries_no_update BEFORE UPDATE ON catalogue_entries
BEGIN SELECT RAISE(ABORT, 'catalogue_entries: replace an entry, do not update it'); END;
CREATE TRIGGER catalogue_documents_no_update BEFORE UPDATE ON catalogue_documents
BEGIN SELECT RAISE(ABORT, 'catalogue_documents: replace an entry, do not update it'); END;
)sql";

// Version 4 (#7, the learner's path up to an approved assessment; docs/learner-path.md,
// "Service and storage"): offerings of one exact published design version, applications
// with their evidence and eligibility report, the admission decisions, enrolments with their
// fee quote, suspensions and status history, assessments with per-outcome results and board
// approvals. Histories and results are append-only. The store guards what must never happen
// even if a caller errs: an offering of an unpublished version, more admitted applications
// than the offering's capacity, a final application or enrolment moving again, an assessor
// approving their own result.
constexpr std::string_view v4_learner_path = R"sql(
CREATE TABLE offerings (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  reviewing_institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  design_version INTEGER NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 1),
  json TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (design_id, design_version) REFERENCES design_records(id, version)
);
CREATE INDEX offerings_by_institution ON offerings(institution_id, design_id);
CREATE INDEX offerings_by_reviewer ON offerings(reviewing_institution_id);
CREATE UNIQUE INDEX offerings_one_code ON offerings(institution_id, design_id, code)
  WHERE code <> '';
CREATE TRIGGER offerings_published_design BEFORE INSERT ON offerings
WHEN (SELECT status FROM design_records WHERE id = NEW.design_id AND version = NEW.design_version
      AND institution_id = NEW.institution_id) IS NOT 'published'
BEGIN SELECT RAISE(ABORT, 'offerings: only a published version of the institution''s own design can be offered'); END;
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  reviewing_institution_id TEXT NOT NULL REFERENCES institutions(id),
  offering_id TEXT NOT NULL REFERENCES offerings(id),
  learner_id TEXT NOT NULL REFERENCES users(id),
  learner_category TEXT NOT NULL DEFAULT '',
  activity TEXT NOT NULL CHECK (activity IN ('attendance_only', 'assessed')),
  evidence TEXT NOT NULL,
  eligibility TEXT NOT NULL CHECK (eligibility IN ('eligible', 'not_eligible', 'needs_review')),
  eligibility_report TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('submitted', 'admitted', 'waitlisted', 'rejected', 'withdrawn')),
  submitted_at INTEGER NOT NULL,
  waitlisted_at INTEGER,
  decided_at INTEGER,
  decided_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applications_by_offering ON applications(offering_id, status);
CREATE INDEX applications_by_learner ON applications(learner_id);
CREATE UNIQUE INDEX applications_one_open ON applications(offering_id, learner_id)
  WHERE status IN ('submitted', 'admitted', 'waitlisted');
CREATE TRIGGER applications_capacity_insert BEFORE INSERT ON applications
WHEN NEW.status = 'admitted'
  AND (SELECT capacity FROM offerings WHERE id = NEW.offering_id) IS NOT NULL
  AND (SELECT COUNT(*) FROM applications WHERE offering_id = NEW.offering_id
       AND status = 'admitted') >= (SELECT capacity FROM offerings WHERE id = NEW.offering_id)
BEGIN SELECT RAISE(ABORT, 'applications: the offering is full'); END;
CREATE TRIGGER applications_capacity_update BEFORE UPDATE ON applications
WHEN NEW.status = 'admitted' AND OLD.status <> 'admitted'
  AND (SELECT capacity FROM offerings WHERE id = NEW.offering_id) IS NOT NULL
  AND (SELECT COUNT(*) FROM applications WHERE offering_id = NEW.offering_id
       AND status = 'admitted') >= (SELECT capacity FROM offerings WHERE id = NEW.offering_id)
BEGIN SELECT RAISE(ABORT, 'applications: the offering is full'); END;
CREATE TRIGGER applications_final BEFORE UPDATE ON applications
WHEN OLD.status IN ('rejected', 'withdrawn') OR NEW.id IS NOT OLD.id
  OR NEW.offering_id IS NOT OLD.offering_id OR NEW.learner_id IS NOT OLD.learner_id
  OR NEW.institution_id IS NOT OLD.institution_id
BEGIN SELECT RAISE(ABORT, 'applications: a rejected or withdrawn application is final, and none changes its offering or learner'); END;
CREATE TRIGGER applications_no_delete BEFORE DELETE ON applications
BEGIN SELECT RAISE(ABORT, 'applications: an application is never deleted'); END;
CREATE TABLE admission_decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  reviewing_institution_id TEXT NOT NULL REFERENCES institutions(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  decision TEXT NOT NULL CHECK (decision IN ('admit', 'waitlist', 'reject', 'withdraw', 'promote')),
  status TEXT NOT NULL
    CHECK (status IN ('submitted', 'admitted', 'waitlisted', 'rejected', 'withdrawn')),
  decided_by TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX admission_decisions_by_application ON admission_decisions(application_id, seq);
CREATE TRIGGER admission_decisions_no_update BEFORE UPDATE ON admission_decisions
BEGIN SELECT RAISE(ABORT, 'admission_decisions is append-only'); END;
CREATE TRIGGER admission_decisions_no_delete BEFORE DELETE ON admission_decisions
BEGIN SELECT RAISE(ABORT, 'admission_decisions is append-only'); END;
CREATE TABLE enrolments (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  offering_id TEXT NOT NULL REFERENCES offerings(id),
  learner_id TEXT NOT NULL REFERENCES users(id),
  application_id TEXT REFERENCES applications(id),
  learner_category TEXT NOT NULL DEFAULT '',
  activity TEXT NOT NULL CHECK (activity IN ('attendance_only', 'assessed')),
  fee_tier_id TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT '',
  list_price_minor INTEGER NOT NULL DEFAULT 0,
  discount_id TEXT NOT NULL DEFAULT '',
  discount_minor INTEGER NOT NULL DEFAULT 0,
  sponsorship_id TEXT NOT NULL DEFAULT '',
  sponsor TEXT NOT NULL DEFAULT '',
  sponsored_minor INTEGER NOT NULL DEFAULT 0,
  payable_minor INTEGER NOT NULL DEFAULT 0,
  fee_notes TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL
    CHECK (status IN ('enrolled', 'suspended', 'withdrawn', 'completed', 'failed')),
  enrolled_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  CHECK (payable_minor = list_price_minor - discount_minor - sponsored_minor),
  CHECK (payable_minor >= 0)
);
CREATE UNIQUE INDEX enrolments_one_per_application ON enrolments(application_id)
  WHERE application_id IS NOT NULL;
CREATE UNIQUE INDEX enrolments_one_current ON enrolments(offering_id, learner_id)
  WHERE status IN ('enrolled', 'suspended', 'completed');
CREATE INDEX enrolments_by_offering ON enrolments(institution_id, offering_id, status);
CREATE INDEX enrolments_by_learner ON enrolments(learner_id);
CREATE TRIGGER enrolments_final BEFORE UPDATE ON enrolments
WHEN OLD.status IN ('withdrawn', 'completed', 'failed') OR NEW.id IS NOT OLD.id
  OR NEW.offering_id IS NOT OLD.offering_id OR NEW.learner_id IS NOT OLD.learner_id
  OR NEW.institution_id IS NOT OLD.institution_id
BEGIN SELECT RAISE(ABORT, 'enrolments: a withdrawn, completed or failed enrolment is final, and none changes its offering or learner'); END;
CREATE TRIGGER enrolments_no_delete BEFORE DELETE ON enrolments
BEGIN SELECT RAISE(ABORT, 'enrolments: an enrolment is never deleted'); END;
CREATE TABLE enrolment_suspensions (
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  ordinal INTEGER NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  from_at INTEGER NOT NULL,
  resume_by TEXT,
  lifted_at INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (enrolment_id, ordinal)
);
CREATE TABLE enrolment_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  event TEXT NOT NULL
    CHECK (event IN ('enrol', 'suspend', 'lift_suspension', 'withdraw', 'complete', 'fail')),
  status TEXT NOT NULL
    CHECK (status IN ('enrolled', 'suspended', 'withdrawn', 'completed', 'failed')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX enrolment_events_by_enrolment ON enrolment_events(enrolment_id, seq);
CREATE TRIGGER enrolment_events_no_update BEFORE UPDATE ON enrolment_events
BEGIN SELECT RAISE(ABORT, 'enrolment_events is append-only'); END;
CREATE TRIGGER enrolment_events_no_delete BEFORE DELETE ON enrolment_events
BEGIN SELECT RAISE(ABORT, 'enrolment_events is append-only'); END;
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  grade TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  assessed_on TEXT NOT NULL,
  method TEXT NOT NULL,
  supervision TEXT NOT NULL CHECK (supervision IN ('unsupervised_no_identity_verification',
    'supervised_no_identity_verification', 'supervised_online_identity_verification',
    'onsite_identity_verification')),
  assessor_id TEXT NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  UNIQUE (enrolment_id, attempt)
);
CREATE INDEX assessments_by_institution ON assessments(institution_id, enrolment_id);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments: a recorded result never changes; record a new attempt'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments: a recorded result never changes; record a new attempt'); END;
CREATE TABLE assessment_outcomes (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  outcome INTEGER NOT NULL CHECK (outcome >= 0),
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  achieved INTEGER NOT NULL CHECK (achieved IN (0, 1)),
  evidence TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, outcome)
);
CREATE TRIGGER assessment_outcomes_no_update BEFORE UPDATE ON assessment_outcomes
BEGIN SELECT RAISE(ABORT, 'assessment_outcomes: a recorded result never changes'); END;
CREATE TRIGGER assessment_outcomes_no_delete BEFORE DELETE ON assessment_outcomes
BEGIN SELECT RAISE(ABORT, 'assessment_outcomes: a recorded result never changes'); END;
CREATE TABLE board_approvals (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  approver_id TEXT NOT NULL REFERENCES users(id),
  ordinal INTEGER NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
  comment TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, approver_id),
  UNIQUE (assessment_id, ordinal)
);
CREATE TRIGGER board_approvals_not_assessor BEFORE INSERT ON board_approvals
WHEN NEW.approver_id = (SELECT assessor_id FROM assessments WHERE id = NEW.assessment_id)
BEGIN SELECT RAISE(ABORT, 'board_approvals: an assessor cannot approve their own result'); END;
CREATE TRIGGER board_approvals_no_update BEFORE UPDATE ON board_approvals
BEGIN SELECT RAISE(ABORT, 'board_approvals is append-only'); END;
CREATE TRIGGER board_approvals_no_delete BEFORE DELETE ON board_approvals
BEGIN SELECT RAISE(ABORT, 'board_approvals is append-only'); END;
)sql";

constexpr Migration migrations[] = {
    {1, "institutions, people, tokens, audit, design records", v1_institutions_and_people},
    {2, "design lifecycle: authors, digests, contributors, QA reviews", v2_design_lifecycle},
    {3, "catalogue: entries, filters, full-text index", v3_catalogue},
    {4, "learner path: offerings, applications, enrolments, assessments", v4_learner_path},
};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return migrations;
}

}  // namespace microcred::store::detail
