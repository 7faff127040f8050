#include "domain/institution.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "domain/user.h"

namespace microcred::domain {
namespace {

TEST(Iso3166Alpha2, KnowsAssignedCodesOnly) {
  for (const char* code : {"AD", "DE", "ES", "FR", "GB", "GR", "IE", "PT", "SE", "ZW"}) {
    EXPECT_TRUE(is_iso3166_alpha2(code)) << code;
  }
  // EL and UK are EU usage, not ISO 3166-1; XK is user-assigned.
  for (const char* code : {"", "E", "ESP", "es", "Es", "EL", "UK", "XK", "AA", "ZZ", "1A"}) {
    EXPECT_FALSE(is_iso3166_alpha2(code)) << code;
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
