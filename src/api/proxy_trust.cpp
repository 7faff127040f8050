#include "api/proxy_trust.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace microcred::api {

namespace {

constexpr std::array<std::uint8_t, 12> v4_mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool is_v4(const IpAddress& address) {
  return std::equal(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), address.bytes.begin());
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  text = trim(text);
  // "[2001:db8::1]" as written in some headers.
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  IpAddress address;
  in_addr v4{};
  if (::inet_pton(AF_INET, buffer, &v4) == 1) {
    std::copy(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), address.bytes.begin());
    std::memcpy(address.bytes.data() + 12, &v4, 4);
    return address;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, buffer, &v6) == 1) {
    std::memcpy(address.bytes.data(), &v6, 16);
    return address;
  }
  return std::nullopt;
}

std::string to_string(const IpAddress& address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_v4(address)) {
    ::inet_ntop(AF_INET, address.bytes.data() + 12, buffer, sizeof buffer);
  } else {
    ::inet_ntop(AF_INET6, address.bytes.data(), buffer, sizeof buffer);
  }
  return buffer;
}

Result<ProxyTrust> ProxyTrust::parse(const std::vector<std::string>& entries) {
  ProxyTrust trust;
  for (const auto& entry : entries) {
    std::string_view text = trim(entry);
    if (text.empty()) continue;
    std::string_view address_text = text;
    int prefix = -1;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      address_text = text.substr(0, slash);
      std::string_view digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc() || end != digits.data() + digits.size() || prefix < 0) {
        return make_error(ErrorCode::invalid_argument,
                          "\"" + entry + "\" is not an address or CIDR range");
      }
    }
    auto address = parse_ip(address_text);
    if (!address) {
      return make_error(ErrorCode::invalid_argument,
                        "\"" + entry + "\" is not an IP address or CIDR range");
    }
    bool v4 = is_v4(*address) && address_text.find(':') == std::string_view::npos;
    int max_prefix = v4 ? 32 : 128;
    if (prefix < 0) prefix = max_prefix;
    if (prefix > max_prefix) {
      return make_error(ErrorCode::invalid_argument,
                        "\"" + entry + "\": prefix longer than " + std::to_string(max_prefix));
    }
    trust.ranges_.push_back({*address, v4 ? prefix + 96 : prefix});
  }
  return trust;
}

bool ProxyTrust::contains(const IpAddress& address) const {
  for (const auto& range : ranges_) {
    int bits = range.prefix;
    bool inside = true;
    for (int i = 0; i < 16 && bits > 0 && inside; ++i, bits -= 8) {
      std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      inside = (address.bytes[i] & mask) == (range.network.bytes[i] & mask);
    }
    if (inside) return true;
  }
  return false;
}

bool ProxyTrust::trusts(std::string_view address) const {
  auto parsed = parse_ip(address);
  return parsed && contains(*parsed);
}

std::string ProxyTrust::client_address(std::string_view peer,
                                       std::string_view forwarded_for) const {
  auto peer_address = parse_ip(peer);
  if (!peer_address) return std::string(peer);
  std::string client = to_string(*peer_address);
  if (!contains(*peer_address)) return client;
  // RFC 7239 §5.2 / X-Forwarded-For: each proxy appends the address it saw, so the
  // rightmost untrusted entry is the first one no trusted proxy can vouch beyond.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    std::size_t comma = rest.rfind(',');
    std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (trim(entry).empty()) continue;
    auto hop = parse_ip(entry);
    if (!hop) break;
    client = to_string(*hop);
    if (!contains(*hop)) break;
  }
  return client;
}

}  // namespace microcred::api
