// JSON-LD 1.1 Processing Algorithms and API, §5.1 Expansion Algorithm and §5.3 Value
// Expansion. Step numbers in comments are the Recommendation's.
#include "rdf/expand.h"

#include <algorithm>

#include <boost/json.hpp>

#include "rdf/detail/jsonld_context.h"
#include "rdf/detail/jsonld_iri.h"

namespace microcred::rdf {

namespace json = boost::json;
using detail::ActiveContext;
using detail::ContextPtr;
using detail::fail;
using detail::TermDefinition;

namespace {

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s).append("\"");
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_scalar(const json::value& v) {
  return v.is_string() || v.is_number() || v.is_bool();
}

json::array& as_array(json::value& v) {
  if (!v.is_array()) {
    json::array a(v.storage());
    a.push_back(std::move(v));
    v = std::move(a);
  }
  return v.get_array();
}

void append_flat(json::array& target, json::value&& v) {
  if (v.is_array()) {
    for (auto& item : v.get_array())
      target.push_back(std::move(item));
  } else {
    target.push_back(std::move(v));
  }
}

// Adds `v` (flattening arrays) to `object[key]`, always an array.
void add_value(json::object& object, std::string_view key, json::value&& v) {
  auto& slot = object[key];
  if (slot.is_null()) slot = json::array(object.storage());
  append_flat(as_array(slot), std::move(v));
}

bool is_value_object(const json::value& v) {
  return v.is_object() && v.get_object().contains("@value");
}
bool is_list_object(const json::value& v) {
  return v.is_object() && v.get_object().contains("@list");
}
bool is_graph_object(const json::value& v) {
  if (!v.is_object()) return false;
  const auto& o = v.get_object();
  if (!o.contains("@graph")) return false;
  for (const auto& [k, x] : o) {
    (void)x;
    if (k != "@graph" && k != "@id" && k != "@index" && k != "@context") return false;
  }
  return true;
}

// What jsonld.js drops at the top level and under @graph (and safe mode rejects): nullptr
// when `v` is kept.
const char* drop_reason(const json::value& v) {
  if (!v.is_object()) return nullptr;
  const auto& o = v.get_object();
  if (o.empty()) return "empty object";
  if (o.contains("@value")) return "object with only @value";
  if (o.contains("@list")) return "object with only @list";
  if (o.size() == 1 && o.contains("@id")) return "object with only @id";
  return nullptr;
}

class Expander {
 public:
  // The output lives in one monotonic arena: built fast, freed at once.
  Expander(detail::ProcessState& state, json::storage_ptr sp) : state_(state), sp_(std::move(sp)) {}

  json::value expand(const ContextPtr& active, const std::optional<std::string_view>& property,
                     const json::value& element, std::string_view base_url, bool from_map,
                     std::size_t depth);

  // Steps 6-19 for a node object (or value, list or set object).
  json::value expand_object(ContextPtr active, const std::optional<std::string_view>& property,
                            const TermDefinition* property_def, const json::object& object,
                            std::string_view base_url, bool from_map, std::size_t depth);

  // Leaves `member` of the document's top-level object out, as if it were absent.
  void skip(const json::key_value_pair* member) { skipped_ = member; }

 private:
  const TermDefinition* definition(const ActiveContext& active,
                                   const std::optional<std::string_view>& property) {
    return property ? active.find(*property) : nullptr;
  }

  void count() {
    if (++state_.output_values > state_.options.max_output_values)
      throw detail::Failure{Error{
          ErrorCode::limit_exceeded,
          "expanded output over " + std::to_string(state_.options.max_output_values) + " values",
          {}}};
  }

  json::value expand_value(const ActiveContext& active, std::string_view property,
                           const json::value& value);

  json::value expand_index_map(ContextPtr context, std::string_view property,
                               const json::object& map, bool as_graph, std::string_view index_key,
                               std::string_view property_index, std::string_view base_url,
                               std::size_t depth);

  void expand_entries(const ContextPtr& active, const ContextPtr& type_scoped,
                      std::string_view active_property, const json::object& element,
                      json::object& result, const std::optional<std::string>& input_type,
                      std::string_view base_url, std::size_t depth);

  // The expanded IRI of a key: a view of the term's IRI, or of `scratch`.
  static std::optional<std::string_view> expand_key(const ActiveContext& active,
                                                    std::string_view key, std::string& scratch) {
    if (const TermDefinition* def = active.find(key)) {  // fast path: a term
      if (def->iri_null) return std::nullopt;
      return std::string_view(def->iri);
    }
    auto e = detail::expand_iri(active, key, false, true);
    if (!e) return std::nullopt;
    scratch = std::move(*e);
    return std::string_view(scratch);
  }

  detail::ProcessState& state_;
  json::storage_ptr sp_;
  const json::key_value_pair* skipped_ = nullptr;
};

// §13.8 for one index map, as jsonld.js's _expandIndexMap does it (keys in order; with an
// @type index, each key's type-scoped context stays applied for the keys after it).
json::value Expander::expand_index_map(ContextPtr context, std::string_view property,
                                       const json::object& map, bool as_graph,
                                       std::string_view index_key, std::string_view property_index,
                                       std::string_view base_url, std::size_t depth) {
  json::array out(sp_);
  const bool type_index = index_key == "@type";
  std::vector<std::string_view> keys;
  for (const auto& entry : map)
    keys.push_back(entry.key());
  std::sort(keys.begin(), keys.end());
  for (std::string_view index : keys) {
    if (type_index) {
      const TermDefinition* def = context->find(index);
      if (def && def->context)
        context = detail::apply_scoped_context(state_, context, *def, false, false);
    }
    json::value items = expand(context, property, map.at(index), base_url, true, depth + 1);
    if (items.is_null()) continue;
    json::value expanded_key(sp_);
    bool none = false;
    if (!property_index.empty()) {
      if (index == "@none") {
        none = true;
      } else {
        expanded_key = expand_value(*context, index_key, json::string(index, sp_));
      }
    } else {
      auto e = detail::expand_iri(*context, index, false, true);
      none = e && *e == "@none";
      if (e) expanded_key = json::string(*e, sp_);
    }
    json::value key_value(sp_);
    if (index_key == "@id") {
      auto e = detail::expand_iri(*context, index, true, false);
      if (e) key_value = json::string(*e, sp_);
    } else if (type_index) {
      key_value = expanded_key;
    } else {
      key_value = json::string(index, sp_);
    }
    for (auto& item : as_array(items)) {
      if (as_graph && !is_graph_object(item)) {
        json::object g(sp_);
        json::array a(sp_);
        a.push_back(std::move(item));
        g["@graph"] = std::move(a);
        item = std::move(g);
      }
      if (type_index) {
        if (!none && item.is_object() && !key_value.is_null()) {
          json::array types(sp_);
          types.push_back(key_value);
          auto& object = item.get_object();
          if (auto existing = object.find("@type"); existing != object.end())
            append_flat(types, std::move(existing->value()));
          object["@type"] = std::move(types);
        }
      } else if (is_value_object(item) && index_key != "@language" && index_key != "@index") {
        fail("invalid value object", "index key " + quoted(index_key) + " on a value");
      } else if (!property_index.empty()) {
        if (!none && item.is_object()) {
          auto& object = item.get_object();
          json::array values(sp_);
          values.push_back(expanded_key);
          if (auto existing = object.find(property_index); existing != object.end())
            append_flat(values, std::move(existing->value()));
          object[property_index] = std::move(values);
        }
      } else if (!none && item.is_object() && !item.get_object().contains(index_key) &&
                 !key_value.is_null()) {
        item.get_object()[index_key] = key_value;
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

json::value Expander::expand_value(const ActiveContext& active, std::string_view property,
                                   const json::value& value) {
  const TermDefinition* def = active.find(property);
  // 1-2.
  if (def && def->has_type && value.is_string()) {
    if (def->type == "@id" || def->type == "@vocab") {
      auto id = detail::expand_iri(active, value.get_string(), true, def->type == "@vocab");
      json::object out(sp_);
      if (id) {
        if (state_.options.safe_mode && !detail::has_scheme(*id) && !id->starts_with("_:"))
          detail::fail_unsafe("relative @id " + quoted(*id) + " of " + quoted(property));
        out["@id"] = *id;
      } else {
        out["@id"] = nullptr;
      }
      return out;
    }
  }
  // 3-5.
  json::object out(sp_);
  out["@value"] = value;
  if (def && def->has_type && def->type != "@id" && def->type != "@vocab" && def->type != "@none") {
    out["@type"] = def->type;
  } else if (value.is_string()) {
    const std::optional<std::string>* language = &active.default_language;
    if (def && def->has_language) language = &def->language;
    const std::optional<std::string>* direction = &active.default_direction;
    if (def && def->has_direction) direction = &def->direction;
    if (*language) out["@language"] = **language;
    if (*direction) out["@direction"] = **direction;
  }
  return out;
}

json::value Expander::expand(const ContextPtr& active_in,
                             const std::optional<std::string_view>& active_property,
                             const json::value& element, std::string_view base_url, bool from_map,
                             std::size_t depth) {
  if (depth > state_.options.max_depth)
    throw detail::Failure{
        Error{ErrorCode::limit_exceeded,
              "JSON-LD nesting deeper than " + std::to_string(state_.options.max_depth),
              {}}};
  ContextPtr active = active_in;
  // 1.
  if (element.is_null()) return nullptr;
  // 3.
  const TermDefinition* property_def = definition(*active, active_property);
  // 4.
  if (is_scalar(element)) {
    if (!active_property || *active_property == "@graph") {
      if (state_.options.safe_mode)
        detail::fail_unsafe("free-floating scalar " + json::serialize(element) + " dropped");
      return nullptr;
    }
    // Note: no property-scoped context here (step 4.2): the caller expands the value in the
    // term context, which has it already, as jsonld.js does.
    count();
    return expand_value(*active, *active_property, element);
  }
  // 5.
  if (element.is_array()) {
    json::array result(sp_);
    const bool list_container = property_def && (property_def->container & detail::container_list);
    for (const auto& item : element.get_array()) {
      json::value expanded = expand(active, active_property, item, base_url, from_map, depth + 1);
      if (list_container && expanded.is_array()) {
        json::object list(sp_);
        list["@list"] = std::move(expanded);
        expanded = std::move(list);
      }
      if (expanded.is_null()) continue;
      append_flat(result, std::move(expanded));
    }
    return result;
  }
  // 6.
  return expand_object(std::move(active), active_property, property_def, element.get_object(),
                       base_url, from_map, depth);
}

json::value Expander::expand_object(ContextPtr active,
                                    const std::optional<std::string_view>& active_property,
                                    const TermDefinition* property_def, const json::object& object,
                                    std::string_view base_url, bool from_map, std::size_t depth) {
  const bool has_property_scope = property_def && property_def->context;
  count();
  // 7.
  if (active->previous && !from_map) {
    bool keep = false;
    std::size_t members = 0;
    const json::key_value_pair* only = nullptr;
    for (const auto& entry : object) {
      if (&entry == skipped_) continue;
      ++members;
      only = &entry;
      std::string scratch;
      auto e = expand_key(*active, entry.key(), scratch);
      if (e && *e == "@value") {
        keep = true;
        break;
      }
    }
    if (!keep && members == 1) {
      std::string scratch;
      auto e = expand_key(*active, only->key(), scratch);
      keep = e && *e == "@id";
    }
    if (!keep) active = active->previous;
  }
  // 8.
  if (has_property_scope)
    active = detail::apply_scoped_context(state_, active, *property_def, true, true);
  // 9.
  if (auto it = object.find("@context"); it != object.end()) {
    std::vector<std::string> remote;
    active = detail::process_context(state_, active, it->value(), base_url, remote);
  }
  // 10-11.
  ContextPtr type_scoped = active;
  std::optional<std::string> input_type;
  {
    std::vector<std::string_view> type_keys;
    for (const auto& entry : object) {
      if (&entry == skipped_) continue;
      std::string scratch;
      auto e = expand_key(*active, entry.key(), scratch);
      if (e && *e == "@type") type_keys.push_back(entry.key());
    }
    std::sort(type_keys.begin(), type_keys.end());
    for (std::size_t i = 0; i < type_keys.size(); ++i) {
      const json::value& value = object.at(type_keys[i]);
      std::vector<std::string_view> terms;
      if (value.is_string()) terms.push_back(value.get_string());
      if (value.is_array())
        for (const auto& t : value.get_array())
          if (t.is_string()) terms.push_back(t.get_string());
      if (i == 0 && !terms.empty()) {
        auto e = detail::expand_iri(*active, terms.back(), true, true);
        if (e) input_type = std::move(*e);
      }
      std::sort(terms.begin(), terms.end());
      for (std::string_view term : terms) {
        const TermDefinition* def = type_scoped->find(term);
        if (def && def->context)
          active = detail::apply_scoped_context(state_, active, *def, false, false);
      }
    }
  }
  // 12-14.
  json::object result(sp_);
  expand_entries(active, type_scoped, active_property ? *active_property : std::string_view{},
                 object, result, input_type, base_url, depth);
  if (!active_property) {
    // Used below: null active property.
  }
  // 15.
  if (auto it = result.find("@value"); it != result.end()) {
    for (const auto& [k, v] : result) {
      (void)v;
      if (k != "@direction" && k != "@index" && k != "@language" && k != "@type" && k != "@value")
        fail("invalid value object", "unexpected entry " + quoted(k));
    }
    if (result.contains("@type") && (result.contains("@language") || result.contains("@direction")))
      fail("invalid value object", "@type with @language or @direction");
    const json::value* type = result.if_contains("@type");
    if (type && type->is_string() && type->get_string() == "@json") {
      // any JSON value
    } else if (it->value().is_null()) {
      if (state_.options.safe_mode) detail::fail_unsafe("value object with a null @value dropped");
      return nullptr;
    } else if (!it->value().is_string() && result.contains("@language")) {
      fail("invalid language-tagged value", "");
    } else if (type && (!type->is_string() || !detail::is_well_formed_iri(type->get_string()) ||
                        type->get_string().starts_with("_:"))) {
      fail("invalid typed value", "");
    } else if (!is_scalar(it->value())) {
      fail("invalid value object value", "");
    }
  } else if (auto t = result.find("@type"); t != result.end()) {
    // 16.
    as_array(t->value());
  } else if (result.contains("@set") || result.contains("@list")) {
    // 17.
    if (result.size() > 2 || (result.size() == 2 && !result.contains("@index")))
      fail("invalid set or list object", "");
    if (auto s = result.find("@set"); s != result.end()) {
      json::value set = std::move(s->value());
      return set;
    }
  }
  // 18.
  if (result.size() == 1 && result.contains("@language")) {
    if (state_.options.safe_mode) detail::fail_unsafe("object with only @language dropped");
    return nullptr;
  }
  // 19. (jsonld.js also drops these under a @graph container, and safe mode fails there.)
  const bool graph_container = property_def && (property_def->container & detail::container_graph);
  if (!active_property || *active_property == "@graph" || graph_container) {
    const char* dropped = nullptr;
    if (result.empty())
      dropped = "empty object";
    else if (result.contains("@value"))
      dropped = "object with only @value";
    else if (result.contains("@list"))
      dropped = "object with only @list";
    else if (result.size() == 1 && result.contains("@id"))
      dropped = "object with only @id";
    if (dropped && state_.options.safe_mode) detail::fail_unsafe(std::string(dropped) + " dropped");
    if (dropped) return nullptr;
  }
  return result;
}

void Expander::expand_entries(const ContextPtr& active, const ContextPtr& type_scoped,
                              std::string_view active_property, const json::object& element,
                              json::object& result, const std::optional<std::string>& input_type,
                              std::string_view base_url, std::size_t depth) {
  const bool safe = state_.options.safe_mode;
  const bool property_null = active_property.empty();
  std::optional<std::string_view> ap;
  if (!property_null) ap = active_property;
  std::vector<std::string_view> nests;
  for (const auto& entry : element) {
    if (&entry == skipped_) continue;
    // Named variables, not a structured binding: lambdas below capture them.
    const std::string_view key = entry.key();
    const json::value& value = entry.value();
    // 13.1
    if (key == "@context") continue;
    // 13.2-3
    std::string property_scratch;
    auto expanded_property = expand_key(*active, key, property_scratch);
    if (!expanded_property || (expanded_property->find(':') == std::string::npos &&
                               !detail::is_keyword(*expanded_property))) {
      if (safe)
        detail::fail_unsafe("property " + quoted(key) +
                            " is not defined in the context and would be dropped");
      continue;
    }
    const std::string_view prop = *expanded_property;
    // 13.4
    if (detail::is_keyword(prop)) {
      if (active_property == "@reverse") fail("invalid reverse property map", quoted(key));
      if (result.contains(prop) && prop != "@included" && prop != "@type")
        fail("colliding keywords", quoted(prop));
      json::value expanded_value(sp_);
      if (prop == "@id") {
        if (!value.is_string()) fail("invalid @id value", "");
        auto id = detail::expand_iri(*active, value.get_string(), true, false);
        if (id) {
          if (safe && !detail::has_scheme(*id) && !id->starts_with("_:"))
            detail::fail_unsafe("relative @id " + quoted(*id));
          expanded_value = json::string(*id, sp_);
        } else {
          if (safe) detail::fail_unsafe("reserved @id value " + quoted(value.get_string()));
          result["@id"] = nullptr;  // a keyword-like @id is kept as null (expand#t0122)
          continue;
        }
      } else if (prop == "@type") {
        auto expand_type = [&](std::string_view t) -> json::value {
          auto e = detail::expand_iri(*type_scoped, t, true, true);
          if (!e) return nullptr;
          if (safe && !detail::has_scheme(*e) && !e->starts_with("_:"))
            detail::fail_unsafe("type " + quoted(t) + " expands to relative IRI " + quoted(*e));
          return json::string(*e, sp_);
        };
        if (value.is_string()) {
          expanded_value = expand_type(value.get_string());
        } else if (value.is_array()) {
          json::array types(sp_);
          for (const auto& t : value.get_array()) {
            if (!t.is_string()) fail("invalid type value", "");
            auto e = expand_type(t.get_string());
            if (!e.is_null()) types.push_back(std::move(e));
          }
          expanded_value = std::move(types);
        } else {
          fail("invalid type value", "");
        }
        if (auto existing = result.find("@type"); existing != result.end()) {
          json::array merged = std::move(as_array(existing->value()));
          append_flat(merged, std::move(expanded_value));
          expanded_value = std::move(merged);
        }
      } else if (prop == "@graph") {
        expanded_value =
            expand(active, std::string_view("@graph"), value, base_url, false, depth + 1);
        as_array(expanded_value);
      } else if (prop == "@included") {
        expanded_value = expand(active, std::nullopt, value, base_url, false, depth + 1);
        as_array(expanded_value);
        for (const auto& item : expanded_value.get_array()) {
          if (!item.is_object() || is_value_object(item) || is_list_object(item) ||
              item.get_object().contains("@set"))
            fail("invalid @included value", "");
        }
        if (auto existing = result.find("@included"); existing != result.end()) {
          json::array merged = std::move(existing->value().get_array());
          append_flat(merged, std::move(expanded_value));
          expanded_value = std::move(merged);
        }
      } else if (prop == "@value") {
        if (input_type && *input_type == "@json") {
          expanded_value = value;
        } else if (value.is_null() || is_scalar(value)) {
          expanded_value = value;
          if (value.is_null()) {
            result["@value"] = nullptr;
            continue;
          }
        } else {
          fail("invalid value object value", "");
        }
      } else if (prop == "@language") {
        if (!value.is_string()) fail("invalid language-tagged string", "");
        if (safe && !detail::is_well_formed_language(value.get_string()))
          detail::fail_unsafe("invalid @language value " + quoted(value.get_string()));
        expanded_value = json::string(lower(value.get_string()), sp_);
      } else if (prop == "@direction") {
        if (!(value.is_string() && (value.get_string() == "ltr" || value.get_string() == "rtl")))
          fail("invalid base direction", "");
        expanded_value = value;
      } else if (prop == "@index") {
        if (!value.is_string()) fail("invalid @index value", "");
        expanded_value = value;
      } else if (prop == "@list") {
        if (property_null || active_property == "@graph") continue;
        expanded_value = expand(active, ap, value, base_url, false, depth + 1);
        as_array(expanded_value);
      } else if (prop == "@set") {
        expanded_value = expand(active, ap, value, base_url, false, depth + 1);
      } else if (prop == "@reverse") {
        if (!value.is_object()) fail("invalid @reverse value", "");
        expanded_value =
            expand(active, std::string_view("@reverse"), value, base_url, false, depth + 1);
        if (expanded_value.is_object()) {
          auto& ev = expanded_value.get_object();
          if (auto r = ev.find("@reverse"); r != ev.end()) {
            for (auto& [p, items] : r->value().get_object())
              add_value(result, p, std::move(items));
          }
          bool other = false;
          for (const auto& [p, items] : ev) {
            (void)items;
            if (p != "@reverse") other = true;
          }
          if (other) {
            auto& slot = result["@reverse"];
            if (!slot.is_object()) slot = json::object(sp_);
            auto& reverse_map = slot.get_object();
            for (auto& [p, items] : ev) {
              if (p == "@reverse") continue;
              for (auto& item : items.get_array()) {
                if (is_value_object(item) || is_list_object(item))
                  fail("invalid reverse property value", "");
                add_value(reverse_map, p, std::move(item));
              }
            }
          }
        }
        continue;
      } else if (prop == "@nest") {
        nests.push_back(key);
        continue;
      } else {
        continue;  // framing keywords: not in expansion
      }
      if (expanded_value.is_null() && prop != "@value") continue;
      result[prop] = std::move(expanded_value);
      continue;
    }
    // 13.5
    const TermDefinition* key_def = active->find(key);
    const unsigned container = key_def ? key_def->container : 0;
    json::value expanded_value(sp_);
    // Note: like jsonld.js (the reference every Data Integrity verifier is checked against),
    // the key's property-scoped context is applied here, giving the "term context" the value
    // is expanded in, and then again inside the value after a type-scoped context is
    // reverted. The Recommendation applies it once; the two differ only when a scoped
    // context redefines its own term under a type-scoped context.
    ContextPtr term_active = active;
    if (key_def && key_def->context)
      term_active = detail::apply_scoped_context(state_, active, *key_def, true, true);
    const TermDefinition* term_def = term_active->find(key);
    if ((container & detail::container_language) && value.is_object()) {
      // 13.7
      json::array list(sp_);
      const std::optional<std::string>* direction = &term_active->default_direction;
      if (term_def && term_def->has_direction) direction = &term_def->direction;
      std::vector<std::string_view> languages;
      for (const auto& language_entry : value.get_object())
        languages.push_back(language_entry.key());
      std::sort(languages.begin(), languages.end());
      for (std::string_view language : languages) {
        const json::value& language_value = value.get_object().at(language);
        auto add = [&](const json::value& item) {
          if (item.is_null()) return;
          if (!item.is_string()) fail("invalid language map value", quoted(key));
          json::object v(sp_);
          v["@value"] = item;
          std::string scratch;
          auto el = expand_key(*term_active, language, scratch);
          if (!(el && *el == "@none")) {
            if (safe && !detail::is_well_formed_language(language))
              detail::fail_unsafe("invalid @language value " + quoted(language));
            v["@language"] = lower(language);
          }
          if (*direction) v["@direction"] = **direction;
          list.push_back(std::move(v));
        };
        if (language_value.is_array()) {
          for (const auto& item : language_value.get_array())
            add(item);
        } else {
          add(language_value);
        }
      }
      expanded_value = std::move(list);
    } else if ((container & detail::container_index) && value.is_object()) {
      // 13.8, @index
      std::string_view index_key =
          term_def && term_def->has_index ? std::string_view(term_def->index) : "@index";
      std::string property_index_scratch;
      std::optional<std::string_view> property_index;
      if (index_key != "@index")
        property_index = expand_key(*active, index_key, property_index_scratch);
      expanded_value = expand_index_map(
          term_active, key, value.get_object(), container & detail::container_graph, index_key,
          index_key != "@index" ? property_index.value_or("") : std::string_view{}, base_url,
          depth);
    } else if ((container & detail::container_id) && value.is_object()) {
      // 13.8, @id
      expanded_value =
          expand_index_map(term_active, key, value.get_object(),
                           container & detail::container_graph, "@id", {}, base_url, depth);
    } else if ((container & detail::container_type) && value.is_object()) {
      // 13.8, @type: the type-scoped context is reverted first.
      ContextPtr reverted = term_active->previous ? term_active->previous : term_active;
      expanded_value =
          expand_index_map(reverted, key, value.get_object(), false, "@type", {}, base_url, depth);
    } else if (key_def && key_def->has_type && key_def->type == "@json") {
      // 13.6
      json::object v(sp_);
      v["@value"] = value;
      v["@type"] = "@json";
      expanded_value = std::move(v);
    } else {
      // 13.9
      expanded_value = expand(term_active, key, value, base_url, false, depth + 1);
    }
    // 13.10
    if (expanded_value.is_null()) continue;
    // 13.11
    if ((container & detail::container_list) && !is_list_object(expanded_value)) {
      json::object l(sp_);
      l["@list"] = std::move(as_array(expanded_value));
      expanded_value = std::move(l);
    }
    // 13.12 (jsonld.js also drops what it would drop at the top level: empty objects,
    // @value or @list objects, node references)
    if ((container & detail::container_graph) &&
        !(container & (detail::container_id | detail::container_index))) {
      json::array graphs(sp_);
      for (auto& ev : as_array(expanded_value)) {
        if (drop_reason(ev)) {
          if (safe) detail::fail_unsafe(std::string(drop_reason(ev)) + " dropped");
          continue;
        }
        json::object g(sp_);
        json::array a(sp_);
        a.push_back(std::move(ev));
        g["@graph"] = std::move(a);
        graphs.push_back(std::move(g));
      }
      if (graphs.empty()) continue;
      expanded_value = std::move(graphs);
    }
    // 13.13-14
    if (term_def && term_def->reverse) {
      auto& slot = result["@reverse"];
      if (!slot.is_object()) slot = json::object(sp_);
      for (auto& item : as_array(expanded_value)) {
        if (is_value_object(item) || is_list_object(item))
          fail("invalid reverse property value", quoted(key));
        add_value(slot.get_object(), prop, std::move(item));
      }
    } else {
      add_value(result, prop, std::move(expanded_value));
    }
  }
  // 14.
  std::sort(nests.begin(), nests.end());
  for (std::string_view nesting_key : nests) {
    const json::value& nested = element.at(nesting_key);
    auto each = [&](const json::value& nested_value) {
      if (!nested_value.is_object()) fail("invalid @nest value", quoted(nesting_key));
      for (const auto& [k, v] : nested_value.get_object()) {
        (void)v;
        std::string scratch;
        auto e = expand_key(*active, k, scratch);
        if (e && *e == "@value") fail("invalid @nest value", quoted(nesting_key));
      }
      // Steps 3 and 8 again for the nesting key: its property-scoped context applies.
      ContextPtr nested_active = active;
      if (const TermDefinition* nest_def = active->find(nesting_key); nest_def && nest_def->context)
        nested_active = detail::apply_scoped_context(state_, active, *nest_def, true, true);
      expand_entries(nested_active, type_scoped, nesting_key, nested_value.get_object(), result,
                     input_type, base_url, depth + 1);
    };
    if (nested.is_array()) {
      for (const auto& n : nested.get_array())
        each(n);
    } else {
      each(nested);
    }
  }
}

}  // namespace

namespace {

// The Expansion Algorithm on `value`, or on `object` when it is not null.
Result<json::value> run_expansion(const json::value* value, const json::object* object,
                                  JsonLdProcessor& processor, const ExpandOptions& options,
                                  json::storage_ptr storage) {
  detail::ProcessState state{processor, options};
  try {
    ContextPtr active = detail::initial_context(state, options.base);
    if (options.expand_context) {
      const json::value* ctx = options.expand_context;
      if (ctx->is_object() && ctx->get_object().contains("@context"))
        ctx = &ctx->get_object().at("@context");
      std::vector<std::string> remote;
      active = detail::process_context(state, active, *ctx, options.base, remote);
    }
    Expander expander(state, std::move(storage));
    if (object == nullptr && value->is_object()) object = &value->get_object();
    if (object != nullptr && !options.without_member.empty()) {
      if (options.without_member.front() == '@')
        return make_error(ErrorCode::invalid_argument,
                          "without_member cannot leave out a keyword (" +
                              std::string(options.without_member) + ")");
      if (auto it = object->find(options.without_member); it != object->end()) expander.skip(&*it);
    }
    json::value result =
        object != nullptr
            ? expander.expand_object(active, std::nullopt, nullptr, *object, options.base, false, 0)
            : expander.expand(active, std::nullopt, *value, options.base, false, 0);
    if (result.is_object() && result.get_object().size() == 1 &&
        result.get_object().contains("@graph")) {
      json::value graph = std::move(result.get_object()["@graph"]);
      result = std::move(graph);
    }
    if (result.is_null()) result = json::array(result.storage());
    as_array(result);
    return result;
  } catch (const detail::Failure& failure) {
    return failure.error;
  }
}

}  // namespace

namespace detail {

Result<json::value> expand_in(const json::value& document, JsonLdProcessor& processor,
                              const ExpandOptions& options, json::storage_ptr storage) {
  return run_expansion(&document, nullptr, processor, options, std::move(storage));
}

Result<json::value> expand_in(const json::object& document, JsonLdProcessor& processor,
                              const ExpandOptions& options, json::storage_ptr storage) {
  return run_expansion(nullptr, &document, processor, options, std::move(storage));
}

}  // namespace detail

Result<json::value> expand(const json::value& document, JsonLdProcessor& processor,
                           const ExpandOptions& options) {
  return detail::expand_in(document, processor, options,
                           json::make_shared_resource<json::monotonic_resource>());
}

}  // namespace microcred::rdf
