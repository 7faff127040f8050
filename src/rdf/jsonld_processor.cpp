#include "rdf/jsonld_processor.h"

#include "rdf/detail/jsonld_context.h"

namespace microcred::rdf {

JsonLdProcessor::JsonLdProcessor(const ContextStore& store)
    : store_(store), cache_(std::make_unique<detail::ContextCache>()) {}

JsonLdProcessor::~JsonLdProcessor() = default;

std::size_t JsonLdProcessor::cached_contexts() const {
  return cache_->size();
}

}  // namespace microcred::rdf
