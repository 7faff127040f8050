#include "rdf/jsonld.h"

namespace microcred::rdf {

Result<Canonicalized> canonicalize_jsonld(const boost::json::value& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options) {
  auto dataset = to_rdf(document, processor, options.expand, options.to_rdf);
  if (!dataset) return dataset.error();
  return canonicalize(*dataset, options.canonicalize);
}

}  // namespace microcred::rdf
