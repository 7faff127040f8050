#pragma once

#include <string>

#include "rdf/dataset.h"

namespace microcred::rdf::detail {

/// Appends `term` in canonical N-Quads syntax to `out` (nothing for the default graph).
/// An append form of `to_nquads(const Term&)`, so that RDFC-1.0 can build lines without
/// temporary strings.
void append_term(std::string& out, const Term& term);

}  // namespace microcred::rdf::detail
