#pragma once

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "rdf/canonicalize.h"
#include "rdf/expand.h"
#include "rdf/to_rdf.h"

namespace microcred::rdf {

/// Options of `canonicalize_jsonld`. Safe mode is on by default: this is what gets signed.
struct JsonLdCanonicalizeOptions {
  ExpandOptions expand{.safe_mode = true};
  ToRdfOptions to_rdf{};
  CanonicalizeOptions canonicalize{};
};

/// RDFC-1.0 canonical N-Quads of a JSON-LD document: expand, toRdf, canonicalize. The
/// pipeline Data Integrity rdfc cryptosuites sign. Fails with any of their errors.
Result<Canonicalized> canonicalize_jsonld(const boost::json::value& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options = {});
/// The same for a document that is an object, without copying it into a value.
Result<Canonicalized> canonicalize_jsonld(const boost::json::object& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options = {});

}  // namespace microcred::rdf
