#pragma once

// A real server for the API tests: a fresh database (SQLite or PostgreSQL), the
// application, and the Beast server on 127.0.0.1 with a port the kernel picks.

#include <functional>
#include <memory>
#include <string>

#include <boost/json/value.hpp>

#include "api/access_log.h"
#include "api/application.h"
#include "api/config.h"
#include "api/server.h"
#include "core/time.h"
#include "store/store.h"
#include "support/test_store.h"

namespace microcred::api::testing {

/// 2026-06-01T00:00:00Z: the server's clock in the tests (the sample credentials are valid
/// from 2026-01-01).
inline const Timestamp test_now{1'780'272'000, 0};

/// The configuration the tests start from: port 0, two threads, no access log, rate
/// limiting off, short timeouts where a test waits for one.
ServerConfig test_config();

/// A running server. `store` replaces the test database when given (a failing store).
class TestServer {
 public:
  explicit TestServer(ServerConfig config = test_config(),
                      store::Backend backend = store::Backend::sqlite,
                      std::unique_ptr<store::Store> store = nullptr);
  ~TestServer();

  /// Empty when the server is up, else why it is not.
  const std::string& failure() const { return failure_; }
  std::uint16_t port() const { return server_ ? server_->port() : 0; }
  Server& server() { return *server_; }
  store::Store& store() { return *store_; }
  Application& application() { return *application_; }
  /// Stops the server (graceful); the destructor does it too.
  void stop();

 private:
  std::string failure_;
  std::unique_ptr<support::TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  FixedClock clock_{test_now};
  std::unique_ptr<AccessLog> log_;
  std::unique_ptr<Application> application_;
  std::unique_ptr<Server> server_;
};

/// A signed credential and what verifies it: a VC 2.0 credential by a did:key issuer (or
/// a did:web one with its DID document), Ed25519, eddsa-rdfc-2022.
struct SignedSample {
  boost::json::value credential;    ///< signed
  boost::json::value did_document;  ///< did:web only, else null
  boost::json::value status_list;   ///< signed status list credential, when asked for
  std::string issuer;
  std::string jwt;  ///< the same credential (without the proof) as a vc+jwt
};

/// A signed sample. `did_web` makes the issuer did:web:uni.example; `revoked` adds a status
/// entry (index 7) and a status list in which that bit is set or not.
SignedSample signed_sample(bool did_web = false, std::optional<bool> revoked = std::nullopt);

/// A presentation of `credential` by a did:key holder, signed for `challenge` and `domain`
/// (eddsa-rdfc-2022, purpose authentication); `signed_proof` false leaves it unsigned.
boost::json::value sample_presentation(const boost::json::value& credential,
                                       const std::string& challenge, const std::string& domain,
                                       bool signed_proof = true);

/// Publishes a catalogue entry titled `title` for design `design_id` of institution "uni"
/// (made when missing) in `store`. Returns "" or why it failed.
std::string publish_catalogue_entry(store::Store& store, const std::string& design_id,
                                    const std::string& title);

/// `{"verifiableCredential": credential}` serialized.
std::string verify_request(const boost::json::value& credential);

}  // namespace microcred::api::testing
