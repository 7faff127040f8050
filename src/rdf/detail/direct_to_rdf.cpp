// JSON-LD 1.1 Expansion (§5.1) and Deserialize JSON-LD to RDF (§8.1) fused for the shape
// credentials have. Each step mirrors the one of the same number in expand.cpp, calling the
// same context functions in the same order, so that the dataset is the one expand() and
// deserialize() give; whatever is not mirrored here gives up (Unsupported) and the caller
// runs the general algorithms. jsonld_conformance_test.cpp checks both paths agree on every
// toRdf test.
#include "rdf/detail/direct_to_rdf.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/json.hpp>

#include "rdf/detail/jsonld_iri.h"

namespace microcred::rdf::detail {

namespace {

namespace json = boost::json;

constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

// Thrown to give the document to the general algorithms.
struct Unsupported {};

[[noreturn]] void unsupported() {
  throw Unsupported{};
}

class Direct {
 public:
  Direct(ProcessState& state, const ToRdfOptions& rdf_options, PreparedDataset& out,
         DirectStorage& storage, const json::key_value_pair* skipped)
      : state_(state),
        safe_(state.options.safe_mode || rdf_options.safe_mode),
        rdf_options_(rdf_options),
        out_(out),
        storage_(storage),
        skipped_(skipped) {}

  void run(const json::object& document) {
    const ExpandOptions& options = state_.options;
    ContextPtr active = initial_context(state_, options.base);
    if (options.expand_context) {
      const json::value* context = options.expand_context;
      if (context->is_object() && context->get_object().contains("@context"))
        context = &context->get_object().at("@context");
      std::vector<std::string> remote;
      active = process_context(state_, active, *context, options.base, remote);
    }
    node(std::move(active), nullptr, document, 0, true);
    out_.blank_count = counter_;
  }

 private:
  std::string_view own(std::string s) { return storage_.strings.emplace_back(std::move(s)); }

  // IRI Expansion with the result kept as long as the quads: views of the document and of
  // the (kept) contexts stay views; built IRIs are kept in storage.
  std::optional<std::string_view> iri(const ActiveContext& active, std::string_view value,
                                      bool document_relative, bool vocab) {
    auto view = expand_iri_view(active, value, document_relative, vocab, scratch_);
    if (view && !scratch_.empty() && view->data() == scratch_.data())
      return own(std::move(scratch_));
    return view;
  }

  // What `key` expands to (Expander::expand_key), and its term definition if it is a term.
  struct Key {
    std::optional<std::string_view> iri;
    const TermDefinition* definition = nullptr;
  };
  Key key_iri(const ActiveContext& active, std::string_view key) {
    if (const TermDefinition* def = active.find(key)) {
      if (def->iri_null) return {std::nullopt, def};
      return {std::string_view(def->iri), def};
    }
    return {iri(active, key, false, true), nullptr};
  }

  void count() {
    if (++values_ > state_.options.max_output_values) unsupported();
  }

  TermView fresh() { return TermView{TermKind::blank_node, {}, {}, {}, {}, counter_++}; }

  // An @id as Deserialize JSON-LD to RDF names it; what it would drop gives up.
  TermView id_term(std::string_view id) {
    if (id.starts_with("_:")) {
      auto [it, inserted] = labels_.try_emplace(id.substr(2), counter_);
      if (inserted) ++counter_;
      return TermView{TermKind::blank_node, {}, {}, {}, {}, it->second};
    }
    if (!is_well_formed_iri(id)) unsupported();
    return TermView{TermKind::iri, id, {}, {}, {}, 0};
  }

  void emit(const TermView& subject, const TermView& predicate, const TermView& object) {
    if (++quads_ > rdf_options_.max_quads) unsupported();
    out_.add(subject, predicate, object, TermView{});
  }

  struct Pending {
    const json::key_value_pair* entry;
    std::string_view property;
    const TermDefinition* definition;  ///< The key's term definition, if it is a term.
  };

  std::vector<Pending>& pending_at(std::size_t depth) {
    if (pending_.size() <= depth) pending_.resize(depth + 1);
    return pending_[depth];
  }

  // Expansion steps 6-19 for a node object, and its triples. Returns its subject.
  TermView node(ContextPtr active, const TermDefinition* property_def, const json::object& object,
                std::size_t depth, bool top) {
    count();
    const json::key_value_pair* skip = top ? skipped_ : nullptr;
    // 7. (value objects give up)
    if (active->previous) {
      std::size_t members = 0;
      const json::key_value_pair* only = nullptr;
      for (const auto& entry : object) {
        if (&entry == skip) continue;
        ++members;
        only = &entry;
        auto e = key_iri(*active, entry.key()).iri;
        if (e && *e == "@value") unsupported();
      }
      bool keep = false;
      if (members == 1) {
        auto e = key_iri(*active, only->key()).iri;
        keep = e && *e == "@id";
      }
      if (!keep) active = active->previous;
    }
    // 8.
    if (property_def && property_def->context)
      active = apply_scoped_context(state_, active, *property_def, true, true);
    // 9.
    if (auto it = object.find("@context"); it != object.end()) {
      std::vector<std::string> remote;
      active = process_context(state_, active, it->value(), state_.options.base, remote);
    }
    // 10-11.
    const ContextPtr type_scoped = active;
    {
      std::string_view type_keys[4];
      std::size_t type_key_count = 0;
      for (const auto& entry : object) {
        if (&entry == skip) continue;
        auto e = key_iri(*active, entry.key()).iri;
        if (e && *e == "@type") {
          if (type_key_count == std::size(type_keys)) unsupported();
          type_keys[type_key_count++] = entry.key();
        }
      }
      // Sorted (by insertion: there is one, seldom two).
      for (std::size_t i = 1; i < type_key_count; ++i)
        for (std::size_t j = i; j > 0 && type_keys[j] < type_keys[j - 1]; --j)
          std::swap(type_keys[j], type_keys[j - 1]);
      for (std::size_t i = 0; i < type_key_count; ++i) {
        const json::value& value = object.at(type_keys[i]);
        std::vector<std::string_view> terms;
        if (value.is_string()) terms.push_back(value.get_string());
        if (value.is_array())
          for (const auto& t : value.get_array())
            if (t.is_string()) terms.push_back(t.get_string());
        std::sort(terms.begin(), terms.end());
        for (std::string_view term : terms) {
          const TermDefinition* def = type_scoped->find(term);
          if (def && def->context)
            active = apply_scoped_context(state_, active, *def, false, false);
        }
      }
    }
    // Term IRIs and datatypes of these contexts are viewed by the quads.
    storage_.contexts.push_back(active);
    if (type_scoped != active) storage_.contexts.push_back(type_scoped);

    // 12-13, keywords first: the subject must be known before the properties' triples.
    std::vector<Pending>& pending = pending_at(depth);
    pending.clear();
    std::optional<std::string_view> id;
    std::vector<std::string_view> types;
    bool type_in_result = false;
    for (const auto& entry : object) {
      if (&entry == skip) continue;
      const std::string_view key = entry.key();
      const json::value& value = entry.value();
      // 13.1-3
      if (key == "@context") continue;
      const Key resolved = key_iri(*active, key);
      const auto& property = resolved.iri;
      if (!property || (property->find(':') == std::string_view::npos && !is_keyword(*property))) {
        if (safe_) unsupported();
        continue;
      }
      if (!is_keyword(*property)) {
        pending.push_back({&entry, *property, resolved.definition});
        continue;
      }
      // 13.4
      if (*property == "@id") {
        if (id || !value.is_string()) unsupported();
        auto expanded = iri(*active, value.get_string(), true, false);
        if (!expanded) unsupported();
        if (safe_ && !has_scheme(*expanded) && !expanded->starts_with("_:")) unsupported();
        id = *expanded;
      } else if (*property == "@type") {
        auto add = [&](std::string_view type) {
          auto expanded = iri(*type_scoped, type, true, true);
          if (!expanded) return;
          if (safe_ && !has_scheme(*expanded) && !expanded->starts_with("_:")) unsupported();
          types.push_back(*expanded);
        };
        if (value.is_string()) {
          const std::size_t before = types.size();
          add(value.get_string());
          type_in_result = type_in_result || types.size() > before;
        } else if (value.is_array()) {
          for (const auto& type : value.get_array()) {
            if (!type.is_string()) unsupported();
            add(type.get_string());
          }
          type_in_result = true;
        } else {
          unsupported();
        }
      } else {
        unsupported();
      }
    }
    // 19. at the top: an empty node object or one with only @id is dropped.
    if (top && !type_in_result &&
        std::none_of(pending.begin(), pending.end(),
                     [](const Pending& p) { return !p.entry->value().is_null(); }))
      unsupported();

    const TermView subject = id ? id_term(*id) : fresh();
    for (std::string_view type : types)
      emit(subject, TermView{TermKind::iri, rdf_type, {}, {}, {}, 0}, id_term(type));
    // 13.5-14: the properties. `pending` may grow under recursion: index, no iterators.
    for (std::size_t i = 0; i < pending_at(depth).size(); ++i) {
      const Pending p = pending_at(depth)[i];
      const std::string_view key = p.entry->key();
      const json::value& value = p.entry->value();
      if (value.is_null()) continue;
      const TermDefinition* key_def = p.definition;
      if (key_def && ((key_def->container & ~unsigned{container_set}) != 0 ||
                      (key_def->has_type && key_def->type == "@json")))
        unsupported();
      ContextPtr term_active = active;
      const TermDefinition* term_def = key_def;
      if (key_def && key_def->context) {
        term_active = apply_scoped_context(state_, active, *key_def, true, true);
        storage_.contexts.push_back(term_active);
        term_def = term_active->find(key);
      }
      if (term_def && term_def->reverse) unsupported();
      const TermView predicate = id_term(p.property);
      if (predicate.kind != TermKind::iri) unsupported();
      values(term_active, term_def, value, subject, predicate, depth + 1);
    }
    return subject;
  }

  // Expansion of a property's value (the general expand(), element by element) and the
  // triples that link `subject` to it.
  // `property_def` is the key's definition in `active` (the term context).
  void values(const ContextPtr& active, const TermDefinition* property_def,
              const json::value& value, const TermView& subject, const TermView& predicate,
              std::size_t depth) {
    if (depth > state_.options.max_depth) unsupported();
    if (value.is_null()) return;
    if (value.is_array()) {
      if (property_def && (property_def->container & container_list)) unsupported();
      for (const auto& item : value.get_array())
        values(active, property_def, item, subject, predicate, depth + 1);
      return;
    }
    if (value.is_object()) {
      emit(subject, predicate, node(active, property_def, value.get_object(), depth, false));
      return;
    }
    count();
    emit(subject, predicate, scalar(*active, property_def, value));
  }

  // §5.3 Value Expansion, then §8.6 Object to RDF Conversion.
  TermView scalar(const ActiveContext& active, const TermDefinition* def,
                  const json::value& value) {
    if (def && def->has_type && value.is_string() &&
        (def->type == "@id" || def->type == "@vocab")) {
      auto id = iri(active, value.get_string(), true, def->type == "@vocab");
      if (!id) unsupported();
      if (safe_ && !has_scheme(*id) && !id->starts_with("_:")) unsupported();
      return id_term(*id);
    }
    std::string_view datatype;
    if (def && def->has_type && def->type != "@id" && def->type != "@vocab" && def->type != "@none")
      datatype = def->type;
    const std::optional<std::string>* language = nullptr;
    if (datatype.empty() && value.is_string()) {
      language = def && def->has_language ? &def->language : &active.default_language;
      const std::optional<std::string>& direction =
          def && def->has_direction ? def->direction : active.default_direction;
      if (direction) unsupported();
      if (!*language) language = nullptr;
    }
    // Expansion step 15: a value's type is an absolute IRI.
    if (!datatype.empty() &&
        (datatype == "@json" || !is_well_formed_iri(datatype) || datatype.starts_with("_:")))
      unsupported();
    auto parts = scalar_lexical(value, datatype, storage_.strings);
    if (!parts) unsupported();
    if (language != nullptr) {
      if (!is_well_formed_language(**language)) unsupported();
      return TermView{TermKind::literal, parts->lexical, rdf_lang_string, **language, {}, 0};
    }
    return TermView{TermKind::literal,
                    parts->lexical,
                    parts->datatype.empty() ? std::string_view(xsd_string) : parts->datatype,
                    {},
                    {},
                    0};
  }

  ProcessState& state_;
  const bool safe_;
  const ToRdfOptions& rdf_options_;
  PreparedDataset& out_;
  DirectStorage& storage_;
  const json::key_value_pair* skipped_;
  std::string scratch_;
  std::unordered_map<std::string_view, std::uint32_t> labels_;
  std::vector<std::vector<Pending>> pending_;
  std::uint32_t counter_ = 0;
  std::size_t values_ = 0;
  std::size_t quads_ = 0;
};

}  // namespace

bool direct_to_rdf(const json::object& document, const json::key_value_pair* skipped,
                   JsonLdProcessor& processor, const ExpandOptions& expand_options,
                   const ToRdfOptions& rdf_options, PreparedDataset& out, DirectStorage& storage) {
  ProcessState state{processor, expand_options};
  try {
    Direct(state, rdf_options, out, storage, skipped).run(document);
    return true;
  } catch (const Unsupported&) {
    return false;
  } catch (const Failure&) {
    return false;
  }
}

}  // namespace microcred::rdf::detail
