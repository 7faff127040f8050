// JSON-LD 1.1 Processing Algorithms and API, §8.1 Deserialize JSON-LD to RDF.
// Note: instead of building the node map (§7.2) and then walking it, this walks the
// expanded document once and emits each node's triples where it stands. The dataset is
// the same up to blank node labels and duplicate quads, which RDF datasets ignore.
#include "rdf/to_rdf.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <limits>
#include <optional>
#include <unordered_map>

#include <boost/json.hpp>

#include "json/jcs.h"
#include "rdf/detail/jsonld_context.h"
#include "rdf/detail/jsonld_iri.h"
#include "rdf/detail/prepared_dataset.h"

namespace microcred::rdf {

namespace json = boost::json;

namespace {

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

constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view rdf_first = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
constexpr std::string_view rdf_rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
constexpr std::string_view rdf_nil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
constexpr std::string_view rdf_value = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
constexpr std::string_view rdf_language = "http://www.w3.org/1999/02/22-rdf-syntax-ns#language";
constexpr std::string_view rdf_direction = "http://www.w3.org/1999/02/22-rdf-syntax-ns#direction";
constexpr std::string_view rdf_json = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
constexpr std::string_view xsd_boolean = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr std::string_view xsd_double = "http://www.w3.org/2001/XMLSchema#double";
constexpr std::string_view xsd_integer = "http://www.w3.org/2001/XMLSchema#integer";

using detail::TermView;

TermView iri_view(std::string_view value) {
  return TermView{TermKind::iri, value, {}, {}, {}, 0};
}
TermView blank_view(std::uint32_t number) {
  return TermView{TermKind::blank_node, {}, {}, {}, {}, number};
}
// A literal; `datatype` defaults to xsd:string, or rdf:langString when `language` is set.
TermView literal_view(std::string_view lexical, std::string_view datatype = {},
                      std::string_view language = {}) {
  if (datatype.empty()) datatype = language.empty() ? xsd_string : rdf_lang_string;
  return TermView{TermKind::literal, lexical, datatype, language, {}, 0};
}

// Collects quads as a Dataset, blank node n labelled "b<n>".
class DatasetSink {
 public:
  DatasetSink() { dataset_.quads.reserve(initial_quads); }
  void add(const TermView& s, const TermView& p, const TermView& o, const TermView& g) {
    dataset_.quads.push_back(Quad{term(s), term(p), term(o), term(g)});
  }
  Dataset take() { return std::move(dataset_); }

 private:
  static Term term(const TermView& v) {
    if (v.kind == TermKind::blank_node) return blank("b" + std::to_string(v.blank));
    return Term{v.kind, std::string(v.value), std::string(v.datatype), std::string(v.language),
                std::string(v.direction)};
  }
  Dataset dataset_;
};

// Collects quads as RDFC-1.0 reads them: no Term, no per-term allocation.
class PreparedSink {
 public:
  explicit PreparedSink(detail::PreparedDataset& out) : out_(out) {
    out_.quads.reserve(initial_quads);
    out_.text.reserve(initial_quads * 128);
  }
  void add(const TermView& s, const TermView& p, const TermView& o, const TermView& g) {
    out_.add(s, p, o, g);
  }

 private:
  detail::PreparedDataset& out_;
};

// Deserialize JSON-LD to RDF, quad by quad into `Sink`. The term views it passes view the
// expanded document or strings the deserializer owns until it is destroyed.
template <class Sink>
class Deserializer {
 public:
  Deserializer(const ToRdfOptions& options, Sink& sink) : options_(options), sink_(sink) {}

  void top(const json::value& expanded) {
    if (!expanded.is_array()) return;
    for (const auto& item : expanded.get_array())
      if (item.is_object()) node(item.get_object(), TermView{});
  }

  std::uint32_t blank_count() const { return counter_; }

 private:
  TermView blank_node(std::string_view label) {
    auto [it, inserted] = labels_.try_emplace(label, counter_);
    if (inserted) ++counter_;
    return blank_view(it->second);
  }
  TermView fresh() { return blank_view(counter_++); }

  // Keeps `s` alive as long as the deserializer, and views it.
  std::string_view own(std::string s) { return owned_.emplace_back(std::move(s)); }

  // An @id as a term; nullopt when it is not well-formed (relative).
  std::optional<TermView> id_term(std::string_view id) {
    if (is_blank(id)) return blank_node(id.substr(2));
    if (detail::is_well_formed_iri(id)) return iri_view(id);
    return std::nullopt;
  }

  // Safe mode: a triple or direction that toRdf would drop is an error instead.
  void dropped(const char* what, std::string_view detail) {
    if (!options_.safe_mode) return;
    std::string message(what);
    message.append(" \"").append(detail).append("\" would be dropped from the RDF");
    throw detail::Failure{Error{ErrorCode::unsafe_term, std::move(message), {}}};
  }

  void emit(const TermView& s, const TermView& p, const TermView& o, const TermView& g) {
    if (quads_ >= options_.max_quads)
      throw detail::Failure{Error{ErrorCode::limit_exceeded,
                                  "more than " + std::to_string(options_.max_quads) + " quads",
                                  {}}};
    ++quads_;
    sink_.add(s, p, o, g);
  }

  // Emits a node object's triples in `graph`; returns its subject (nullopt if relative).
  std::optional<TermView> node(const json::object& object, const TermView& graph) {
    std::optional<TermView> subject;
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
            emit(*subject, iri_view(rdf_type), *type, graph);
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
        const TermView name = subject ? *subject : iri_view(" ");
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
            emit(*subject, *predicate, *o, graph);
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

  void report_drop(const json::object& node, const std::optional<TermView>& subject, bool graph_ok,
                   const TermView& graph, const char* what, std::string_view detail) {
    if (!subject) {
      auto id = node.find("@id");
      dropped("relative subject reference", id != node.end() && id->value().is_string()
                                                ? std::string_view(id->value().get_string())
                                                : std::string_view("null"));
    }
    if (!graph_ok) dropped("relative graph reference", graph.value);
    dropped(what, detail);
  }

  std::optional<TermView> object_term(const json::value& item, const TermView& graph) {
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
    std::string_view datatype;
    if (auto t = object.find("@type"); t != object.end()) {
      if (t->value().is_string()) {
        datatype = t->value().get_string();
      } else if (t->value().is_array()) {
        // Note: an @type map can give a value object an array of types; jsonld.js then
        // writes the array as JavaScript's Array.prototype.toString does.
        std::string joined;
        for (const auto& type : t->value().get_array()) {
          if (!joined.empty()) joined.push_back(',');
          if (type.is_string()) joined.append(type.get_string());
        }
        datatype = own(std::move(joined));
      }
    }
    std::string_view lexical;
    if (datatype == "@json") {
      auto canonical = microcred::json::canonicalize(value);
      if (!canonical) throw detail::Failure{canonical.error()};
      lexical = own(std::move(*canonical));
      datatype = rdf_json;
    } else if (auto parts = detail::scalar_lexical(value, datatype, owned_)) {
      lexical = parts->lexical;
      datatype = parts->datatype;
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
        return literal_view(lexical, own(std::move(dt)));
      }
      const std::string_view lang_view = own(std::move(lang));
      TermView node = fresh();
      emit(node, iri_view(rdf_value), literal_view(lexical), graph);
      if (!lang_view.empty()) emit(node, iri_view(rdf_language), literal_view(lang_view), graph);
      emit(node, iri_view(rdf_direction), literal_view(direction->get_string()), graph);
      return node;
    }
    if (language && language->is_string()) {
      // Note: an @type map can type a language-tagged value; jsonld.js then writes the
      // datatype and N-Quads has no place for the language.
      if (!datatype.empty() && datatype != rdf_lang_string) return literal_view(lexical, datatype);
      return literal_view(lexical, rdf_lang_string, language->get_string());
    }
    if (datatype.empty()) datatype = xsd_string;
    return literal_view(lexical, datatype);
  }

  // §8.5 List to RDF Conversion.
  TermView list_term(const json::array& items, const TermView& graph) {
    if (items.empty()) return iri_view(rdf_nil);
    const std::uint32_t first = counter_;
    counter_ += static_cast<std::uint32_t>(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const TermView here = blank_view(first + static_cast<std::uint32_t>(i));
      auto o = object_term(items[i], graph);
      if (o) emit(here, iri_view(rdf_first), *o, graph);
      emit(here, iri_view(rdf_rest),
           i + 1 < items.size() ? blank_view(first + static_cast<std::uint32_t>(i) + 1)
                                : iri_view(rdf_nil),
           graph);
    }
    return blank_view(first);
  }

  const ToRdfOptions& options_;
  Sink& sink_;
  std::unordered_map<std::string_view, std::uint32_t> labels_;
  std::deque<std::string> owned_;
  std::uint32_t counter_ = 0;
  std::size_t quads_ = 0;
};

}  // namespace

namespace detail {

std::optional<Lexical> scalar_lexical(const json::value& value, std::string_view datatype,
                                      std::deque<std::string>& owned) {
  if (value.is_bool()) {
    return Lexical{value.get_bool() ? "true" : "false", datatype.empty() ? xsd_boolean : datatype};
  }
  if (value.is_number()) {
    // Note: as jsonld.js (and JSON in JavaScript) does: every number is an IEEE double, and
    // it is an xsd:double when its shortest form has a '.' or it is at least 1e21.
    // The Recommendation's "non-zero fractional part" differs only for numbers such as
    // 1e-7 (jsonld.js: "0"^^xsd:integer) and integers beyond 2^53, which JavaScript
    // rounds; matching the reference keeps signatures verifiable across implementations.
    const double d = value.to_number<double>();
    const std::string shortest = microcred::json::format_es_number(d);
    const bool is_double = shortest.find('.') != std::string::npos || std::fabs(d) >= 1e21;
    if (is_double || datatype == xsd_double) {
      return Lexical{owned.emplace_back(canonical_double(d)),
                     datatype.empty() ? xsd_double : datatype};
    }
    return Lexical{owned.emplace_back(integer_form(d)), datatype.empty() ? xsd_integer : datatype};
  }
  if (value.is_string() && datatype == xsd_double) {
    // Note: jsonld.js also rewrites a string typed xsd:double, through parseFloat, into
    // the canonical form ("-0" -> "0.0E0", "abc" -> "NaN").
    return Lexical{owned.emplace_back(canonical_double(parse_float(value.get_string()))), datatype};
  }
  if (value.is_string()) return Lexical{value.get_string(), datatype};
  return std::nullopt;
}

}  // namespace detail

Result<Dataset> deserialize(const json::value& expanded, const ToRdfOptions& options) {
  try {
    DatasetSink sink;
    Deserializer<DatasetSink> deserializer(options, sink);
    deserializer.top(expanded);
    return sink.take();
  } catch (const detail::Failure& failure) {
    return failure.error;
  }
}

namespace detail {

Result<void> deserialize_prepared(const json::value& expanded, const ToRdfOptions& options,
                                  PreparedDataset& out) {
  try {
    PreparedSink sink(out);
    Deserializer<PreparedSink> deserializer(options, sink);
    deserializer.top(expanded);
    out.blank_count = deserializer.blank_count();
    return {};
  } catch (const Failure& failure) {
    return failure.error;
  }
}

}  // namespace detail

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
