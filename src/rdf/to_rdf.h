#pragma once

#include <cstddef>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "rdf/dataset.h"
#include "rdf/expand.h"

namespace microcred::rdf {

/// How `@direction` is kept in RDF (JSON-LD 1.1 rdfDirection).
enum class RdfDirection {
  none,              ///< Dropped: a plain language-tagged string.
  i18n_datatype,     ///< Datatype https://www.w3.org/ns/i18n#{language}_{direction}.
  compound_literal,  ///< A blank node with rdf:value, rdf:language and rdf:direction.
};

/// Options of Deserialize JSON-LD to RDF. Generalized RDF is never produced.
struct ToRdfOptions {
  RdfDirection rdf_direction = RdfDirection::none;
  /// Data Integrity safe mode: fail with `unsafe_term` instead of dropping a triple (relative
  /// IRI, blank-node predicate) or a base direction (`rdf_direction` none).
  bool safe_mode = false;
  /// Quads produced at most (a bound on work and memory).
  std::size_t max_quads = 1'000'000;
};

/// The RDF dataset of an expanded JSON-LD document (JSON-LD 1.1 Deserialize JSON-LD to
/// RDF). Triples with relative IRIs or blank-node predicates are dropped. Fails with
/// `limit_exceeded` or `invalid_jsonld`.
Result<Dataset> deserialize(const boost::json::value& expanded, const ToRdfOptions& options = {});

/// Expands `document` and deserializes it: the JSON-LD 1.1 toRdf API call. Safe mode applies
/// to both steps when either options struct asks for it.
Result<Dataset> to_rdf(const boost::json::value& document, JsonLdProcessor& processor,
                       const ExpandOptions& expand_options = {}, const ToRdfOptions& options = {});

}  // namespace microcred::rdf
