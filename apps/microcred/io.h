#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace microcred::cli {

/// Exit codes of the CLI (DESIGN.md §5).
inline constexpr int exit_ok = 0;
inline constexpr int exit_check_failed = 1;
inline constexpr int exit_bad_input = 2;

/// Largest input file the CLI reads (the JSON parser applies its own, smaller limits).
inline constexpr std::size_t max_input_bytes = 128 * 1024 * 1024;

/// The contents of `path`, or of standard input when `path` is "-". Fails with `io_error`
/// naming the file, or `limit_exceeded` past `max_bytes`.
Result<std::string> read_input(const std::string& path, std::size_t max_bytes = max_input_bytes);

/// Writes `data` to `path` atomically (a temporary file renamed over it) with permission
/// `mode`; "-" writes to standard output.
Result<void> write_output(const std::string& path, std::string_view data, unsigned mode = 0644);

/// Prints "microcred: <input>:<field>: <message>" (parts omitted when empty) to stderr and
/// returns `exit_bad_input`.
int report(const Error& error, std::string_view input = {});

/// How an input is named in messages: "<stdin>" for "-", else the path.
std::string input_name(const std::string& path);

}  // namespace microcred::cli
