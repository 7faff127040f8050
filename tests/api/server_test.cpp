// The server over real HTTP on a loopback port the kernel picks.
#include "api/server.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "api/http_client.h"
#include "api/server_fixture.h"
#include "json/parse.h"
#include "rdf/context_store.h"
#include "support/test_store.h"

namespace microcred::api {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using testing::fetch;
using testing::HttpConnection;
using testing::HttpResponse;
using testing::make_request;
using testing::publish_catalogue_entry;
using testing::sample_presentation;
using testing::signed_sample;
using testing::test_config;
using testing::TestServer;
using testing::verify_request;

const std::vector<std::pair<std::string, std::string>> json_headers{
    {"Content-Type", "application/json"}};

bj::value body_of(const HttpResponse& response) {
  auto parsed = json::parse(response.body);
  EXPECT_TRUE(parsed) << response.body;
  return parsed ? *parsed : bj::value();
}

std::string error_code(const HttpResponse& response) {
  bj::value body = body_of(response);
  const auto* error = body.is_object() ? body.as_object().if_contains("error") : nullptr;
  if (error == nullptr || !error->is_object()) return "<no error object>";
  return std::string(error->as_object().at("code").as_string());
}

// Polls `done` until it holds or ten seconds pass: for states the server reaches on its own
// threads (no timing is asserted; the limit only keeps a broken server from hanging a test).
template <class F>
bool eventually(F done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("microcred-api-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// ---- both backends

class ServerOnBackends : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Backend::postgres) {
      auto why = support::postgres_unavailable();
      if (!why.empty()) {
        if (support::postgres_required()) GTEST_FAIL() << why;
        GTEST_SKIP() << why;
      }
    }
    server_ = std::make_unique<TestServer>(test_config(), GetParam());
    ASSERT_EQ(server_->failure(), "");
  }
  std::unique_ptr<TestServer> server_;
};

TEST_P(ServerOnBackends, HealthzAnswersOk) {
  auto response = fetch(server_->port(), "GET", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(body_of(*response).at("status"), "ok");
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_FALSE(response->header("x-request-id").empty());
}

TEST_P(ServerOnBackends, ReadyzRunsATransactionOnTheDatabase) {
  auto response = fetch(server_->port(), "GET", "/readyz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
  bj::value body = body_of(*response);
  EXPECT_EQ(body.at("status"), "ready");
  EXPECT_EQ(body.at("database").as_string(), store::to_string(GetParam()));
  EXPECT_EQ(body.at("schema_version").to_number<int>(), store::latest_schema_version(GetParam()));
}

MICROCRED_ON_BOTH_BACKENDS(ServerOnBackends);

// A store whose database is gone: every transaction fails.
class UnreachableStore final : public store::Store {
 public:
  store::Backend backend() const override { return store::Backend::postgres; }
  int schema_version() const override { return 0; }

 protected:
  Result<void> run_transaction(const std::function<Result<void>(store::Transaction&)>&) override {
    return make_error(ErrorCode::storage_error, "connection refused");
  }
};

TEST(Server, ReadyzIs503WhenTheDatabaseIsUnreachable) {
  TestServer server(test_config(), store::Backend::sqlite, std::make_unique<UnreachableStore>());
  ASSERT_EQ(server.failure(), "");
  auto response = fetch(server.port(), "GET", "/readyz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(error_code(*response), "unavailable");
  EXPECT_NE(response->body.find("connection refused"), std::string::npos) << response->body;
  auto health = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);  // alive, just not ready
}

// ---- POST /credentials/verify

class Verify : public ::testing::Test {
 protected:
  void start(ServerConfig config = test_config()) {
    server_ = std::make_unique<TestServer>(config);
    ASSERT_EQ(server_->failure(), "");
  }
  std::optional<HttpResponse> post(
      const std::string& body,
      const std::vector<std::pair<std::string, std::string>>& headers = json_headers) {
    return fetch(server_->port(), "POST", "/credentials/verify", body, headers);
  }
  std::unique_ptr<TestServer> server_;
};

TEST_F(Verify, ASignedCredentialVerifies) {
  start();
  auto response = post(verify_request(signed_sample().credential));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  bj::value body = body_of(*response);
  EXPECT_EQ(body.at("verified"), true) << response->body;
  EXPECT_TRUE(body.at("errors").as_array().empty());
  bool proof_checked = false;
  for (const auto& check : body.at("checks").as_array())
    proof_checked |= check == "proof";
  EXPECT_TRUE(proof_checked) << response->body;
  // Our per-check report rides along: every check with its outcome.
  ASSERT_TRUE(body.at("report").is_array());
  EXPECT_EQ(body.at("report").as_array().at(0).at("check"), "parse");
}

TEST_F(Verify, ABareCredentialAsTheBodyVerifiesToo) {
  start();
  // `curl --data @signed.json .../credentials/verify` (#8's acceptance) posts the credential
  // itself rather than {"verifiableCredential": ...}.
  auto response = post(bj::serialize(signed_sample().credential));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(body_of(*response).at("verified"), true) << response->body;
}

TEST_F(Verify, ATamperedCredentialDoesNotVerify) {
  start();
  bj::value credential = signed_sample().credential;
  credential.as_object()["credentialSubject"].as_object()["id"] = "did:example:someone-else";
  auto response = post(verify_request(credential));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  bj::value body = body_of(*response);
  EXPECT_EQ(body.at("verified"), false);
  EXPECT_FALSE(body.at("errors").as_array().empty());
  ASSERT_FALSE(body.at("problemDetails").as_array().empty());
  EXPECT_EQ(body.at("problemDetails").as_array().at(0).at("type"),
            "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR");
}

TEST_F(Verify, VcJwtCredentialsVerifyAsStringsAndEnvelopes) {
  start();
  auto sample = signed_sample();
  bj::value envelope = bj::object{{"@context", "https://www.w3.org/ns/credentials/v2"},
                                  {"id", "data:application/vc+jwt," + sample.jwt},
                                  {"type", "EnvelopedVerifiableCredential"}};
  for (const bj::value& credential : {bj::value(bj::string(sample.jwt)), envelope}) {
    SCOPED_TRACE(bj::serialize(credential));
    auto response = post(verify_request(credential));
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200) << response->body;
    EXPECT_EQ(body_of(*response).at("verified"), true) << response->body;
  }
  // Not a JWS at all: not a credential, so 400.
  auto garbage = post(R"({"verifiableCredential":"eyJhbGciOiJFZERTQSJ9.e30"})");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400) << garbage->body;
}

TEST_F(Verify, MalformedJsonIs400) {
  start();
  auto response = post(R"({"verifiableCredential": {)");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(error_code(*response), "parse_error");
}

TEST_F(Verify, DuplicateKeysAre400) {
  start();
  auto response = post(R"({"verifiableCredential": {}, "verifiableCredential": {}})");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(error_code(*response), "duplicate_key");
}

TEST_F(Verify, ABodyWithoutACredentialIs400NamingTheField) {
  start();
  auto response = post(R"({"credential": {}})");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(body_of(*response).at("error").at("field"), "/verifiableCredential");
}

TEST_F(Verify, UnknownOptionsAreWarnings) {
  start();
  bj::object request{{"verifiableCredential", signed_sample().credential},
                     {"options", bj::object{{"challenge", "abc"}}}};
  auto response = post(bj::serialize(request));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  bj::value body = body_of(*response);
  EXPECT_EQ(body.at("verified"), true);
  int option_warnings = 0;
  for (const auto& warning : body.at("warnings").as_array()) {
    option_warnings += warning.as_string().starts_with("options: \"challenge\"");
  }
  EXPECT_EQ(option_warnings, 1) << response->body;
}

TEST_F(Verify, ANonJsonContentTypeIs415) {
  start();
  auto response =
      post(verify_request(signed_sample().credential), {{"Content-Type", "text/plain"}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 415);
  EXPECT_EQ(error_code(*response), "unsupported_media_type");
}

TEST_F(Verify, ABodyOverTheLimitIs413AndTheAnswerArrives) {
  ServerConfig config = test_config();
  config.max_body_bytes = 64 * 1024;
  start(config);
  std::string big = R"({"verifiableCredential":")" + std::string(100 * 1024, 'a') + R"("})";
  HttpConnection connection(server_->port());
  ASSERT_TRUE(connection.send(make_request("POST", "/credentials/verify", big, json_headers)));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(error_code(*response), "payload_too_large");
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(connection.closed_by_server());
}

TEST_F(Verify, NestingOverTheLimitIsRefusedBeforeVerifying) {
  start();
  std::string deep =
      R"({"verifiableCredential":)" + std::string(100, '[') + std::string(100, ']') + "}";
  auto response = post(deep);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(error_code(*response), "limit_exceeded");
}

TEST_F(Verify, DidWebDocumentsComeFromTheConfiguredDirectory) {
  auto sample = signed_sample(/*did_web=*/true);
  TempDir dids;
  dids.write("uni.json", bj::serialize(sample.did_document));
  ServerConfig config = test_config();
  config.did_documents = dids.path();
  start(config);
  auto response = post(verify_request(sample.credential));
  ASSERT_TRUE(response);
  EXPECT_EQ(body_of(*response).at("verified"), true) << response->body;

  // Without the document the issuer cannot be resolved.
  TestServer bare(test_config());
  ASSERT_EQ(bare.failure(), "");
  auto unresolved = fetch(bare.port(), "POST", "/credentials/verify",
                          verify_request(sample.credential), json_headers);
  ASSERT_TRUE(unresolved);
  EXPECT_EQ(body_of(*unresolved).at("verified"), false) << unresolved->body;
}

TEST_F(Verify, StatusListsComeFromTheConfiguredDirectory) {
  for (bool revoked : {false, true}) {
    SCOPED_TRACE(revoked ? "revoked" : "not revoked");
    auto sample = signed_sample(false, revoked);
    TempDir lists;
    lists.write("1.json", bj::serialize(sample.status_list));
    ServerConfig config = test_config();
    config.status_lists = lists.path();
    start(config);
    auto response = post(verify_request(sample.credential));
    ASSERT_TRUE(response);
    bj::value body = body_of(*response);
    EXPECT_EQ(body.at("verified"), !revoked) << response->body;
    bool status_ok = false;
    for (const auto& check : body.at("checks").as_array())
      status_ok |= check == "status";
    EXPECT_EQ(status_ok, !revoked) << response->body;
  }
}

TEST_F(Verify, MetricsCountVerificationsByResult) {
  start();
  auto sample = signed_sample();
  ASSERT_TRUE(post(verify_request(sample.credential)));
  bj::value tampered = sample.credential;
  tampered.as_object()["validFrom"] = "2026-02-01T00:00:00Z";
  ASSERT_TRUE(post(verify_request(tampered)));
  ASSERT_TRUE(post("[]"));
  // A request is counted once its answer is written, a moment after the client has it.
  std::optional<HttpResponse> metrics;
  ASSERT_TRUE(eventually([&] {
    metrics = fetch(server_->port(), "GET", "/metrics");
    return metrics && metrics->body.find(
                          "microcred_http_request_duration_seconds_count{method=\"POST\","
                          "route=\"/credentials/verify\"} 3\n") != std::string::npos;
  })) << (metrics ? metrics->body : "no answer");
  EXPECT_EQ(metrics->status, 200);
  EXPECT_TRUE(metrics->header("content-type").starts_with("text/plain"));
  const std::string& text = metrics->body;
  EXPECT_NE(text.find("microcred_verifications_total{kind=\"credential\",result=\"verified\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("microcred_verifications_total{kind=\"credential\",result=\"not_verified\"} 1\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("microcred_verifications_total{kind=\"credential\",result=\"error\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("microcred_http_requests_total{method=\"POST\",route=\"/credentials/"
                      "verify\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("microcred_http_request_duration_seconds_count{method=\"POST\",route=\"/"
                      "credentials/verify\"} 3\n"),
            std::string::npos)
      << text;
}

// ---- POST /presentations/verify

TEST_F(Verify, ASignedPresentationVerifiesWithItsChallengeAndDomain) {
  start();
  auto credential = signed_sample().credential;
  auto presentation = sample_presentation(credential, "c-123", "verifier.example");
  auto ask = [&](const std::string& challenge) {
    bj::object request{
        {"verifiablePresentation", presentation},
        {"options", bj::object{{"challenge", challenge}, {"domain", "verifier.example"}}}};
    return fetch(server_->port(), "POST", "/presentations/verify", bj::serialize(request),
                 json_headers);
  };
  auto good = ask("c-123");
  ASSERT_TRUE(good);
  ASSERT_EQ(good->status, 200) << good->body;
  bj::value body = body_of(*good);
  EXPECT_EQ(body.at("verified"), true) << good->body;
  EXPECT_TRUE(body.at("holder").as_string().starts_with("did:key:"));
  ASSERT_EQ(body.at("credentialResults").as_array().size(), 1u);
  EXPECT_EQ(body.at("credentialResults").as_array()[0].at("verified"), true);

  auto replayed = ask("another-challenge");
  ASSERT_TRUE(replayed);
  ASSERT_EQ(replayed->status, 200);
  EXPECT_EQ(body_of(*replayed).at("verified"), false) << replayed->body;
}

TEST_F(Verify, AnUnsignedPresentationIsCheckedAsSuchAndItsCredentialsCount) {
  start();
  auto credential = signed_sample().credential;
  auto check = [&](const bj::value& inside) {
    bj::object request{{"presentation", sample_presentation(inside, "", "", false)}};
    auto response = fetch(server_->port(), "POST", "/presentations/verify", bj::serialize(request),
                          json_headers);
    EXPECT_TRUE(response && response->status == 200) << (response ? response->body : "");
    return response ? body_of(*response).at("verified") == true : false;
  };
  EXPECT_TRUE(check(credential));
  bj::value tampered = credential;
  tampered.as_object()["credentialSubject"].as_object()["id"] = "did:example:mallory";
  EXPECT_FALSE(check(tampered));
}

TEST_F(Verify, APresentationRequestWithoutAPresentationIs400) {
  start();
  auto response = fetch(server_->port(), "POST", "/presentations/verify",
                        R"({"verifiableCredential":{}})", json_headers);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(body_of(*response).at("error").at("field"), "/verifiablePresentation");
  auto bad_options = fetch(server_->port(), "POST", "/presentations/verify",
                           R"({"presentation":{},"options":{"challenge":7}})", json_headers);
  ASSERT_TRUE(bad_options);
  EXPECT_EQ(bad_options->status, 400);
  EXPECT_EQ(body_of(*bad_options).at("error").at("field"), "/options/challenge");
}

// ---- the public catalogue

TEST(Catalogue, SearchesAndPagesThePublishedEntries) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  ASSERT_EQ(publish_catalogue_entry(server.store(), "chip-design", "Chip design with VHDL"), "");
  ASSERT_EQ(publish_catalogue_entry(server.store(), "gdpr-basics", "Data protection for engineers"),
            "");
  auto found = fetch(server.port(), "GET", "/api/v1/catalogue?q=chip+design");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  bj::value body = body_of(*found);
  ASSERT_EQ(body.at("items").as_array().size(), 1u) << found->body;
  EXPECT_EQ(body.at("items").as_array()[0].at("design_id"), "chip-design");
  EXPECT_EQ(body.at("items").as_array()[0].at("eqf_level"), 7);
  EXPECT_TRUE(body.at("next_cursor").is_null());

  auto first = fetch(server.port(), "GET", "/api/v1/catalogue?limit=1");
  ASSERT_TRUE(first);
  bj::value page = body_of(*first);
  ASSERT_EQ(page.at("items").as_array().size(), 1u) << first->body;
  ASSERT_TRUE(page.at("next_cursor").is_string()) << first->body;
  std::string cursor(page.at("next_cursor").as_string());
  std::string escaped;
  for (unsigned char c : cursor) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", c);
    escaped += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(hex);
  }
  auto second = fetch(server.port(), "GET", "/api/v1/catalogue?limit=1&cursor=" + escaped);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  bj::value next = body_of(*second);
  ASSERT_EQ(next.at("items").as_array().size(), 1u);
  EXPECT_NE(next.at("items").as_array()[0].at("design_id"),
            page.at("items").as_array()[0].at("design_id"));

  auto one = fetch(server.port(), "GET", "/api/v1/catalogue/gdpr-basics");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(body_of(*one).at("title"), "Data protection for engineers");
  auto none = fetch(server.port(), "GET", "/api/v1/catalogue/nothing-here");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
  EXPECT_EQ(error_code(*none), "not_found");
}

TEST(Catalogue, BadParametersAre400NamingTheParameter) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  struct Row {
    const char* query;
    const char* field;
  };
  for (const auto& row : std::vector<Row>{{"eqf_level=nine", "eqf_level"},
                                          {"eqf_level=9", "eqf_level"},
                                          {"limit=0", "limit"},
                                          {"ects_min=x", "ects_min"},
                                          {"colour=red", "colour"},
                                          {"q=a&q=b", "q"},
                                          {"q=%zz", "q"}}) {
    SCOPED_TRACE(row.query);
    auto response = fetch(server.port(), "GET", std::string("/api/v1/catalogue?") + row.query);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << response->body;
    EXPECT_EQ(body_of(*response).at("error").at("field"), row.field) << response->body;
  }
}

// ---- routing and errors

TEST(Server, AnUnknownPathIsAJson404) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  auto response = fetch(server.port(), "GET", "/no/such/thing");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_EQ(error_code(*response), "not_found");
}

TEST(Server, AWrongMethodIs405WithAllow) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  auto response = fetch(server.port(), "GET", "/credentials/verify");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->header("allow"), "POST");
  EXPECT_EQ(error_code(*response), "method_not_allowed");
}

TEST(Server, HeadAnswersLikeGetWithoutABody) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.send(make_request("HEAD", "/healthz")));
  auto head = connection.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), "15");
  // The connection is still in step: the next answer parses.
  ASSERT_TRUE(connection.send(make_request("GET", "/healthz")));
  auto get = connection.read_response();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, R"({"status":"ok"})");
}

TEST(Server, AMalformedRequestIs400) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(
      connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n"));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(error_code(*response), "bad_request");
}

TEST(Server, HeadersOverTheLimitAre431) {
  ServerConfig config = test_config();
  config.max_header_bytes = 2048;
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  auto response =
      fetch(server.port(), "GET", "/healthz", "", {{"X-Padding", std::string(4096, 'x')}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(error_code(*response), "header_too_large");
}

TEST(Server, RequestIdsAreEchoedOrMade) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  auto given = fetch(server.port(), "GET", "/healthz", "", {{"X-Request-Id", "trace-42.a"}});
  ASSERT_TRUE(given);
  EXPECT_EQ(given->header("x-request-id"), "trace-42.a");
  auto unsafe = fetch(server.port(), "GET", "/healthz", "", {{"X-Request-Id", "a b\"c"}});
  ASSERT_TRUE(unsafe);
  EXPECT_NE(unsafe->header("x-request-id"), "a b\"c");
  EXPECT_FALSE(unsafe->header("x-request-id").empty());
}

TEST(Server, ServesItsOwnContextsWithAnETag) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  auto response = fetch(server.port(), "GET", "/contexts/microcredential/v1");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  EXPECT_EQ(response->header("content-type"), "application/ld+json");
  auto served = json::parse(response->body);
  ASSERT_TRUE(served);
  auto embedded =
      rdf::ContextStore::embedded().load("https://microcred.eu/contexts/microcredential/v1");
  ASSERT_TRUE(embedded);
  EXPECT_EQ(*served, **embedded);

  std::string etag = response->header("etag");
  ASSERT_FALSE(etag.empty());
  auto again =
      fetch(server.port(), "GET", "/contexts/microcredential/v1", "", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());

  auto missing = fetch(server.port(), "GET", "/contexts/microcredential/v9");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_code(*missing), "not_found");
}

// ---- rate limits

TEST(Server, PublicEndpointsAreRateLimitedPerClient) {
  ServerConfig config = test_config();
  config.rate_limit_per_second = 0.001;  // nothing flows back during the test
  config.rate_limit_burst = 3;
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  for (int i = 0; i < 3; ++i) {
    auto response = fetch(server.port(), "GET", "/api/v1/openapi.json");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200) << i;
  }
  auto refused = fetch(server.port(), "GET", "/api/v1/openapi.json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(error_code(*refused), "rate_limited");
  EXPECT_GE(std::stol(refused->header("retry-after")), 1);
  // One client's bucket, across public routes; probes are not limited.
  auto verify = fetch(server.port(), "POST", "/credentials/verify", "{}", json_headers);
  ASSERT_TRUE(verify);
  EXPECT_EQ(verify->status, 429);
  auto health = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  // An X-Forwarded-For from an untrusted peer changes nothing.
  auto spoofed =
      fetch(server.port(), "GET", "/api/v1/openapi.json", "", {{"X-Forwarded-For", "203.0.113.9"}});
  ASSERT_TRUE(spoofed);
  EXPECT_EQ(spoofed->status, 429);
}

TEST(Server, ForwardedClientsAreTellApartBehindATrustedProxy) {
  ServerConfig config = test_config();
  config.rate_limit_per_second = 0.001;
  config.rate_limit_burst = 1;
  config.trusted_proxies = {"127.0.0.0/8"};
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  auto as = [&](const std::string& client) {
    auto response =
        fetch(server.port(), "GET", "/api/v1/openapi.json", "", {{"X-Forwarded-For", client}});
    return response ? response->status : 0;
  };
  EXPECT_EQ(as("203.0.113.1"), 200);
  EXPECT_EQ(as("203.0.113.1"), 429);
  EXPECT_EQ(as("203.0.113.2"), 200);
  // The proxy appends the address it saw; what the client wrote to the left is not trusted.
  EXPECT_EQ(as("198.51.100.7, 203.0.113.1"), 429);
}

// ---- connections

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.connected());
  std::string body = verify_request(signed_sample().credential);
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(
        connection.send(i % 2 ? make_request("GET", "/healthz")
                              : make_request("POST", "/credentials/verify", body, json_headers)));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_NE(response->header("connection"), "close");
  }
  // Pipelined: two requests in one write, two answers in order.
  ASSERT_TRUE(connection.send(make_request("GET", "/healthz") + make_request("GET", "/nope")));
  auto first = connection.read_response();
  auto second = connection.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 404);
  EXPECT_EQ(server.server().stats().connections, 1u);
}

TEST(Server, Expect100ContinueGetsA100BeforeTheBody) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  std::string body = verify_request(signed_sample().credential);
  HttpConnection connection(server.port());
  std::string request =
      make_request("POST", "/credentials/verify", body,
                   {{"Content-Type", "application/json"}, {"Expect", "100-continue"}});
  ASSERT_TRUE(connection.send(request.substr(0, request.size() - body.size())));
  auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.send(body));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(body_of(*response).at("verified"), true);
}

TEST(Server, ConnectionCloseIsHonoured) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.send(make_request("GET", "/healthz", "", {{"Connection", "close"}})));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(connection.closed_by_server());
}

TEST(Server, IdleConnectionsAreClosed) {
  ServerConfig config = test_config();
  config.idle_timeout_ms = 100;
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.send(make_request("GET", "/healthz")));
  ASSERT_TRUE(connection.read_response());
  EXPECT_TRUE(connection.closed_by_server());  // after the idle time, without a request
}

TEST(Server, ASlowRequestIs408) {
  ServerConfig config = test_config();
  config.request_timeout_ms = 100;
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.send(
      "POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{"));
  auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 408);
  EXPECT_EQ(error_code(*response), "request_timeout");
}

TEST(Server, ConnectionsOverTheLimitAre503) {
  ServerConfig config = test_config();
  config.max_connections = 1;
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  HttpConnection first(server.port());
  ASSERT_TRUE(first.send(make_request("GET", "/healthz")));
  ASSERT_TRUE(first.read_response());
  auto refused = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(error_code(*refused), "unavailable");
}

TEST(Server, ShutdownFinishesTheRequestInFlight) {
  TestServer server;
  ASSERT_EQ(server.failure(), "");
  std::string body = verify_request(signed_sample().credential);
  std::string request = make_request("POST", "/credentials/verify", body, json_headers);
  std::size_t half = request.size() - body.size() / 2;

  HttpConnection idle(server.port());
  ASSERT_TRUE(idle.send(make_request("GET", "/healthz")));
  ASSERT_TRUE(idle.read_response());

  HttpConnection busy(server.port());
  ASSERT_TRUE(busy.send(std::string_view(request).substr(0, half)));
  ASSERT_TRUE(eventually([&] { return server.server().stats().active_requests == 1; }));

  auto stopped = std::async(std::launch::async, [&] { server.stop(); });
  // No new connections once stopping; the idle one is closed at once.
  EXPECT_TRUE(idle.closed_by_server());
  ASSERT_TRUE(eventually([&] { return !HttpConnection(server.port()).connected(); }));
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  // The request in flight is finished and answered, then its connection closes.
  ASSERT_TRUE(busy.send(std::string_view(request).substr(half)));
  auto response = busy.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(body_of(*response).at("verified"), true);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(busy.closed_by_server());
  stopped.get();
  EXPECT_EQ(server.server().stats().connections, 0u);
}

TEST(Server, TheAccessLogHasOneJsonLinePerRequest) {
  TempDir dir;
  ServerConfig config = test_config();
  config.access_log = (fs::path(dir.path()) / "access.log").string();
  TestServer server(config);
  ASSERT_EQ(server.failure(), "");
  auto response = fetch(server.port(), "GET", "/healthz?probe=1");
  ASSERT_TRUE(response);
  ASSERT_TRUE(fetch(server.port(), "GET", "/missing"));
  server.stop();

  std::ifstream in(config.access_log);
  std::vector<bj::value> lines;
  for (std::string line; std::getline(in, line);) {
    auto parsed = json::parse(line);
    ASSERT_TRUE(parsed) << line;
    lines.push_back(*parsed);
  }
  ASSERT_EQ(lines.size(), 2u);
  // Lines are written as answers complete, so the two may come in either order.
  if (lines[0].at("path") != "/healthz") std::swap(lines[0], lines[1]);
  const auto& first = lines[0].as_object();
  EXPECT_EQ(first.at("method"), "GET");
  EXPECT_EQ(first.at("path"), "/healthz");  // no query string: it may carry secrets
  EXPECT_EQ(first.at("status"), 200);
  EXPECT_EQ(first.at("bytes"), 15);
  EXPECT_TRUE(first.at("duration_ms").is_number());
  EXPECT_EQ(first.at("request_id").as_string(), response->header("x-request-id"));
  EXPECT_EQ(first.at("client"), "127.0.0.1");
  EXPECT_TRUE(parse_rfc3339(first.at("time").as_string()));
  EXPECT_EQ(lines[1].at("status"), 404);
}

}  // namespace
}  // namespace microcred::api
