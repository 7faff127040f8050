#include "vc/status_list.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <memory>

#include <boost/json.hpp>

#include "core/multibase.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

constexpr std::string_view vc_v2_context = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view entry_type = "BitstringStatusListEntry";
constexpr std::string_view list_credential_type = "BitstringStatusListCredential";
constexpr std::string_view list_type = "BitstringStatusList";
// 2^63 - 1 has 19 digits; longer indexes cannot name an entry of any list we accept.
constexpr std::size_t max_index_digits = 19;
constexpr std::size_t inflate_chunk = 64 * 1024;

struct InflateStream {
  z_stream stream{};
  bool open = false;
  ~InflateStream() {
    if (open) inflateEnd(&stream);
  }
};

struct DeflateStream {
  z_stream stream{};
  bool open = false;
  ~DeflateStream() {
    if (open) deflateEnd(&stream);
  }
};

// GZIP only: windowBits 16 + MAX_WBITS makes zlib require the RFC 1952 wrapper, so a zlib
// (RFC 1950) or raw deflate stream is refused.
Result<Bytes> gunzip(ByteView compressed, std::size_t max_bytes) {
  InflateStream z;
  if (inflateInit2(&z.stream, 16 + MAX_WBITS) != Z_OK) {
    return make_error(ErrorCode::crypto_error, "zlib could not start inflating");
  }
  z.open = true;
  z.stream.next_in = const_cast<Bytef*>(compressed.data());
  z.stream.avail_in = static_cast<uInt>(compressed.size());
  Bytes out;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    // Grow by a chunk but never beyond the cap plus one byte, so a bomb stops at the cap.
    std::size_t room = std::min(inflate_chunk, max_bytes + 1 - out.size());
    std::size_t before = out.size();
    out.resize(before + room);
    z.stream.next_out = out.data() + before;
    z.stream.avail_out = static_cast<uInt>(room);
    status = inflate(&z.stream, Z_NO_FLUSH);
    out.resize(before + room - z.stream.avail_out);
    if (out.size() > max_bytes) {
      return make_error(ErrorCode::limit_exceeded,
                        "encodedList inflates to more than " + std::to_string(max_bytes) +
                            " bytes (the limit); refused as a possible compression bomb");
    }
    if (status == Z_STREAM_END) break;
    if (status == Z_BUF_ERROR && z.stream.avail_in == 0) {
      return make_error(ErrorCode::invalid_encoding, "encodedList: GZIP data is truncated");
    }
    if (status == Z_BUF_ERROR && out.size() == before) {
      // No progress with input and room left: never loop on it.
      return make_error(ErrorCode::invalid_encoding, "encodedList is not valid GZIP (RFC 1952)");
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      std::string why = z.stream.msg != nullptr ? z.stream.msg : "corrupt data";
      return make_error(ErrorCode::invalid_encoding,
                        "encodedList is not valid GZIP (RFC 1952): " + why);
    }
  }
  if (z.stream.avail_in != 0) {
    return make_error(ErrorCode::invalid_encoding,
                      "encodedList has data after the end of the GZIP stream");
  }
  return out;
}

Bytes gzip(ByteView data) {
  DeflateStream z;
  // zlib's default level: on a list with 1% of bits set, level 9 is 20x slower for 13%
  // fewer bytes. zlib writes mtime 0 and no name, so the output is reproducible.
  int rc = deflateInit2(&z.stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                        Z_DEFAULT_STRATEGY);
  assert(rc == Z_OK);
  z.open = rc == Z_OK;
  Bytes out(deflateBound(&z.stream, static_cast<uLong>(data.size())) + 32);
  z.stream.next_in = const_cast<Bytef*>(data.data());
  z.stream.avail_in = static_cast<uInt>(data.size());
  z.stream.next_out = out.data();
  z.stream.avail_out = static_cast<uInt>(out.size());
  rc = deflate(&z.stream, Z_FINISH);
  assert(rc == Z_STREAM_END);
  out.resize(z.stream.total_out);
  return out;
}

const bj::value* member(const bj::object& object, std::string_view key) {
  return object.if_contains(key);
}

bool has_type(const bj::value* type, std::string_view wanted) {
  if (type == nullptr) return false;
  if (type->is_string()) return type->get_string() == wanted;
  if (!type->is_array()) return false;
  return std::any_of(type->get_array().begin(), type->get_array().end(),
                     [&](const bj::value& t) { return t.is_string() && t.get_string() == wanted; });
}

Result<std::string> required_string(const bj::object& object, std::string_view key,
                                    std::string_view where) {
  const bj::value* value = member(object, key);
  if (value == nullptr) {
    return make_error(ErrorCode::invalid_argument,
                      std::string(where) + " has no " + std::string(key), std::string(key));
  }
  if (!value->is_string()) {
    return make_error(ErrorCode::invalid_argument,
                      std::string(where) + ": " + std::string(key) + " must be a string",
                      std::string(key));
  }
  return std::string(value->get_string());
}

Result<Timestamp> timestamp_of(const bj::object& object, std::string_view key) {
  const bj::value* value = member(object, key);
  if (!value->is_string()) {
    return make_error(ErrorCode::invalid_argument,
                      "status list credential: " + std::string(key) + " must be a date-time",
                      std::string(key));
  }
  auto t = parse_rfc3339(value->get_string());
  if (!t) {
    return make_error(ErrorCode::invalid_argument,
                      "status list credential: " + std::string(key) + ": " + t.error().message,
                      std::string(key));
  }
  return *t;
}

// A list credential's statusPurpose is "one or more strings" (§2.2).
bool list_has_purpose(const bj::value& purposes, std::string_view wanted) {
  if (purposes.is_string()) return purposes.get_string() == wanted;
  if (!purposes.is_array()) return false;
  for (const auto& p : purposes.get_array()) {
    if (p.is_string() && p.get_string() == wanted) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(StatusPurpose purpose) {
  switch (purpose) {
    case StatusPurpose::revocation:
      return "revocation";
    case StatusPurpose::suspension:
      return "suspension";
    case StatusPurpose::refresh:
      return "refresh";
    case StatusPurpose::message:
      return "message";
  }
  return "revocation";
}

Result<StatusPurpose> parse_status_purpose(std::string_view name) {
  for (auto purpose : {StatusPurpose::revocation, StatusPurpose::suspension, StatusPurpose::refresh,
                       StatusPurpose::message}) {
    if (to_string(purpose) == name) return purpose;
  }
  return make_error(ErrorCode::invalid_argument,
                    "statusPurpose \"" + std::string(name) +
                        "\" is not one of revocation, suspension, refresh, message",
                    "statusPurpose");
}

Result<std::uint64_t> parse_status_list_index(std::string_view text) {
  auto refuse = [&](std::string_view why) {
    return make_error(
        ErrorCode::invalid_argument,
        "statusListIndex \"" + std::string(text.substr(0, 40)) + "\" " + std::string(why),
        "statusListIndex");
  };
  if (text.empty()) return refuse("is empty; it must be a base-10 integer such as \"94567\"");
  if (text.size() > max_index_digits) return refuse("is too long for any status list");
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return refuse("is not a base-10 integer (only the digits 0-9; no sign or spaces)");
    }
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

Result<StatusList> StatusList::create(std::size_t entries) {
  if (entries < status_list_min_entries || entries % 8 != 0) {
    return make_error(ErrorCode::invalid_argument,
                      "a status list needs a multiple of 8 entries, at least " +
                          std::to_string(status_list_min_entries) + "; got " +
                          std::to_string(entries));
  }
  return StatusList(Bytes(entries / 8, 0));
}

Result<StatusList> StatusList::from_bytes(ByteView bytes) {
  if (bytes.size() * 8 < status_list_min_entries) {
    return make_error(ErrorCode::invalid_argument,
                      "status list has " + std::to_string(bytes.size() * 8) +
                          " entries; Bitstring Status List requires at least " +
                          std::to_string(status_list_min_entries));
  }
  return StatusList(Bytes(bytes.begin(), bytes.end()));
}

Result<StatusList> StatusList::decode(std::string_view encoded, const StatusListLimits& limits) {
  if (encoded.size() > limits.max_encoded_chars) {
    return make_error(ErrorCode::limit_exceeded,
                      "encodedList has " + std::to_string(encoded.size()) +
                          " characters, over the limit of " +
                          std::to_string(limits.max_encoded_chars),
                      "encodedList");
  }
  // Bitstring Status List v1.0 §2.2: multibase base64url with no padding.
  if (encoded.empty() || encoded.front() != 'u') {
    return make_error(ErrorCode::invalid_encoding,
                      "encodedList must be multibase base64url (starting with 'u')", "encodedList");
  }
  auto compressed = base64url_decode(encoded.substr(1));
  if (!compressed) {
    return make_error(ErrorCode::invalid_encoding,
                      "encodedList is not base64url: " + compressed.error().message, "encodedList");
  }
  auto bits = gunzip(*compressed, limits.max_inflated_bytes);
  if (!bits) {
    Error error = std::move(bits).error();
    error.field = "encodedList";
    return error;
  }
  if (bits->size() * 8 < status_list_min_entries) {
    return make_error(ErrorCode::invalid_argument,
                      "status list has " + std::to_string(bits->size() * 8) +
                          " entries; Bitstring Status List requires at least " +
                          std::to_string(status_list_min_entries),
                      "encodedList");
  }
  return StatusList(std::move(*bits));
}

// §2.2: index 0 is the left-most bit of the bitstring, the most significant bit of byte 0.
bool StatusList::get(std::size_t index) const {
  assert(contains(index));
  return (bytes_[index / 8] >> (7 - index % 8)) & 1U;
}

void StatusList::set(std::size_t index, bool value) {
  assert(contains(index));
  auto mask = static_cast<std::uint8_t>(0x80U >> (index % 8));
  if (value) {
    bytes_[index / 8] |= mask;
  } else {
    bytes_[index / 8] &= static_cast<std::uint8_t>(~mask);
  }
}

std::size_t StatusList::count() const {
  std::size_t n = 0;
  for (auto b : bytes_)
    n += static_cast<std::size_t>(std::popcount(b));
  return n;
}

std::string StatusList::encode() const {
  return multibase_encode(gzip(bytes_), Multibase::base64url);
}

StatusIndexAllocator::StatusIndexAllocator(std::size_t entries, crypto::RandomSource& random)
    : entries_(entries), used_((entries + 63) / 64, 0), random_(&random) {}

Result<StatusIndexAllocator> StatusIndexAllocator::create(std::size_t entries,
                                                          std::span<const std::uint64_t> used,
                                                          crypto::RandomSource& random) {
  if (entries == 0) {
    return make_error(ErrorCode::invalid_argument, "a status list has at least one entry");
  }
  StatusIndexAllocator allocator(entries, random);
  for (auto index : used) {
    if (index >= entries) {
      return make_error(ErrorCode::invalid_argument, "used index " + std::to_string(index) +
                                                         " is not in a list of " +
                                                         std::to_string(entries) + " entries");
    }
    allocator.mark_used(index);
  }
  return allocator;
}

bool StatusIndexAllocator::is_used(std::uint64_t index) const {
  assert(index < entries_);
  return (used_[index / 64] >> (index % 64)) & 1U;
}

void StatusIndexAllocator::mark_used(std::uint64_t index) {
  assert(index < entries_);
  if (is_used(index)) return;
  used_[index / 64] |= std::uint64_t{1} << (index % 64);
  ++used_count_;
}

// Uniform in [0, bound) without modulo bias: reject draws from the incomplete top range.
std::uint64_t StatusIndexAllocator::uniform_below(std::uint64_t bound) {
  assert(bound > 0);
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  for (;;) {
    std::uint8_t bytes[8];
    random_->fill(bytes);
    std::uint64_t draw = 0;
    for (auto b : bytes)
      draw = (draw << 8) | b;
    if (draw < limit) return draw % bound;
  }
}

Result<std::uint64_t> StatusIndexAllocator::allocate() {
  if (remaining() == 0) {
    return make_error(
        ErrorCode::limit_exceeded,
        "status list is full (" + std::to_string(entries_) + " entries used); start a new list");
  }
  // While at least half is free, drawing an index and retrying on a used one is uniform over
  // the free indexes and takes under two draws on average.
  if (remaining() * 2 >= entries_) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      std::uint64_t index = uniform_below(entries_);
      if (!is_used(index)) {
        mark_used(index);
        return index;
      }
    }
  }
  // Otherwise pick the k-th free index, k uniform: exact, and linear in words.
  std::uint64_t k = uniform_below(remaining());
  for (std::size_t word = 0; word < used_.size(); ++word) {
    std::uint64_t free_bits = ~used_[word];
    if (word == used_.size() - 1 && entries_ % 64 != 0) {
      free_bits &= (std::uint64_t{1} << (entries_ % 64)) - 1;
    }
    auto n = static_cast<std::uint64_t>(std::popcount(free_bits));
    if (k >= n) {
      k -= n;
      continue;
    }
    for (; k > 0; --k)
      free_bits &= free_bits - 1;  // drop the lowest k free bits
    std::uint64_t index = word * 64 + static_cast<std::uint64_t>(std::countr_zero(free_bits));
    mark_used(index);
    return index;
  }
  assert(false && "remaining() disagrees with the bitmap");
  return make_error(ErrorCode::limit_exceeded, "status list is full");
}

bj::value make_status_list_credential(std::string_view id, std::string_view issuer,
                                      StatusPurpose purpose, const StatusList& list,
                                      const StatusListCredentialOptions& options) {
  bj::object credential;
  credential["@context"] = bj::array{bj::string(vc_v2_context)};
  credential["id"] = id;
  credential["type"] = bj::array{"VerifiableCredential", bj::string(list_credential_type)};
  credential["issuer"] = issuer;
  if (options.valid_from) credential["validFrom"] = format_rfc3339(*options.valid_from);
  if (options.valid_until) credential["validUntil"] = format_rfc3339(*options.valid_until);
  if (options.ttl_ms) credential["ttl"] = *options.ttl_ms;
  bj::object subject;
  subject["id"] = std::string(id) + "#list";
  subject["type"] = list_type;
  subject["statusPurpose"] = to_string(purpose);
  subject["encodedList"] = list.encode();
  credential["credentialSubject"] = std::move(subject);
  return credential;
}

bj::value make_status_entry(std::string_view list_credential_url, StatusPurpose purpose,
                            std::uint64_t index) {
  bj::object entry;
  entry["id"] = std::string(list_credential_url) + "#" + std::to_string(index);
  entry["type"] = entry_type;
  entry["statusPurpose"] = to_string(purpose);
  entry["statusListIndex"] = std::to_string(index);
  entry["statusListCredential"] = list_credential_url;
  return entry;
}

Result<StatusCheck> check_status(const bj::object& entry, const bj::value& list_credential,
                                 const StatusCheckOptions& options) {
  auto fail = [](std::string message, std::string field = {}) {
    return make_error(ErrorCode::invalid_argument, std::move(message), std::move(field));
  };

  // The entry (§2.1).
  if (!has_type(member(entry, "type"), entry_type)) {
    return fail("credentialStatus type is not BitstringStatusListEntry", "type");
  }
  auto purpose_name = required_string(entry, "statusPurpose", "BitstringStatusListEntry");
  if (!purpose_name) return purpose_name.error();
  auto purpose = parse_status_purpose(*purpose_name);
  if (!purpose) return purpose.error();
  if (*purpose != StatusPurpose::revocation && *purpose != StatusPurpose::suspension) {
    return make_error(ErrorCode::unsupported,
                      "statusPurpose \"" + *purpose_name +
                          "\" is not supported; microcred checks revocation and suspension",
                      "statusPurpose");
  }
  if (const bj::value* size = member(entry, "statusSize")) {
    if (!(size->is_int64() && size->get_int64() == 1) &&
        !(size->is_uint64() && size->get_uint64() == 1)) {
      return make_error(ErrorCode::unsupported,
                        "statusSize other than 1 is not supported for revocation and "
                        "suspension",
                        "statusSize");
    }
  }
  auto index_text = required_string(entry, "statusListIndex", "BitstringStatusListEntry");
  if (!index_text) return index_text.error();
  auto index = parse_status_list_index(*index_text);
  if (!index) return index.error();
  auto list_url = required_string(entry, "statusListCredential", "BitstringStatusListEntry");
  if (!list_url) return list_url.error();

  // The list credential (§2.2).
  if (!list_credential.is_object()) return fail("status list credential is not a JSON object");
  const bj::object& list_object = list_credential.get_object();
  auto list_id = required_string(list_object, "id", "status list credential");
  if (!list_id) return list_id.error();
  if (*list_id != *list_url) {
    return fail("status list credential id \"" + *list_id +
                    "\" is not the statusListCredential of the entry (\"" + *list_url + "\")",
                "statusListCredential");
  }
  if (!has_type(member(list_object, "type"), list_credential_type)) {
    return fail("status list credential type does not include BitstringStatusListCredential",
                "type");
  }
  std::string issuer;
  if (const bj::value* i = member(list_object, "issuer")) {
    if (i->is_string()) {
      issuer = i->get_string();
    } else if (i->is_object() && i->get_object().contains("id") &&
               i->get_object().at("id").is_string()) {
      issuer = i->get_object().at("id").get_string();
    }
  }
  if (issuer.empty()) return fail("status list credential has no issuer id", "issuer");

  if (options.now) {
    const Timestamp now = *options.now;
    if (member(list_object, "validFrom") != nullptr) {
      auto from = timestamp_of(list_object, "validFrom");
      if (!from) return from.error();
      if (from->seconds > now.seconds + options.clock_skew_seconds) {
        return fail("status list credential is not valid yet: validFrom " + format_rfc3339(*from) +
                        " is after " + format_rfc3339(now),
                    "validFrom");
      }
    }
    if (member(list_object, "validUntil") != nullptr) {
      auto until = timestamp_of(list_object, "validUntil");
      if (!until) return until.error();
      if (until->seconds + options.clock_skew_seconds < now.seconds) {
        return fail("status list credential has expired: validUntil " + format_rfc3339(*until) +
                        " is before " + format_rfc3339(now),
                    "validUntil");
      }
    }
  }

  const bj::value* subject_value = member(list_object, "credentialSubject");
  if (subject_value == nullptr || !subject_value->is_object()) {
    return fail("status list credential: credentialSubject must be an object", "credentialSubject");
  }
  const bj::object& subject = subject_value->get_object();
  if (!has_type(member(subject, "type"), list_type)) {
    return fail("status list credential: credentialSubject type is not BitstringStatusList",
                "credentialSubject.type");
  }
  const bj::value* list_purposes = member(subject, "statusPurpose");
  if (list_purposes == nullptr) {
    return fail("status list credential has no statusPurpose", "credentialSubject.statusPurpose");
  }
  if (!list_has_purpose(*list_purposes, *purpose_name)) {
    return fail("statusPurpose mismatch: the entry says \"" + *purpose_name +
                    "\" but the status list is for " + bj::serialize(*list_purposes),
                "statusPurpose");
  }
  auto encoded = required_string(subject, "encodedList", "status list credential");
  if (!encoded) return encoded.error();
  auto list = StatusList::decode(*encoded, options.limits);
  if (!list) return list.error();
  if (!list->contains(*index)) {
    return fail("statusListIndex " + std::to_string(*index) + " is outside the list of " +
                    std::to_string(list->size()) + " entries",
                "statusListIndex");
  }

  StatusCheck check;
  check.purpose = *purpose;
  check.index = *index;
  check.set = list->get(*index);
  check.list_issuer = std::move(issuer);
  check.list_credential_id = *list_id;
  std::string state = *purpose == StatusPurpose::revocation ? "revoked" : "suspended";
  check.detail = (check.set ? state : "not " + state) + " (index " + std::to_string(*index) +
                 " of " + std::to_string(list->size()) + " in " + *list_id + ")";
  return check;
}

}  // namespace microcred::vc
