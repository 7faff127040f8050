#include "domain/codes.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::domain {
namespace {

TEST(Codes, LanguageTagsFollowRfc5646Syntax) {
  for (const char* good :
       {"en", "pt-PT", "es-419", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "sl-rozaj-biske",
        "en-US-u-islamcal", "x-whatever", "en-x-private", "zh-yue-HK", "ast", "EN-gb"}) {
    SCOPED_TRACE(good);
    EXPECT_TRUE(is_language_tag(good));
  }
  for (const char* bad : {"", "e", "english", "en-", "-en", "en--GB", "en_GB", "en-GB-x", "en-a",
                          "1en", "en-toolongsubtag", "x", "en GB"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(is_language_tag(bad));
  }
}

TEST(Codes, CountryCodesAreOfficiallyAssignedOnes) {
  for (const char* good : {"BE", "ES", "GR", "GB", "CY", "PT", "NL", "XK", "SS", "BQ"})
    EXPECT_TRUE(is_country_code(good)) << good;
  for (const char* bad : {"EL", "UK", "EU", "be", "B", "BEL", "AN", "ZZ", ""})
    EXPECT_FALSE(is_country_code(bad)) << bad;
}

TEST(Codes, EscoUrisNameASkillGroupOrAConcept) {
  for (const char* good :
       {"http://data.europa.eu/esco/skill/0df2e216-68ae-4952-b9dc-3c2f2bc04fe3",
        "http://data.europa.eu/esco/occupation/"
        "528f90ed-e250-48bd-aacc-ffb7b1de5654",
        "http://data.europa.eu/esco/skill/S5", "http://data.europa.eu/esco/skill/S5.5.2",
        "http://data.europa.eu/esco/skill/T"})
    EXPECT_TRUE(is_esco_uri(good)) << good;
  for (const char* bad :
       {"http://data.europa.eu/esco/skill/python", "http://data.europa.eu/esco/skill/",
        "http://data.europa.eu/esco/skill/0DF2E216-68AE-4952-B9DC-3C2F2BC04FE3",
        "http://data.europa.eu/esco/occupation/S5", "http://data.europa.eu/esco/skill/S5.",
        "http://data.europa.eu/esco/skill/S5..1", "http://data.europa.eu/esco/isco/C2512",
        "https://data.europa.eu/esco/skill/S5", "esco:S5"})
    EXPECT_FALSE(is_esco_uri(bad)) << bad;
}

}  // namespace
}  // namespace microcred::domain
