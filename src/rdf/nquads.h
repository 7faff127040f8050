#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "rdf/dataset.h"

namespace microcred::rdf {

/// Parses N-Quads (RDF 1.1, with RDF 1.2 "@lang--dir" literals) into a dataset. Fails with
/// `parse_error` whose message starts "line L, column C:".
Result<Dataset> parse_nquads(std::string_view text);

/// One term in N-Quads syntax with the canonical escapes of RDFC-1.0 / N-Quads canonical
/// form (`"\""`, `"\\"`, `"\n"`, `"\r"`, and `\uXXXX` only for other control characters).
std::string to_nquads(const Term& term);

/// One quad as an N-Quads line ending in " .\n".
std::string to_nquads(const Quad& quad);

/// Every quad of `dataset` in order, one line each.
std::string to_nquads(const Dataset& dataset);

}  // namespace microcred::rdf
