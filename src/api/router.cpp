#include "api/router.h"

#include <algorithm>

namespace microcred::api {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

bool Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/' || route.method.empty()) return false;
  std::vector<Segment> segments;
  for (std::string_view text : split_path(route.pattern)) {
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      std::string_view name = text.substr(1, text.size() - 2);
      if (name.find_first_of("{}/") != std::string_view::npos) return false;
      segments.push_back({std::string(name), true});
    } else {
      if (text.find_first_of("{}") != std::string_view::npos) return false;
      segments.push_back({std::string(text), false});
    }
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) return false;
  }
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(segments));
  return true;
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  auto segments = split_path(path);
  const Route* get_route = nullptr;
  std::size_t get_index = 0;
  std::vector<std::pair<std::string, std::string>> get_params;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = patterns_[i];
    if (pattern.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool matched = true;
    for (std::size_t s = 0; s < pattern.size() && matched; ++s) {
      if (pattern[s].parameter) {
        std::string decoded;
        if (segments[s].empty()) {
          matched = false;
        } else if (!percent_decode(segments[s], decoded)) {
          result.bad_path = true;
          return result;
        } else {
          params.emplace_back(pattern[s].text, std::move(decoded));
        }
      } else {
        matched = pattern[s].text == segments[s];
      }
    }
    if (!matched) continue;
    const Route& route = routes_[i];
    if (route.method == method) {
      result.route = &route;
      result.index = i;
      result.params = std::move(params);
      result.allowed_methods.clear();
      return result;
    }
    if (method == "HEAD" && route.method == "GET" && get_route == nullptr) {
      get_route = &route;
      get_index = i;
      get_params = std::move(params);
    }
    result.allowed_methods.push_back(route.method);
    if (route.method == "GET") result.allowed_methods.push_back("HEAD");
  }
  if (get_route != nullptr) {
    result.route = get_route;
    result.index = get_index;
    result.params = std::move(get_params);
    result.allowed_methods.clear();
    return result;
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  result.allowed_methods.erase(
      std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
      result.allowed_methods.end());
  return result;
}

}  // namespace microcred::api
