#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace microcred::domain {

/// A higher-education institution: a tenant. Every row that belongs to it carries its id.
struct Institution {
  std::string id;
  std::string name;
  std::string legal_identifier;  ///< e.g. an Erasmus code, a PIC or a national register number
  std::string country;           ///< ISO 3166-1 alpha-2, upper case ("ES")
  std::string website;           ///< https URL
  std::string contact_email;
  std::string did;  ///< the issuer DID (did:web or did:key); empty until one is set
  Timestamp created_at;

  bool operator==(const Institution&) const = default;
};

/// Whether an institution's key may sign. Retired keys no longer sign but stay resolvable,
/// so credentials they signed still verify.
enum class KeyStatus { active, retired };

/// The wire string of `status`: "active" or "retired".
std::string_view to_string(KeyStatus status);

/// The status named `name`, or nothing.
std::optional<KeyStatus> parse_key_status(std::string_view name);

/// One of an institution's signing keys. The private key itself is never stored here:
/// `private_key_ref` says where it is kept (a key file path, an HSM label).
struct SigningKey {
  std::string id;  ///< the verification method id, e.g. "did:web:uni.example#key-2"
  std::string institution_id;
  std::string algorithm;  ///< "Ed25519" or "P-256"
  std::string public_key_multibase;
  std::string private_key_ref;
  KeyStatus status = KeyStatus::active;
  Timestamp created_at;
  std::optional<Timestamp> retired_at;

  bool operator==(const SigningKey&) const = default;
};

/// Checks an institution's fields: id and name set, `country` an ISO 3166-1 alpha-2 code,
/// `website` an https URL when set, `contact_email` shaped like an address when set.
/// Countries are checked with `is_country_code` (domain/codes.h), the one list the domain
/// keeps.
/// Fails with `invalid_argument` naming the field.
Result<void> validate(const Institution& institution);

}  // namespace microcred::domain
