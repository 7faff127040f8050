// libFuzzer target: JSON-LD expansion and toRdf on arbitrary bytes, with the embedded
// contexts plus two that include each other. Any input must end in a value or an Error:
// never a crash, a sanitizer report, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/json/value.hpp>

#include "json/parse.h"
#include "rdf/to_rdf.h"

namespace {

microcred::rdf::ContextStore make_store() {
  auto store = microcred::rdf::ContextStore::embedded();
  (void)store.add("https://example.org/a", R"({"@context":["https://example.org/b",{"x":"@id"}]})");
  (void)store.add("https://example.org/b",
                  R"({"@context":{"@import":"https://example.org/a","y":{"@id":"ex:y"}}})");
  (void)store.add("https://example.org/c",
                  R"({"@context":{"@import":"https://example.org/d","z":"ex:z"}})");
  (void)store.add("https://example.org/d",
                  R"({"@context":{"@vocab":"ex:","T":{"@context":{"p":{"@type":"@id"}}}}})");
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const microcred::rdf::ContextStore store = make_store();
  static microcred::rdf::JsonLdProcessor processor(store);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = microcred::json::parse(text, {.max_bytes = 1 << 20, .max_depth = 256});
  if (!document) return 0;
  const bool safe = size > 0 && (data[0] & 1);
  auto dataset = microcred::rdf::to_rdf(
      *document, processor,
      {.base = "https://example.org/base/doc", .safe_mode = safe, .max_output_values = 100'000},
      {.rdf_direction = microcred::rdf::RdfDirection::compound_literal, .max_quads = 100'000});
  (void)dataset;
  return 0;
}
