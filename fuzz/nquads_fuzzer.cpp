// libFuzzer target: N-Quads parsing, then RDFC-1.0 with a small work limit and the
// canonical serializer, on any bytes. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rdf/canonicalize.h"
#include "rdf/nquads.h"

namespace {
constexpr std::size_t max_input_bytes = 64 * 1024;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > max_input_bytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto dataset = microcred::rdf::parse_nquads(text);
  if (!dataset) return 0;
  // What the serializer writes, the parser must read back to the same dataset.
  const std::string written = microcred::rdf::to_nquads(*dataset);
  auto reread = microcred::rdf::parse_nquads(written);
  if (!reread || !(*reread == *dataset)) __builtin_trap();
  auto canonical =
      microcred::rdf::canonicalize(*dataset, {.max_ndegree_calls = 200, .max_permutations = 2'000});
  if (canonical) {
    auto again = microcred::rdf::parse_nquads(canonical->nquads);
    if (!again) __builtin_trap();
  }
  return 0;
}
