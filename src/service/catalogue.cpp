#include "service/catalogue.h"

#include <algorithm>
#include <string>

namespace microcred::service {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string upper(std::string text) {
  for (auto& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

}  // namespace

store::CatalogueEntry catalogue_entry_of(std::string_view tenant, std::string_view design_id,
                                         int version, const domain::MicroCredentialDesign& design,
                                         Timestamp published_at) {
  store::CatalogueEntry entry;
  entry.design_id = std::string(design_id);
  entry.institution_id = std::string(tenant);
  entry.version = version;
  entry.title = design.title;
  entry.summary = design.summary;
  entry.institution_name = design.issuing_institution.name;
  for (const auto& outcome : design.learning_outcomes) {
    entry.learning_outcomes.push_back(outcome.statement);
    for (const auto& uri : outcome.esco_uris)
      add_unique(entry.skill_uris, uri);
  }
  entry.eqf_level = design.eqf_level;
  entry.ects = design.ects;
  entry.languages = design.languages;
  entry.delivery_mode = design.delivery_mode;
  const auto& participation = design.participation;
  if (participation.form) entry.participation_form = std::string(to_string(*participation.form));
  if (participation.pacing) entry.pacing = std::string(to_string(*participation.pacing));
  if (participation.synchronicity) {
    entry.synchronicity = std::string(to_string(*participation.synchronicity));
  }
  // Where it is offered: the issuer's country, the awarding bodies' and the target countries.
  add_unique(entry.countries, upper(design.issuing_institution.country));
  for (const auto& body : design.awarding_bodies)
    add_unique(entry.countries, upper(body.country));
  for (const auto& country : design.target_countries)
    add_unique(entry.countries, upper(country));
  // Fees: the cheapest and the dearest tier; a design without tiers shows no fee.
  const domain::FeeTier* cheapest = nullptr;
  for (const auto& tier : design.fees.tiers) {
    if (!cheapest || tier.amount < cheapest->amount) cheapest = &tier;
    if (!entry.fee_max || tier.amount > *entry.fee_max) entry.fee_max = tier.amount;
  }
  if (cheapest) {
    entry.fee_min = cheapest->amount;
    entry.currency = cheapest->currency;
  }
  entry.start_date = design.lifespan.available_from;
  entry.published_at = published_at;
  return entry;
}

Result<void> index_published_design(store::Transaction& tx, std::string_view tenant,
                                    std::string_view design_id, int version,
                                    const domain::MicroCredentialDesign& design) {
  auto published_at = store::design_publication_time(tx, tenant, design_id, version);
  if (!published_at) return published_at.error();
  return index_published_design(tx, tenant, design_id, version, design, *published_at);
}

Result<void> index_published_design(store::Transaction& tx, std::string_view tenant,
                                    std::string_view design_id, int version,
                                    const domain::MicroCredentialDesign& design,
                                    Timestamp published_at) {
  return store::put_catalogue_entry(
      tx, tenant, catalogue_entry_of(tenant, design_id, version, design, published_at));
}

Result<void> unindex_design(store::Transaction& tx, std::string_view tenant,
                            std::string_view design_id) {
  return store::remove_catalogue_entry(tx, tenant, design_id);
}

}  // namespace microcred::service
