#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"
#include "rdf/dataset.h"

namespace microcred::rdf {

/// The hash function RDFC-1.0 uses.
enum class HashAlgorithm { sha256, sha384 };

/// Limits and choices for RDFC-1.0. The defaults suit every real credential.
struct CanonicalizeOptions {
  HashAlgorithm hash = HashAlgorithm::sha256;
  /// Calls of Hash N-Degree Quads allowed; stops poison graphs with `work_limit_exceeded`.
  std::uint64_t max_ndegree_calls = 10'000;
  /// Permutations tried by Hash N-Degree Quads, over the whole run; bounds the search when
  /// related blank nodes need no recursion.
  std::uint64_t max_permutations = 1'000'000;
  /// Whether to fill `Canonicalized::issued` (an allocation or two per blank node; signing
  /// and verifying need only the N-Quads).
  bool issued_map = true;
};

/// The result of RDFC-1.0: the canonical N-Quads and the issued-identifiers map.
struct Canonicalized {
  /// Canonical N-Quads: unique lines, sorted by code point, each ending in '\n'.
  std::string nquads;
  /// Input blank node label (no "_:") -> canonical label ("c14n0", ...); empty unless
  /// `CanonicalizeOptions::issued_map`.
  std::map<std::string, std::string> issued;
};

/// W3C RDFC-1.0 of `dataset`. Fails with `work_limit_exceeded` when `options` do not allow
/// enough work. Thread-safe: `dataset` is only read.
Result<Canonicalized> canonicalize(const Dataset& dataset, const CanonicalizeOptions& options = {});

}  // namespace microcred::rdf
