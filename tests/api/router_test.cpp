#include "api/router.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::api {
namespace {

Handler answer(int status) {
  return [status](const Request&) { return json_response(status, "{}"); };
}

Router sample_router() {
  Router router;
  EXPECT_TRUE(router.add({.method = "GET", .pattern = "/healthz", .handler = answer(200)}));
  EXPECT_TRUE(router.add(
      {.method = "GET", .pattern = "/contexts/{name}/{version}", .handler = answer(201)}));
  EXPECT_TRUE(
      router.add({.method = "POST", .pattern = "/credentials/verify", .handler = answer(202)}));
  EXPECT_TRUE(router.add(
      {.method = "DELETE", .pattern = "/contexts/{name}/{version}", .handler = answer(204)}));
  return router;
}

TEST(Router, MatchesLiteralPaths) {
  Router router = sample_router();
  Match match = router.match("GET", "/healthz");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/healthz");
  EXPECT_EQ(match.index, 0u);
}

TEST(Router, FillsPathParametersDecoded) {
  Router router = sample_router();
  Match match = router.match("GET", "/contexts/micro%20credential/v1");
  ASSERT_NE(match.route, nullptr);
  ASSERT_EQ(match.params.size(), 2u);
  EXPECT_EQ(match.params[0], (std::pair<std::string, std::string>{"name", "micro credential"}));
  EXPECT_EQ(match.params[1], (std::pair<std::string, std::string>{"version", "v1"}));
}

TEST(Router, TellsAWrongMethodFromAnUnknownPath) {
  Router router = sample_router();
  Match wrong = router.match("PUT", "/contexts/a/b");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
  Match unknown = router.match("GET", "/contexts/a");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_TRUE(unknown.allowed_methods.empty());
}

TEST(Router, HeadFallsBackToGet) {
  Router router = sample_router();
  Match match = router.match("HEAD", "/healthz");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, "GET");
}

TEST(Router, RefusesEmptySegmentsTrailingSlashesAndBadEscapes) {
  Router router = sample_router();
  EXPECT_EQ(router.match("GET", "/contexts//v1").route, nullptr);
  EXPECT_EQ(router.match("GET", "/healthz/").route, nullptr);
  EXPECT_EQ(router.match("GET", "healthz").route, nullptr);
  EXPECT_TRUE(router.match("GET", "/contexts/%zz/v1").bad_path);
  EXPECT_TRUE(router.match("GET", "/contexts/%00/v1").bad_path);
}

TEST(Router, RefusesDuplicateAndMalformedRoutes) {
  Router router = sample_router();
  EXPECT_FALSE(router.add({.method = "GET", .pattern = "/healthz", .handler = answer(200)}));
  EXPECT_FALSE(router.add({.method = "GET", .pattern = "no-slash", .handler = answer(200)}));
  EXPECT_FALSE(router.add({.method = "GET", .pattern = "/a/{b", .handler = answer(200)}));
  EXPECT_FALSE(router.add({.method = "", .pattern = "/a", .handler = answer(200)}));
}

TEST(OpenApiDocument, HasEveryRouteAndTheErrorSchema) {
  Router router = sample_router();
  auto document = openapi_document(router, "t", "1");
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  const auto& paths = document.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/healthz"));
  const auto& context = paths.at("/contexts/{name}/{version}").as_object();
  EXPECT_TRUE(context.contains("get"));
  EXPECT_TRUE(context.contains("delete"));
  // Path parameters are listed even when the route documents none.
  const auto& parameters = context.at("get").at("parameters").as_array();
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0].at("name"), "name");
  EXPECT_EQ(parameters[1].at("in"), "path");
  EXPECT_TRUE(document.at("components").at("schemas").as_object().contains("Error"));
}

}  // namespace
}  // namespace microcred::api
