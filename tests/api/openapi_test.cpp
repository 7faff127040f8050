// The OpenAPI document tells the truth: every route of the table is in it, and every
// operation in it answers (not 404 or 405) when called with its documented examples.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "api/application.h"
#include "api/http_client.h"
#include "api/server_fixture.h"
#include "json/parse.h"

namespace microcred::api {
namespace {

namespace bj = boost::json;
using testing::fetch;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

class OpenApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(server_.failure(), "");
    // The catalogue entry the documented example of GET /api/v1/catalogue/{design_id} names.
    ASSERT_EQ(testing::publish_catalogue_entry(server_.store(), "chip-design", "Chip design"), "");
    auto response = fetch(server_.port(), "GET", "/api/v1/openapi.json");
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200);
    auto parsed = json::parse(response->body);
    ASSERT_TRUE(parsed) << parsed.error().message;
    document_ = *parsed;
  }
  testing::TestServer server_;
  bj::value document_;
};

TEST_F(OpenApi, IsOpenApi31WithInfo) {
  EXPECT_EQ(document_.at("openapi"), "3.1.0");
  EXPECT_EQ(document_.at("info").at("title"), "microcred");
  EXPECT_TRUE(document_.at("info").at("version").is_string());
}

TEST_F(OpenApi, DocumentsEveryRouteOfTheTable) {
  const auto& paths = document_.at("paths").as_object();
  std::size_t operations = 0;
  for (const auto& [path, item] : paths)
    operations += item.as_object().size();
  const auto& routes = server_.application().router().routes();
  EXPECT_EQ(operations, routes.size());
  for (const auto& route : routes) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    const auto* item = paths.if_contains(route.pattern);
    ASSERT_NE(item, nullptr);
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto* operation = item->as_object().if_contains(method);
    ASSERT_NE(operation, nullptr);
    EXPECT_FALSE(operation->at("summary").as_string().empty());
    EXPECT_FALSE(operation->at("operationId").as_string().empty());
    EXPECT_FALSE(operation->at("responses").as_object().empty());
    // Every {parameter} of the path is documented with an example to call it with.
    std::size_t braces = std::count(route.pattern.begin(), route.pattern.end(), '{');
    std::size_t documented = 0;
    if (const auto* parameters = operation->as_object().if_contains("parameters")) {
      for (const auto& parameter : parameters->as_array()) {
        EXPECT_NE(route.pattern.find("{" + std::string(parameter.at("name").as_string()) + "}"),
                  std::string::npos);
        EXPECT_TRUE(parameter.as_object().contains("example"));
        ++documented;
      }
    }
    EXPECT_EQ(documented, braces);
  }
}

TEST_F(OpenApi, EveryDocumentedOperationAnswers) {
  for (const auto& [path, item] : document_.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      std::string target(path);
      if (const auto* parameters = operation.as_object().if_contains("parameters")) {
        for (const auto& parameter : parameters->as_array()) {
          std::string placeholder = "{" + std::string(parameter.at("name").as_string()) + "}";
          target.replace(target.find(placeholder), placeholder.size(),
                         std::string(parameter.at("example").as_string()));
        }
      }
      std::string body;
      std::vector<std::pair<std::string, std::string>> headers;
      if (const auto* request = operation.as_object().if_contains("requestBody")) {
        const auto& media = request->at("content").at("application/json").as_object();
        body = bj::serialize(media.contains("example") ? media.at("example")
                                                       : bj::value(bj::object{}));
        headers.emplace_back("Content-Type", "application/json");
      }
      SCOPED_TRACE(upper(std::string(method)) + " " + target);
      auto response = fetch(server_.port(), upper(std::string(method)), target, body, headers);
      ASSERT_TRUE(response);
      EXPECT_NE(response->status, 404) << response->body;
      EXPECT_NE(response->status, 405) << response->body;
      EXPECT_LT(response->status, 500) << response->body;
      // The answer is one the document lists.
      EXPECT_TRUE(operation.at("responses").as_object().contains(std::to_string(response->status)))
          << response->status;
    }
  }
}

}  // namespace
}  // namespace microcred::api
