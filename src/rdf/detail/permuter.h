#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace microcred::rdf::detail {

/// Every permutation of a list of keys, in the Steinhaus-Johnson-Trotter order that
/// rdf-canonize uses, starting from the sorted list. Equal keys share one direction, as in
/// rdf-canonize, so that ties between equal paths resolve the same way and issued-identifier
/// maps agree.
class Permuter {
 public:
  explicit Permuter(std::vector<std::uint32_t> keys) : current_(std::move(keys)) {
    std::sort(current_.begin(), current_.end());
    for (std::uint32_t key : current_) {
      if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(key);
    }
    left_.assign(keys_.size(), true);
  }

  bool has_next() const { return !done_; }

  /// The next permutation; call only while `has_next()`.
  std::vector<std::uint32_t> next() {
    std::vector<std::uint32_t> result = current_;
    const std::size_t length = current_.size();
    bool found = false;
    std::uint32_t k = 0;
    std::size_t position = 0;
    for (std::size_t i = 0; i < length; ++i) {
      const std::uint32_t element = current_[i];
      const bool left = left_[slot(element)];
      if ((!found || element > k) && ((left && i > 0 && element > current_[i - 1]) ||
                                      (!left && i + 1 < length && element > current_[i + 1]))) {
        found = true;
        k = element;
        position = i;
      }
    }
    if (!found) {
      done_ = true;
    } else {
      const std::size_t swap = left_[slot(k)] ? position - 1 : position + 1;
      current_[position] = current_[swap];
      current_[swap] = k;
      // Per element of the list, not per key: a key listed twice flips twice, as in
      // rdf-canonize.
      for (std::uint32_t element : current_) {
        if (element > k) left_[slot(element)] = !left_[slot(element)];
      }
    }
    return result;
  }

 private:
  std::size_t slot(std::uint32_t key) const {
    return static_cast<std::size_t>(std::find(keys_.begin(), keys_.end(), key) - keys_.begin());
  }

  std::vector<std::uint32_t> current_;
  std::vector<std::uint32_t> keys_;
  std::vector<bool> left_;
  bool done_ = false;
};

}  // namespace microcred::rdf::detail
