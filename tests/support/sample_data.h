#pragma once

#include <string>

#include "domain/institution.h"
#include "domain/user.h"

namespace microcred::support {

/// 2026-01-01T00:00:00Z, the tests' "now".
inline constexpr Timestamp sample_now{1'767'225'600, 0};

/// An institution with every field set, in `country`.
inline domain::Institution sample_institution(const std::string& id,
                                              const std::string& country = "ES") {
  return {.id = id,
          .name = "University " + id,
          .legal_identifier = "E-" + id,
          .country = country,
          .website = "https://" + id + ".example",
          .contact_email = "office@" + id + ".example",
          .did = "did:web:" + id + ".example",
          .created_at = sample_now};
}

/// An account whose email is `id`@example.org.
inline domain::User sample_user(const std::string& id) {
  return {.id = id,
          .email = id + "@example.org",
          .display_name = "Person " + id,
          .created_at = sample_now};
}

/// An Ed25519 key `did:web:<institution>.example#<name>`.
inline domain::SigningKey sample_key(const std::string& institution, const std::string& name,
                                     Timestamp created = sample_now) {
  return {.id = "did:web:" + institution + ".example#" + name,
          .institution_id = institution,
          .algorithm = "Ed25519",
          .public_key_multibase = "z6Mk" + name,
          .private_key_ref = "keys/" + name + ".json",
          .status = domain::KeyStatus::active,
          .created_at = created};
}

}  // namespace microcred::support
