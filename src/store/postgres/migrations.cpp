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

// Version 3 (#6, catalogue), as SQLite's; `document` is the tsvector the store builds from
// the same search terms (title weight A, outcomes and skills B, summary C). Ids and dates
// compare byte by byte (COLLATE "C") so that both backends sort alike.
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
  document TSVECTOR NOT NULL
);
CREATE INDEX catalogue_documents_document ON catalogue_documents USING GIN (document);
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
)sql";

constexpr Migration migrations[] = {
    {1, "institutions, people, tokens, audit, design records", v1_institutions_and_people},
    {2, "design lifecycle: authors, digests, contributors, QA reviews", v2_design_lifecycle},
    {3, "catalogue: entries, filters, full-text index", v3_catalogue},
};

}  // namespace

std::span<const Migration> postgres_migrations() {
  return migrations;
}

}  // namespace microcred::store::detail
