#include "store/detail/migration.h"

namespace microcred::store::detail {
namespace {

// The same tables as SQLite's: timestamps are whole seconds since 1970 (BIGINT), flags are
// 0/1 integers, so the repositories share their SQL.
constexpr std::string_view v1_institutions_and_people = R"sql(
CREATE TABLE institutions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  legal_identifier TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  did TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE signing_keys (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  algorithm TEXT NOT NULL,
  public_key_multibase TEXT NOT NULL,
  private_key_ref TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at BIGINT NOT NULL,
  retired_at BIGINT
);
CREATE INDEX signing_keys_by_institution ON signing_keys(institution_id, status);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  disabled BIGINT NOT NULL DEFAULT 0
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
  created_at BIGINT NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  secret_sha256 TEXT NOT NULL UNIQUE,
  roles TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_institution ON api_tokens(institution_id, user_id);
CREATE TABLE audit_events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id TEXT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  before_sha256 TEXT NOT NULL DEFAULT '',
  after_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_by_object ON audit_events(institution_id, object_type, object_id);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'integrity_constraint_violation'; END;
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TABLE design_records (
  id TEXT NOT NULL,
  version BIGINT NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  status TEXT NOT NULL,
  json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX design_records_by_institution ON design_records(institution_id, status);
)sql";

// Version 2 (#6, design lifecycle), as SQLite's: authors, content digests, contributors,
// QA reviews, and a published version that never changes except to be retired.
constexpr std::string_view v2_design_lifecycle = R"sql(
ALTER TABLE design_records ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN submitted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN submitted_at BIGINT;
ALTER TABLE design_records ADD COLUMN published_by TEXT NOT NULL DEFAULT '';
ALTER TABLE design_records ADD COLUMN published_at BIGINT;
ALTER TABLE design_records ADD COLUMN retired_at BIGINT;
ALTER TABLE design_records ADD CONSTRAINT design_records_status CHECK (status IN
  ('draft', 'submitted', 'changes_requested', 'approved', 'published', 'retired'));
CREATE FUNCTION design_records_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'retired' OR TG_OP = 'DELETE' OR (OLD.status = 'published' AND (
      NEW.status NOT IN ('published', 'retired') OR NEW.json IS DISTINCT FROM OLD.json OR
      NEW.content_sha256 IS DISTINCT FROM OLD.content_sha256 OR NEW.id IS DISTINCT FROM OLD.id OR
      NEW.version IS DISTINCT FROM OLD.version OR
      NEW.institution_id IS DISTINCT FROM OLD.institution_id OR
      NEW.author_id IS DISTINCT FROM OLD.author_id OR
      NEW.created_at IS DISTINCT FROM OLD.created_at OR
      NEW.submitted_by IS DISTINCT FROM OLD.submitted_by OR
      NEW.submitted_at IS DISTINCT FROM OLD.submitted_at OR
      NEW.published_by IS DISTINCT FROM OLD.published_by OR
      NEW.published_at IS DISTINCT FROM OLD.published_at)) THEN
    RAISE EXCEPTION 'design_records: a published or retired version is immutable'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER design_records_frozen BEFORE UPDATE OR DELETE ON design_records
FOR EACH ROW WHEN (OLD.status IN ('published', 'retired'))
EXECUTE FUNCTION design_records_frozen();
CREATE UNIQUE INDEX design_records_one_published ON design_records(id)
  WHERE status = 'published';
CREATE UNIQUE INDEX design_records_one_open ON design_records(id)
  WHERE status IN ('draft', 'submitted', 'changes_requested', 'approved');
CREATE TABLE design_contributors (
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (design_id, version, user_id),
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE TABLE qa_reviews (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  reviewer_id TEXT NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
  checklist TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE INDEX qa_reviews_by_design ON qa_reviews(institution_id, design_id, version);
CREATE FUNCTION qa_reviews_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'qa_reviews is append-only' USING ERRCODE = 'integrity_constraint_violation'; END;
$$;
CREATE TRIGGER qa_reviews_no_change BEFORE UPDATE OR DELETE ON qa_reviews
FOR EACH ROW EXECUTE FUNCTION qa_reviews_append_only();
)sql";

// Version 3 (#6, catalogue), as SQLite's, with `catalogue_vectors` in place of FTS5:
// `document` is the tsvector the store builds from the same search terms and facets
// (GIN-indexed, for matching), `title_vector` and `outcome_vector` the title's and the
// outcomes' terms alone (small, for the score); a table of their own keeps the texts out of
// the rows a search reads. Ids and dates compare byte by byte (COLLATE "C") so that both
// backends sort alike.
constexpr std::string_view v3_catalogue = R"sql(
CREATE TABLE catalogue_entries (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  design_id TEXT COLLATE "C" NOT NULL UNIQUE,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  version BIGINT NOT NULL,
  eqf_level BIGINT,
  ects_centi BIGINT,
  participation_form TEXT NOT NULL,
  pacing TEXT NOT NULL,
  synchronicity TEXT NOT NULL,
  fee_min_cents BIGINT,
  start_date TEXT COLLATE "C" NOT NULL,
  start_key TEXT COLLATE "C" NOT NULL,
  published_at BIGINT NOT NULL,
  language_keys TEXT NOT NULL,
  country_keys TEXT NOT NULL,
  FOREIGN KEY (design_id, version) REFERENCES design_records(id, version)
);
CREATE INDEX catalogue_entries_by_published ON catalogue_entries(published_at DESC, design_id);
CREATE INDEX catalogue_entries_by_start ON catalogue_entries(start_key, design_id);
CREATE INDEX catalogue_entries_by_institution ON catalogue_entries(institution_id, published_at);
CREATE TABLE catalogue_documents (
  entry_seq BIGINT PRIMARY KEY REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  learning_outcomes TEXT NOT NULL,
  skill_uris TEXT NOT NULL,
  languages TEXT NOT NULL,
  delivery_mode TEXT NOT NULL,
  countries TEXT NOT NULL,
  fee_max_cents BIGINT,
  currency TEXT NOT NULL,
  title_terms TEXT NOT NULL,
  outcome_terms TEXT NOT NULL,
  summary_terms TEXT NOT NULL,
  facet_terms TEXT NOT NULL
);
CREATE TABLE catalogue_vectors (
  entry_seq BIGINT PRIMARY KEY REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  document TSVECTOR NOT NULL,
  title_vector TSVECTOR NOT NULL,
  outcome_vector TSVECTOR NOT NULL
);
CREATE INDEX catalogue_vectors_document ON catalogue_vectors USING GIN (document);
CREATE TABLE catalogue_skills (
  entry_seq BIGINT NOT NULL REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  skill_uri TEXT NOT NULL,
  PRIMARY KEY (entry_seq, skill_uri)
);
CREATE INDEX catalogue_skills_by_skill ON catalogue_skills(skill_uri);
CREATE FUNCTION catalogue_replace_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the catalogue: replace an entry, do not update it' USING ERRCODE = 'integrity_constraint_violation'; END;
$$;
CREATE TRIGGER catalogue_entries_no_update BEFORE UPDATE ON catalogue_entries
FOR EACH ROW EXECUTE FUNCTION catalogue_replace_only();
CREATE TRIGGER catalogue_documents_no_update BEFORE UPDATE ON catalogue_documents
FOR EACH ROW EXECUTE FUNCTION catalogue_replace_only();
CREATE TRIGGER catalogue_vectors_no_update BEFORE UPDATE ON catalogue_vectors
FOR EACH ROW EXECUTE FUNCTION catalogue_replace_only();
)sql";

// Version 4 (#7, the learner's path up to an approved assessment), as SQLite's. The capacity
// guard locks the offering row (FOR UPDATE) before it counts, so under READ COMMITTED two
// transactions admitting at once are serialised here too; the service takes the same lock
// first (docs/learner-path.md, "Service and storage").
constexpr std::string_view v4_learner_path = R"sql(
CREATE FUNCTION learner_path_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation'; END;
$$;
CREATE TABLE offerings (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  reviewing_institution_id TEXT NOT NULL REFERENCES institutions(id),
  design_id TEXT NOT NULL,
  design_version BIGINT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  capacity BIGINT CHECK (capacity IS NULL OR capacity >= 1),
  json TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (design_id, design_version) REFERENCES design_records(id, version)
);
CREATE INDEX offerings_by_institution ON offerings(institution_id, design_id);
CREATE INDEX offerings_by_reviewer ON offerings(reviewing_institution_id);
CREATE UNIQUE INDEX offerings_one_code ON offerings(institution_id, design_id, code)
  WHERE code <> '';
CREATE FUNCTION offerings_published_design() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM design_records WHERE id = NEW.design_id AND version = NEW.design_version
      AND institution_id = NEW.institution_id) IS DISTINCT FROM 'published' THEN
    RAISE EXCEPTION 'offerings: only a published version of the institution''s own design can be offered'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER offerings_published_design BEFORE INSERT ON offerings
FOR EACH ROW EXECUTE FUNCTION offerings_published_design();
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
  submitted_at BIGINT NOT NULL,
  waitlisted_at BIGINT,
  decided_at BIGINT,
  decided_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applications_by_offering ON applications(offering_id, status);
CREATE INDEX applications_by_learner ON applications(learner_id);
CREATE UNIQUE INDEX applications_one_open ON applications(offering_id, learner_id)
  WHERE status IN ('submitted', 'admitted', 'waitlisted');
CREATE FUNCTION applications_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  places BIGINT;
  taken BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'applications: an application is never deleted'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.status IN ('rejected', 'withdrawn') OR
      NEW.id IS DISTINCT FROM OLD.id OR NEW.offering_id IS DISTINCT FROM OLD.offering_id OR
      NEW.learner_id IS DISTINCT FROM OLD.learner_id OR
      NEW.institution_id IS DISTINCT FROM OLD.institution_id) THEN
    RAISE EXCEPTION 'applications: a rejected or withdrawn application is final, and none changes its offering or learner'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.status = 'admitted' AND (TG_OP = 'INSERT' OR OLD.status <> 'admitted') THEN
    SELECT capacity INTO places FROM offerings WHERE id = NEW.offering_id FOR UPDATE;
    IF places IS NOT NULL THEN
      SELECT COUNT(*) INTO taken FROM applications
        WHERE offering_id = NEW.offering_id AND status = 'admitted';
      IF taken >= places THEN
        RAISE EXCEPTION 'applications: the offering is full'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER applications_guard BEFORE INSERT OR UPDATE OR DELETE ON applications
FOR EACH ROW EXECUTE FUNCTION applications_guard();
CREATE TABLE admission_decisions (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  reviewing_institution_id TEXT NOT NULL REFERENCES institutions(id),
  application_id TEXT NOT NULL REFERENCES applications(id),
  decision TEXT NOT NULL CHECK (decision IN ('admit', 'waitlist', 'reject', 'withdraw', 'promote')),
  status TEXT NOT NULL
    CHECK (status IN ('submitted', 'admitted', 'waitlisted', 'rejected', 'withdrawn')),
  decided_by TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX admission_decisions_by_application ON admission_decisions(application_id, seq);
CREATE TRIGGER admission_decisions_append_only BEFORE UPDATE OR DELETE ON admission_decisions
FOR EACH ROW EXECUTE FUNCTION learner_path_refuse('admission_decisions is append-only');
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
  list_price_minor BIGINT NOT NULL DEFAULT 0,
  discount_id TEXT NOT NULL DEFAULT '',
  discount_minor BIGINT NOT NULL DEFAULT 0,
  sponsorship_id TEXT NOT NULL DEFAULT '',
  sponsor TEXT NOT NULL DEFAULT '',
  sponsored_minor BIGINT NOT NULL DEFAULT 0,
  payable_minor BIGINT NOT NULL DEFAULT 0,
  fee_notes TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL
    CHECK (status IN ('enrolled', 'suspended', 'withdrawn', 'completed', 'failed')),
  enrolled_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  CHECK (payable_minor = list_price_minor - discount_minor - sponsored_minor),
  CHECK (payable_minor >= 0)
);
CREATE UNIQUE INDEX enrolments_one_per_application ON enrolments(application_id)
  WHERE application_id IS NOT NULL;
CREATE UNIQUE INDEX enrolments_one_current ON enrolments(offering_id, learner_id)
  WHERE status IN ('enrolled', 'suspended', 'completed');
CREATE INDEX enrolments_by_offering ON enrolments(institution_id, offering_id, status);
CREATE INDEX enrolments_by_learner ON enrolments(learner_id);
CREATE FUNCTION enrolments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'enrolments: an enrolment is never deleted'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status IN ('withdrawn', 'completed', 'failed') OR NEW.id IS DISTINCT FROM OLD.id OR
      NEW.offering_id IS DISTINCT FROM OLD.offering_id OR
      NEW.learner_id IS DISTINCT FROM OLD.learner_id OR
      NEW.institution_id IS DISTINCT FROM OLD.institution_id THEN
    RAISE EXCEPTION 'enrolments: a withdrawn, completed or failed enrolment is final, and none changes its offering or learner'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER enrolments_guard BEFORE UPDATE OR DELETE ON enrolments
FOR EACH ROW EXECUTE FUNCTION enrolments_guard();
CREATE TABLE enrolment_suspensions (
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  ordinal BIGINT NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  from_at BIGINT NOT NULL,
  resume_by TEXT,
  lifted_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (enrolment_id, ordinal)
);
CREATE TABLE enrolment_events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  event TEXT NOT NULL
    CHECK (event IN ('enrol', 'suspend', 'lift_suspension', 'withdraw', 'complete', 'fail')),
  status TEXT NOT NULL
    CHECK (status IN ('enrolled', 'suspended', 'withdrawn', 'completed', 'failed')),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX enrolment_events_by_enrolment ON enrolment_events(enrolment_id, seq);
CREATE TRIGGER enrolment_events_append_only BEFORE UPDATE OR DELETE ON enrolment_events
FOR EACH ROW EXECUTE FUNCTION learner_path_refuse('enrolment_events is append-only');
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
  attempt BIGINT NOT NULL CHECK (attempt >= 1),
  grade TEXT NOT NULL,
  passed BIGINT NOT NULL CHECK (passed IN (0, 1)),
  assessed_on TEXT NOT NULL,
  method TEXT NOT NULL,
  supervision TEXT NOT NULL CHECK (supervision IN ('unsupervised_no_identity_verification',
    'supervised_no_identity_verification', 'supervised_online_identity_verification',
    'onsite_identity_verification')),
  assessor_id TEXT NOT NULL REFERENCES users(id),
  recorded_at BIGINT NOT NULL,
  UNIQUE (enrolment_id, attempt)
);
CREATE INDEX assessments_by_institution ON assessments(institution_id, enrolment_id);
CREATE TRIGGER assessments_immutable BEFORE UPDATE OR DELETE ON assessments
FOR EACH ROW EXECUTE FUNCTION learner_path_refuse('assessments: a recorded result never changes; record a new attempt');
CREATE TABLE assessment_outcomes (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  outcome BIGINT NOT NULL CHECK (outcome >= 0),
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  achieved BIGINT NOT NULL CHECK (achieved IN (0, 1)),
  evidence TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, outcome)
);
CREATE TRIGGER assessment_outcomes_immutable BEFORE UPDATE OR DELETE ON assessment_outcomes
FOR EACH ROW EXECUTE FUNCTION learner_path_refuse('assessment_outcomes: a recorded result never changes');
CREATE TABLE board_approvals (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  approver_id TEXT NOT NULL REFERENCES users(id),
  ordinal BIGINT NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  approved BIGINT NOT NULL CHECK (approved IN (0, 1)),
  comment TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  PRIMARY KEY (assessment_id, approver_id),
  UNIQUE (assessment_id, ordinal)
);
CREATE FUNCTION board_approvals_not_assessor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.approver_id = (SELECT assessor_id FROM assessments WHERE id = NEW.assessment_id) THEN
    RAISE EXCEPTION 'board_approvals: an assessor cannot approve their own result'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER board_approvals_not_assessor BEFORE INSERT ON board_approvals
FOR EACH ROW EXECUTE FUNCTION board_approvals_not_assessor();
CREATE TRIGGER board_approvals_append_only BEFORE UPDATE OR DELETE ON board_approvals
FOR EACH ROW EXECUTE FUNCTION learner_path_refuse('board_approvals is append-only');
)sql";

constexpr Migration migrations[] = {
    {1, "institutions, people, tokens, audit, design records", v1_institutions_and_people},
    {2, "design lifecycle: authors, digests, contributors, QA reviews", v2_design_lifecycle},
    {3, "catalogue: entries, filters, full-text index", v3_catalogue},
    {4, "learner path: offerings, applications, enrolments, assessments", v4_learner_path},
};

}  // namespace

std::span<const Migration> postgres_migrations() {
  return migrations;
}

}  // namespace microcred::store::detail
