#include "rdf/context_store.h"

#include <algorithm>
#include <cassert>

#include <boost/json/value.hpp>

#include "json/parse.h"
#include "rdf/detail/jsonld_embedded_contexts.h"

namespace microcred::rdf {

namespace {
// Contexts are trusted build inputs, but still parsed with limits.
constexpr json::ParseLimits context_limits{.max_bytes = 4 * 1024 * 1024, .max_depth = 64};
}  // namespace

ContextStore ContextStore::embedded() {
  ContextStore store;
  for (const auto& context : detail::embedded_contexts()) {
    auto added = store.add(std::string(context.url), context.json);
    // The build checked every file's SHA-256; a parse failure here is our bug.
    assert(added);
    (void)added;
  }
  return store;
}

Result<void> ContextStore::add(std::string url, std::string_view json_text) {
  auto document = json::parse(json_text, context_limits);
  if (!document) return document.error();
  documents_.insert_or_assign(std::move(url),
                              std::make_shared<const boost::json::value>(std::move(*document)));
  return {};
}

Result<std::shared_ptr<const boost::json::value>> ContextStore::load(std::string_view url) const {
  auto it = documents_.find(url);
  if (it == documents_.end()) {
    std::string message = "context \"";
    message.append(url).append("\" is not embedded; add it under contexts/ and rebuild");
    return make_error(ErrorCode::unknown_context, std::move(message));
  }
  return it->second;
}

bool ContextStore::contains(std::string_view url) const {
  return documents_.contains(url);
}

std::vector<std::string> ContextStore::urls() const {
  std::vector<std::string> out;
  out.reserve(documents_.size());
  for (const auto& [url, document] : documents_)
    out.push_back(url);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace microcred::rdf
