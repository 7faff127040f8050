#include "core/file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace microcred {

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data,
                               unsigned mode) {
  const std::string name = path.string();
  std::filesystem::path directory = path.parent_path();
  if (directory.empty()) directory = ".";
  std::string temp = (directory / (path.filename().string() + ".tmp-XXXXXX")).string();
  // mkstemp creates the file with mode 0600, so a secret is never readable by others.
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return make_error(ErrorCode::io_error, "cannot write " + name + ": " + std::strerror(errno));
  }
  auto fail = [&](const char* what) {
    Error error = make_error(ErrorCode::io_error, std::string("cannot ") + what + " " + name +
                                                      ": " + std::strerror(errno));
    ::close(fd);
    ::unlink(temp.c_str());
    return error;
  };
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) return fail("set the mode of");
  std::size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("flush");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return make_error(ErrorCode::io_error, "cannot close " + name + ": " + std::strerror(errno));
  }
  if (::rename(temp.c_str(), name.c_str()) != 0) {
    Error error =
        make_error(ErrorCode::io_error, "cannot write " + name + ": " + std::strerror(errno));
    ::unlink(temp.c_str());
    return error;
  }
  return {};
}

}  // namespace microcred
