#pragma once

#include <span>
#include <string_view>

namespace microcred::rdf::detail {

/// One JSON-LD context document compiled into the binary.
struct EmbeddedContext {
  std::string_view url;
  std::string_view json;
  std::string_view sha256;  ///< Of the npm (or contexts/) source file it came from.
};

/// Every context listed in contexts/contexts.txt (generated at build time).
std::span<const EmbeddedContext> embedded_contexts();

}  // namespace microcred::rdf::detail
