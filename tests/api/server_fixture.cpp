#include "api/server_fixture.h"

#include <stdexcept>

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/key.h"
#include "crypto/multikey.h"
#include "crypto/random.h"
#include "rdf/context_store.h"
#include "rdf/jsonld_processor.h"
#include "store/catalogue.h"
#include "store/design_records.h"
#include "store/institutions.h"
#include "support/sample_data.h"
#include "vc/data_integrity.h"
#include "vc/jose.h"
#include "vc/presentation.h"
#include "vc/status_list.h"

namespace microcred::api::testing {

namespace bj = boost::json;

ServerConfig test_config() {
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.threads = 2;
  config.access_log = "off";
  config.rate_limit_per_second = 0;
  config.shutdown_timeout_ms = 10'000;
  return config;
}

TestServer::TestServer(ServerConfig config, store::Backend backend,
                       std::unique_ptr<store::Store> store) {
  try {
    if (store) {
      store_ = std::move(store);
    } else {
      database_ = std::make_unique<support::TestDatabase>(backend);
      store_ = database_->open();
    }
  } catch (const std::exception& error) {
    failure_ = error.what();
    return;
  }
  auto log = AccessLog::open(config.access_log);
  if (!log) {
    failure_ = log.error().message;
    return;
  }
  log_ = std::move(*log);
  auto application = Application::create(config, {.store = *store_, .clock = clock_});
  if (!application) {
    failure_ = describe(application.error());
    return;
  }
  application_ = std::move(*application);
  server_ = std::make_unique<Server>(*application_, *log_);
  if (auto started = server_->start(); !started) failure_ = started.error().message;
}

TestServer::~TestServer() {
  stop();
}

void TestServer::stop() {
  if (server_) server_->stop();
}

SignedSample signed_sample(bool did_web, std::optional<bool> revoked) {
  static const rdf::ContextStore contexts = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(contexts);
  crypto::DeterministicRandom random({42});
  auto key = crypto::KeyPair::generate(crypto::KeyType::ed25519, random);
  if (!key) throw std::runtime_error(key.error().message);

  SignedSample sample;
  std::string method;
  if (did_web) {
    sample.issuer = "did:web:uni.example";
    method = sample.issuer + "#key-1";
    sample.did_document = bj::object{
        {"@context",
         bj::array{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
        {"id", sample.issuer},
        {"verificationMethod",
         bj::array{bj::object{
             {"id", method},
             {"type", "Multikey"},
             {"controller", sample.issuer},
             {"publicKeyMultibase", crypto::encode_public_key_multibase(key->public_key())}}}},
        {"assertionMethod", bj::array{bj::string(method)}}};
  } else {
    sample.issuer = crypto::make_did_key(key->public_key());
    method = crypto::did_key_verification_method_id(key->public_key());
  }

  vc::ProofOptions options;
  options.verification_method = method;
  options.created = *parse_rfc3339("2026-01-01T00:00:00Z");
  auto sign = [&](const bj::value& document) {
    auto signed_document = vc::add_proof(document, *key, options, processor);
    if (!signed_document) throw std::runtime_error(signed_document.error().message);
    return *signed_document;
  };

  constexpr const char* list_url = "https://uni.example/status/1";
  bj::object credential{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                        {"id", "urn:uuid:3c2b7d4e-1111-4a6b-9c1d-2e3f4a5b6c7d"},
                        {"type", bj::array{"VerifiableCredential"}},
                        {"issuer", sample.issuer},
                        {"validFrom", "2026-01-01T00:00:00Z"},
                        {"credentialSubject", bj::object{{"id", "did:example:learner"}}}};
  if (revoked) {
    credential["credentialStatus"] =
        vc::make_status_entry(list_url, vc::StatusPurpose::revocation, 7);
    auto list = vc::StatusList::create();
    if (!list) throw std::runtime_error(list.error().message);
    if (*revoked) list->set(7);
    sample.status_list = sign(vc::make_status_list_credential(
        list_url, sample.issuer, vc::StatusPurpose::revocation, *list));
  }
  sample.credential = sign(credential);
  auto jwt = vc::sign_jwt(credential, *key, method);
  if (!jwt) throw std::runtime_error(jwt.error().message);
  sample.jwt = std::move(*jwt);
  return sample;
}

bj::value sample_presentation(const bj::value& credential, const std::string& challenge,
                              const std::string& domain, bool signed_proof) {
  static const rdf::ContextStore contexts = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(contexts);
  crypto::DeterministicRandom random({43});
  auto key = crypto::KeyPair::generate(crypto::KeyType::ed25519, random);
  if (!key) throw std::runtime_error(key.error().message);
  std::string holder = crypto::make_did_key(key->public_key());
  std::vector<bj::value> credentials{credential};
  auto presentation = vc::make_presentation(credentials, {.holder = holder});
  if (!presentation) throw std::runtime_error(presentation.error().message);
  if (!signed_proof) return *presentation;
  vc::PresentationProofOptions options;
  options.verification_method = crypto::did_key_verification_method_id(key->public_key());
  options.created = *parse_rfc3339("2026-05-01T00:00:00Z");
  options.challenge = challenge;
  options.domains = {domain};
  auto signed_presentation = vc::sign_presentation(*presentation, *key, options, processor);
  if (!signed_presentation) throw std::runtime_error(signed_presentation.error().message);
  return *signed_presentation;
}

std::string publish_catalogue_entry(store::Store& store, const std::string& design_id,
                                    const std::string& title) {
  auto published = store.transaction([&](store::Transaction& tx) -> Result<void> {
    if (!store::find_institution(tx, "uni")) {
      if (auto made = store::insert_institution(tx, support::sample_institution("uni")); !made) {
        return made;
      }
    }
    if (auto made = store::insert_design_record(tx, "uni",
                                                {.id = design_id,
                                                 .institution_id = "uni",
                                                 .version = 1,
                                                 .status = "published",
                                                 .json = "{}",
                                                 .created_at = support::sample_now,
                                                 .updated_at = support::sample_now});
        !made) {
      return made;
    }
    store::CatalogueEntry entry;
    entry.design_id = design_id;
    entry.institution_id = "uni";
    entry.title = title;
    entry.summary = "A blended course for engineers in industry.";
    entry.institution_name = "University uni";
    entry.learning_outcomes = {"Design a digital filter in VHDL."};
    entry.eqf_level = 7;
    entry.ects = 5;
    entry.languages = {"en"};
    entry.countries = {"ES"};
    entry.published_at = support::sample_now;
    return store::put_catalogue_entry(tx, "uni", entry);
  });
  return published ? "" : describe(published.error());
}

std::string verify_request(const bj::value& credential) {
  return bj::serialize(bj::object{{"verifiableCredential", credential}});
}

}  // namespace microcred::api::testing
