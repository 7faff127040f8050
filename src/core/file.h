#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace microcred {

/// Writes `data` to `path` atomically: a temporary file beside it (created 0600, then given
/// `mode`), flushed to disk, then renamed over `path`. Readers see the old file or the whole
/// new one, never a part. Fails with `io_error` naming the path; the temporary file is
/// removed on every failure.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data,
                               unsigned mode = 0644);

}  // namespace microcred
