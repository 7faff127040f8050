#include "rdf/jsonld.h"

#include <boost/json/value.hpp>

#include "rdf/detail/prepared_dataset.h"

namespace microcred::rdf {

Result<Canonicalized> canonicalize_jsonld(const boost::json::value& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options) {
  const bool safe = options.expand.safe_mode || options.to_rdf.safe_mode;
  ExpandOptions expand_with = options.expand;
  expand_with.safe_mode = safe;
  ToRdfOptions rdf_with = options.to_rdf;
  rdf_with.safe_mode = safe;
  auto expanded = expand(document, processor, expand_with);
  if (!expanded) return expanded.error();
  // Straight from the expanded form to RDFC-1.0's input: no Dataset, no Term.
  detail::PreparedDataset prepared;
  if (auto r = detail::deserialize_prepared(*expanded, rdf_with, prepared); !r) return r.error();
  return detail::canonicalize_prepared(prepared, options.canonicalize);
}

}  // namespace microcred::rdf
