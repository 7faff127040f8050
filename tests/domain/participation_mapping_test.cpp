// A design's form of participation as an issued credential states it (#6): the domain maps,
// vc/ names what an Open Badges credential accepts; this test holds the two together.
#include <gtest/gtest.h>

#include "domain/design.h"
#include "vc/microcredential.h"

namespace microcred::domain {
namespace {

TEST(CredentialParticipationForm, IsAFormTheCredentialKnows) {
  std::vector<std::string_view> credential_forms;
  for (auto form : {vc::ParticipationForm::online, vc::ParticipationForm::onsite,
                    vc::ParticipationForm::blended})
    credential_forms.push_back(vc::to_string(form));
  for (auto form : {ParticipationForm::online, ParticipationForm::onsite,
                    ParticipationForm::blended, ParticipationForm::hybrid}) {
    SCOPED_TRACE(to_string(form));
    auto mapped = to_string(credential_participation_form(form));
    EXPECT_NE(std::find(credential_forms.begin(), credential_forms.end(), mapped),
              credential_forms.end());
  }
}

TEST(CredentialParticipationForm, HybridBecomesBlendedAndTheRestStay) {
  EXPECT_EQ(credential_participation_form(ParticipationForm::hybrid), ParticipationForm::blended);
  for (auto form :
       {ParticipationForm::online, ParticipationForm::onsite, ParticipationForm::blended})
    EXPECT_EQ(credential_participation_form(form), form);
}

}  // namespace
}  // namespace microcred::domain
