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

// Version 3 (#6, catalogue): the public catalogue, one row per published design, copied from
// its newest published version (store/catalogue.h, docs/catalogue.md). `*_terms` hold the
// search terms the store computes (catalogue_terms), so FTS5 here and tsvector on PostgreSQL
// index exactly the same words; lists sit in side tables for the filters.
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
  summary_terms TEXT NOT NULL
);
CREATE TABLE catalogue_skills (
  entry_seq INTEGER NOT NULL REFERENCES catalogue_entries(seq) ON DELETE CASCADE,
  skill_uri TEXT NOT NULL,
  PRIMARY KEY (entry_seq, skill_uri)
) WITHOUT ROWID;
CREATE INDEX catalogue_skills_by_skill ON catalogue_skills(skill_uri);
CREATE VIRTUAL TABLE catalogue_fts USING fts5(
  title_terms, outcome_terms, summary_terms,
  content='catalogue_documents', content_rowid='entry_seq', tokenize='ascii', detail='column');
CREATE TRIGGER catalogue_documents_fts_insert AFTER INSERT ON catalogue_documents BEGIN
  INSERT INTO catalogue_fts(rowid, title_terms, outcome_terms, summary_terms)
  VALUES (new.entry_seq, new.title_terms, new.outcome_terms, new.summary_terms);
END;
CREATE TRIGGER catalogue_documents_fts_delete AFTER DELETE ON catalogue_documents BEGIN
  INSERT INTO catalogue_fts(catalogue_fts, rowid, title_terms, outcome_terms, summary_terms)
  VALUES ('delete', old.entry_seq, old.title_terms, old.outcome_terms, old.summary_terms);
END;
CREATE TRIGGER catalogue_entries_no_update BEFORE UPDATE ON catalogue_entries
BEGIN SELECT RAISE(ABORT, 'catalogue_entries: replace an entry, do not update it'); END;
CREATE TRIGGER catalogue_documents_no_update BEFORE UPDATE ON catalogue_documents
BEGIN SELECT RAISE(ABORT, 'catalogue_documents: replace an entry, do not update it'); END;
)sql";

constexpr Migration migrations[] = {
    {1, "institutions, people, tokens, audit, design records", v1_institutions_and_people},
    {2, "design lifecycle: authors, digests, contributors, QA reviews", v2_design_lifecycle},
    {3, "catalogue: entries, filters, full-text index", v3_catalogue},
};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return migrations;
}

}  // namespace microcred::store::detail
