#pragma once

#include <string>
#include <string_view>

namespace microcred::rdf::detail {

/// Whether `s` starts with an RFC 3986 scheme followed by ':'.
bool has_scheme(std::string_view s);

/// Whether toRdf keeps `s` as an IRI: a scheme (or "_") and ':' then no white space, the
/// test jsonld.js applies.
bool is_well_formed_iri(std::string_view s);

/// `reference` resolved against `base` (RFC 3986 §5.2, with remove_dot_segments).
/// Note: our own resolver rather than Boost.URL, which rejects the IRIs (non-ASCII,
/// unencoded characters) that JSON-LD resolves as plain strings.
std::string resolve_iri(std::string_view base, std::string_view reference);

/// Whether `s` is a well-formed BCP 47 language tag in the simple form toRdf checks.
bool is_well_formed_language(std::string_view s);

}  // namespace microcred::rdf::detail
