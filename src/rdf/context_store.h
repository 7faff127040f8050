#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"

namespace microcred::rdf {

/// JSON-LD documents by URL: the only document loader microcred has. Contexts are never
/// fetched over the network. Thread-safe for concurrent `load`; `add` must not run
/// concurrently with anything else.
class ContextStore {
 public:
  /// An empty store.
  ContextStore() = default;

  /// A store holding every context embedded at build time (contexts/contexts.txt).
  static ContextStore embedded();

  /// Adds (or replaces) the document at `url`, parsed from `json_text`. Fails with the
  /// parser's error when the text is not JSON.
  Result<void> add(std::string url, std::string_view json_text);

  /// The document at `url`; fails with `unknown_context` naming the URL when it is absent.
  Result<std::shared_ptr<const boost::json::value>> load(std::string_view url) const;

  /// Whether `url` is in the store.
  bool contains(std::string_view url) const;

  /// Every URL in the store, sorted.
  std::vector<std::string> urls() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::shared_ptr<const boost::json::value>, Hash, std::equal_to<>>
      documents_;
};

}  // namespace microcred::rdf
