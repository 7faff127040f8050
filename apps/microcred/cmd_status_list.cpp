// `microcred status-list make` and `microcred status-list get`: Bitstring Status List v1.0
// credentials (docs/status-lists.md) from the command line.
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "commands.h"
#include "io.h"
#include "json/parse.h"
#include "vc/status_list.h"

namespace microcred::cli {

namespace {

namespace bj = boost::json;

struct MakeFlags {
  std::string id;
  std::string issuer;
  std::string purpose = "revocation";
  std::size_t entries = vc::status_list_min_entries;
  std::vector<std::string> set;
  std::string valid_from;
  std::string valid_until;
};

struct GetFlags {
  std::string file;
  std::vector<std::string> indexes;
  bool json = false;
};

// Status list credentials are larger than credentials: 16 MiB of JSON is plenty.
constexpr std::size_t max_list_bytes = 16 * 1024 * 1024;

int run_make(const MakeFlags& flags) {
  auto purpose = vc::parse_status_purpose(flags.purpose);
  if (!purpose) return report(purpose.error(), "--purpose");
  auto list = vc::StatusList::create(flags.entries);
  if (!list) return report(list.error(), "--entries");
  for (const auto& text : flags.set) {
    auto index = vc::parse_status_list_index(text);
    if (!index) return report(index.error(), "--set");
    if (!list->contains(*index)) {
      return report(
          make_error(ErrorCode::invalid_argument, "index " + text + " is not below the list's " +
                                                      std::to_string(list->size()) + " entries"),
          "--set");
    }
    list->set(*index);
  }
  vc::StatusListCredentialOptions options;
  if (!flags.valid_from.empty()) {
    auto when = parse_rfc3339(flags.valid_from);
    if (!when) return report(when.error(), "--valid-from");
    options.valid_from = *when;
  }
  if (!flags.valid_until.empty()) {
    auto when = parse_rfc3339(flags.valid_until);
    if (!when) return report(when.error(), "--valid-until");
    options.valid_until = *when;
  }
  auto credential =
      vc::make_status_list_credential(flags.id, flags.issuer, *purpose, *list, options);
  auto written = write_output("-", bj::serialize(credential) + "\n");
  return written ? exit_ok : report(written.error());
}

int run_get(const GetFlags& flags) {
  const std::string name = input_name(flags.file);
  auto text = read_input(flags.file, max_list_bytes);
  if (!text) return report(text.error());
  auto credential = json::parse(*text, {.max_bytes = max_list_bytes, .max_depth = 64});
  if (!credential) return report(credential.error(), name);
  const bj::object* subject = nullptr;
  if (credential->is_object()) {
    const auto* value = credential->get_object().if_contains("credentialSubject");
    if (value != nullptr && value->is_object()) subject = &value->get_object();
  }
  const bj::value* encoded = subject != nullptr ? subject->if_contains("encodedList") : nullptr;
  if (encoded == nullptr || !encoded->is_string()) {
    return report(make_error(ErrorCode::invalid_argument,
                             "not a status list credential: no credentialSubject.encodedList",
                             "/credentialSubject/encodedList"),
                  name);
  }
  auto list = vc::StatusList::decode(encoded->get_string());
  if (!list) return report(list.error(), name);
  std::vector<std::uint64_t> indexes;
  for (const auto& index_text : flags.indexes) {
    auto index = vc::parse_status_list_index(index_text);
    if (!index) return report(index.error());
    if (!list->contains(*index)) {
      return report(make_error(ErrorCode::invalid_argument,
                               "index " + index_text + " is not below the list's " +
                                   std::to_string(list->size()) + " entries"),
                    name);
    }
    indexes.push_back(*index);
  }
  std::string purpose;
  if (const auto* value = subject->if_contains("statusPurpose"); value != nullptr) {
    purpose = value->is_string() ? std::string(value->get_string()) : bj::serialize(*value);
  }
  std::string out;
  if (flags.json) {
    bj::object bits;
    for (auto index : indexes)
      bits[std::to_string(index)] = list->get(index);
    out = bj::serialize(bj::object{{"entries", list->size()},
                                   {"statusPurpose", purpose},
                                   {"set", list->count()},
                                   {"bits", std::move(bits)}}) +
          "\n";
  } else {
    out = std::to_string(list->size()) + " entries, " + std::to_string(list->count()) +
          " set, statusPurpose " + purpose + "\n";
    for (auto index : indexes)
      out += std::to_string(index) + " " + (list->get(index) ? "1" : "0") + "\n";
  }
  auto written = write_output("-", out);
  return written ? exit_ok : report(written.error());
}

}  // namespace

void add_status_list_commands(CLI::App& app, int& exit_code) {
  auto* group = app.add_subcommand("status-list", "Bitstring Status List v1.0 credentials");
  group->require_subcommand(1);

  auto make_flags = std::make_shared<MakeFlags>();
  auto* make = group->add_subcommand(
      "make", "Print an unsigned BitstringStatusListCredential (sign it with `microcred sign`)");
  make->add_option("--id", make_flags->id, "The list credential's URL")->required();
  make->add_option("--issuer", make_flags->issuer, "The issuer's DID")->required();
  make->add_option("--purpose", make_flags->purpose, "revocation (default) or suspension");
  make->add_option("--entries", make_flags->entries,
                   "Entries, a multiple of 8 and at least 131072 (default)");
  make->add_option("--set", make_flags->set, "An index whose bit is set (repeatable)")
      ->allow_extra_args(false);
  make->add_option("--valid-from", make_flags->valid_from, "validFrom (RFC 3339)");
  make->add_option("--valid-until", make_flags->valid_until, "validUntil (RFC 3339)");
  make->callback([make_flags, &exit_code] { exit_code = run_make(*make_flags); });

  auto get_flags = std::make_shared<GetFlags>();
  auto* get = group->add_subcommand(
      "get", "Print the bits at INDEX... of a status list credential's encodedList");
  get->add_option("FILE", get_flags->file, "Status list credential JSON, or - for standard input")
      ->required();
  get->add_option("INDEX", get_flags->indexes, "statusListIndex values to read");
  get->add_flag("--json", get_flags->json,
                "Print {\"entries\",\"statusPurpose\",\"set\",\"bits\":{index: bool}}");
  get->callback([get_flags, &exit_code] { exit_code = run_get(*get_flags); });
}

}  // namespace microcred::cli
