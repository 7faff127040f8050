#include "api/proxy_trust.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::api {
namespace {

TEST(ProxyTrust, TrustsNobodyByDefault) {
  ProxyTrust trust;
  EXPECT_EQ(trust.client_address("127.0.0.1", "203.0.113.5"), "127.0.0.1");
}

TEST(ProxyTrust, ReadsForwardedForRightToLeftPastTrustedProxies) {
  auto trust = ProxyTrust::parse({"10.0.0.0/8", "192.0.2.1", "::1"});
  ASSERT_TRUE(trust) << trust.error().message;
  struct Row {
    const char* peer;
    const char* forwarded;
    const char* client;
  };
  for (const auto& row : std::vector<Row>{
           {"203.0.113.9", "198.51.100.1", "203.0.113.9"},  // peer not a proxy
           {"10.1.2.3", "198.51.100.1", "198.51.100.1"},    // one proxy
           {"10.1.2.3", "6.6.6.6, 198.51.100.1, 192.0.2.1", "198.51.100.1"},
           {"10.1.2.3", "", "10.1.2.3"},          // proxy sent none
           {"10.1.2.3", "10.9.9.9", "10.9.9.9"},  // all trusted: leftmost
           {"10.1.2.3", "garbage, 198.51.100.1", "198.51.100.1"},
           {"10.1.2.3", "198.51.100.1, garbage", "10.1.2.3"},  // malformed: stop
           {"::1", "2001:db8::5", "2001:db8::5"},
           {"::ffff:10.0.0.1", "198.51.100.1", "198.51.100.1"},  // v4-mapped peer
       }) {
    SCOPED_TRACE(std::string(row.peer) + " | " + row.forwarded);
    EXPECT_EQ(trust->client_address(row.peer, row.forwarded), row.client);
  }
}

TEST(ProxyTrust, RefusesWhatIsNotAnAddressOrRange) {
  for (const char* bad : {"10.0.0.0/33", "::/129", "example.org", "10.0.0.0/x", "10.0.0.1/"}) {
    SCOPED_TRACE(bad);
    auto trust = ProxyTrust::parse({bad});
    ASSERT_FALSE(trust);
    EXPECT_EQ(trust.error().code, ErrorCode::invalid_argument);
  }
}

TEST(ProxyTrust, MatchesPrefixesBitByBit) {
  auto trust = ProxyTrust::parse({"192.168.4.0/22", "fd00::/8"});
  ASSERT_TRUE(trust);
  EXPECT_TRUE(trust->trusts("192.168.7.255"));
  EXPECT_FALSE(trust->trusts("192.168.8.0"));
  EXPECT_TRUE(trust->trusts("fd12::1"));
  EXPECT_FALSE(trust->trusts("fe80::1"));
  EXPECT_FALSE(trust->trusts("not an address"));
}

}  // namespace
}  // namespace microcred::api
