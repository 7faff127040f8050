#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "core/error.h"
#include "core/result.h"
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

/// A short string's hash, a few multiplications per 8 bytes: terms are looked up several
/// times for every key of every document.
inline std::uint64_t term_hash(std::string_view s) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15u;
  std::uint64_t h = s.size() * k;
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last n bytes: one load of the string's last 8 bytes when it has 8, else bytes.
    std::uint64_t w = 0;
    if (s.size() >= 8) {
      std::memcpy(&w, s.data() + s.size() - 8, 8);
      w >>= (8 - n) * 8;
    } else {
      for (std::size_t i = 0; i < n; ++i)
        w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
  }
  h ^= h >> 29;
  return h * k;
}

/// Term definitions by term: open addressing over a flat array, so a lookup costs one hash
/// of the term and usually one comparison. Removed terms stay as tombstones until a rehash.
class TermMap {
 public:
  const TermDefinition* find(std::string_view term) const {
    const std::int64_t i = index_of(term, term_hash(term));
    return i >= 0 && entries_[i].live ? &entries_[i].definition : nullptr;
  }

  /// Removes `term` and gives its definition back, if it had one.
  std::optional<TermDefinition> take(std::string_view term) {
    const std::int64_t i = index_of(term, term_hash(term));
    if (i < 0 || !entries_[i].live) return std::nullopt;
    entries_[i].live = false;
    --live_;
    return std::move(entries_[i].definition);
  }

  void insert_or_assign(std::string_view term, TermDefinition definition) {
    const std::uint64_t hash = term_hash(term);
    if (const std::int64_t i = index_of(term, hash); i >= 0) {
      if (!entries_[i].live) ++live_;
      entries_[i].live = true;
      entries_[i].definition = std::move(definition);
      return;
    }
    if ((entries_.size() + 1) * 2 > slots_.size()) rehash();
    entries_.push_back(Entry{std::string(term), std::move(definition), hash, true});
    ++live_;
    place(entries_.size() - 1);
  }

  /// Terms defined.
  std::size_t size() const { return live_; }

 private:
  struct Entry {
    std::string term;
    TermDefinition definition;
    std::uint64_t hash = 0;
    bool live = true;
  };

  // A slot holds an entry index + 1 (0: empty) and the top half of the entry's hash, so that
  // probing reads the entries (large, far apart) only on a likely match.
  struct Slot {
    std::uint32_t index = 0;
    std::uint32_t tag = 0;
  };
  static std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

  // The entry of `term`, live or not, or -1.
  std::int64_t index_of(std::string_view term, std::uint64_t hash) const {
    if (slots_.empty()) return -1;
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot slot = slots_[i];
      if (slot.index == 0) return -1;
      if (slot.tag != tag) continue;
      const Entry& entry = entries_[slot.index - 1];
      if (entry.hash == hash && entry.term == term) return slot.index - 1;
    }
  }

  void place(std::size_t entry) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = entries_[entry].hash & mask;
    while (slots_[i].index != 0)
      i = (i + 1) & mask;
    slots_[i] = Slot{static_cast<std::uint32_t>(entry + 1), tag_of(entries_[entry].hash)};
  }

  // Drops the tombstones and doubles the table when it is half full.
  void rehash() {
    std::vector<Entry> kept;
    kept.reserve(live_ + 1);
    for (auto& entry : entries_)
      if (entry.live) kept.push_back(std::move(entry));
    entries_ = std::move(kept);
    std::size_t size = 16;
    while (size < (entries_.size() + 1) * 4)
      size *= 2;
    slots_.assign(size, Slot{});
    for (std::size_t e = 0; e < entries_.size(); ++e)
      place(e);
  }

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::size_t live_ = 0;
};

/// An active context. Immutable once built; shared between documents when `stable`.
struct ActiveContext {
  TermMap terms;
  std::optional<std::string> base;
  std::optional<std::string> original_base;
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  std::shared_ptr<const ActiveContext> previous;
  bool has_protected = false;
  /// Built only from store documents on stable parents: may be cached and shared.
  bool stable = true;

  const TermDefinition* find(std::string_view term) const { return terms.find(term); }
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
/// The same without a copy: a view of `value` or of a term's IRI in `active` where the
/// result is one of them, else of `scratch`.
std::optional<std::string_view> expand_iri_view(const ActiveContext& active, std::string_view value,
                                                bool document_relative, bool vocab,
                                                std::string& scratch);

/// `rdf::expand` with the output allocated from `storage`, which must outlive it. With a
/// caller-owned arena (`storage_ptr(&monotonic_resource)`), nothing is freed value by value.
Result<boost::json::value> expand_in(const boost::json::value& document, JsonLdProcessor& processor,
                                     const ExpandOptions& options,
                                     boost::json::storage_ptr storage);
/// The same for a document that is an object, read in place rather than copied into a value.
Result<boost::json::value> expand_in(const boost::json::object& document,
                                     JsonLdProcessor& processor, const ExpandOptions& options,
                                     boost::json::storage_ptr storage);

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
