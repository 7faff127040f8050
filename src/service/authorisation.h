#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/user.h"
#include "store/store.h"

namespace microcred::service {

/// Who is asking: an account with its roles per institution (a login session), or an API
/// token acting for an account in one institution with the token's roles.
struct Principal {
  std::string user_id;
  std::vector<domain::RoleGrant> grants;  ///< the roles this principal may use, per institution
  bool learner = false;                   ///< the account has a learner profile
  bool operator==(const Principal&) const = default;
};

/// What a principal wants to do. docs/authorisation.md has the table of who may do which.
enum class Action {
  institution_read,      ///< read an institution's internal settings
  institution_update,    ///< change name, contact, DID
  key_manage,            ///< add or rotate signing keys
  staff_manage,          ///< grant and revoke roles, create staff accounts
  token_manage,          ///< create, list and revoke API tokens
  audit_read,            ///< read the audit trail
  design_read,           ///< read drafts and unpublished versions
  design_edit,           ///< create and edit drafts, submit them for review
  design_review,         ///< approve or request changes (QA)
  design_publish,        ///< publish and retire approved designs
  offering_manage,       ///< open offerings of published designs
  application_submit,    ///< apply to an offering (the learner, or a registrar for them)
  application_withdraw,  ///< withdraw an application (the learner, or a registrar)
  admission_decide,      ///< admit, waitlist, reject, promote; list an offering's applications
  enrolment_manage,      ///< enrol admitted learners; suspend, withdraw, complete, fail
  assessment_record,     ///< record results per learning outcome
  assessment_approve,    ///< approve results as the assessment board
  credential_issue,      ///< issue, bulk-issue
  credential_revoke,     ///< revoke and suspend credentials
  finance_manage,        ///< cost models, fee tiers, revenue splits
  learner_data_read,     ///< read a learner's own applications, results and credentials
  learner_data_export,   ///< export or erase a learner's personal data
};

/// The wire string of `action`, e.g. "design_review".
std::string_view to_string(Action action);

/// The object acted on: the institution it belongs to ("" for none) and, for learner data,
/// the learner's account id.
struct Resource {
  std::string institution_id;
  std::string learner_id;
};

/// Whether `principal` may do `action` on `resource`: succeeds, or fails with `forbidden`
/// saying which role would be needed. Roles count only in the resource's own institution,
/// so staff of one institution can never act on another's objects. Pure; thread-safe.
Result<void> authorise(const Principal& principal, Action action, const Resource& resource);

/// The roles that allow `action` within an institution (empty for learner-only actions).
std::vector<domain::Role> roles_allowed(Action action);

/// The principal of a login session for account `user_id`: every role it holds, and whether
/// it is a learner. Fails with `not_found` without the account, `unauthorized` when disabled.
Result<Principal> load_principal(store::Transaction& tx, std::string_view user_id);

}  // namespace microcred::service
