#include "rdf/canonicalize.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rdf/detail/hash.h"
#include "rdf/detail/identifier_issuer.h"
#include "rdf/detail/nquads_writer.h"
#include "rdf/detail/permuter.h"
#include "rdf/detail/prepared_dataset.h"
#include "rdf/nquads.h"

namespace microcred::rdf {

namespace {

using detail::HexDigest;
using detail::IdentifierIssuer;
using detail::no_blank;
using detail::PreparedDataset;
constexpr std::size_t subject_position = 0;
constexpr std::size_t predicate_position = 1;
constexpr std::size_t object_position = 2;
constexpr std::size_t graph_position = 3;

// Thrown inside this file only, and turned into an Error by canonicalize().
struct WorkLimitReached {
  std::string what;
};

// A quad prepared once: each component is either a blank node number or its N-Quads text,
// so that hashing never serializes a term twice.
struct CanonQuad {
  std::int32_t blank[4] = {no_blank, no_blank, no_blank, no_blank};
  std::string_view text[4];
  std::string_view predicate;
};

// A cheap hash of a prepared quad: blank node numbers, and each text's length with its
// first and last bytes. Equal quads hash equal; the rare collision costs one comparison.
std::uint64_t quick_hash(const CanonQuad& quad) {
  std::uint64_t seed = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint64_t part = static_cast<std::uint64_t>(quad.blank[i]) + 1;
    const std::string_view text = quad.text[i];
    if (!text.empty()) {
      std::uint64_t head = 0, tail = 0;
      if (text.size() >= 8) {
        std::memcpy(&head, text.data(), 8);
        std::memcpy(&tail, text.data() + text.size() - 8, 8);
      } else {
        std::memcpy(&head, text.data(), text.size());
        tail = head;
      }
      part ^= text.size() * 0x9E3779B97F4A7C15u ^ head ^ (tail * 0xC2B2AE3D27D4EB4Fu);
    }
    seed = (seed ^ part) * 0x100000001B3u;
    seed ^= seed >> 29;
  }
  return seed;
}

bool same_quad(const CanonQuad& a, const CanonQuad& b) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (a.blank[i] != b.blank[i] || a.text[i] != b.text[i]) return false;
  }
  return true;
}

// A power-of-two table size with room to spare for `count` entries.
std::size_t table_size(std::size_t count) {
  std::size_t size = 16;
  while (size < count * 2)
    size *= 2;
  return size;
}

// Appends prefix and number, e.g. "_:c14n12".
void append_label(std::string& out, std::string_view prefix, std::int32_t number) {
  out.append(prefix);
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out.append(digits, end);
}

bool valid_position(const Term& term, std::size_t position) {
  switch (position) {
    case subject_position:
      return term.kind == TermKind::iri || term.kind == TermKind::blank_node;
    case predicate_position:
      return term.kind == TermKind::iri;
    case object_position:
      return term.kind != TermKind::default_graph;
    default:
      return term.kind != TermKind::literal;
  }
}

// Builds the prepared form of a Dataset: blank nodes numbered in order of first appearance.
Result<PreparedDataset> prepare_dataset(const Dataset& dataset) {
  const auto& quads = dataset.quads;
  PreparedDataset prepared;
  std::size_t estimate = 0;
  for (const Quad& quad : quads) {
    estimate += quad.subject.value.size() + quad.predicate.value.size() + quad.object.value.size() +
                quad.object.datatype.size() + quad.graph.value.size() + 16;
  }
  prepared.text.reserve(estimate + estimate / 8);
  prepared.quads.reserve(quads.size());
  // Blank node label -> number, open addressing over slots holding number + 1.
  std::vector<std::uint32_t> blank_slots(table_size(quads.size() * 3));
  const std::size_t blank_mask = blank_slots.size() - 1;
  auto& labels = prepared.labels;
  for (std::size_t q = 0; q < quads.size(); ++q) {
    const Quad& quad = quads[q];
    const Term* terms[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    detail::TermView views[4];
    for (std::size_t i = 0; i < 4; ++i) {
      const Term& term = *terms[i];
      if (!valid_position(term, i)) {
        static constexpr const char* names[] = {"subject", "predicate", "object", "graph"};
        return make_error(ErrorCode::invalid_argument, "quad " + std::to_string(q + 1) + ": term " +
                                                           to_nquads(term) + " cannot be a " +
                                                           names[i] + " in RDF");
      }
      views[i] = {term.kind, term.value, term.datatype, term.language, term.direction, 0};
      if (term.kind == TermKind::blank_node) {
        std::size_t slot = std::hash<std::string_view>{}(term.value) & blank_mask;
        while (blank_slots[slot] != 0 && labels[blank_slots[slot] - 1] != term.value) {
          slot = (slot + 1) & blank_mask;
        }
        if (blank_slots[slot] == 0) {
          labels.push_back(term.value);
          blank_slots[slot] = static_cast<std::uint32_t>(labels.size());
        }
        views[i].blank = blank_slots[slot] - 1;
      }
    }
    prepared.add(views[0], views[1], views[2], views[3]);
  }
  prepared.blank_count = static_cast<std::uint32_t>(labels.size());
  return prepared;
}

class Canonicalizer {
 public:
  Canonicalizer(const PreparedDataset& dataset, const CanonicalizeOptions& options)
      : dataset_(dataset), options_(options), hasher_(options.hash) {}

  Result<Canonicalized> run() {
    if (dataset_.text.size() > std::numeric_limits<std::uint32_t>::max()) {
      return make_error(ErrorCode::limit_exceeded, "over 4 GiB of N-Quads to canonicalize");
    }
    prepare();
    try {
      issue_canonical_identifiers();
    } catch (const WorkLimitReached& limit) {
      return make_error(ErrorCode::work_limit_exceeded, limit.what);
    }
    Canonicalized out{serialize(), {}};
    if (options_.issued_map) out.issued = issued_map();
    return out;
  }

 private:
  // Views every term's text, drops duplicate quads (a dataset is a set) and builds the blank
  // node to quads map (RDFC-1.0, 4.4.3 step 2).
  void prepare() {
    const std::string_view text(dataset_.text);
    prepared_.resize(dataset_.quads.size());
    for (std::size_t q = 0; q < prepared_.size(); ++q) {
      const detail::PreparedQuad& source = dataset_.quads[q];
      CanonQuad& quad = prepared_[q];
      for (std::size_t i = 0; i < 4; ++i) {
        quad.blank[i] = source.blank[i];
        quad.text[i] = text.substr(source.begin[i], source.end[i] - source.begin[i]);
      }
      quad.predicate = source.predicate;
    }
    blank_count_ = dataset_.blank_count;
    // Drop duplicate quads, keeping the first of each (a dataset is a set).
    {
      std::vector<std::uint32_t> slots(table_size(prepared_.size()));
      const std::size_t mask = slots.size() - 1;
      std::size_t kept = 0;
      for (std::size_t q = 0; q < prepared_.size(); ++q) {
        std::size_t slot = quick_hash(prepared_[q]) & mask;
        bool duplicate = false;
        while (slots[slot] != 0) {
          if (same_quad(prepared_[slots[slot] - 1], prepared_[q])) {
            duplicate = true;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (duplicate) continue;
        // Kept quads move down only over dropped ones, so slots keep pointing at them.
        prepared_[kept] = prepared_[q];
        slots[slot] = static_cast<std::uint32_t>(++kept);
      }
      prepared_.resize(kept);
    }

    // The blank node to quads map as one array: quads of node n are
    // node_quads_[quads_begin_[n] .. quads_begin_[n + 1]).
    quads_begin_.assign(blank_count_ + 1, 0);
    const auto for_each_blank = [](const CanonQuad& quad, auto&& visit) {
      for (std::size_t i : {subject_position, object_position, graph_position}) {
        const std::int32_t node = quad.blank[i];
        if (node == no_blank) continue;
        // A node twice in one quad lists the quad once.
        if (i == object_position && node == quad.blank[subject_position]) continue;
        if (i == graph_position &&
            (node == quad.blank[subject_position] || node == quad.blank[object_position])) {
          continue;
        }
        visit(static_cast<std::size_t>(node));
      }
    };
    for (const CanonQuad& quad : prepared_) {
      for_each_blank(quad, [&](std::size_t node) { ++quads_begin_[node + 1]; });
    }
    for (std::size_t n = 0; n < blank_count_; ++n)
      quads_begin_[n + 1] += quads_begin_[n];
    node_quads_.resize(quads_begin_.back());
    std::vector<std::uint32_t> fill(quads_begin_.begin(), quads_begin_.end() - 1);
    for (std::size_t q = 0; q < prepared_.size(); ++q) {
      for_each_blank(prepared_[q], [&](std::size_t node) {
        node_quads_[fill[node]++] = static_cast<std::uint32_t>(q);
      });
    }
    canonical_ = IdentifierIssuer(blank_count_);
  }

  // The input label of blank node `n`.
  std::string label_of(std::uint32_t n) const {
    if (!dataset_.labels.empty()) return std::string(dataset_.labels[n]);
    std::string label;
    append_label(label, "b", static_cast<std::int32_t>(n));
    return label;
  }

  // Permuter keys: each blank node's rank in the order of its input label. Only Hash
  // N-Degree Quads needs them, so they are made on first use.
  void rank_labels() {
    if (!label_rank_.empty() || blank_count_ == 0) return;
    std::vector<std::string> owned;
    std::vector<std::string_view> labels;
    if (dataset_.labels.empty()) {
      owned.reserve(blank_count_);
      for (std::uint32_t n = 0; n < blank_count_; ++n)
        owned.push_back(label_of(n));
      labels.assign(owned.begin(), owned.end());
    } else {
      labels = dataset_.labels;
    }
    std::vector<std::uint32_t> by_label(blank_count_);
    for (std::uint32_t n = 0; n < by_label.size(); ++n)
      by_label[n] = n;
    std::sort(by_label.begin(), by_label.end(),
              [&](std::uint32_t a, std::uint32_t b) { return labels[a] < labels[b]; });
    label_rank_.resize(blank_count_);
    for (std::uint32_t r = 0; r < by_label.size(); ++r)
      label_rank_[by_label[r]] = r;
  }

  std::span<const std::uint32_t> quads_of(std::uint32_t node) const {
    return std::span<const std::uint32_t>(node_quads_)
        .subspan(quads_begin_[node], quads_begin_[node + 1] - quads_begin_[node]);
  }

  // Appends `quad` as one N-Quads line, writing each blank node with `label(node)`.
  template <class Label>
  void append_line(std::string& out, const CanonQuad& quad, Label&& label) {
    for (std::size_t i = 0; i < 4; ++i) {
      if (i == graph_position && quad.blank[i] == no_blank && quad.text[i].empty()) break;
      if (i != 0) out.push_back(' ');
      if (quad.blank[i] != no_blank) {
        label(out, static_cast<std::uint32_t>(quad.blank[i]));
      } else {
        out.append(quad.text[i]);
      }
    }
    out.append(" .\n");
  }

  // Sorts the lines in `buffer` (delimited by `ends`) by code point (UTF-8 bytes sort the
  // same way) and hashes them in that order.
  HexDigest hash_sorted_lines(const std::string& buffer, const std::vector<std::size_t>& ends) {
    lines_.clear();
    std::size_t begin = 0;
    for (std::size_t end : ends) {
      lines_.push_back(std::string_view(buffer).substr(begin, end - begin));
      begin = end;
    }
    std::sort(lines_.begin(), lines_.end());
    hasher_.begin();
    if (lines_.size() == 1) {
      hasher_.update(lines_[0]);
    } else {
      // One update of the lines in order: each update costs more than copying a line.
      sorted_.clear();
      for (std::string_view line : lines_)
        sorted_.append(line);
      hasher_.update(sorted_);
    }
    return hasher_.finish();
  }

  // RDFC-1.0, 4.6 Hash First Degree Quads.
  HexDigest hash_first_degree_quads(std::uint32_t reference) {
    scratch_.clear();
    ends_.clear();
    for (std::uint32_t q : quads_of(reference)) {
      // Note: the spec's _:a / _:z, never a canonical identifier already issued; this is
      // what every implementation does (see rdf-canonize's note on it).
      append_line(scratch_, prepared_[q], [&](std::string& out, std::uint32_t node) {
        out.append(node == reference ? "_:a" : "_:z");
      });
      ends_.push_back(scratch_.size());
    }
    return hash_sorted_lines(scratch_, ends_);
  }

  // RDFC-1.0, 4.7 Hash Related Blank Node.
  HexDigest hash_related_blank_node(std::uint32_t related, const CanonQuad& quad,
                                    const IdentifierIssuer& issuer, char position) {
    hasher_.begin();
    hasher_.update(std::string_view(&position, 1));
    if (position != 'g') {
      hasher_.update("<");
      hasher_.update(quad.predicate);
      hasher_.update(">");
    }
    label_.clear();
    if (const std::int32_t id = canonical_.find(related); id >= 0) {
      append_label(label_, "_:c14n", id);
    } else if (const std::int32_t temporary = issuer.find(related); temporary >= 0) {
      append_label(label_, "_:b", temporary);
    } else {
      label_.append(first_degree_[related].view());
    }
    hasher_.update(label_);
    return hasher_.finish();
  }

  struct NDegreeResult {
    HexDigest hash;
    IdentifierIssuer issuer;
  };

  // RDFC-1.0, 4.8 Hash N-Degree Quads.
  NDegreeResult hash_n_degree_quads(std::uint32_t identifier, IdentifierIssuer issuer) {
    if (++ndegree_calls_ > options_.max_ndegree_calls) {
      throw WorkLimitReached{"RDFC-1.0 needed more than " +
                             std::to_string(options_.max_ndegree_calls) +
                             " calls of Hash N-Degree Quads (max_ndegree_calls); the dataset "
                             "looks like a poison graph"};
    }
    rank_labels();
    // Step 1-3: related blank nodes by their related hash.
    std::vector<std::pair<HexDigest, std::uint32_t>> related_hashes;
    for (std::uint32_t q : quads_of(identifier)) {
      const CanonQuad& quad = prepared_[q];
      static constexpr std::pair<std::size_t, char> positions[] = {
          {subject_position, 's'}, {object_position, 'o'}, {graph_position, 'g'}};
      for (auto [i, position] : positions) {
        const std::int32_t node = quad.blank[i];
        if (node == no_blank || static_cast<std::uint32_t>(node) == identifier) continue;
        const auto related = static_cast<std::uint32_t>(node);
        related_hashes.emplace_back(hash_related_blank_node(related, quad, issuer, position),
                                    related);
      }
    }
    std::stable_sort(related_hashes.begin(), related_hashes.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    std::string data;
    std::string path;
    std::string chosen_path;
    for (std::size_t group = 0; group < related_hashes.size();) {
      std::size_t group_end = group;
      std::vector<std::uint32_t> keys;
      while (group_end < related_hashes.size() &&
             related_hashes[group_end].first == related_hashes[group].first) {
        keys.push_back(label_rank_[related_hashes[group_end].second]);
        ++group_end;
      }
      // Step 5.1: the related hash.
      data.append(related_hashes[group].first.view());
      chosen_path.clear();
      IdentifierIssuer chosen_issuer(0);
      bool chosen = false;
      detail::Permuter permuter(std::move(keys));
      while (permuter.has_next()) {
        if (++permutations_ > options_.max_permutations) {
          throw WorkLimitReached{"RDFC-1.0 needed more than " +
                                 std::to_string(options_.max_permutations) +
                                 " permutations in Hash N-Degree Quads (max_permutations); the "
                                 "dataset looks like a poison graph"};
        }
        const std::vector<std::uint32_t> permutation = permuter.next();
        IdentifierIssuer issuer_copy = issuer;
        path.clear();
        std::vector<std::uint32_t> recursion_list;
        bool skip = false;
        for (std::uint32_t rank : permutation) {
          const std::uint32_t related = by_rank(rank);
          if (const std::int32_t id = canonical_.find(related); id >= 0) {
            append_label(path, "_:c14n", id);
          } else {
            if (!issuer_copy.has(related)) recursion_list.push_back(related);
            append_label(path, "_:b", issuer_copy.issue(related));
          }
          if (chosen && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (std::uint32_t related : recursion_list) {
          NDegreeResult result = hash_n_degree_quads(related, issuer_copy);
          append_label(path, "_:b", issuer_copy.issue(related));
          path.push_back('<');
          path.append(result.hash.view());
          path.push_back('>');
          issuer_copy = std::move(result.issuer);
          if (chosen && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (!chosen || path < chosen_path) {
          chosen_path = path;
          chosen_issuer = std::move(issuer_copy);
          chosen = true;
        }
      }
      data.append(chosen_path);
      issuer = std::move(chosen_issuer);
      group = group_end;
    }
    hasher_.begin();
    hasher_.update(data);
    return {hasher_.finish(), std::move(issuer)};
  }

  std::uint32_t by_rank(std::uint32_t rank) {
    if (rank_to_node_.empty()) {
      rank_to_node_.resize(label_rank_.size());
      for (std::uint32_t n = 0; n < label_rank_.size(); ++n)
        rank_to_node_[label_rank_[n]] = n;
    }
    return rank_to_node_[rank];
  }

  // RDFC-1.0, 4.4.3 steps 3-5.
  void issue_canonical_identifiers() {
    const std::size_t count = blank_count_;
    first_degree_.resize(count);
    std::vector<std::pair<HexDigest, std::uint32_t>> by_hash;
    by_hash.reserve(count);
    for (std::uint32_t n = 0; n < count; ++n) {
      // A number toRdf gave a node without triples (a subject with no properties) labels
      // nothing.
      if (quads_begin_[n] == quads_begin_[n + 1]) continue;
      first_degree_[n] = hash_first_degree_quads(n);
      by_hash.emplace_back(first_degree_[n], n);
    }
    std::stable_sort(by_hash.begin(), by_hash.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Step 4: unique hashes get canonical identifiers in hash order; shared ones wait.
    std::vector<std::pair<std::size_t, std::size_t>> shared;
    for (std::size_t i = 0; i < by_hash.size();) {
      std::size_t end = i + 1;
      while (end < by_hash.size() && by_hash[end].first == by_hash[i].first)
        ++end;
      if (end - i == 1) {
        canonical_.issue(by_hash[i].second);
      } else {
        shared.emplace_back(i, end);
      }
      i = end;
    }
    // Step 5: each shared hash, in hash order, by Hash N-Degree Quads.
    for (auto [begin, end] : shared) {
      std::vector<NDegreeResult> hash_paths;
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t node = by_hash[i].second;
        if (canonical_.has(node)) continue;
        IdentifierIssuer temporary(count);
        temporary.issue(node);
        hash_paths.push_back(hash_n_degree_quads(node, std::move(temporary)));
      }
      std::stable_sort(hash_paths.begin(), hash_paths.end(),
                       [](const auto& a, const auto& b) { return a.hash < b.hash; });
      for (const NDegreeResult& result : hash_paths) {
        for (std::uint32_t node : result.issuer.order())
          canonical_.issue(node);
      }
    }
  }

  // RDFC-1.0, 4.4.3 step 6: every quad with canonical labels, lines sorted.
  std::string serialize() {
    scratch_.clear();
    ends_.clear();
    scratch_.reserve(dataset_.text.size() + prepared_.size() * 24);
    for (const CanonQuad& quad : prepared_) {
      append_line(scratch_, quad, [&](std::string& out, std::uint32_t node) {
        append_label(out, "_:c14n", canonical_.find(node));
      });
      ends_.push_back(scratch_.size());
    }
    lines_.clear();
    std::size_t begin = 0;
    for (std::size_t end : ends_) {
      lines_.push_back(std::string_view(scratch_).substr(begin, end - begin));
      begin = end;
    }
    std::sort(lines_.begin(), lines_.end());
    std::string out;
    out.reserve(scratch_.size());
    for (std::string_view line : lines_)
      out.append(line);
    return out;
  }

  std::map<std::string, std::string> issued_map() const {
    std::map<std::string, std::string> issued;
    for (std::uint32_t n = 0; n < blank_count_; ++n) {
      if (!canonical_.has(n)) continue;
      std::string label;
      append_label(label, "c14n", canonical_.find(n));
      issued.emplace(label_of(n), std::move(label));
    }
    return issued;
  }

  const PreparedDataset& dataset_;
  const CanonicalizeOptions& options_;
  detail::Hasher hasher_;
  std::vector<CanonQuad> prepared_;
  std::uint32_t blank_count_ = 0;
  std::vector<std::uint32_t> quads_begin_;
  std::vector<std::uint32_t> node_quads_;
  std::vector<std::uint32_t> label_rank_;
  std::vector<std::uint32_t> rank_to_node_;
  std::vector<HexDigest> first_degree_;
  IdentifierIssuer canonical_{0};
  std::uint64_t ndegree_calls_ = 0;
  std::uint64_t permutations_ = 0;
  std::string scratch_;
  std::string sorted_;
  std::string label_;
  std::vector<std::size_t> ends_;
  std::vector<std::string_view> lines_;
};

}  // namespace

Result<Canonicalized> canonicalize(const Dataset& dataset, const CanonicalizeOptions& options) {
  try {
    auto prepared = prepare_dataset(dataset);
    if (!prepared) return prepared.error();
    return Canonicalizer(*prepared, options).run();
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::crypto_error, "out of memory or no SHA-2 in OpenSSL");
  }
}

namespace detail {

Result<Canonicalized> canonicalize_prepared(PreparedDataset& dataset,
                                            const CanonicalizeOptions& options) {
  try {
    return Canonicalizer(dataset, options).run();
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::crypto_error, "out of memory or no SHA-2 in OpenSSL");
  }
}

}  // namespace detail

}  // namespace microcred::rdf
