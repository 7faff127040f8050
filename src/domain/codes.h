#pragma once

#include <string_view>

namespace microcred::domain {

// Code lists and identifier syntaxes the domain checks share. Pure and thread-safe.

/// True for an officially assigned ISO 3166-1 alpha-2 code in upper case, or XK (Kosovo,
/// user-assigned but used by the EU and in vc/).
bool is_country_code(std::string_view code);

/// True for a well-formed BCP 47 (RFC 5646) language tag: a 2-3 letter language, extlangs,
/// script, region, variants, extensions and private use, in that order; not checked against
/// the registry, and grandfathered tags are refused.
bool is_language_tag(std::string_view tag);

/// True for an ESCO skill or occupation URI: http://data.europa.eu/esco/skill/<uuid>, a
/// skills-hierarchy group such as .../skill/S5.5.2, or .../occupation/<uuid>; UUIDs in lower
/// case.
bool is_esco_uri(std::string_view uri);

}  // namespace microcred::domain
