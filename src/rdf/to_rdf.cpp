// JSON-LD 1.1 Processing Algorithms and API, §8.1 Deserialize JSON-LD to RDF.
// Note: instead of building the node map (§7.2) and then walking it, this walks the
// expanded document once and emits each node's triples where it stands. The dataset is
// the same up to blank node labels and duplicate quads, which RDF datasets ignore.
#include "rdf/to_rdf.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <unordered_map>

#include <boost/json.hpp>

#include "json/jcs.h"
#include "rdf/detail/jsonld_context.h"
#include "rdf/detail/jsonld_iri.h"

namespace microcred::rdf {

namespace json = boost::json;

namespace {

constexpr std::string_view rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view xsd_ns = "http://www.w3.org/2001/XMLSchema#";

std::string rdf_iri(std::string_view local) {
  std::string s(rdf_ns);
  s.append(local);
  return s;
}
std::string xsd_iri(std::string_view local) {
  std::string s(xsd_ns);
  s.append(local);
  return s;
}

// XSD canonical double: "1.1E0", "1.0E21" (JSON-LD 1.1 §8.6 step 10).
std::string canonical_double(double d) {
  // ECMAScript Number.prototype.toExponential for the cases printf writes differently.
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
  if (d == 0) d = 0;  // -0 too
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15E", d);
  std::string s(buffer);
  auto e = s.find('E');
  std::string mantissa = s.substr(0, e);
  int exponent = std::atoi(s.c_str() + e + 1);
  while (mantissa.size() > 1 && mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.')
    mantissa.pop_back();
  return mantissa + "E" + std::to_string(exponent);
}

// Quads reserved up front: a credential has about a hundred.
constexpr std::size_t initial_quads = 256;

// ECMAScript parseFloat: the longest prefix of `s` (after white space) that is a decimal
// literal or "Infinity", as a double; NaN when there is none.
double parse_float(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
      ++i;
    } else if (s.substr(i).starts_with("\xC2\xA0") || s.substr(i).starts_with("\xEF\xBB\xBF") ||
               s.substr(i).starts_with("\xE2\x80\xA8") || s.substr(i).starts_with("\xE2\x80\xA9")) {
      i += s.substr(i).starts_with("\xC2\xA0") ? 2 : 3;
    } else {
      break;
    }
  }
  std::size_t start = i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (s.substr(i).starts_with("Infinity"))
    return s[start] == '-' ? -std::numeric_limits<double>::infinity()
                           : std::numeric_limits<double>::infinity();
  auto digits = [&] {
    std::size_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i, ++n;
    return n;
  };
  std::size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return std::numeric_limits<double>::quiet_NaN();
  std::size_t end = i;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() > 0) end = i;
  }
  return std::strtod(std::string(s.substr(start, end - start)).c_str(), nullptr);
}

// ECMAScript Number.prototype.toFixed(0) for |d| < 1e21: the nearest integer, halves away
// from zero, "-" for negative values (so -1e-7 gives "-0", as JavaScript does).
std::string integer_form(double d) {
  const bool negative = d < 0;
  double rounded = std::floor(std::fabs(d) + 0.5);
  if (rounded - std::fabs(d) > 0.5) rounded -= 1;  // floor(x + 0.5) overshoots near 2^53
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s%.0f", negative ? "-" : "", rounded);
  return buffer;
}

bool is_blank(std::string_view s) {
  return s.starts_with("_:");
}

class Deserializer {
 public:
  Deserializer(const ToRdfOptions& options) : options_(options) {}

  void top(const json::value& expanded) {
    if (!expanded.is_array()) return;
    dataset_.quads.reserve(initial_quads);
    for (const auto& item : expanded.get_array())
      if (item.is_object()) node(item.get_object(), default_graph());
  }

  Dataset take() { return std::move(dataset_); }

 private:
  Term blank_node(std::string_view label) {
    auto [it, inserted] = labels_.try_emplace(std::string(label), "");
    if (inserted) it->second = "b" + std::to_string(counter_++);
    return blank(it->second);
  }
  Term fresh() { return blank("b" + std::to_string(counter_++)); }

  // An @id as a term; nullopt when it is not well-formed (relative).
  std::optional<Term> id_term(std::string_view id) {
    if (is_blank(id)) return blank_node(id.substr(2));
    if (detail::is_well_formed_iri(id)) return iri(std::string(id));
    return std::nullopt;
  }

  // Safe mode: a triple or direction that toRdf would drop is an error instead.
  void dropped(const char* what, std::string_view detail) {
    if (!options_.safe_mode) return;
    std::string message(what);
    message.append(" \"").append(detail).append("\" would be dropped from the RDF");
    throw detail::Failure{Error{ErrorCode::unsafe_term, std::move(message), {}}};
  }

  void emit(const Term& s, const Term& p, Term o, const Term& g) {
    if (dataset_.quads.size() >= options_.max_quads)
      throw detail::Failure{Error{ErrorCode::limit_exceeded,
                                  "more than " + std::to_string(options_.max_quads) + " quads",
                                  {}}};
    dataset_.quads.push_back(Quad{s, p, std::move(o), g});
  }

  // Emits a node object's triples in `graph`; returns its subject (nullopt if relative).
  std::optional<Term> node(const json::object& object, const Term& graph) {
    std::optional<Term> subject;
    if (auto it = object.find("@id"); it != object.end()) {
      // A null @id (from a keyword-like value) names no node: its triples are dropped.
      if (it->value().is_string()) subject = id_term(it->value().get_string());
    } else {
      subject = fresh();
    }
    const bool graph_ok = graph.kind != TermKind::iri || detail::is_well_formed_iri(graph.value);
    for (const auto& [key, value] : object) {
      if (key == "@type") {
        if (!value.is_array()) continue;
        for (const auto& t : value.get_array()) {
          if (!t.is_string()) continue;
          auto type = id_term(t.get_string());
          if (subject && type && graph_ok) {
            emit(*subject, rdf_type_, *type, graph);
          } else {
            report_drop(object, subject, graph_ok, graph, "relative object reference",
                        t.get_string());
          }
        }
      } else if (key == "@reverse") {
        if (!value.is_object()) continue;
        for (const auto& [property, items] : value.get_object()) {
          auto predicate = id_term(property);
          if (!items.is_array()) continue;
          for (const auto& item : items.get_array()) {
            if (!item.is_object()) continue;
            auto other = node(item.get_object(), graph);
            if (other && subject && predicate && predicate->kind == TermKind::iri && graph_ok)
              emit(*other, *predicate, *subject, graph);
            else
              dropped("reverse property", property);
          }
        }
      } else if (key == "@graph") {
        if (!value.is_array()) continue;
        // A graph with a relative name gets a name that is not well-formed, so every triple in
        // it is dropped, as toRdf drops it.
        const Term name = subject ? *subject : iri(" ");
        for (const auto& item : value.get_array())
          if (item.is_object() && !item.get_object().contains("@value") &&
              !item.get_object().contains("@list"))
            node(item.get_object(), name);
      } else if (key == "@included") {
        if (!value.is_array()) continue;
        for (const auto& item : value.get_array())
          if (item.is_object()) node(item.get_object(), graph);
      } else if (key.starts_with("@")) {
        continue;
      } else {
        auto predicate = id_term(key);
        if (!value.is_array()) continue;
        for (const auto& item : value.get_array()) {
          auto o = object_term(item, graph);
          if (subject && predicate && predicate->kind == TermKind::iri && o && graph_ok) {
            emit(*subject, *predicate, std::move(*o), graph);
          } else if (!predicate) {
            dropped("relative predicate reference", key);
          } else if (predicate->kind != TermKind::iri) {
            dropped("blank node predicate", key);
          } else {
            report_drop(object, subject, graph_ok, graph, "relative object reference", "");
          }
        }
      }
    }
    return subject;
  }

  void report_drop(const json::object& node, const std::optional<Term>& subject, bool graph_ok,
                   const Term& graph, const char* what, std::string_view detail) {
    if (!subject) {
      auto id = node.find("@id");
      dropped("relative subject reference", id != node.end() && id->value().is_string()
                                                ? std::string_view(id->value().get_string())
                                                : std::string_view("null"));
    }
    if (!graph_ok) dropped("relative graph reference", graph.value);
    dropped(what, detail);
  }

  std::optional<Term> object_term(const json::value& item, const Term& graph) {
    if (!item.is_object()) return std::nullopt;
    const json::object& object = item.get_object();
    if (auto list = object.find("@list"); list != object.end()) {
      if (!list->value().is_array()) return std::nullopt;
      return list_term(list->value().get_array(), graph);
    }
    auto value_it = object.find("@value");
    if (value_it == object.end()) return node(object, graph);
    // §8.6 Object to RDF Conversion.
    const json::value& value = value_it->value();
    std::string datatype;
    if (auto t = object.find("@type"); t != object.end()) {
      if (t->value().is_string()) {
        datatype = std::string(t->value().get_string());
      } else if (t->value().is_array()) {
        // Note: an @type map can give a value object an array of types; jsonld.js then
        // writes the array as JavaScript's Array.prototype.toString does.
        for (const auto& type : t->value().get_array()) {
          if (!datatype.empty()) datatype.push_back(',');
          if (type.is_string()) datatype.append(type.get_string());
        }
      }
    }
    std::string lexical;
    if (datatype == "@json") {
      auto canonical = microcred::json::canonicalize(value);
      if (!canonical) throw detail::Failure{canonical.error()};
      lexical = std::move(*canonical);
      datatype = rdf_iri("JSON");
    } else if (value.is_bool()) {
      lexical = value.get_bool() ? "true" : "false";
      if (datatype.empty()) datatype = xsd_iri("boolean");
    } else if (value.is_number()) {
      // Note: as jsonld.js (and JSON in JavaScript) does: every number is an IEEE double, and
      // it is an xsd:double when its shortest form has a '.' or it is at least 1e21.
      // The Recommendation's "non-zero fractional part" differs only for numbers such as
      // 1e-7 (jsonld.js: "0"^^xsd:integer) and integers beyond 2^53, which JavaScript
      // rounds; matching the reference keeps signatures verifiable across implementations.
      const double d = value.to_number<double>();
      const std::string shortest = microcred::json::format_es_number(d);
      const bool is_double = shortest.find('.') != std::string::npos || std::fabs(d) >= 1e21;
      if (is_double || datatype == xsd_double_) {
        lexical = canonical_double(d);
        if (datatype.empty()) datatype = xsd_iri("double");
      } else {
        lexical = integer_form(d);
        if (datatype.empty()) datatype = xsd_iri("integer");
      }
    } else if (value.is_string() && datatype == xsd_double_) {
      // Note: jsonld.js also rewrites a string typed xsd:double, through parseFloat, into
      // the canonical form ("-0" -> "0.0E0", "abc" -> "NaN").
      lexical = canonical_double(parse_float(value.get_string()));
    } else if (value.is_string()) {
      lexical = std::string(value.get_string());
    } else {
      return std::nullopt;
    }
    const json::value* language = object.if_contains("@language");
    const json::value* direction = object.if_contains("@direction");
    if (language && language->is_string() &&
        !detail::is_well_formed_language(language->get_string()))
      return std::nullopt;
    if (direction && direction->is_string() && options_.rdf_direction == RdfDirection::none)
      dropped("@direction", direction->get_string());
    if (direction && direction->is_string() && options_.rdf_direction != RdfDirection::none) {
      std::string lang =
          language && language->is_string() ? std::string(language->get_string()) : std::string();
      for (char& c : lang)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (options_.rdf_direction == RdfDirection::i18n_datatype) {
        std::string dt = "https://www.w3.org/ns/i18n#";
        dt.append(lang).append("_").append(direction->get_string());
        return literal(std::move(lexical), std::move(dt));
      }
      Term node = fresh();
      emit(node, iri(rdf_iri("value")), literal(std::move(lexical)), graph);
      if (!lang.empty()) emit(node, iri(rdf_iri("language")), literal(lang), graph);
      emit(node, iri(rdf_iri("direction")), literal(std::string(direction->get_string())), graph);
      return node;
    }
    if (language && language->is_string()) {
      // Note: an @type map can type a language-tagged value; jsonld.js then writes the
      // datatype and N-Quads has no place for the language.
      if (!datatype.empty() && datatype != rdf_lang_string)
        return literal(std::move(lexical), std::move(datatype));
      return literal(std::move(lexical), rdf_lang_string, std::string(language->get_string()));
    }
    if (datatype.empty()) datatype = xsd_string;
    return literal(std::move(lexical), std::move(datatype));
  }

  // §8.5 List to RDF Conversion.
  Term list_term(const json::array& items, const Term& graph) {
    if (items.empty()) return rdf_nil_;
    std::vector<Term> nodes;
    nodes.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
      nodes.push_back(fresh());
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto o = object_term(items[i], graph);
      if (o) emit(nodes[i], rdf_first_, std::move(*o), graph);
      emit(nodes[i], rdf_rest_, i + 1 < items.size() ? nodes[i + 1] : rdf_nil_, graph);
    }
    return nodes[0];
  }

  const ToRdfOptions& options_;
  const Term rdf_type_ = iri(rdf_iri("type"));
  const Term rdf_first_ = iri(rdf_iri("first"));
  const Term rdf_rest_ = iri(rdf_iri("rest"));
  const Term rdf_nil_ = iri(rdf_iri("nil"));
  const std::string xsd_double_ = xsd_iri("double");
  Dataset dataset_;
  std::unordered_map<std::string, std::string> labels_;
  std::size_t counter_ = 0;
};

}  // namespace

Result<Dataset> deserialize(const json::value& expanded, const ToRdfOptions& options) {
  try {
    Deserializer deserializer(options);
    deserializer.top(expanded);
    return deserializer.take();
  } catch (const detail::Failure& failure) {
    return failure.error;
  }
}

Result<Dataset> to_rdf(const json::value& document, JsonLdProcessor& processor,
                       const ExpandOptions& expand_options, const ToRdfOptions& options) {
  const bool safe = expand_options.safe_mode || options.safe_mode;
  ExpandOptions expand_with = expand_options;
  expand_with.safe_mode = safe;
  ToRdfOptions rdf_with = options;
  rdf_with.safe_mode = safe;
  auto expanded = expand(document, processor, expand_with);
  if (!expanded) return expanded.error();
  return deserialize(*expanded, rdf_with);
}

}  // namespace microcred::rdf
