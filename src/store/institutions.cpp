#include "store/institutions.h"

#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;
using detail::Value;

constexpr std::string_view institution_columns =
    "id, name, legal_identifier, country, website, contact_email, did, created_at";
constexpr std::string_view key_columns =
    "id, institution_id, algorithm, public_key_multibase, private_key_ref, status, created_at, "
    "retired_at";

Result<domain::Institution> institution_from(const detail::Row& row) {
  auto created = detail::timestamp_of(row.at(7), "institutions.created_at");
  if (!created) return created.error();
  return domain::Institution{
      .id = detail::text_of(row.at(0)),
      .name = detail::text_of(row.at(1)),
      .legal_identifier = detail::text_of(row.at(2)),
      .country = detail::text_of(row.at(3)),
      .website = detail::text_of(row.at(4)),
      .contact_email = detail::text_of(row.at(5)),
      .did = detail::text_of(row.at(6)),
      .created_at = *created,
  };
}

Result<domain::SigningKey> key_from(const detail::Row& row) {
  auto status = domain::parse_key_status(detail::text_of(row.at(5)));
  if (!status) {
    return make_error(ErrorCode::storage_error,
                      "signing_keys.status holds \"" + detail::text_of(row.at(5)) + "\"");
  }
  auto created = detail::timestamp_of(row.at(6), "signing_keys.created_at");
  if (!created) return created.error();
  domain::SigningKey key{
      .id = detail::text_of(row.at(0)),
      .institution_id = detail::text_of(row.at(1)),
      .algorithm = detail::text_of(row.at(2)),
      .public_key_multibase = detail::text_of(row.at(3)),
      .private_key_ref = detail::text_of(row.at(4)),
      .status = *status,
      .created_at = *created,
  };
  if (row.at(7)) {
    auto retired = detail::timestamp_of(row.at(7), "signing_keys.retired_at");
    if (!retired) return retired.error();
    key.retired_at = *retired;
  }
  return key;
}

Result<std::vector<domain::SigningKey>> keys_from(Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<domain::SigningKey> keys;
  for (const auto& row : rows->rows) {
    auto key = key_from(row);
    if (!key) return key.error();
    keys.push_back(std::move(*key));
  }
  return keys;
}

Result<void> check_key(const domain::SigningKey& key) {
  if (key.id.empty()) return make_error(ErrorCode::invalid_argument, "a key needs an id", "id");
  if (key.public_key_multibase.empty()) {
    return make_error(ErrorCode::invalid_argument, "a key needs its public key",
                      "public_key_multibase");
  }
  if (key.algorithm != "Ed25519" && key.algorithm != "P-256") {
    return make_error(ErrorCode::invalid_argument,
                      "algorithm must be Ed25519 or P-256, got \"" + key.algorithm + "\"",
                      "algorithm");
  }
  return {};
}

}  // namespace

Result<void> insert_institution(Transaction& tx, const domain::Institution& institution) {
  auto valid = domain::validate(institution);
  if (!valid) return valid;
  auto inserted = run(tx,
                      "INSERT INTO institutions (id, name, legal_identifier, country, website, "
                      "contact_email, did, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      {institution.id, institution.name, institution.legal_identifier,
                       institution.country, institution.website, institution.contact_email,
                       institution.did, detail::seconds_of(institution.created_at)});
  if (!inserted) return inserted.error();
  return {};
}

Result<domain::Institution> find_institution(Transaction& tx, std::string_view id) {
  auto rows =
      run(tx, "SELECT " + std::string(institution_columns) + " FROM institutions WHERE id = ?",
          {std::string(id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return detail::not_found("institution", id);
  return institution_from(rows->rows.front());
}

Result<std::vector<domain::Institution>> list_institutions(Transaction& tx) {
  auto rows = run(
      tx, "SELECT " + std::string(institution_columns) + " FROM institutions ORDER BY name, id");
  if (!rows) return rows.error();
  std::vector<domain::Institution> out;
  for (const auto& row : rows->rows) {
    auto institution = institution_from(row);
    if (!institution) return institution.error();
    out.push_back(std::move(*institution));
  }
  return out;
}

Result<void> update_institution(Transaction& tx, std::string_view tenant,
                                const domain::Institution& institution) {
  auto owned = detail::check_tenant(tenant, institution.id);
  if (!owned) return owned;
  auto valid = domain::validate(institution);
  if (!valid) return valid;
  auto updated =
      run(tx,
          "UPDATE institutions SET name = ?, legal_identifier = ?, country = ?, "
          "website = ?, contact_email = ?, did = ? WHERE id = ?",
          {institution.name, institution.legal_identifier, institution.country, institution.website,
           institution.contact_email, institution.did, std::string(tenant)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("institution", tenant);
  return {};
}

Result<void> insert_signing_key(Transaction& tx, std::string_view tenant,
                                const domain::SigningKey& key) {
  auto owned = detail::check_tenant(tenant, key.institution_id);
  if (!owned) return owned;
  auto valid = check_key(key);
  if (!valid) return valid;
  Value retired_at;
  if (key.retired_at) retired_at = detail::seconds_of(*key.retired_at);
  auto inserted = run(
      tx,
      "INSERT INTO signing_keys (id, institution_id, algorithm, "
      "public_key_multibase, private_key_ref, status, created_at, retired_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {key.id, std::string(tenant), key.algorithm, key.public_key_multibase, key.private_key_ref,
       std::string(domain::to_string(key.status)), detail::seconds_of(key.created_at), retired_at});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> rotate_signing_key(Transaction& tx, std::string_view tenant,
                                const domain::SigningKey& key, Timestamp now) {
  if (key.status != domain::KeyStatus::active) {
    return make_error(ErrorCode::invalid_argument, "the new key must be active", "status");
  }
  auto owned = detail::check_tenant(tenant, key.institution_id);
  if (!owned) return owned;
  auto retired = run(tx,
                     "UPDATE signing_keys SET status = 'retired', retired_at = ? "
                     "WHERE institution_id = ? AND status = 'active'",
                     {detail::seconds_of(now), std::string(tenant)});
  if (!retired) return retired.error();
  return insert_signing_key(tx, tenant, key);
}

Result<std::vector<domain::SigningKey>> list_signing_keys(Transaction& tx,
                                                          std::string_view tenant) {
  return keys_from(run(tx,
                       "SELECT " + std::string(key_columns) +
                           " FROM signing_keys WHERE institution_id = ? ORDER BY created_at, id",
                       {std::string(tenant)}));
}

Result<domain::SigningKey> active_signing_key(Transaction& tx, std::string_view tenant) {
  auto keys = keys_from(run(tx,
                            "SELECT " + std::string(key_columns) +
                                " FROM signing_keys WHERE institution_id = ? AND status = "
                                "'active' ORDER BY created_at DESC, id DESC",
                            {std::string(tenant)}));
  if (!keys) return keys.error();
  if (keys->empty()) {
    return make_error(ErrorCode::not_found,
                      "institution \"" + std::string(tenant) + "\" has no active signing key");
  }
  return keys->front();
}

Result<domain::SigningKey> find_signing_key(Transaction& tx, std::string_view id) {
  auto keys =
      keys_from(run(tx, "SELECT " + std::string(key_columns) + " FROM signing_keys WHERE id = ?",
                    {std::string(id)}));
  if (!keys) return keys.error();
  if (keys->empty()) return detail::not_found("signing key", id);
  return keys->front();
}

}  // namespace microcred::store
