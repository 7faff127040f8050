#include "rdf/jsonld.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include <type_traits>

#include "rdf/detail/direct_to_rdf.h"
#include "rdf/detail/jsonld_context.h"
#include "rdf/detail/prepared_dataset.h"

namespace microcred::rdf {

namespace {
// The first block of the expansion arena: a credential's expanded form fits in it.
constexpr std::size_t expanded_arena_bytes = 64 * 1024;
}  // namespace

namespace {

template <class Document>
Result<Canonicalized> canonicalize_document(const Document& document, JsonLdProcessor& processor,
                                            const JsonLdCanonicalizeOptions& options) {
  const bool safe = options.expand.safe_mode || options.to_rdf.safe_mode;
  ExpandOptions expand_with = options.expand;
  expand_with.safe_mode = safe;
  ToRdfOptions rdf_with = options.to_rdf;
  rdf_with.safe_mode = safe;
  // The common case: straight from the document to RDFC-1.0's input, in one walk.
  const boost::json::object* object = nullptr;
  if constexpr (std::is_same_v<Document, boost::json::object>) {
    object = &document;
  } else {
    object = document.if_object();
  }
  if (object != nullptr && !expand_with.without_member.starts_with("@")) {
    const boost::json::key_value_pair* skipped = nullptr;
    if (!expand_with.without_member.empty()) {
      if (auto it = object->find(expand_with.without_member); it != object->end()) skipped = &*it;
    }
    detail::PreparedDataset prepared;
    detail::DirectStorage storage;
    if (detail::direct_to_rdf(*object, skipped, processor, expand_with, rdf_with, prepared,
                              storage))
      return detail::canonicalize_prepared(prepared, options.canonicalize);
  }
  // Anything else: expansion, then toRdf. The expanded form lives in one arena that is
  // dropped whole, not value by value.
  boost::json::monotonic_resource arena(expanded_arena_bytes);
  auto expanded =
      detail::expand_in(document, processor, expand_with, boost::json::storage_ptr(&arena));
  if (!expanded) return expanded.error();
  // Straight from the expanded form to RDFC-1.0's input: no Dataset, no Term.
  detail::PreparedDataset prepared;
  if (auto r = detail::deserialize_prepared(*expanded, rdf_with, prepared); !r) return r.error();
  return detail::canonicalize_prepared(prepared, options.canonicalize);
}

}  // namespace

Result<Canonicalized> canonicalize_jsonld(const boost::json::value& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options) {
  return canonicalize_document(document, processor, options);
}

Result<Canonicalized> canonicalize_jsonld(const boost::json::object& document,
                                          JsonLdProcessor& processor,
                                          const JsonLdCanonicalizeOptions& options) {
  return canonicalize_document(document, processor, options);
}

}  // namespace microcred::rdf
