#include "domain/institution.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "domain/codes.h"
#include "domain/user.h"

namespace microcred::domain {
namespace {

// One country list serves the whole domain (domain/codes.h): institutions and designs
// accept and refuse the same codes.
TEST(ValidateInstitution, UsesTheDomainsCountryList) {
  for (const char* code : {"AD", "DE", "ES", "FR", "GB", "GR", "IE", "PT", "SE", "ZW", "XK"}) {
    Institution institution{.id = "uni", .name = "Uni", .country = code};
    EXPECT_TRUE(validate(institution)) << code;
    EXPECT_TRUE(is_country_code(code)) << code;
  }
  // EL and UK are EU usage, not ISO 3166-1.
  for (const char* code : {"", "E", "ESP", "es", "Es", "EL", "UK", "AA", "ZZ", "1A"}) {
    Institution institution{.id = "uni", .name = "Uni", .country = code};
    EXPECT_FALSE(validate(institution)) << code;
    EXPECT_FALSE(is_country_code(code)) << code;
  }
}

TEST(ValidateInstitution, AcceptsACompleteInstitution) {
  Institution institution{.id = "uni",
                          .name = "Universidad",
                          .country = "ES",
                          .website = "https://uni.example",
                          .contact_email = "a@uni.example"};
  EXPECT_TRUE(validate(institution));
}

TEST(ValidateInstitution, NamesTheBadField) {
  Institution base{.id = "uni", .name = "Universidad", .country = "ES"};
  struct Row {
    const char* field;
    Institution institution;
  };
  auto no_id = base;
  no_id.id.clear();
  auto country = base;
  country.country = "Spain";
  auto website = base;
  website.website = "ftp://uni.example";
  auto email = base;
  email.contact_email = "@uni.example";
  for (const auto& row : {Row{"id", no_id}, Row{"country", country}, Row{"website", website},
                          Row{"contact_email", email}}) {
    SCOPED_TRACE(row.field);
    auto result = validate(row.institution);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, row.field);
  }
}

TEST(Role, RoundTripsEveryWireName) {
  for (Role role : all_roles)
    EXPECT_EQ(parse_role(to_string(role)), role);
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_role("learner"));
}

TEST(KeyStatus, RoundTripsEveryWireName) {
  EXPECT_EQ(parse_key_status("active"), KeyStatus::active);
  EXPECT_EQ(parse_key_status("retired"), KeyStatus::retired);
  EXPECT_FALSE(parse_key_status("revoked"));
}

}  // namespace
}  // namespace microcred::domain
