// JCS (RFC 8785) of a ~2 KB credential, and JSON parsing with duplicate-key checks.
#include <benchmark/benchmark.h>

#include <string>

#include "json/jcs.h"
#include "json/parse.h"

namespace {

// A 2 KB Open Badges 3.0 credential, inline so the benchmark needs no files.
constexpr const char *credential = R"({
  "@context": ["https://www.w3.org/ns/credentials/v2",
               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "name": "Data Science Foundations — micro-credential",
  "issuer": {"id": "did:web:university.example", "type": ["Profile"],
             "name": "Example University", "address": {"type": ["Address"], "addressCountry": "Finland",
             "addressCountryCode": "FI"}},
  "validFrom": "2026-06-30T12:00:00Z",
  "credentialSubject": {
    "type": ["AchievementSubject"],
    "identifier": [{"type": "IdentityObject", "identityHash": "sha256$9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "identityType": "emailAddress", "hashed": true, "salt": "c2FsdHk"}],
    "achievement": {
      "id": "https://university.example/microcredentials/dsf/v2",
      "type": ["Achievement"], "achievementType": "MicroCredential",
      "name": "Data Science Foundations",
      "description": "Statistics, Python and data visualisation for working professionals.",
      "criteria": {"narrative": "Pass the supervised final project (identity verified on site)."},
      "creditsAvailable": 5,
      "fieldOfStudy": "Data science",
      "inLanguage": "en",
      "alignment": [
        {"type": ["Alignment"], "targetName": "EQF level 6", "targetUrl": "https://europa.eu/europass/en/description-eight-eqf-levels#level6", "targetFramework": "EQF", "targetCode": "6"},
        {"type": ["Alignment"], "targetName": "apply statistical analysis techniques", "targetUrl": "http://data.europa.eu/esco/skill/2b4b9b6b-4bf0-4ab8-8ea4-8b59a3a4e1f5", "targetFramework": "ESCO", "targetType": "ceasn:Competency"},
        {"type": ["Alignment"], "targetName": "Python (computer programming)",
                     "targetUrl"
    : "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
                     "targetFramework" : "ESCO"
}
      ],
      "resultDescription": [{"id": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c", "type": ["ResultDescription"], "name": "Final grade", "resultType": "LetterGrade", "allowedValue": ["A", "B", "C", "D", "E"]}]
      }
      , "result" : [ {
        "type" : ["Result"],
        "resultDescription" : "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
        "value" : "A"
      } ],
                   "creditsEarned" : 5.0
      }
      })";

void BM_JcsCredential(benchmark::State& state) {
        auto value = microcred::json::parse(credential);
        if (!value) {
          state.SkipWithError(value.error().message.c_str());
          return;
        }
        for (auto _ : state) {
          auto canonical = microcred::json::canonicalize(*value);
          benchmark::DoNotOptimize(canonical);
        }
        state.SetItemsProcessed(state.iterations());
        state.SetBytesProcessed(state.iterations() *
                                static_cast<std::int64_t>(std::string_view(credential).size()));
      }
      BENCHMARK(BM_JcsCredential);

      void BM_ParseCredential(benchmark::State& state) {
        for (auto _ : state) {
          auto value = microcred::json::parse(credential);
          benchmark::DoNotOptimize(value);
        }
        state.SetItemsProcessed(state.iterations());
      }
      BENCHMARK(BM_ParseCredential);

      void BM_ParseAndJcs(benchmark::State& state) {
        for (auto _ : state) {
          auto value = microcred::json::parse(credential);
          auto canonical = microcred::json::canonicalize(*value);
          benchmark::DoNotOptimize(canonical);
        }
        state.SetItemsProcessed(state.iterations());
      }
      BENCHMARK(BM_ParseAndJcs);

      }  // namespace

      BENCHMARK_MAIN();
