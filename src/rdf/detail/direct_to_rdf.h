#pragma once

#include <deque>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "rdf/detail/jsonld_context.h"
#include "rdf/detail/prepared_dataset.h"
#include "rdf/expand.h"
#include "rdf/to_rdf.h"

namespace microcred::rdf::detail {

/// What the quads of `direct_to_rdf` view besides the document: processed contexts (term
/// IRIs) and IRIs it built. Keep it alive as long as the dataset.
struct DirectStorage {
  std::vector<ContextPtr> contexts;
  std::deque<std::string> strings;
};

/// JSON-LD 1.1 expansion and Deserialize JSON-LD to RDF in one walk, for the documents that
/// credentials are: node objects whose keys are terms, compact IRIs or IRIs, with `@id`,
/// `@type`, scalars, nested node objects and arrays of them, remote, embedded, property- and
/// type-scoped contexts. No expanded form is built; quads go straight into `out`.
///
/// Returns false, with `out` to be thrown away, for anything else (value, list, set or graph
/// objects, containers other than `@set`, `@reverse`, `@nest`, `@included`, `@json`, base
/// directions, dropped or relative terms) and for every error: the caller then runs
/// `expand` and `deserialize`, which give the same dataset (up to blank node labels) or the
/// error. `skipped` is a member of `document` to leave out (ExpandOptions::without_member).
bool direct_to_rdf(const boost::json::object& document, const boost::json::key_value_pair* skipped,
                   JsonLdProcessor& processor, const ExpandOptions& expand_options,
                   const ToRdfOptions& rdf_options, PreparedDataset& out, DirectStorage& storage);

}  // namespace microcred::rdf::detail
