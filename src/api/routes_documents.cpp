// GET /contexts/{name}/{version}: microcred's own JSON-LD contexts, so that anyone can
// dereference the URLs in our credentials; GET /api/v1/openapi.json: this API's description.
#include <map>
#include <memory>

#include <boost/json.hpp>

#include "api/detail/services.h"
#include "api/errors.h"
#include "core/encoding.h"
#include "crypto/sha2.h"
#include "json/jcs.h"

namespace microcred::api::detail {

namespace bj = boost::json;

namespace {

struct ServedDocument {
  std::string body;
  std::string etag;
};

}  // namespace

void add_document_routes(Router& router, Services& services) {
  // Serialized once: the contexts never change while the server runs.
  auto contexts = std::make_shared<std::map<std::string, ServedDocument, std::less<>>>();
  std::string first_name = "microcredential";
  std::string first_version = "v1";
  bool have_example = false;
  for (const auto& url : services.contexts.urls()) {
    if (!url.starts_with(own_context_base)) continue;
    auto document = services.contexts.load(url);
    if (!document) continue;
    std::string rest = url.substr(own_context_base.size());
    // RFC 8785 form: stable bytes (and so a stable ETag) and numbers as JavaScript writes them.
    auto canonical = json::canonicalize(**document);
    std::string body = canonical ? std::move(*canonical) : bj::serialize(**document);
    std::string etag = "\"" + hex_encode(crypto::sha256(as_bytes(body))).substr(0, 32) + "\"";
    if (!have_example) {
      if (auto slash = rest.find('/'); slash != std::string::npos) {
        first_name = rest.substr(0, slash);
        first_version = rest.substr(slash + 1);
        have_example = true;
      }
    }
    contexts->emplace(std::move(rest), ServedDocument{std::move(body), std::move(etag)});
  }

  add_route(router, {.method = "GET",
                     .pattern = "/contexts/{name}/{version}",
                     .operation_id = "getContext",
                     .handler =
                         [contexts](const Request& request) {
                           std::string key = std::string(request.param("name")) + "/" +
                                             std::string(request.param("version"));
                           auto found = contexts->find(key);
                           if (found == contexts->end()) {
                             return error_response(
                                 404, http_error::not_found,
                                 "no context " + std::string(own_context_base) + key);
                           }
                           Response response;
                           response.set("ETag", found->second.etag);
                           response.set("Cache-Control", "public, max-age=86400");
                           response.set("Access-Control-Allow-Origin", "*");
                           if (request.header("if-none-match") == found->second.etag) {
                             response.status = 304;
                             response.content_type.clear();
                             return response;
                           }
                           response.content_type = "application/ld+json";
                           response.body = found->second.body;
                           return response;
                         },
                     .doc = {.summary = "One of microcred's JSON-LD contexts",
                             .description = "Serves " + std::string(own_context_base) +
                                            "{name}/{version} as embedded in the server (the bytes "
                                            "the verifier uses; never fetched).",
                             .tag = "documents",
                             .parameters = {{"name", "The context's name", first_name},
                                            {"version", "The context's version", first_version}},
                             .responses = {{200, "The context", "application/ld+json",
                                            bj::object{{"type", "object"}}},
                                           {404, "No such context", "application/json",
                                            bj::object{{"$ref", "#/components/schemas/Error"}}}}},
                     .rate_limited = true});

  add_route(router, {.method = "GET",
                     .pattern = "/api/v1/openapi.json",
                     .operation_id = "getOpenApi",
                     .handler =
                         [&services](const Request&) {
                           Response response = json_response(200, services.openapi_json);
                           response.set("Access-Control-Allow-Origin", "*");
                           return response;
                         },
                     .doc = {.summary = "This API's OpenAPI 3.1 description",
                             .description = "Generated from the server's route table.",
                             .tag = "documents",
                             .responses = {{200, "The OpenAPI document", "application/json",
                                            bj::object{{"type", "object"}}}}},
                     .rate_limited = true});
}

}  // namespace microcred::api::detail
