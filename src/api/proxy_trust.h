#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace microcred::api {

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool operator==(const IpAddress&) const = default;
};

/// The address in `text` ("192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"), or nothing.
std::optional<IpAddress> parse_ip(std::string_view text);

/// `address` in its usual text form; IPv4 (and IPv4-mapped IPv6) as dotted quad.
std::string to_string(const IpAddress& address);

/// The reverse proxies whose X-Forwarded-For the server believes, as addresses and CIDR
/// ranges. Read-only after `parse`, so thread-safe.
class ProxyTrust {
 public:
  /// Trusts nobody: the client is always the socket peer.
  ProxyTrust() = default;

  /// Parses "10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8". Fails with `invalid_argument`
  /// naming the entry that is neither an address nor a range.
  static Result<ProxyTrust> parse(const std::vector<std::string>& entries);

  /// Whether `address` (text) is a trusted proxy.
  bool trusts(std::string_view address) const;

  /// The client's address: `peer` itself unless it is trusted; then X-Forwarded-For
  /// (`forwarded_for`, entries joined by commas) read right to left, skipping trusted
  /// proxies, stopping at the first untrusted entry (a malformed one ends the walk at the
  /// last good hop). Always normalised by `to_string(parse_ip(...))` where it parses.
  std::string client_address(std::string_view peer, std::string_view forwarded_for) const;

 private:
  struct Range {
    IpAddress network;
    int prefix = 128;
  };
  bool contains(const IpAddress& address) const;
  std::vector<Range> ranges_;
};

}  // namespace microcred::api
