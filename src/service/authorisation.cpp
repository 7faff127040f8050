#include "service/authorisation.h"

#include <algorithm>

#include "store/users.h"

namespace microcred::service {
namespace {

using domain::Role;

struct Rule {
  Action action;
  std::string_view name;
  std::vector<Role> roles;
  bool learner_self = false;  ///< the learner the data is about may do it too
};

// The table of docs/authorisation.md; keep both in step (a test checks every action has a
// row here).
const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = {
      {Action::institution_read,
       "institution_read",
       {Role::admin, Role::designer, Role::qa, Role::registrar, Role::assessor, Role::finance}},
      {Action::institution_update, "institution_update", {Role::admin}},
      {Action::key_manage, "key_manage", {Role::admin}},
      {Action::staff_manage, "staff_manage", {Role::admin}},
      {Action::token_manage, "token_manage", {Role::admin}},
      {Action::audit_read, "audit_read", {Role::admin, Role::qa}},
      {Action::design_read,
       "design_read",
       {Role::admin, Role::designer, Role::qa, Role::registrar, Role::assessor, Role::finance}},
      {Action::design_edit, "design_edit", {Role::designer}},
      {Action::design_review, "design_review", {Role::qa}},
      {Action::design_publish, "design_publish", {Role::admin, Role::registrar}},
      {Action::offering_manage, "offering_manage", {Role::registrar}},
      {Action::application_submit, "application_submit", {Role::registrar}, true},
      {Action::application_withdraw, "application_withdraw", {Role::registrar}, true},
      {Action::admission_decide, "admission_decide", {Role::registrar}},
      {Action::enrolment_manage, "enrolment_manage", {Role::registrar}},
      {Action::assessment_record, "assessment_record", {Role::assessor}},
      {Action::assessment_approve, "assessment_approve", {Role::assessor, Role::registrar}},
      {Action::credential_issue, "credential_issue", {Role::registrar}},
      {Action::credential_revoke, "credential_revoke", {Role::registrar, Role::admin}},
      {Action::finance_manage, "finance_manage", {Role::finance}},
      {Action::learner_data_read, "learner_data_read", {Role::registrar, Role::assessor}, true},
      {Action::learner_data_export, "learner_data_export", {Role::admin}, true},
  };
  return table;
}

const Rule* rule_for(Action action) {
  for (const auto& rule : rules()) {
    if (rule.action == action) return &rule;
  }
  return nullptr;
}

std::string role_list(const std::vector<Role>& roles) {
  std::string out;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (i > 0) out += i + 1 == roles.size() ? " or " : ", ";
    out += domain::to_string(roles[i]);
  }
  return out;
}

}  // namespace

std::string_view to_string(Action action) {
  const Rule* rule = rule_for(action);
  return rule ? rule->name : "unknown";
}

std::vector<domain::Role> roles_allowed(Action action) {
  const Rule* rule = rule_for(action);
  return rule ? rule->roles : std::vector<domain::Role>{};
}

Result<void> authorise(const Principal& principal, Action action, const Resource& resource) {
  const Rule* rule = rule_for(action);
  // Deny by default: an action without a row is a bug, but must never open a door.
  if (!rule || principal.user_id.empty()) {
    return make_error(ErrorCode::forbidden, "not allowed: " + std::string(to_string(action)));
  }
  if (rule->learner_self && principal.learner && !resource.learner_id.empty() &&
      resource.learner_id == principal.user_id) {
    return {};
  }
  if (!resource.institution_id.empty()) {
    bool allowed =
        std::any_of(principal.grants.begin(), principal.grants.end(), [&](const auto& g) {
          return g.institution_id == resource.institution_id && g.user_id == principal.user_id &&
                 std::find(rule->roles.begin(), rule->roles.end(), g.role) != rule->roles.end();
        });
    if (allowed) return {};
  }
  std::string where = resource.institution_id.empty()
                          ? std::string("outside an institution")
                          : "in institution \"" + resource.institution_id + "\"";
  return make_error(ErrorCode::forbidden,
                    std::string(to_string(action)) + " " + where + " needs " +
                        (rule->roles.size() > 1 ? "one of the roles " : "the role ") +
                        role_list(rule->roles) +
                        (rule->learner_self ? ", or to be the learner it is about" : ""));
}

Result<Principal> load_principal(store::Transaction& tx, std::string_view user_id) {
  auto user = store::find_user(tx, user_id);
  if (!user) return user.error();
  if (user->disabled) {
    return make_error(ErrorCode::unauthorized, "the account is disabled");
  }
  auto grants = store::grants_of(tx, user_id);
  if (!grants) return grants.error();
  auto learner = store::find_learner(tx, user_id);
  if (!learner && learner.error().code != ErrorCode::not_found) return learner.error();
  return Principal{user->id, std::move(*grants), learner.has_value()};
}

}  // namespace microcred::service
