#include "domain/batch_csv.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::domain {

void PrintTo(const BadRow& row, std::ostream* out) {
  *out << row.line << " [" << row.column << "] " << row.reason;
}

namespace {

const Date today{2025, 12, 1};

AssessmentRequirements requirements() {
  MicroCredentialDesign design;
  design.learning_outcomes = {
      {"Design a filter.", {}, {}}, {"Explain timing.", {}, {}}, {"Verify a design.", {}, {}}};
  design.grading_scheme = "0-20 scale; 10 or more is a pass.";
  design.assessment.types = {AssessmentType::project};
  design.supervision = SupervisionMode::supervised_no_identity_verification;
  auto req = assessment_requirements(design, std::nullopt, {});
  EXPECT_TRUE(req);
  return *req;
}

const std::string header =
    "learner_email,given_name,family_name,grade,outcomes_achieved,assessment_date,"
    "supervision,assessor\r\n";

std::string row(std::string_view fields) {
  return std::string(fields) + "\r\n";
}

TEST(BatchCsv, ParsesRfc4180) {
  auto records =
      parse_csv("a,b,c\r\n\"quoted, comma\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nlast,,\n", 100);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[1].fields,
            (std::vector<std::string>{"quoted, comma", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ(records[2].line, 4u);  // the quoted line break moved it down
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"last", "", ""}));
  for (const auto& r : records)
    EXPECT_TRUE(r.error.empty()) << r.error;
}

TEST(BatchCsv, ParsesLineEndsBlankLinesAndTheByteOrderMark) {
  auto records = parse_csv("\xEF\xBB\xBFx,y\n\n1,2\r3,4\r\n\r\n\"\",5", 100);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].fields[0], "x");
  EXPECT_EQ(records[1].line, 3u);
  EXPECT_EQ(records[2].line, 4u);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(records[3].line, 6u);
  EXPECT_EQ(records[3].fields, (std::vector<std::string>{"", "5"}));
  EXPECT_TRUE(parse_csv("", 100).empty());
  EXPECT_TRUE(parse_csv("\n\r\n", 100).empty());
}

TEST(BatchCsv, ReportsMalformedRecordsAndCarriesOn) {
  auto records = parse_csv("a,b\nx\"y,z\n\"p\"q,r\nok,1\n\"open,2\nmore\n", 100);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[1].error,
            "a quote inside the unquoted field 1; quote the whole field and double each quote "
            "inside (\"\")");
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_EQ(records[2].error, "text after the closing quote of field 1; quote the whole field");
  EXPECT_EQ(records[3].line, 4u);
  EXPECT_TRUE(records[3].error.empty());
  EXPECT_EQ(records[4].line, 5u);
  EXPECT_EQ(records[4].error, "the quoted field 1 opened on line 5 is never closed");
}

TEST(BatchCsv, BoundsFields) {
  auto records =
      parse_csv("a,b\n" + std::string(50, 'x') + ",\"" + std::string(50, 'y') + "\"\n", 10);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].error, "field 1 is over 10 bytes");
  EXPECT_EQ(records[1].fields[0].size(), 10u);
}

TEST(BatchCsv, ReadsGoodRows) {
  auto csv =
      read_batch_csv(header +
                         row("Ann@Example.org,Ann,Peeters,15.5,all,2025-11-20,"
                             "supervised_no_identity_verification,teacher-1") +
                         row("\"bob@example.org\",\"Bob\",\"De Smet, Jr.\",10,\"1;2;3\",2025-11-21,"
                             "onsite_identity_verification,teacher-2"),
                     requirements(), today);
  ASSERT_TRUE(csv) << describe(csv.error());
  EXPECT_TRUE(csv->bad_rows.empty()) << csv->bad_rows[0].reason;
  ASSERT_EQ(csv->rows.size(), 2u);
  const auto& ann = csv->rows[0];
  EXPECT_EQ(ann.line, 2u);
  EXPECT_EQ(ann.learner_email, "ann@example.org");
  EXPECT_EQ(ann.activity, Activity::assessed);
  ASSERT_TRUE(ann.assessment);
  EXPECT_EQ(ann.assessment->grade, "15.5");
  EXPECT_EQ(ann.assessment->outcomes.size(), 3u);
  EXPECT_EQ(ann.assessment->method, AssessmentType::project);  // the design's only type
  EXPECT_EQ(ann.assessment->assessed_on, (Date{2025, 11, 20}));
  EXPECT_EQ(ann.assessment->assessor_id, "teacher-1");
  EXPECT_EQ(csv->rows[1].family_name, "De Smet, Jr.");
  EXPECT_EQ(csv->columns.size(), 8u);
}

TEST(BatchCsv, ReportsBadRowsWithLineAndReason) {
  const std::string ok_tail = ",2025-11-20,supervised_no_identity_verification,t";
  std::string text = header;
  text += row("good@example.org,Good,Row,12,all" + ok_tail);    // 2
  text += row("not-an-email,Bad,Email,12,all" + ok_tail);       // 3
  text += row("good@example.org,Same,Again,12,all" + ok_tail);  // 4
  text += row("c@example.org,,Nameless,12,all" + ok_tail);      // 5
  text += row("d@example.org,D,Grade,21,all" + ok_tail);        // 6
  text += row("e@example.org,E,Fails,8,all" + ok_tail);         // 7
  text += row("f@example.org,F,Outcome,12,1;2" + ok_tail);      // 8
  text += row("g@example.org,G,Outcome,12,1;4" + ok_tail);      // 9
  text += row("h@example.org,H,Date,12,all,2025-12-24,supervised_no_identity_verification,t");
  text += row("i@example.org,I,Weak,12,all,2025-11-20,unsupervised_no_identity_verification,t");
  text += row("j@example.org,J,Short,12");                     // 12
  text += row("k@example.org,K,\"Quote\"d,12,all" + ok_tail);  // 13
  text += row("l@example.org,L,Assessor,12,all,2025-11-20,supervised_no_identity_verification,");
  text += row("m@example.org,M,Date,12,all,2025-02-30,supervised_no_identity_verification,t");
  text += row("n@example.org,N,Super,12,all,2025-11-20,proctored,t");  // 16
  text += row("o@example.org,O,\xFF\xFE,12,all" + ok_tail);            // 17
  auto csv = read_batch_csv(text, requirements(), today);
  ASSERT_TRUE(csv) << describe(csv.error());
  ASSERT_EQ(csv->rows.size(), 1u);
  EXPECT_EQ(csv->rows[0].line, 2u);
  const std::vector<BadRow> expected = {
      {3, "learner_email", "\"not-an-email\" is not an e-mail address"},
      {4, "learner_email", "good@example.org is already on line 2; one row per learner"},
      {5, "given_name", "the given_name is missing"},
      {6, "grade", "grade 21 is outside 0-20"},
      {7, "grade", "grade 8 does not pass (0-20, pass from 10); there is nothing to issue"},
      {8, "outcomes_achieved",
       "learning outcome 3 is not achieved; a micro-credential certifies every outcome"},
      {9, "outcomes_achieved", "there is no learning outcome 4; the design has 3"},
      {10, "assessment_date",
       "the assessment date 2025-12-24 is in the future (today is 2025-12-01)"},
      {11, "supervision",
       "unsupervised_no_identity_verification is weaker than the design requires: "
       "supervised_no_identity_verification"},
      {12, "", "the row has 4 fields; the header has 8"},
      {13, "", "text after the closing quote of field 3; quote the whole field"},
      {14, "assessor", "name the assessor"},
      {15, "assessment_date", "\"2025-02-30\" is not a date in the calendar"},
      {16, "supervision",
       "\"proctored\" is not one of: unsupervised_no_identity_verification, "
       "supervised_no_identity_verification, supervised_online_identity_verification, "
       "onsite_identity_verification"},
      {17, "family_name", "not valid UTF-8; save the file as UTF-8"},
  };
  ASSERT_EQ(csv->bad_rows.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].line);
    EXPECT_EQ(csv->bad_rows[i], expected[i]);
  }
}

TEST(BatchCsv, ReadsAttendanceOnlyRows) {
  std::string text = "learner_email,given_name,family_name,activity,grade\n";
  text += "a@example.org,A,Attends,attendance_only,\n";
  text += "b@example.org,B,Graded,attendance_only,12\n";
  text += "c@example.org,C,Typo,attending,\n";
  text += "d@example.org,D,Assessed,assessed,12\n";
  auto csv = read_batch_csv(text, requirements(), today);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->rows.size(), 1u);
  EXPECT_EQ(csv->rows[0].activity, Activity::attendance_only);
  EXPECT_FALSE(csv->rows[0].assessment);
  ASSERT_EQ(csv->bad_rows.size(), 3u);
  EXPECT_EQ(csv->bad_rows[0],
            (BadRow{3, "grade",
                    "an attendance-only row has no grade; leave it empty or make the row "
                    "assessed"}));
  EXPECT_EQ(csv->bad_rows[1],
            (BadRow{4, "activity", "\"attending\" is not assessed or attendance_only"}));
  EXPECT_EQ(csv->bad_rows[2],
            (BadRow{5, "outcomes_achieved",
                    "the file has no outcomes_achieved column; an assessed row needs it"}));
}

TEST(BatchCsv, NeedsAMethodWhenTheDesignHasSeveralTypes) {
  auto req = requirements();
  req.methods = {AssessmentType::project, AssessmentType::oral_exam};
  std::string text =
      "learner_email,given_name,family_name,grade,outcomes_achieved,"
      "assessment_date,supervision,assessor,method\n";
  text += "a@example.org,A,A,12,all,2025-11-20,onsite_identity_verification,t,\n";
  text += "b@example.org,B,B,12,all,2025-11-20,onsite_identity_verification,t,oral_exam\n";
  text += "c@example.org,C,C,12,all,2025-11-20,onsite_identity_verification,t,essay\n";
  auto csv = read_batch_csv(text, req, today);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->rows.size(), 1u);
  EXPECT_EQ(csv->rows[0].assessment->method, AssessmentType::oral_exam);
  ASSERT_EQ(csv->bad_rows.size(), 2u);
  EXPECT_EQ(csv->bad_rows[0], (BadRow{2, "method", "give the type of assessment actually used"}));
  EXPECT_EQ(csv->bad_rows[1].column, "method");
}

TEST(BatchCsv, RefusesFilesItCannotRead) {
  struct Row {
    std::string text;
    ErrorCode code;
    std::string says;
  };
  for (const auto& r : std::vector<Row>{
           {"", ErrorCode::invalid_argument, "the file is empty"},
           {"learner_email,given_name\n", ErrorCode::invalid_argument,
            "the header has no family_name column"},
           {"learner_email,given_name,family_name,gade\n", ErrorCode::invalid_argument,
            "unknown column \"gade\" (column 4); the columns are: learner_email"},
           {"learner_email,given_name,family_name,Given_Name\n", ErrorCode::invalid_argument,
            "column \"given_name\" is named twice"},
           {"learner_email,\"given_name\nfamily_name", ErrorCode::invalid_argument,
            "the header row: the quoted field 2 opened on line 1 is never closed"},
       }) {
    SCOPED_TRACE(r.text);
    auto csv = read_batch_csv(r.text, requirements(), today);
    ASSERT_FALSE(csv);
    EXPECT_EQ(csv.error().code, r.code);
    EXPECT_EQ(csv.error().field, "1");
    EXPECT_NE(csv.error().message.find(r.says), std::string::npos) << csv.error().message;
  }
  auto big =
      read_batch_csv(header + std::string(100, '\n'), requirements(), today, {.max_bytes = 50});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::limit_exceeded);
  std::string many = "learner_email,given_name,family_name\n";
  for (int i = 0; i < 4; ++i)
    many += "x" + std::to_string(i) + "@example.org,X,Y\n";
  auto rows = read_batch_csv(many, requirements(), today, {.max_rows = 3});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::limit_exceeded);
  EXPECT_TRUE(read_batch_csv(many, requirements(), today, {.max_rows = 4}));
}

TEST(BatchCsv, AcceptsHeaderNamesInAnyCaseAndOrder) {
  auto csv = read_batch_csv(
      " Family_Name ,LEARNER_EMAIL,given_name,activity\nDoe,j@x.org,Jo,"
      "attendance_only\n",
      requirements(), today);
  ASSERT_TRUE(csv) << describe(csv.error());
  ASSERT_EQ(csv->rows.size(), 1u);
  EXPECT_EQ(csv->rows[0].family_name, "Doe");
}

TEST(BatchCsv, ChecksEmailShapes) {
  for (std::string_view good :
       {"a@example.org", "first.last+tag@sub.example.co.uk", "o'brien@example.ie"})
    EXPECT_TRUE(is_email_address(good)) << good;
  for (std::string_view bad :
       {"", "a", "@example.org", "a@", "a@b", "a@@b.org", "a b@c.org", "a@b.c", "a@-b.org",
        "a@b..org", ".a@b.org", "a..b@c.org", "a@b.o1", "ä@b.org"})
    EXPECT_FALSE(is_email_address(bad)) << bad;
  EXPECT_FALSE(is_email_address(std::string(250, 'a') + "@b.org"));
}

TEST(BatchCsv, SurvivesRandomInput) {
  // Short random texts over the characters that matter to the parser and the row checks.
  constexpr std::string_view alphabet = "a,\"\r\n1@.;x\xFF 2-0all";
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::size_t good = 0;
  std::size_t bad = 0;
  for (int i = 0; i < 20'000; ++i) {
    std::string text = i % 2 ? header : std::string();
    const auto length = next() % 60;
    for (std::uint64_t k = 0; k < length; ++k)
      text += alphabet[next() % alphabet.size()];
    for (const auto& record : parse_csv(text, 16))
      ASSERT_GE(record.line, 1u);
    auto csv = read_batch_csv(text, requirements(), today);
    if (csv) {
      good += csv->rows.size();
      bad += csv->bad_rows.size();
      for (const auto& b : csv->bad_rows)
        ASSERT_FALSE(b.reason.empty());
    }
  }
  EXPECT_GT(bad, 0u);
  EXPECT_EQ(good, 0u);  // random rows never carry a valid e-mail, names and result
}

}  // namespace
}  // namespace microcred::domain
