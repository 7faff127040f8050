#include "core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace microcred {
namespace {

std::filesystem::path temp_dir() {
  char dir_template[] = "/tmp/microcred-file-XXXXXX";
  return ::mkdtemp(dir_template);
}

TEST(WriteFileAtomic, ReplacesTheFileWithTheGivenMode) {
  auto dir = temp_dir();
  auto path = dir / "out.json";
  ASSERT_TRUE(write_file_atomic(path, "old", 0644));
  ASSERT_TRUE(write_file_atomic(path, "new", 0600));
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "new");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  // Nothing but the file is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1);
  std::filesystem::remove_all(dir);
}

TEST(WriteFileAtomic, NamesThePathWhenItCannotWrite) {
  auto result = write_file_atomic("/nonexistent-dir/out.json", "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io_error);
  EXPECT_NE(result.error().message.find("/nonexistent-dir/out.json"), std::string::npos);
}

}  // namespace
}  // namespace microcred
