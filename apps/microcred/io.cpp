#include "io.h"

#include "core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace microcred::cli {

namespace {

// Reads all of `fd` up to `max_bytes`; one more byte than allowed means too large.
Result<std::string> read_fd(int fd, const std::string& name, std::size_t max_bytes) {
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(ErrorCode::io_error, "cannot read " + name + ": " + std::strerror(errno));
    }
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) {
      return make_error(ErrorCode::limit_exceeded,
                        name + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return data;
}

}  // namespace

std::string input_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

Result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return read_fd(STDIN_FILENO, input_name(path), max_bytes);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return make_error(ErrorCode::io_error, "cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return make_error(ErrorCode::io_error, path + " is a directory");
  }
  auto data = read_fd(fd, path, max_bytes);
  ::close(fd);
  return data;
}

Result<void> write_output(const std::string& path, std::string_view data, unsigned mode) {
  if (path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) return make_error(ErrorCode::io_error, "cannot write to standard output");
    return {};
  }
  return write_file_atomic(path, data, mode);
}

int report(const Error& error, std::string_view input) {
  std::string line = "microcred: ";
  if (!input.empty()) {
    line += input;
    line += error.field.empty() ? ": " : ":";
  }
  if (!error.field.empty()) {
    line += error.field;
    line += ": ";
  }
  line += error.message;
  line += '\n';
  std::fputs(line.c_str(), stderr);
  return exit_bad_input;
}

}  // namespace microcred::cli
