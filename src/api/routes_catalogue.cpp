// GET /api/v1/catalogue and GET /api/v1/catalogue/{design_id}: the public catalogue of
// published micro-credentials (store/catalogue.h), searchable without logging in.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>

#include <boost/json.hpp>

#include "api/detail/services.h"
#include "api/errors.h"
#include "store/catalogue.h"
#include "store/store.h"

namespace microcred::api::detail {

namespace bj = boost::json;

namespace {

bj::value optional_number(const std::optional<double>& value) {
  return value ? bj::value(*value) : bj::value(nullptr);
}

bj::array strings(const std::vector<std::string>& values) {
  bj::array out;
  for (const auto& value : values)
    out.push_back(bj::string(value));
  return out;
}

bj::object entry_json(const store::CatalogueEntry& entry) {
  return bj::object{
      {"design_id", entry.design_id},
      {"institution_id", entry.institution_id},
      {"institution_name", entry.institution_name},
      {"version", entry.version},
      {"title", entry.title},
      {"summary", entry.summary},
      {"learning_outcomes", strings(entry.learning_outcomes)},
      {"skills", strings(entry.skill_uris)},
      {"eqf_level", entry.eqf_level ? bj::value(*entry.eqf_level) : bj::value(nullptr)},
      {"ects", optional_number(entry.ects)},
      {"languages", strings(entry.languages)},
      {"delivery_mode", entry.delivery_mode},
      {"participation_form", entry.participation_form},
      {"pacing", entry.pacing},
      {"synchronicity", entry.synchronicity},
      {"countries", strings(entry.countries)},
      {"fee_min", optional_number(entry.fee_min)},
      {"fee_max", optional_number(entry.fee_max)},
      {"currency", entry.currency},
      {"start_date", entry.start_date},
      {"published_at", format_rfc3339(entry.published_at)}};
}

Response bad_parameter(std::string_view name, std::string message) {
  return error_response(400, to_string(ErrorCode::invalid_argument), message, std::string(name));
}

// Reads one query parameter into the query; an error response when it does not fit.
using ParameterReader = std::function<std::optional<Response>(
    store::CatalogueQuery&, std::string_view name, const std::string& value)>;

ParameterReader text(std::string store::CatalogueQuery::*field) {
  return [field](store::CatalogueQuery& query, std::string_view,
                 const std::string& value) -> std::optional<Response> {
    query.*field = value;
    return std::nullopt;
  };
}

ParameterReader number(std::optional<double> store::CatalogueQuery::*field) {
  return [field](store::CatalogueQuery& query, std::string_view name,
                 const std::string& value) -> std::optional<Response> {
    char* end = nullptr;
    double parsed = value.empty() ? 0 : std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(parsed)) {
      return bad_parameter(name, "\"" + value + "\" is not a number");
    }
    query.*field = parsed;
    return std::nullopt;
  };
}

const std::map<std::string, ParameterReader, std::less<>>& parameter_readers() {
  static const std::map<std::string, ParameterReader, std::less<>> readers = {
      {"q", text(&store::CatalogueQuery::text)},
      {"eqf_level",
       [](store::CatalogueQuery& query, std::string_view name,
          const std::string& value) -> std::optional<Response> {
         int level = 0;
         auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), level);
         if (ec != std::errc() || end != value.data() + value.size()) {
           return bad_parameter(name, "\"" + value + "\" is not an EQF level (1-8)");
         }
         query.eqf_level = level;
         return std::nullopt;
       }},
      {"ects_min", number(&store::CatalogueQuery::ects_min)},
      {"ects_max", number(&store::CatalogueQuery::ects_max)},
      {"language", text(&store::CatalogueQuery::language)},
      {"country", text(&store::CatalogueQuery::country)},
      {"institution", text(&store::CatalogueQuery::institution)},
      {"skill", text(&store::CatalogueQuery::skill)},
      {"participation_form", text(&store::CatalogueQuery::participation_form)},
      {"pacing", text(&store::CatalogueQuery::pacing)},
      {"synchronicity", text(&store::CatalogueQuery::synchronicity)},
      {"fee_min", number(&store::CatalogueQuery::fee_min)},
      {"fee_max", number(&store::CatalogueQuery::fee_max)},
      {"start_from", text(&store::CatalogueQuery::start_from)},
      {"start_until", text(&store::CatalogueQuery::start_until)},
      {"sort", text(&store::CatalogueQuery::sort)},
      {"limit",
       [](store::CatalogueQuery& query, std::string_view name,
          const std::string& value) -> std::optional<Response> {
         std::size_t limit = 0;
         auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
         if (ec != std::errc() || end != value.data() + value.size()) {
           return bad_parameter(name, "\"" + value + "\" is not a whole number (1-100)");
         }
         query.limit = limit;
         return std::nullopt;
       }},
      {"cursor", text(&store::CatalogueQuery::cursor)},
  };
  return readers;
}

// The store names query fields as C++ does ("text"); the API names them as the URL does.
std::string api_field(std::string_view field) {
  if (field == "text") return "q";
  return std::string(field);
}

Response search(const Request& request, Services& services) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::string bad;
  if (!parse_query(request.query, parameters, bad)) {
    return bad_parameter(bad, "the query string has a malformed %-escape");
  }
  store::CatalogueQuery query;
  std::map<std::string, bool, std::less<>> seen;
  for (const auto& [name, value] : parameters) {
    auto reader = parameter_readers().find(name);
    if (reader == parameter_readers().end()) {
      std::string known;
      for (const auto& [key, unused] : parameter_readers())
        known += (known.empty() ? "" : ", ") + key;
      return bad_parameter(name, "unknown parameter \"" + name + "\"; known: " + known);
    }
    if (seen[name]) return bad_parameter(name, "\"" + name + "\" is given twice");
    seen[name] = true;
    if (auto refused = reader->second(query, name, value)) return *refused;
  }
  auto page = services.store.transaction(
      [&](store::Transaction& tx) { return store::search_catalogue(tx, query); });
  if (!page) {
    Error error = page.error();
    if (error.code == ErrorCode::invalid_argument) {
      return bad_parameter(api_field(error.field), error.message);
    }
    return error_response(error);
  }
  bj::array items;
  for (const auto& hit : page->hits) {
    bj::object item = entry_json(hit.entry);
    item["score"] = hit.score;
    items.push_back(std::move(item));
  }
  bj::object body{{"items", std::move(items)},
                  {"next_cursor",
                   page->next_cursor.empty() ? bj::value(nullptr) : bj::value(page->next_cursor)}};
  return json_response(200, bj::serialize(body));
}

Response entry(const Request& request, Services& services) {
  std::string id(request.param("design_id"));
  auto found = services.store.transaction(
      [&](store::Transaction& tx) { return store::find_catalogue_entry(tx, id); });
  if (!found) {
    if (found.error().code == ErrorCode::not_found) {
      return error_response(404, to_string(ErrorCode::not_found),
                            "no published micro-credential \"" + id + "\" in the catalogue");
    }
    return error_response(found.error());
  }
  return json_response(200, bj::serialize(entry_json(*found)));
}

bj::value entry_schema() {
  bj::object string{{"type", "string"}};
  bj::object string_array{{"type", "array"}, {"items", string}};
  bj::object nullable_number{{"type", bj::array{"number", "null"}}};
  return bj::object{
      {"type", "object"},
      {"properties",
       bj::object{{"design_id", string},
                  {"institution_id", string},
                  {"institution_name", string},
                  {"version", bj::object{{"type", "integer"}}},
                  {"title", string},
                  {"summary", string},
                  {"learning_outcomes", string_array},
                  {"skills", string_array},
                  {"eqf_level", bj::object{{"type", bj::array{"integer", "null"}}}},
                  {"ects", nullable_number},
                  {"languages", string_array},
                  {"delivery_mode", string},
                  {"participation_form", string},
                  {"pacing", string},
                  {"synchronicity", string},
                  {"countries", string_array},
                  {"fee_min", nullable_number},
                  {"fee_max", nullable_number},
                  {"currency", string},
                  {"start_date", string},
                  {"published_at", bj::object{{"type", "string"}, {"format", "date-time"}}}}}};
}

}  // namespace

void add_catalogue_routes(Router& router, Services& services) {
  bj::value page_schema =
      bj::object{{"type", "object"},
                 {"properties",
                  bj::object{{"items", bj::object{{"type", "array"}, {"items", entry_schema()}}},
                             {"next_cursor", bj::object{{"type", bj::array{"string", "null"}}}}}}};
  add_route(
      router,
      {.method = "GET",
       .pattern = "/api/v1/catalogue",
       .operation_id = "searchCatalogue",
       .handler = [&services](const Request& request) { return search(request, services); },
       .doc = {.summary = "Search the public catalogue of micro-credentials",
               .description =
                   "Query parameters (all optional, combined with AND): q (free text), "
                   "eqf_level, ects_min, ects_max, language, country, institution, skill, "
                   "participation_form, pacing, synchronicity, fee_min, fee_max, "
                   "start_from, start_until, sort (relevance, newest, start_date), limit "
                   "(1-100, default 20), cursor (next_cursor of the previous page).",
               .tag = "catalogue",
               .responses = {{200, "One page of results", "application/json", page_schema},
                             {400, "A parameter is unknown or out of range", "application/json",
                              bj::object{{"$ref", "#/components/schemas/Error"}}}}},
       .rate_limited = true});
  add_route(
      router,
      {.method = "GET",
       .pattern = "/api/v1/catalogue/{design_id}",
       .operation_id = "getCatalogueEntry",
       .handler = [&services](const Request& request) { return entry(request, services); },
       .doc = {.summary = "One published micro-credential's catalogue entry",
               .tag = "catalogue",
               .parameters = {{"design_id", "The design's id", "chip-design"}},
               .responses = {{200, "The entry", "application/json", entry_schema()},
                             {404, "No published micro-credential with that id", "application/json",
                              bj::object{{"$ref", "#/components/schemas/Error"}}}}},
       .rate_limited = true});
}

}  // namespace microcred::api::detail
