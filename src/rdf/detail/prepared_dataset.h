#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "rdf/canonicalize.h"
#include "rdf/dataset.h"
#include "rdf/to_rdf.h"

namespace microcred::rdf::detail {

/// A term as it is produced, viewing strings owned elsewhere (valid for the call it is
/// passed to). Blank nodes are numbers, not labels.
struct TermView {
  TermKind kind = TermKind::default_graph;
  std::string_view value;  ///< IRI or lexical form; unused for blank nodes.
  std::string_view datatype;
  std::string_view language;
  std::string_view direction;
  std::uint32_t blank = 0;  ///< Blank nodes: the node's number.
};

/// Appends `term` (not a blank node) in canonical N-Quads syntax to `out`; nothing for the
/// default graph.
void append_term(std::string& out, const TermView& term);

/// Marks a quad component that is not a blank node.
inline constexpr std::int32_t no_blank = -1;

/// One quad ready for RDFC-1.0: each component is a blank node number or its N-Quads text,
/// text[begin, end) of the dataset.
struct PreparedQuad {
  std::int32_t blank[4] = {no_blank, no_blank, no_blank, no_blank};
  std::uint32_t begin[4] = {};
  std::uint32_t end[4] = {};
  /// The predicate IRI as given (Hash Related Blank Node hashes it unescaped).
  std::string_view predicate;
};

/// A dataset as RDFC-1.0 reads it: every term serialized once into `text`, blank nodes
/// numbered 0..blank_count-1. The predicates view strings the producer keeps alive.
struct PreparedDataset {
  std::string text;
  std::vector<PreparedQuad> quads;
  std::uint32_t blank_count = 0;
  /// Input labels of the blank nodes by number; empty when node n's label is "b<n>" (the
  /// labels toRdf gives).
  std::vector<std::string_view> labels;

  /// Adds a quad. Blank node numbers must be below `blank_count` when canonicalized.
  void add(const TermView& subject, const TermView& predicate, const TermView& object,
           const TermView& graph) {
    PreparedQuad quad;
    const TermView* terms[4] = {&subject, &predicate, &object, &graph};
    for (std::size_t i = 0; i < 4; ++i) {
      const TermView& term = *terms[i];
      if (term.kind == TermKind::blank_node) {
        quad.blank[i] = static_cast<std::int32_t>(term.blank);
      } else if (term.kind == TermKind::iri) {
        // A node's subject comes again with each of its properties, and predicates repeat:
        // an IRI seen before (the same string, by address) is written once.
        Seen& seen =
            seen_[(reinterpret_cast<std::uintptr_t>(term.value.data()) >> 3) % std::size(seen_)];
        if (seen.data != term.value.data() || seen.size != term.value.size()) {
          seen = {term.value.data(), term.value.size(), static_cast<std::uint32_t>(text.size()), 0};
          append_term(text, term);
          seen.end = static_cast<std::uint32_t>(text.size());
        }
        quad.begin[i] = seen.begin;
        quad.end[i] = seen.end;
      } else {
        quad.begin[i] = static_cast<std::uint32_t>(text.size());
        append_term(text, term);
        quad.end[i] = static_cast<std::uint32_t>(text.size());
      }
    }
    quad.predicate = predicate.value;
    quads.push_back(quad);
  }

 private:
  struct Seen {
    const char* data = nullptr;
    std::size_t size = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  Seen seen_[64];
};

/// A literal's lexical form and datatype, viewing strings kept elsewhere.
struct Lexical {
  std::string_view lexical;
  std::string_view datatype;  ///< Empty for an untyped string.
};

/// The lexical form and datatype Object to RDF Conversion gives the JSON scalar `value`
/// (string, number or boolean) of a value object typed `datatype` (empty: untyped), numbers
/// written as jsonld.js writes them; nullopt for anything else. Strings it makes are kept in
/// `owned`.
std::optional<Lexical> scalar_lexical(const boost::json::value& value, std::string_view datatype,
                                      std::deque<std::string>& owned);

/// Deserialize JSON-LD to RDF (see `rdf::deserialize`) into `out`, whose predicates then view
/// `expanded`: keep it alive while `out` is used.
Result<void> deserialize_prepared(const boost::json::value& expanded, const ToRdfOptions& options,
                                  PreparedDataset& out);

/// W3C RDFC-1.0 of a prepared dataset (see `rdf::canonicalize`). Fills `issued` only when
/// `options.issued_map` asks for it.
Result<Canonicalized> canonicalize_prepared(PreparedDataset& dataset,
                                            const CanonicalizeOptions& options);

}  // namespace microcred::rdf::detail
