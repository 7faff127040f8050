#pragma once

#include <compare>
#include <string>
#include <vector>

namespace microcred::rdf {

/// What an RDF term is.
enum class TermKind : unsigned char {
  iri,
  blank_node,
  literal,
  default_graph,  ///< Only in a quad's graph position: the default graph.
};

/// One RDF term. Plain value type; compare and copy freely.
struct Term {
  TermKind kind = TermKind::default_graph;
  /// IRI, blank node label without "_:", or a literal's lexical form.
  std::string value;
  /// Literals: the datatype IRI (xsd:string when plain, rdf:langString with a language).
  std::string datatype;
  /// Literals: the language tag, as given; empty when none.
  std::string language;
  /// Literals: base direction "ltr" or "rtl" (RDF 1.2 directional language strings); empty
  /// when none.
  std::string direction;

  auto operator<=>(const Term&) const = default;
  bool operator==(const Term&) const = default;
};

inline constexpr const char* xsd_string = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr const char* rdf_lang_string =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
inline constexpr const char* rdf_dir_lang_string =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString";

/// An IRI term.
inline Term iri(std::string value) { return Term{TermKind::iri, std::move(value), {}, {}, {}}; }
/// A blank node with `label` (no "_:").
inline Term blank(std::string label) {
  return Term{TermKind::blank_node, std::move(label), {}, {}, {}};
}
/// A literal; `datatype` defaults to xsd:string, or rdf:langString when `language` is set.
inline Term literal(std::string lexical, std::string datatype = {}, std::string language = {}) {
  if (datatype.empty()) datatype = language.empty() ? xsd_string : rdf_lang_string;
  return Term{TermKind::literal, std::move(lexical), std::move(datatype), std::move(language), {}};
}
/// The default graph.
inline Term default_graph() { return Term{}; }

/// A subject, predicate, object and graph.
struct Quad {
  Term subject;
  Term predicate;
  Term object;
  Term graph;  ///< `default_graph()` for triples in the default graph.

  auto operator<=>(const Quad&) const = default;
  bool operator==(const Quad&) const = default;
};

/// An RDF dataset as a list of quads. It may hold a quad twice; algorithms that need a set
/// (RDFC-1.0, comparison) treat it as one.
struct Dataset {
  std::vector<Quad> quads;

  bool operator==(const Dataset&) const = default;
};

}  // namespace microcred::rdf
