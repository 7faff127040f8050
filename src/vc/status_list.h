#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/encoding.h"
#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"

namespace microcred::vc {

/// The smallest list Bitstring Status List v1.0 allows (16 KB of bits), for herd privacy.
inline constexpr std::size_t status_list_min_entries = 131'072;

/// What a status list says about its credentials (Bitstring Status List v1.0 §2.1).
enum class StatusPurpose {
  revocation,  ///< A set bit: the credential is revoked, for good.
  suspension,  ///< A set bit: the credential is suspended; the bit may be cleared again.
  refresh,     ///< Well-formed but not supported by microcred.
  message,     ///< Well-formed but not supported by microcred (needs statusSize/statusMessage).
};

/// The purpose's wire string, e.g. "revocation".
std::string_view to_string(StatusPurpose purpose);
/// The purpose named `name`; fails with `invalid_argument` on a name the spec does not define.
Result<StatusPurpose> parse_status_purpose(std::string_view name);

/// Limits for decoding an `encodedList` from someone else. The defaults suit every real list.
struct StatusListLimits {
  /// Longest `encodedList` string accepted, in characters.
  std::size_t max_encoded_chars = 4 * 1024 * 1024;
  /// Largest inflated bitstring accepted, in bytes (16 MiB = 134 million entries); caps
  /// compression bombs.
  std::size_t max_inflated_bytes = 16 * 1024 * 1024;
};

/// A bitstring of status entries, one bit each (statusSize 1); entry 0 is the left-most
/// (most significant) bit of the first byte. A plain value; not thread-safe to modify.
class StatusList {
 public:
  /// A list of `entries` bits, all clear. `entries` must be a multiple of 8 and at least
  /// `status_list_min_entries`; fails with `invalid_argument` otherwise.
  static Result<StatusList> create(std::size_t entries = status_list_min_entries);

  /// The list whose packed bitstring is `bytes` (as `bytes()` gives it back), e.g. from a
  /// store. Fails with `invalid_argument` below `status_list_min_entries`.
  static Result<StatusList> from_bytes(ByteView bytes);

  /// The list of an `encodedList` (multibase 'u' base64url, no padding, of a GZIP
  /// bitstring). Fails with `invalid_encoding` (not 'u' multibase, bad base64url, not GZIP,
  /// corrupt or trailing data), `limit_exceeded` (over `limits`, checked while inflating)
  /// or `invalid_argument` (fewer than `status_list_min_entries` entries).
  static Result<StatusList> decode(std::string_view encoded, const StatusListLimits& limits = {});

  /// The number of entries.
  std::size_t size() const { return bytes_.size() * 8; }
  /// Whether `index` names an entry of this list.
  bool contains(std::size_t index) const { return index < size(); }
  /// The bit at `index`; requires `contains(index)`.
  bool get(std::size_t index) const;
  /// Sets the bit at `index` to `value`; requires `contains(index)`.
  void set(std::size_t index, bool value = true);
  /// Clears the bit at `index`; requires `contains(index)`.
  void clear(std::size_t index) { set(index, false); }
  /// How many bits are set.
  std::size_t count() const;
  /// The packed bitstring.
  const Bytes& bytes() const { return bytes_; }

  /// The `encodedList`: GZIP (RFC 1952, no file name, mtime 0) then multibase base64url
  /// with no padding ('u' prefix). Deterministic for a given list.
  std::string encode() const;

  bool operator==(const StatusList&) const = default;

 private:
  explicit StatusList(Bytes bytes) : bytes_(std::move(bytes)) {}
  Bytes bytes_;
};

/// Hands out unused indexes of one status list uniformly at random, so that an index says
/// nothing about when or to whom a credential was issued (herd privacy), and never the same
/// index twice. Keeps a reference to `random`, which must outlive it. Not thread-safe.
class StatusIndexAllocator {
 public:
  /// An allocator over a list of `entries` entries in which `used` are already taken.
  /// Fails with `invalid_argument` when an index in `used` is not below `entries`.
  static Result<StatusIndexAllocator> create(std::size_t entries,
                                             std::span<const std::uint64_t> used,
                                             crypto::RandomSource& random);

  /// A free index, uniformly at random among the free ones, now marked used. Fails with
  /// `limit_exceeded` when the list is full (start a new list).
  Result<std::uint64_t> allocate();
  /// Marks `index` used; requires `index < size()`.
  void mark_used(std::uint64_t index);
  /// Whether `index` is taken; requires `index < size()`.
  bool is_used(std::uint64_t index) const;
  /// The number of entries.
  std::size_t size() const { return entries_; }
  /// The number of free entries.
  std::size_t remaining() const { return entries_ - used_count_; }

 private:
  StatusIndexAllocator(std::size_t entries, crypto::RandomSource& random);
  std::uint64_t uniform_below(std::uint64_t bound);
  std::size_t entries_;
  std::vector<std::uint64_t> used_;  // one bit per entry
  std::size_t used_count_ = 0;
  crypto::RandomSource* random_;
};

/// What `make_status_list_credential` writes besides the list.
struct StatusListCredentialOptions {
  /// Written as `validFrom` when set.
  std::optional<Timestamp> valid_from;
  /// Written as `validUntil` when set.
  std::optional<Timestamp> valid_until;
  /// Written as `ttl` (milliseconds a verifier may cache the list) when set.
  std::optional<std::uint64_t> ttl_ms;
};

/// An unsigned `BitstringStatusListCredential` (VC 2.0 context only, which defines every
/// term) with id `id`, issuer `issuer`, and credentialSubject `{id: id + "#list", type:
/// "BitstringStatusList", statusPurpose, encodedList}`. Sign it with `vc::add_proof`.
boost::json::value make_status_list_credential(std::string_view id, std::string_view issuer,
                                               StatusPurpose purpose, const StatusList& list,
                                               const StatusListCredentialOptions& options = {});

/// A `BitstringStatusListEntry` for a credential's `credentialStatus`: id
/// `list_credential_url + "#" + index`, `statusListIndex` as a base-10 string.
boost::json::value make_status_entry(std::string_view list_credential_url, StatusPurpose purpose,
                                     std::uint64_t index);

/// Options for `check_status`.
struct StatusCheckOptions {
  StatusListLimits limits;
  /// When set, the list credential's `validFrom`/`validUntil` must hold at this instant.
  std::optional<Timestamp> now;
  /// Tolerance for `now` against the list's validity period, in seconds.
  std::int64_t clock_skew_seconds = 300;
};

/// The answer of a status check that could be made.
struct StatusCheck {
  StatusPurpose purpose = StatusPurpose::revocation;
  std::uint64_t index = 0;
  /// The bit: true means revoked (or suspended, by `purpose`).
  bool set = false;
  /// For people: "not revoked (index 94567 of 131072 in https://...)".
  std::string detail;
  /// The list credential's `issuer` (its id when an object); the verifier checks that it
  /// matches the credential's issuer and that the list's proof verifies.
  std::string list_issuer;
  /// The list credential's `id`.
  std::string list_credential_id;
};

/// Checks one `BitstringStatusListEntry` against the `BitstringStatusListCredential` it
/// names (Bitstring Status List v1.0 §3.2, steps after retrieval; statusSize 1). It does not
/// verify the list's proof: the caller must. An `Error` means the status cannot be known (a
/// malformed entry or list, a purpose or id mismatch, an index out of range, a list too
/// short, over `options.limits` or outside its validity period); a verifier treats it as a
/// failed status check, never as "not revoked". `unsupported` for purposes refresh/message
/// and statusSize other than 1. Thread-safe.
Result<StatusCheck> check_status(const boost::json::object& entry,
                                 const boost::json::value& list_credential,
                                 const StatusCheckOptions& options = {});

/// The `statusListIndex` string as a number: only ASCII digits (leading zeros allowed, as
/// base-10 permits; no sign, space or other junk), at most 19 digits. Fails with
/// `invalid_argument` naming the text.
Result<std::uint64_t> parse_status_list_index(std::string_view text);

}  // namespace microcred::vc
