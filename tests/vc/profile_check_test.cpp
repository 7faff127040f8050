// The EU micro-credential profile checker (issue #5).
#include "vc/profile_check.h"

#include <gtest/gtest.h>

namespace microcred::vc {
namespace {}  // namespace
}  // namespace microcred::vc
