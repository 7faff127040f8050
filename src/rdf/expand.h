#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "rdf/jsonld_processor.h"

namespace microcred::rdf {

/// Options of JSON-LD 1.1 expansion (processing mode json-ld-1.1). The defaults suit
/// every real credential.
struct ExpandOptions {
  /// The document's base IRI; empty when it has none (relative IRIs stay relative).
  std::string base;
  /// Data Integrity safe mode: fail with `unsafe_term` instead of dropping an undefined
  /// term or property, or keeping a relative `@type` or `@id`.
  bool safe_mode = false;
  /// Deepest nesting of arrays and objects expanded.
  std::size_t max_depth = 128;
  /// Remote contexts dereferenced while expanding one document (loops end sooner, with
  /// "recursive context inclusion").
  std::size_t max_remote_contexts = 64;
  /// Context processing steps (local contexts applied) per document.
  std::size_t max_context_steps = 10'000;
  /// Term definitions created or copied while processing contexts (a bound on work: a large
  /// inline scoped context applied at many nodes). Cached contexts cost nothing.
  std::size_t max_context_work = 1'000'000;
  /// Values in the expanded output (a bound on work and memory).
  std::size_t max_output_values = 1'000'000;
  /// A context applied before the document's own (the API's expandContext); may be null.
  const boost::json::value* expand_context = nullptr;
  /// A member of the document's top-level object to leave out, as if it were absent: Data
  /// Integrity hashes a secured document without its `proof`, and need not copy it to drop
  /// it. Empty for none; a keyword fails with `invalid_argument`.
  std::string_view without_member;
};

/// The expanded form of `document` (W3C JSON-LD 1.1 Expansion Algorithm): always an array.
/// Fails with `invalid_jsonld` (message starting with the spec's error code),
/// `unknown_context`, `unsafe_term` (safe mode) or `limit_exceeded`. The result's memory is
/// one arena, not thread-safe: Boost.JSON 1.81 allocates from a value's own storage when it
/// copies or compares it, so copy it into other storage before reading it on several threads.
Result<boost::json::value> expand(const boost::json::value& document, JsonLdProcessor& processor,
                                  const ExpandOptions& options = {});

}  // namespace microcred::rdf
