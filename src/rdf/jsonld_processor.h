#pragma once

#include <cstddef>
#include <memory>

#include "rdf/context_store.h"

namespace microcred::rdf {

namespace detail {
class ContextCache;
}

/// A JSON-LD 1.1 processor: a context store and a cache of processed (immutable) active
/// contexts, so that the thousandth document with the same contexts does no context
/// processing. Thread-safe: one processor may serve many threads at once. The store must
/// outlive the processor.
class JsonLdProcessor {
 public:
  /// A processor loading contexts from `store` only.
  explicit JsonLdProcessor(const ContextStore& store);
  ~JsonLdProcessor();
  JsonLdProcessor(const JsonLdProcessor&) = delete;
  JsonLdProcessor& operator=(const JsonLdProcessor&) = delete;

  /// The context store.
  const ContextStore& store() const { return store_; }

  /// Processed contexts currently cached.
  std::size_t cached_contexts() const;

  /// The cache, for the algorithms in rdf/detail.
  detail::ContextCache& cache() const { return *cache_; }

 private:
  const ContextStore& store_;
  std::unique_ptr<detail::ContextCache> cache_;
};

}  // namespace microcred::rdf
