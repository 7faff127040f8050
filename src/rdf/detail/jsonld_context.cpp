#include "rdf/detail/jsonld_context.h"

#include <algorithm>
#include <array>
#include <mutex>

#include "rdf/detail/jsonld_iri.h"
#include "rdf/jsonld_processor.h"

namespace microcred::rdf::detail {

namespace json = boost::json;

void fail(std::string_view code, std::string_view detail) {
  std::string message(code);
  if (!detail.empty()) message.append(": ").append(detail);
  throw Failure{Error{ErrorCode::invalid_jsonld, std::move(message), {}}};
}

void fail_unsafe(std::string message) {
  throw Failure{Error{ErrorCode::unsafe_term, std::move(message), {}}};
}

namespace {

[[noreturn]] void fail_limit(std::string message) {
  throw Failure{Error{ErrorCode::limit_exceeded, std::move(message), {}}};
}

constexpr std::array<std::string_view, 29> keywords = {
    "@base",     "@container", "@context",   "@default",   "@direction",  "@embed",
    "@explicit", "@graph",     "@id",        "@import",    "@included",   "@index",
    "@json",     "@language",  "@list",      "@nest",      "@none",       "@omitDefault",
    "@prefix",   "@preserve",  "@propagate", "@protected", "@requireAll", "@reverse",
    "@set",      "@type",      "@value",     "@version",   "@vocab"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool ends_with_gen_delim(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  return c == ':' || c == '/' || c == '?' || c == '#' || c == '[' || c == ']' || c == '@';
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s).append("\"");
  return out;
}

// State of one run of the Context Processing Algorithm over one local context object, for
// Create Term Definition and the IRI expansion it calls.
struct Definer {
  ProcessState& state;
  ActiveContext& active;
  const json::object& local;
  std::unordered_map<std::string_view, bool> defined;
  std::string_view base_url;
  std::vector<std::string>& remote_contexts;
  bool override_protected;
  bool protected_default;
  /// Keeps `local` alive for the scoped contexts that point into it; null when the caller's
  /// document does.
  const std::shared_ptr<const json::value>* owner;
  /// Whether those scoped contexts may be cached by address.
  bool stable;

  void create(std::string_view term);
};

// JSON-LD 1.1 IRI Expansion (§5.2.2): a view of `value` or of the term's IRI where the
// result is one of them, else of `scratch`; nullopt means null. With a `definer`, terms of
// the local context being processed are defined first (steps 3 and 6.3); that may move the
// active context's definitions, so such a caller must copy the result at once.
std::optional<std::string_view> expand_iri_into(const ActiveContext& active, std::string_view value,
                                                bool document_relative, bool vocab,
                                                Definer* definer, std::string& scratch) {
  // 1-2.
  if (is_keyword(value)) return value;
  if (has_keyword_form(value)) return std::nullopt;
  // 3.
  if (definer) {
    auto it = definer->local.find(value);
    if (it != definer->local.end()) {
      auto d = definer->defined.find(value);
      if (d == definer->defined.end() || !d->second) definer->create(value);
    }
  }
  // 4-5.
  if (const TermDefinition* def = active.find(value)) {
    if (!def->iri_null && is_keyword(def->iri)) return std::string_view(def->iri);
    if (vocab) {
      if (def->iri_null) return std::nullopt;
      return std::string_view(def->iri);
    }
  }
  // 6.
  auto colon = value.find(':', 1);
  if (colon != std::string_view::npos) {
    std::string_view prefix = value.substr(0, colon);
    std::string_view suffix = value.substr(colon + 1);
    if (prefix == "_" || suffix.starts_with("//")) return value;
    if (definer && definer->local.find(prefix) != definer->local.end()) {
      auto d = definer->defined.find(prefix);
      if (d == definer->defined.end() || !d->second) definer->create(prefix);
    }
    if (const TermDefinition* def = active.find(prefix); def && !def->iri_null && def->prefix) {
      scratch.assign(def->iri);
      scratch.append(suffix);
      return std::string_view(scratch);
    }
    if (has_scheme(value)) return value;
  }
  // 7-8.
  if (vocab && active.vocab) {
    scratch.assign(*active.vocab);
    scratch.append(value);
    return std::string_view(scratch);
  }
  if (document_relative) {
    if (active.base) {
      scratch = resolve_iri(*active.base, value);
      return std::string_view(scratch);
    }
  }
  return value;
}

std::optional<std::string> expand_iri_impl(const ActiveContext& active, std::string_view value,
                                           bool document_relative, bool vocab, Definer* definer) {
  std::string scratch;
  auto view = expand_iri_into(active, value, document_relative, vocab, definer, scratch);
  if (!view) return std::nullopt;
  if (view->data() == scratch.data()) return scratch;
  return std::string(*view);
}

unsigned parse_container(const json::value& v) {
  auto flag = [](std::string_view s) -> unsigned {
    if (s == "@graph") return container_graph;
    if (s == "@id") return container_id;
    if (s == "@index") return container_index;
    if (s == "@language") return container_language;
    if (s == "@list") return container_list;
    if (s == "@set") return container_set;
    if (s == "@type") return container_type;
    fail("invalid container mapping", quoted(s));
  };
  unsigned bits = 0;
  if (v.is_string()) {
    bits = flag(v.get_string());
  } else if (v.is_array()) {
    for (const auto& item : v.get_array()) {
      if (!item.is_string()) fail("invalid container mapping", "not a string");
      unsigned f = flag(item.get_string());
      if (bits & f) fail("invalid container mapping", "repeated value");
      bits |= f;
    }
  } else {
    fail("invalid container mapping", "not a string or array");
  }
  // JSON-LD 1.1 §4.2.2 step 19.2: the allowed combinations.
  unsigned without_set = bits & ~container_set;
  bool ok = false;
  if (bits == container_list)
    ok = true;
  else if (bits & container_list)
    ok = false;
  else if (std::popcount(without_set) <= 1)
    ok = true;
  else if ((without_set & container_graph) && (without_set == (container_graph | container_id) ||
                                               without_set == (container_graph | container_index)))
    ok = true;
  if (!ok) fail("invalid container mapping", "invalid combination");
  return bits;
}

void Definer::create(std::string_view term) {
  // 1-2.
  if (auto d = defined.find(term); d != defined.end()) {
    if (d->second) return;
    fail("cyclic IRI mapping", quoted(term));
  }
  if (term.empty()) fail("invalid term definition", "empty term");
  state.charge(1);
  defined[term] = false;
  const json::value& raw = local.at(term);
  // 4-5.
  if (term == "@type") {
    bool ok = raw.is_object() && !raw.get_object().empty();
    if (ok) {
      for (const auto& [k, v] : raw.get_object()) {
        if (k == "@container") {
          if (!(v.is_string() && v.get_string() == "@set")) ok = false;
        } else if (k == "@protected") {
          if (!v.is_bool()) ok = false;
        } else {
          ok = false;
        }
      }
    }
    if (!ok) fail("keyword redefinition", "@type");
  } else if (is_keyword(term)) {
    fail("keyword redefinition", quoted(term));
  } else if (has_keyword_form(term)) {
    if (state.options.safe_mode) fail_unsafe("reserved term " + quoted(term) + " is ignored");
    defined[term] = true;
    return;  // ignored, with a warning in the spec
  }
  // 6.
  std::optional<TermDefinition> previous = active.terms.take(term);
  // 7-9.
  json::object holder;
  const json::object* value = nullptr;
  bool simple_term = false;
  if (raw.is_null()) {
    holder["@id"] = nullptr;
    value = &holder;
  } else if (raw.is_string()) {
    holder["@id"] = raw;
    value = &holder;
    simple_term = true;
  } else if (raw.is_object()) {
    value = &raw.get_object();
  } else {
    fail("invalid term definition", quoted(term));
  }
  // 10-11.
  TermDefinition def;
  def.is_protected = protected_default;
  if (auto it = value->find("@protected"); it != value->end()) {
    if (!it->value().is_bool()) fail("invalid @protected value", quoted(term));
    def.is_protected = it->value().get_bool();
  }
  // 12.
  if (auto it = value->find("@type"); it != value->end()) {
    if (!it->value().is_string()) fail("invalid type mapping", quoted(term));
    auto type = expand_iri_impl(active, it->value().get_string(), false, true, this);
    if (!type || (*type != "@id" && *type != "@json" && *type != "@none" && *type != "@vocab" &&
                  !has_scheme(*type)))
      fail("invalid type mapping", quoted(term));
    def.has_type = true;
    def.type = std::move(*type);
  }
  // 13.
  if (auto it = value->find("@reverse"); it != value->end()) {
    if (value->contains("@id") || value->contains("@nest"))
      fail("invalid reverse property", quoted(term));
    if (!it->value().is_string()) fail("invalid IRI mapping", quoted(term));
    std::string_view reverse = it->value().get_string();
    if (has_keyword_form(reverse)) {
      if (state.options.safe_mode)
        fail_unsafe("reserved @reverse value " + quoted(reverse) + " of " + quoted(term));
      defined[term] = true;
      return;
    }
    auto iri = expand_iri_impl(active, reverse, false, true, this);
    if (!iri || iri->find(':') == std::string::npos) fail("invalid IRI mapping", quoted(term));
    def.iri = std::move(*iri);
    if (auto c = value->find("@container"); c != value->end()) {
      if (!c->value().is_null()) {
        unsigned bits = parse_container(c->value());
        if (bits != container_set && bits != container_index)
          fail("invalid reverse property", quoted(term));
        def.container = bits;
        def.has_container = true;
      }
    }
    def.reverse = true;
    for (const auto& [k, v] : *value) {
      (void)v;
      if (k != "@reverse" && k != "@container" && k != "@context" && k != "@direction" &&
          k != "@index" && k != "@language" && k != "@prefix" && k != "@protected" && k != "@type")
        fail("invalid term definition", quoted(term));
    }
    if (auto ix = value->find("@index"); ix != value->end()) {
      if (!(def.container & container_index) || !ix->value().is_string())
        fail("invalid term definition", quoted(term));
      def.has_index = true;
      def.index = std::string(ix->value().get_string());
    }
    if (auto l = value->find("@language"); l != value->end()) {
      if (!l->value().is_null() && !l->value().is_string())
        fail("invalid language mapping", quoted(term));
      def.has_language = true;
      if (l->value().is_string()) def.language = lower(l->value().get_string());
    }
    if (!override_protected && previous && previous->is_protected) {
      if (!def.same_as(*previous)) fail("protected term redefinition", quoted(term));
      def = std::move(*previous);
    }
    if (def.is_protected) active.has_protected = true;
    active.terms.insert_or_assign(term, std::move(def));
    defined[term] = true;
    return;
  }
  // 14-18.
  auto id_it = value->find("@id");
  if (id_it != value->end() &&
      !(id_it->value().is_string() && id_it->value().get_string() == term)) {
    if (id_it->value().is_null()) {
      def.iri_null = true;
    } else {
      if (!id_it->value().is_string()) fail("invalid IRI mapping", quoted(term));
      std::string_view id = id_it->value().get_string();
      if (!is_keyword(id) && has_keyword_form(id)) {
        if (state.options.safe_mode)
          fail_unsafe("reserved @id value " + quoted(id) + " of " + quoted(term));
        defined[term] = true;
        return;
      }
      auto iri = expand_iri_impl(active, id, false, true, this);
      if (!iri || (!is_keyword(*iri) && iri->find(':') == std::string::npos))
        fail("invalid IRI mapping", quoted(term));
      if (*iri == "@context") fail("invalid keyword alias", quoted(term));
      def.iri = std::move(*iri);
      auto inner_colon = term.find(':', 1);
      bool has_inner_colon = inner_colon != std::string_view::npos && inner_colon + 1 < term.size();
      if (has_inner_colon || term.find('/') != std::string_view::npos) {
        defined[term] = true;
        auto again = expand_iri_impl(active, term, false, true, this);
        if (!again || *again != def.iri) fail("invalid IRI mapping", quoted(term));
      }
      if (term.find(':') == std::string_view::npos && term.find('/') == std::string_view::npos &&
          simple_term && (ends_with_gen_delim(def.iri) || def.iri.starts_with("_:")))
        def.prefix = true;
    }
  } else if (term.find(':', 1) != std::string_view::npos) {
    auto colon = term.find(':', 1);
    std::string_view prefix = term.substr(0, colon);
    std::string_view suffix = term.substr(colon + 1);
    if (local.find(prefix) != local.end()) create(prefix);
    if (const TermDefinition* p = active.find(prefix); p && !p->iri_null) {
      def.iri = p->iri;
      def.iri.append(suffix);
    } else {
      def.iri = std::string(term);
    }
  } else if (term.find('/') != std::string_view::npos) {
    // Step 16 expands the term without the local context (a definition of itself).
    auto iri = expand_iri_impl(active, term, false, true, nullptr);
    if (!iri || !has_scheme(*iri)) fail("invalid IRI mapping", quoted(term));
    def.iri = std::move(*iri);
  } else if (term == "@type") {
    def.iri = "@type";
  } else if (active.vocab) {
    def.iri = *active.vocab;
    def.iri.append(term);
  } else {
    fail("invalid IRI mapping", quoted(term) + " has no IRI and there is no @vocab");
  }
  // 19.
  if (auto c = value->find("@container"); c != value->end()) {
    def.container = parse_container(c->value());
    def.has_container = true;
    if (def.container & container_type) {
      if (!def.has_type) {
        def.has_type = true;
        def.type = "@id";
      } else if (def.type != "@id" && def.type != "@vocab") {
        fail("invalid type mapping", quoted(term));
      }
    }
  }
  // 20.
  if (auto it = value->find("@index"); it != value->end()) {
    if (!(def.container & container_index) || !it->value().is_string())
      fail("invalid term definition", quoted(term));
    std::string_view index = it->value().get_string();
    auto expanded = expand_iri_impl(active, index, false, true, this);
    if (!expanded || is_keyword(*expanded) || !has_scheme(*expanded))
      fail("invalid term definition", quoted(term));
    def.has_index = true;
    def.index = std::string(index);
  }
  // 21.
  if (auto it = value->find("@context"); it != value->end()) {
    auto copy_remote = remote_contexts;
    try {
      state.charge(active.terms.size());
      auto parent = std::make_shared<ActiveContext>(active);
      parent->stable = false;  // a throwaway copy: keep it out of the cache
      process_context(state, parent, it->value(), base_url, copy_remote, true, true, false, owner);
    } catch (const Failure& failure) {
      if (failure.error.code == ErrorCode::invalid_jsonld)
        fail("invalid scoped context", failure.error.message);
      throw;
    }
    def.context = &it->value();
    def.context_base = std::string(base_url);
    if (owner) def.context_owner = *owner;
    def.context_stable = owner && stable;
  }
  // 22-23.
  if (!value->contains("@type")) {
    if (auto it = value->find("@language"); it != value->end()) {
      if (!it->value().is_null() && !it->value().is_string())
        fail("invalid language mapping", quoted(term));
      def.has_language = true;
      if (it->value().is_string()) def.language = lower(it->value().get_string());
    }
    if (auto it = value->find("@direction"); it != value->end()) {
      const auto& d = it->value();
      if (!d.is_null() && !(d.is_string() && (d.get_string() == "ltr" || d.get_string() == "rtl")))
        fail("invalid base direction", quoted(term));
      def.has_direction = true;
      if (d.is_string()) def.direction = std::string(d.get_string());
    }
  }
  // 24.
  if (auto it = value->find("@nest"); it != value->end()) {
    if (!it->value().is_string()) fail("invalid @nest value", quoted(term));
    std::string_view nest = it->value().get_string();
    if (is_keyword(nest) && nest != "@nest") fail("invalid @nest value", quoted(term));
    def.has_nest = true;
    def.nest = std::string(nest);
  }
  // 25.
  if (auto it = value->find("@prefix"); it != value->end()) {
    if (term.find(':') != std::string_view::npos || term.find('/') != std::string_view::npos)
      fail("invalid term definition", quoted(term));
    if (!it->value().is_bool()) fail("invalid @prefix value", quoted(term));
    def.prefix = it->value().get_bool();
    if (def.prefix && !def.iri_null && is_keyword(def.iri))
      fail("invalid term definition", quoted(term));
  }
  // 26.
  for (const auto& [k, v] : *value) {
    (void)v;
    if (k != "@id" && k != "@reverse" && k != "@container" && k != "@context" &&
        k != "@direction" && k != "@index" && k != "@language" && k != "@nest" && k != "@prefix" &&
        k != "@protected" && k != "@type")
      fail("invalid term definition", quoted(term) + " has entry " + quoted(k));
  }
  // 27.
  if (!override_protected && previous && previous->is_protected) {
    if (!def.same_as(*previous)) fail("protected term redefinition", quoted(term));
    def = std::move(*previous);
  }
  if (def.is_protected) active.has_protected = true;
  active.terms.insert_or_assign(term, std::move(def));
  defined[term] = true;
}

const json::value& load_remote(ProcessState& state, const std::string& url,
                               std::shared_ptr<const json::value>& owner) {
  auto doc = state.processor.store().load(url);
  if (!doc) throw Failure{doc.error()};
  owner = std::move(*doc);
  return *owner;
}

}  // namespace

void ProcessState::charge(std::size_t units) {
  context_work += units;
  if (context_work > options.max_context_work)
    fail_limit("context processing over " + std::to_string(options.max_context_work) +
               " term definitions");
}

bool is_keyword(std::string_view s) {
  if (s.size() < 3 || s[0] != '@') return false;
  return std::binary_search(keywords.begin(), keywords.end(), s);
}

bool has_keyword_form(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool TermDefinition::same_as(const TermDefinition& o) const {
  auto same_context = [&] {
    if (!context || !o.context) return context == o.context;
    return *context == *o.context;
  };
  return iri == o.iri && iri_null == o.iri_null && reverse == o.reverse && prefix == o.prefix &&
         has_type == o.has_type && type == o.type && container == o.container &&
         has_language == o.has_language && language == o.language &&
         has_direction == o.has_direction && direction == o.direction && has_nest == o.has_nest &&
         nest == o.nest && has_index == o.has_index && index == o.index && same_context();
}

ContextPtr ContextCache::find(const Key& key) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.result;
}

void ContextCache::insert(const Key& key, Entry entry) {
  std::unique_lock lock(mutex_);
  if (entries_.size() >= max_entries) entries_.clear();
  entries_.emplace(key, std::move(entry));
}

ContextPtr ContextCache::initial(std::string_view base) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = initial_.find(base); it != initial_.end()) return it->second;
  }
  auto context = std::make_shared<ActiveContext>();
  if (!base.empty()) {
    context->base = std::string(base);
    context->original_base = std::string(base);
  }
  std::unique_lock lock(mutex_);
  if (initial_.size() >= max_entries) initial_.clear();
  return initial_.emplace(std::string(base), std::move(context)).first->second;
}

std::size_t ContextCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

ContextPtr initial_context(ProcessState& state, std::string_view base) {
  return state.processor.cache().initial(base);
}

std::optional<std::string> expand_iri(const ActiveContext& active, std::string_view value,
                                      bool document_relative, bool vocab) {
  return expand_iri_impl(active, value, document_relative, vocab, nullptr);
}

std::optional<std::string_view> expand_iri_view(const ActiveContext& active, std::string_view value,
                                                bool document_relative, bool vocab,
                                                std::string& scratch) {
  return expand_iri_into(active, value, document_relative, vocab, nullptr, scratch);
}

ContextPtr apply_scoped_context(ProcessState& state, const ContextPtr& active,
                                const TermDefinition& definition, bool override_protected,
                                bool propagate) {
  std::vector<std::string> remote;
  return process_context(state, active, *definition.context, definition.context_base, remote,
                         override_protected, propagate, true,
                         definition.context_stable ? &definition.context_owner : nullptr);
}

ContextPtr process_context(ProcessState& state, const ContextPtr& active,
                           const json::value& local_context, std::string_view base_url,
                           std::vector<std::string>& remote_contexts, bool override_protected,
                           bool propagate, bool validate_scoped_context,
                           const std::shared_ptr<const json::value>* local_owner) {
  if (++state.steps > state.options.max_context_steps)
    fail_limit("more than " + std::to_string(state.options.max_context_steps) +
               " context processing steps");
  // A stable (store-owned) local context on a stable active context: look in the cache.
  const bool cacheable = local_owner && active->stable && remote_contexts.empty();
  ContextCache::Key key{
      active.get(), &local_context,
      (override_protected ? 1u : 0u) | (propagate ? 2u : 0u) | (validate_scoped_context ? 4u : 0u) |
          // Safe mode fails where lax mode ignores: a lax result must not serve a safe run.
          (state.options.safe_mode ? 8u : 0u)};
  if (cacheable) {
    if (auto hit = state.processor.cache().find(key)) return hit;
  }

  ContextPtr result = active;
  std::shared_ptr<ActiveContext> owned;  // `result`, once copied for modification
  auto mutable_result = [&]() -> ActiveContext& {
    if (!owned) {
      state.charge(result->terms.size() + 1);
      owned = std::make_shared<ActiveContext>(*result);
      result = owned;
    }
    return *owned;
  };
  bool stable = active->stable && local_owner != nullptr;

  // 2-3.
  if (local_context.is_object()) {
    if (auto it = local_context.get_object().find("@propagate");
        it != local_context.get_object().end()) {
      if (!it->value().is_bool()) fail("invalid @propagate value", "");
      propagate = it->value().get_bool();
    }
  }
  if (!propagate && !result->previous) mutable_result().previous = active;

  // 4-5.
  const json::value* items = &local_context;
  std::size_t count = 1;
  if (local_context.is_array()) {
    count = local_context.get_array().size();
    items = local_context.get_array().data();
  }
  for (std::size_t i = 0; i < count; ++i) {
    const json::value& context = items[i];
    // 5.1
    if (context.is_null()) {
      if (!override_protected && result->has_protected)
        fail("invalid context nullification", "a protected term is defined");
      auto fresh = std::make_shared<ActiveContext>();
      fresh->base = active->original_base;
      fresh->original_base = active->original_base;
      if (!propagate) fresh->previous = result;
      fresh->stable = stable;
      owned = fresh;
      result = fresh;
      continue;
    }
    // 5.2
    if (context.is_string()) {
      std::string url = base_url.empty() ? std::string(context.get_string())
                                         : resolve_iri(base_url, context.get_string());
      if (!validate_scoped_context &&
          std::find(remote_contexts.begin(), remote_contexts.end(), url) != remote_contexts.end())
        continue;
      if (std::find(remote_contexts.begin(), remote_contexts.end(), url) != remote_contexts.end())
        fail("recursive context inclusion", quoted(url));
      if (remote_contexts.size() >= state.options.max_remote_contexts ||
          ++state.remote_loaded > state.options.max_remote_contexts * 16)
        fail("context overflow", "too many remote contexts");
      remote_contexts.push_back(url);
      std::shared_ptr<const json::value> owner;
      const json::value& document = load_remote(state, url, owner);
      if (!document.is_object() || !document.get_object().contains("@context"))
        fail("invalid remote context", quoted(url));
      const json::value& loaded = document.get_object().at("@context");
      // Each remote context starts a fresh recursion path; the cache key needs it empty.
      std::vector<std::string> path = remote_contexts;
      ContextPtr before = result;
      if (before->stable && path.size() == 1) {
        std::vector<std::string> none;
        // Recursion inside the remote context is caught by its own path below.
        ContextCache::Key k{before.get(), &loaded, 4u | 2u | (state.options.safe_mode ? 8u : 0u)};
        if (auto hit = state.processor.cache().find(k)) {
          result = hit;
        } else {
          std::vector<std::string> own{url};
          ContextPtr processed = process_context(state, before, loaded, url, own, false, true,
                                                 validate_scoped_context, &owner);
          if (processed->stable) state.processor.cache().insert(k, {before, owner, processed});
          result = processed;
        }
      } else {
        result = process_context(state, before, loaded, url, path, false, true,
                                 validate_scoped_context, &owner);
      }
      owned.reset();
      stable = stable && result->stable;
      remote_contexts.pop_back();
      continue;
    }
    // 5.3
    if (!context.is_object()) fail("invalid local context", "not an object, string or null");
    const json::object* object = &context.get_object();
    ActiveContext& out = mutable_result();
    // 5.5
    if (auto it = object->find("@version"); it != object->end()) {
      if (!(it->value().is_number() && it->value().to_number<double>() == 1.1))
        fail("invalid @version value", "");
    }
    // 5.6
    // The merged context outlives this loop: its scoped contexts are pointed to.
    std::shared_ptr<const json::value> merged_owner;
    std::shared_ptr<const json::value> import_owner;
    if (auto it = object->find("@import"); it != object->end()) {
      if (!it->value().is_string()) fail("invalid @import value", "");
      std::string url = base_url.empty() ? std::string(it->value().get_string())
                                         : resolve_iri(base_url, it->value().get_string());
      if (std::find(remote_contexts.begin(), remote_contexts.end(), url) != remote_contexts.end())
        fail("recursive context inclusion", quoted(url));
      if (++state.remote_loaded > state.options.max_remote_contexts * 16)
        fail("context overflow", "too many remote contexts");
      const json::value& document = load_remote(state, url, import_owner);
      if (!document.is_object() || !document.get_object().contains("@context") ||
          !document.get_object().at("@context").is_object())
        fail("invalid remote context", quoted(url));
      const json::object& imported = document.get_object().at("@context").get_object();
      if (imported.contains("@import")) fail("invalid context entry", "@import in import");
      json::object merged = imported;
      for (const auto& [k, v] : *object)
        merged[k] = v;
      merged_owner = std::make_shared<const json::value>(std::move(merged));
      object = &merged_owner->get_object();
    }
    // 5.7
    if (auto it = object->find("@base"); it != object->end() && remote_contexts.empty()) {
      const json::value& v = it->value();
      if (v.is_null()) {
        out.base.reset();
      } else if (v.is_string()) {
        std::string_view b = v.get_string();
        if (has_scheme(b)) {
          out.base = std::string(b);
        } else if (out.base) {
          out.base = resolve_iri(*out.base, b);
        } else {
          fail("invalid base IRI", quoted(b));
        }
      } else {
        fail("invalid base IRI", "not a string or null");
      }
    }
    // 5.8
    if (auto it = object->find("@vocab"); it != object->end()) {
      const json::value& v = it->value();
      if (v.is_null()) {
        out.vocab.reset();
      } else if (v.is_string()) {
        auto vocab = expand_iri_impl(out, v.get_string(), true, true, nullptr);
        if (!vocab || (!has_scheme(*vocab) && !vocab->starts_with("_:") &&
                       !(vocab->empty() || vocab->find(':') == std::string::npos)))
          fail("invalid vocab mapping", "");
        if (state.options.safe_mode && !has_scheme(*vocab) && !vocab->starts_with("_:"))
          fail_unsafe("relative @vocab " + quoted(*vocab));
        out.vocab = std::move(*vocab);
      } else {
        fail("invalid vocab mapping", "not a string or null");
      }
    }
    // 5.9
    if (auto it = object->find("@language"); it != object->end()) {
      const json::value& v = it->value();
      if (v.is_null()) {
        out.default_language.reset();
      } else if (v.is_string()) {
        out.default_language = lower(v.get_string());
      } else {
        fail("invalid default language", "");
      }
    }
    // 5.10
    if (auto it = object->find("@direction"); it != object->end()) {
      const json::value& v = it->value();
      if (v.is_null()) {
        out.default_direction.reset();
      } else if (v.is_string() && (v.get_string() == "ltr" || v.get_string() == "rtl")) {
        out.default_direction = std::string(v.get_string());
      } else {
        fail("invalid base direction", "");
      }
    }
    // 5.11
    if (auto it = object->find("@propagate"); it != object->end() && !it->value().is_bool())
      fail("invalid @propagate value", "");
    bool protected_default = false;
    if (auto it = object->find("@protected"); it != object->end()) {
      if (!it->value().is_bool()) fail("invalid @protected value", "");
      protected_default = it->value().get_bool();
    }
    // 5.12-13
    Definer definer{state,
                    out,
                    *object,
                    {},
                    base_url,
                    remote_contexts,
                    override_protected,
                    protected_default,
                    merged_owner ? &merged_owner : local_owner,
                    stable};
    for (const auto& [k, v] : *object) {
      (void)v;
      if (k == "@base" || k == "@direction" || k == "@import" || k == "@language" ||
          k == "@propagate" || k == "@protected" || k == "@version" || k == "@vocab")
        continue;
      definer.create(k);
    }
  }
  if (owned) owned->stable = stable;
  if (cacheable && result->stable && result != active)
    state.processor.cache().insert(key, {active, *local_owner, result});
  return result;
}

}  // namespace microcred::rdf::detail
