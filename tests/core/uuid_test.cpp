#include "core/uuid.h"

#include <gtest/gtest.h>

namespace microcred {
namespace {

TEST(Uuid, SetsVersionAndVariantBits) {
  std::array<std::uint8_t, 16> random;
  random.fill(0xff);
  Uuid uuid = uuid_v4(random);
  EXPECT_EQ(to_string(uuid), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  random.fill(0x00);
  EXPECT_EQ(to_urn(uuid_v4(random)), "urn:uuid:00000000-0000-4000-8000-000000000000");
}

TEST(Uuid, ParsesBothForms) {
  auto a = parse_uuid("urn:uuid:123E4567-e89b-42d3-a456-426614174000");
  ASSERT_TRUE(a);
  EXPECT_EQ(to_string(*a), "123e4567-e89b-42d3-a456-426614174000");
  EXPECT_EQ(*parse_uuid("123e4567-e89b-42d3-a456-426614174000"), *a);
}

TEST(Uuid, RejectsMalformed) {
  for (const char* bad :
       {"", "123e4567e89b42d3a456426614174000", "123e4567-e89b-42d3-a456-42661417400",
        "123e4567-e89b-42d3-a456-42661417400g",
        "urn:uuid:", "123e4567_e89b-42d3-a456-426614174000"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parse_uuid(bad));
  }
}

}  // namespace
}  // namespace microcred
