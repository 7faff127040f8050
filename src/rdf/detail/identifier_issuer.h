#pragma once

#include <cstdint>
#include <vector>

namespace microcred::rdf::detail {

/// RDFC-1.0 Identifier Issuer over blank nodes numbered 0..n-1: issues prefix + counter in
/// order and remembers the issued order. The prefix is left to the caller ("c14n" or "b"),
/// since only the number differs between issuers. Copying it is the spec's "copy of issuer".
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::size_t blank_node_count) : issued_(blank_node_count, not_issued) {}

  /// The number issued to `node`, or -1 when none.
  std::int32_t find(std::uint32_t node) const { return issued_[node]; }
  bool has(std::uint32_t node) const { return issued_[node] != not_issued; }

  /// RDFC-1.0, Issue Identifier: the number of `node`, issuing the next one if needed.
  std::int32_t issue(std::uint32_t node) {
    if (issued_[node] != not_issued) return issued_[node];
    issued_[node] = static_cast<std::int32_t>(order_.size());
    order_.push_back(node);
    return issued_[node];
  }

  /// Nodes in the order their identifiers were issued.
  const std::vector<std::uint32_t>& order() const { return order_; }

 private:
  static constexpr std::int32_t not_issued = -1;
  std::vector<std::int32_t> issued_;
  std::vector<std::uint32_t> order_;
};

}  // namespace microcred::rdf::detail
