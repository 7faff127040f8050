#include "domain/user.h"

namespace microcred::domain {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::designer:
      return "designer";
    case Role::qa:
      return "qa";
    case Role::registrar:
      return "registrar";
    case Role::assessor:
      return "assessor";
    case Role::finance:
      return "finance";
  }
  return "designer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : all_roles) {
    if (to_string(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace microcred::domain
