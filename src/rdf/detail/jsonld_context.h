#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "core/error.h"
#include "rdf/expand.h"

namespace microcred::rdf::detail {

/// Thrown inside the JSON-LD algorithms and caught at the public entry points; no
/// exception leaves the module.
struct Failure {
  Error error;
};

/// Throws `invalid_jsonld` with "<code>: <detail>".
[[noreturn]] void fail(std::string_view code, std::string_view detail);
/// Throws `unsafe_term` (safe mode).
[[noreturn]] void fail_unsafe(std::string message);

/// Whether `s` is a JSON-LD keyword.
bool is_keyword(std::string_view s);
/// Whether `s` has the form of a keyword ("@" then letters only).
bool has_keyword_form(std::string_view s);

/// Container mapping flags.
enum Container : unsigned {
  container_graph = 1,
  container_id = 2,
  container_index = 4,
  container_language = 8,
  container_list = 16,
  container_set = 32,
  container_type = 64,
};

/// A term definition (JSON-LD 1.1 §4.2).
struct TermDefinition {
  std::string iri;
  bool iri_null = false;
  bool reverse = false;
  bool prefix = false;
  bool is_protected = false;
  bool has_type = false;
  std::string type;
  unsigned container = 0;
  bool has_container = false;
  bool has_language = false;
  std::optional<std::string> language;  ///< Set with has_language; nullopt = null.
  bool has_direction = false;
  std::optional<std::string> direction;
  bool has_nest = false;
  std::string nest;
  bool has_index = false;
  std::string index;
  /// The scoped context (null when none) and what keeps it alive when it came from a store
  /// document; inline scoped contexts point into the document being expanded.
  const boost::json::value* context = nullptr;
  std::shared_ptr<const boost::json::value> context_owner;
  std::string context_base;
  bool context_stable = false;

  /// Equal as §4.2.2 step 27 compares them (everything but `is_protected`).
  bool same_as(const TermDefinition& other) const;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// An active context. Immutable once built; shared between documents when `stable`.
struct ActiveContext {
  std::unordered_map<std::string, TermDefinition, StringHash, std::equal_to<>> terms;
  std::optional<std::string> base;
  std::optional<std::string> original_base;
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  std::shared_ptr<const ActiveContext> previous;
  bool has_protected = false;
  /// Built only from store documents on stable parents: may be cached and shared.
  bool stable = true;

  const TermDefinition* find(std::string_view term) const {
    auto it = terms.find(term);
    return it == terms.end() ? nullptr : &it->second;
  }
};

using ContextPtr = std::shared_ptr<const ActiveContext>;

/// Per-document bookkeeping: limits, work counters, and the processor.
struct ProcessState {
  JsonLdProcessor& processor;
  const ExpandOptions& options;
  std::size_t remote_loaded = 0;
  std::size_t steps = 0;
  std::size_t output_values = 0;
  std::size_t context_work = 0;

  /// Counts `units` of context processing work; throws `limit_exceeded` past the limit.
  void charge(std::size_t units);
};

/// A fresh active context whose base IRI is `base` (none when empty); cached per base.
ContextPtr initial_context(ProcessState& state, std::string_view base);

/// JSON-LD 1.1 Context Processing Algorithm (§4.1.2). `local_owner` is set when
/// `local_context` lives in a store document (then the result may be cached).
ContextPtr process_context(ProcessState& state, const ContextPtr& active,
                           const boost::json::value& local_context, std::string_view base_url,
                           std::vector<std::string>& remote_contexts,
                           bool override_protected = false, bool propagate = true,
                           bool validate_scoped_context = true,
                           const std::shared_ptr<const boost::json::value>* local_owner = nullptr);

/// Applies a term's scoped context (property- or type-scoped).
ContextPtr apply_scoped_context(ProcessState& state, const ContextPtr& active,
                                const TermDefinition& definition, bool override_protected,
                                bool propagate);

/// JSON-LD 1.1 IRI Expansion (§5.2.2) outside context processing; nullopt means null.
std::optional<std::string> expand_iri(const ActiveContext& active, std::string_view value,
                                      bool document_relative, bool vocab);

/// Cache of processed contexts, owned by a JsonLdProcessor.
class ContextCache {
 public:
  struct Key {
    const ActiveContext* parent;
    const boost::json::value* local;
    unsigned flags;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<const void*>{}(k.parent) * 31 + std::hash<const void*>{}(k.local) * 7 +
             k.flags;
    }
  };
  struct Entry {
    ContextPtr parent;  ///< Keeps the key's parent alive, so its address is not reused.
    std::shared_ptr<const boost::json::value> owner;
    ContextPtr result;
  };

  ContextPtr find(const Key& key) const;
  void insert(const Key& key, Entry entry);
  ContextPtr initial(std::string_view base);
  std::size_t size() const;

 private:
  static constexpr std::size_t max_entries = 4096;
  mutable std::shared_mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
  std::unordered_map<std::string, ContextPtr, StringHash, std::equal_to<>> initial_;
};

}  // namespace microcred::rdf::detail
