#include "support/catalogue_data.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace microcred::support {
namespace {

// SplitMix64: small, fast, and the same everywhere (std:: distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// 0 .. n-1.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// True with probability `percent` / 100.
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::uint64_t state_;
};

std::uint64_t mix(std::uint64_t seed, std::uint64_t n, std::uint64_t stream) {
  Random r(seed ^ (n * 0x9E3779B97F4A7C15ull) ^ (stream << 56));
  return r.next();
}

struct Subject {
  std::string_view name;                    // "data science"
  std::string_view field;                   // the wider field, for summaries
  std::array<std::string_view, 5> objects;  // what outcomes act on
  std::string_view audience;
};

// Subjects of micro-credentials offered by European universities (MCE seed cases and the
// usual lifelong-learning catalogue).
constexpr std::array<Subject, 40> subjects = {{
    {"data science",
     "computing",
     {"regression models", "data pipelines", "dashboards", "exploratory analyses",
      "data quality checks"},
     "analysts"},
    {"machine learning",
     "computing",
     {"classification models", "neural networks", "training pipelines", "model evaluations",
      "feature sets"},
     "software engineers"},
    {"cybersecurity",
     "computing",
     {"threat models", "security audits", "incident response plans", "access controls",
      "penetration tests"},
     "IT professionals"},
    {"cloud computing",
     "computing",
     {"cloud architectures", "container deployments", "cost estimates", "serverless functions",
      "infrastructure code"},
     "developers"},
    {"chip design",
     "engineering",
     {"digital filters", "VHDL modules", "FPGA prototypes", "timing constraints",
      "verification testbenches"},
     "electronics engineers"},
    {"renewable energy",
     "engineering",
     {"solar installations", "wind farm layouts", "energy audits", "battery storage systems",
      "grid connection studies"},
     "engineers"},
    {"sustainable finance",
     "economics",
     {"ESG reports", "green bond frameworks", "climate risk assessments", "impact portfolios",
      "taxonomy alignments"},
     "finance professionals"},
    {"circular economy",
     "environment",
     {"material flow analyses", "product life cycles", "waste reduction plans",
      "circular business models", "repair strategies"},
     "managers"},
    {"supply chain management",
     "business",
     {"inventory policies", "supplier evaluations", "logistics networks", "demand forecasts",
      "procurement plans"},
     "logistics staff"},
    {"project management",
     "business",
     {"project plans", "risk registers", "stakeholder maps", "agile sprints", "budgets"},
     "team leaders"},
    {"digital marketing",
     "business",
     {"campaign plans", "social media strategies", "web analytics reports", "content calendars",
      "search engine optimisation audits"},
     "marketers"},
    {"entrepreneurship",
     "business",
     {"business model canvases", "pitch decks", "market validations", "financial plans",
      "minimum viable products"},
     "founders"},
    {"leadership",
     "management",
     {"team development plans", "feedback conversations", "change initiatives", "coaching sessions",
      "decision frameworks"},
     "managers"},
    {"data protection",
     "law",
     {"records of processing activities", "impact assessments", "privacy notices",
      "consent mechanisms", "breach notifications"},
     "data protection officers"},
    {"public health",
     "health",
     {"epidemiological studies", "vaccination campaigns", "health promotion programmes",
      "surveillance systems", "policy briefs"},
     "health professionals"},
    {"nursing informatics",
     "health",
     {"electronic health records", "clinical decision support tools", "care pathways",
      "telehealth services", "patient safety reports"},
     "nurses"},
    {"biotechnology",
     "life sciences",
     {"laboratory protocols", "bioprocesses", "gene editing experiments", "quality control assays",
      "regulatory dossiers"},
     "laboratory technicians"},
    {"precision agriculture",
     "agriculture",
     {"sensor networks", "yield maps", "irrigation schedules", "soil analyses", "drone surveys"},
     "farmers"},
    {"urban planning",
     "architecture",
     {"mobility plans", "zoning proposals", "public space designs", "participatory workshops",
      "green infrastructure"},
     "planners"},
    {"artificial intelligence ethics",
     "philosophy",
     {"algorithmic impact assessments", "fairness audits", "governance policies",
      "transparency reports", "ethical guidelines"},
     "policy makers"},
    {"quantum computing",
     "physics",
     {"quantum circuits", "qubit simulations", "optimisation algorithms", "error correction codes",
      "benchmark studies"},
     "physicists"},
    {"robotics",
     "engineering",
     {"robot controllers", "motion planners", "sensor fusion systems", "collaborative robot cells",
      "safety analyses"},
     "technicians"},
    {"financial accounting",
     "economics",
     {"financial statements", "cost accounting systems", "budget forecasts", "audit trails",
      "tax declarations"},
     "accountants"},
    {"tourism management",
     "hospitality",
     {"destination strategies", "visitor experiences", "sustainable tourism plans",
      "booking systems", "marketing campaigns"},
     "tourism professionals"},
    {"intercultural communication",
     "languages",
     {"intercultural trainings", "negotiation strategies", "multilingual documents",
      "conflict mediations", "presentations"},
     "international staff"},
    {"climate adaptation",
     "environment",
     {"vulnerability assessments", "adaptation plans", "flood risk maps", "heat action plans",
      "nature-based solutions"},
     "municipal officers"},
    {"software testing",
     "computing",
     {"test plans", "automated test suites", "performance tests", "defect reports",
      "continuous integration pipelines"},
     "testers"},
    {"user experience design",
     "design",
     {"user research studies", "wireframes", "usability tests", "design systems",
      "accessibility audits"},
     "designers"},
    {"blockchain applications",
     "computing",
     {"smart contracts", "distributed ledgers", "token models", "verifiable credentials",
      "consensus protocols"},
     "developers"},
    {"online teaching",
     "education",
     {"online courses", "learning activities", "assessment rubrics", "video lectures",
      "learning analytics"},
     "teachers"},
    {"early childhood education",
     "education",
     {"play-based activities", "observation records", "inclusive classrooms", "parent partnerships",
      "development plans"},
     "educators"},
    {"mental health first aid",
     "health",
     {"crisis interventions", "referral pathways", "wellbeing programmes", "peer support sessions",
      "risk assessments"},
     "community workers"},
    {"food safety",
     "agriculture",
     {"HACCP plans", "hygiene audits", "traceability systems", "allergen controls",
      "laboratory analyses"},
     "food industry staff"},
    {"smart manufacturing",
     "engineering",
     {"digital twins", "predictive maintenance models", "production schedules",
      "industrial IoT systems", "lean processes"},
     "production engineers"},
    {"geographic information systems",
     "geography",
     {"spatial analyses", "thematic maps", "geodatabases", "remote sensing workflows",
      "location models"},
     "surveyors"},
    {"museum studies",
     "humanities",
     {"exhibition concepts", "collection inventories", "digitisation projects", "visitor studies",
      "conservation plans"},
     "cultural heritage staff"},
    {"translation technology",
     "languages",
     {"translation memories", "machine translation workflows", "terminology databases",
      "post-editing guidelines", "localisation projects"},
     "translators"},
    {"circuit design",
     "engineering",
     {"analogue circuits", "printed circuit boards", "power converters", "signal simulations",
      "measurement setups"},
     "electronics technicians"},
    {"social innovation",
     "social sciences",
     {"community projects", "impact evaluations", "co-creation workshops", "funding proposals",
      "policy recommendations"},
     "social workers"},
    {"maritime logistics",
     "transport",
     {"port operations", "container flows", "shipping routes", "emission reduction plans",
      "customs procedures"},
     "port staff"},
}};

constexpr std::array<std::string_view, 14> verbs = {
    "Analyse", "Design",  "Implement", "Evaluate", "Apply", "Develop", "Assess",
    "Plan",    "Compare", "Build",     "Explain",  "Model", "Audit",   "Communicate"};

constexpr std::array<std::string_view, 10> contexts = {
    "in a real organisation",      "for a small or medium-sized enterprise",
    "in a multidisciplinary team", "following European regulations",
    "using open-source tools",     "for a public administration",
    "under time constraints",      "with industry partners",
    "in a cross-border project",   "for a community organisation"};

constexpr std::array<std::string_view, 8> title_patterns = {
    "Introduction to {s}", "Advanced {s}",       "{S} for {a}",
    "Applied {s}: {o}",    "Foundations of {s}", "Professional certificate in {s}",
    "{S} in practice",     "{S} and {o}"};

constexpr std::array<std::string_view, 12> languages = {"en", "en", "en", "en-GB", "es", "fr",
                                                        "de", "it", "nl", "pt-PT", "pl", "el"};

constexpr std::array<std::string_view, 20> countries = {"BE", "NL", "ES", "FR", "DE", "IT", "PT",
                                                        "PL", "GR", "FI", "SE", "DK", "IE", "AT",
                                                        "CZ", "HU", "RO", "SI", "LT", "EE"};

constexpr std::array<double, 12> ects_values = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10, 12, 15};

constexpr std::array<std::string_view, 8> institution_words = {"University of",
                                                               "Technical University of",
                                                               "Open University of",
                                                               "Polytechnic of",
                                                               "University of Applied Sciences",
                                                               "Business School of",
                                                               "Medical University of",
                                                               "Academy of"};

constexpr std::array<std::string_view, 20> cities = {
    "Leuven", "Delft",  "Barcelona", "Lyon",      "Munich", "Bologna", "Porto",
    "Krakow", "Patras", "Tampere",   "Uppsala",   "Aarhus", "Cork",    "Graz",
    "Brno",   "Szeged", "Cluj",      "Ljubljana", "Kaunas", "Tartu"};

// An ESCO-like skill URI: one of 50 per subject, as a stable pseudo-random UUID.
std::string skill_uri(std::size_t subject, std::size_t k) {
  std::uint64_t a = mix(0x5EED, subject * 64 + k, 1);
  std::uint64_t b = mix(0x5EED, subject * 64 + k, 2);
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                static_cast<unsigned>(0x8000 | (b >> 48 & 0x3FFF)),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
  return "http://data.europa.eu/esco/skill/" + std::string(text);
}

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string fill(std::string_view pattern, const Subject& s, std::string_view object) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
      char key = pattern[i + 1];
      if (key == 's') out += s.name;
      if (key == 'S') out += capitalised(s.name);
      if (key == 'a') out += s.audience;
      if (key == 'o') out += object;
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string date(std::size_t year, std::size_t month, std::size_t day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04zu-%02zu-%02zu", year, month, day);
  return text;
}

}  // namespace

GeneratedInstitution generated_institution(std::size_t index) {
  char id[16];
  std::snprintf(id, sizeof id, "inst-%03zu", index);
  const auto& city = cities[index % cities.size()];
  return {id,
          std::string(institution_words[(index / cities.size()) % institution_words.size()]) + " " +
              std::string(city),
          std::string(countries[index % countries.size()])};
}

GeneratedDesign generated_design(std::uint64_t seed, std::size_t n, std::size_t institutions) {
  Random r(mix(seed, n, 0));
  GeneratedDesign out;
  char id[24];
  std::snprintf(id, sizeof id, "design-%06zu", n);
  out.id = id;
  auto institution = generated_institution(n % institutions);
  out.institution = institution.id;
  auto subject_index = r.below(subjects.size());
  const auto& s = subjects[subject_index];
  auto& d = out.design;
  d.code = "MC-" + std::to_string(n);
  const auto& main_object = s.objects[r.below(s.objects.size())];
  d.title = fill(r.pick(title_patterns), s, main_object);
  auto form = static_cast<domain::ParticipationForm>(r.below(4));
  d.participation.form = form;
  d.participation.pacing = r.chance(70) ? domain::Pacing::cohort : domain::Pacing::self_paced;
  d.participation.synchronicity = static_cast<domain::Synchronicity>(r.below(3));
  d.summary = "A " + std::string(domain::to_string(form)) + " micro-credential in " +
              std::string(s.name) + " for " + std::string(s.audience) + " who want to work on " +
              std::string(main_object) + ". Part of our " + std::string(s.field) +
              " lifelong-learning offer, designed with employers from the region.";
  std::size_t outcome_count = 2 + r.below(4);
  for (std::size_t i = 0; i < outcome_count; ++i) {
    domain::LearningOutcome outcome;
    outcome.statement = std::string(r.pick(verbs)) + " " +
                        std::string(s.objects[r.below(s.objects.size())]) + " " +
                        std::string(r.pick(contexts)) + ".";
    std::size_t skills = 1 + r.below(2);
    for (std::size_t k = 0; k < skills; ++k)
      outcome.esco_uris.push_back(skill_uri(subject_index, r.below(50)));
    d.learning_outcomes.push_back(std::move(outcome));
  }
  static constexpr int eqf_weights[8] = {1, 2, 4, 10, 20, 30, 25, 8};  // levels 1-8, percent
  std::size_t roll = r.below(100), level = 0;
  for (int acc = 0; level < 8; ++level) {
    acc += eqf_weights[level];
    if (roll < static_cast<std::size_t>(acc)) break;
  }
  d.eqf_level = static_cast<int>(std::min<std::size_t>(level, 7) + 1);
  d.ects = r.pick(ects_values);
  d.workload_hours = *d.ects * 27;
  d.languages.push_back(std::string(r.pick(languages)));
  if (r.chance(25)) {
    std::string second(r.pick(languages));
    if (second != d.languages.front()) d.languages.push_back(second);
  }
  d.delivery_mode = form == domain::ParticipationForm::online ? "Virtual campus with video lectures"
                                                              : "Lectures, workshops and labs";
  d.issuing_institution = {institution.name, "https://" + institution.id + ".example",
                           institution.country, ""};
  d.awarding_bodies.push_back(d.issuing_institution);
  if (r.chance(15)) {
    auto partner = generated_institution(r.below(institutions));
    d.awarding_bodies.push_back({partner.name, "", partner.country, ""});
  }
  d.target_countries.push_back(institution.country);
  if (!r.chance(20)) {
    double amount = static_cast<double>(50 + 10 * r.below(300));
    d.fees.tiers.push_back({"Standard", amount, "EUR", true, "", {}});
    if (r.chance(40)) d.fees.tiers.push_back({"Attendance only", amount / 2, "EUR", false, "", {}});
  }
  if (!r.chance(15)) {
    d.lifespan.available_from = date(2025 + r.below(3), 1 + r.below(12), 1 + r.below(28));
  }
  out.published_at = {1'704'067'200 + static_cast<std::int64_t>(r.below(3 * 365 * 86'400)), 0};
  return out;
}

store::CatalogueQuery generated_query(std::uint64_t seed, std::size_t n, std::size_t institutions,
                                      std::size_t limit) {
  Random r(mix(seed, n, 3));
  store::CatalogueQuery q;
  if (r.chance(75)) {
    auto subject_index = r.below(subjects.size());
    const auto& s = subjects[subject_index];
    switch (r.below(8)) {
      case 0:
        q.text = std::string(s.name);
        break;
      case 1:
        q.text = std::string(s.objects[r.below(5)]);
        break;
      case 2:
        q.text = std::string(s.name.substr(0, s.name.find(' ')));
        break;
      case 3:
        q.text = std::string(r.pick(verbs)) + " " + std::string(s.objects[r.below(5)]);
        break;
      case 4:
        q.text = skill_uri(subject_index, r.below(50));
        break;
      case 5:
        q.text = std::string(s.audience);
        break;
      case 6:
        q.text = "\"" + std::string(s.name) + "\" -" + std::string(s.field) + "*";
        break;
      default:
        q.text = std::string(s.field) + " " + std::string(r.pick(contexts));
        break;
    }
  }
  if (r.chance(25)) q.eqf_level = static_cast<int>(4 + r.below(5));
  if (r.chance(20)) {
    q.ects_min = ects_values[r.below(6)];
    if (r.chance(60)) q.ects_max = *q.ects_min + ects_values[r.below(ects_values.size())];
  }
  if (r.chance(30)) q.language = std::string(r.pick(languages));
  if (r.chance(25)) q.country = std::string(r.pick(countries));
  if (r.chance(8)) q.institution = generated_institution(r.below(institutions)).id;
  if (r.chance(5)) q.skill = skill_uri(r.below(subjects.size()), r.below(50));
  if (r.chance(20)) {
    static constexpr std::array<std::string_view, 4> forms = {"online", "onsite", "blended",
                                                              "hybrid"};
    q.participation_form = std::string(r.pick(forms));
  }
  if (r.chance(10)) q.pacing = r.chance(50) ? "cohort" : "self_paced";
  if (r.chance(5)) q.synchronicity = r.chance(50) ? "synchronous" : "asynchronous";
  if (r.chance(15)) {
    if (r.chance(50)) q.fee_min = static_cast<double>(100 * r.below(10));
    q.fee_max = static_cast<double>(1000 + 100 * r.below(20));
  }
  if (r.chance(15)) {
    q.start_from = date(2025 + r.below(2), 1 + r.below(12), 1);
    if (r.chance(50)) q.start_until = date(2027, 1 + r.below(12), 28);
  }
  static constexpr std::array<std::string_view, 5> sorts = {"", "", "relevance", "newest",
                                                            "start_date"};
  q.sort = std::string(r.pick(sorts));
  q.limit = limit ? limit : 1 + r.below(25);
  return q;
}

std::string describe(const store::CatalogueQuery& q) {
  std::string out = "text=\"" + q.text + "\"";
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) out += std::string(" ") + name + "=" + value;
  };
  auto number = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return std::string(text);
  };
  if (q.eqf_level) add("eqf", std::to_string(*q.eqf_level));
  if (q.ects_min) add("ects_min", number(*q.ects_min));
  if (q.ects_max) add("ects_max", number(*q.ects_max));
  add("language", q.language);
  add("country", q.country);
  add("institution", q.institution);
  add("skill", q.skill);
  add("form", q.participation_form);
  add("pacing", q.pacing);
  add("synchronicity", q.synchronicity);
  if (q.fee_min) add("fee_min", number(*q.fee_min));
  if (q.fee_max) add("fee_max", number(*q.fee_max));
  add("start_from", q.start_from);
  add("start_until", q.start_until);
  add("sort", q.sort);
  add("limit", std::to_string(q.limit));
  return out;
}

}  // namespace microcred::support
