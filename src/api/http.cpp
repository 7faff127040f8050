#include "api/http.h"

#include <cctype>

namespace microcred::api {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::string Request::header_list(std::string_view name) const {
  std::string joined;
  for (const auto& [key, value] : headers) {
    if (key != name) continue;
    if (!joined.empty()) joined += ", ";
    joined += value;
  }
  return joined;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

Response json_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
    type.remove_prefix(1);
  if (iequals(type, "application/json")) return true;
  constexpr std::string_view prefix = "application/";
  constexpr std::string_view suffix = "+json";
  return type.size() > prefix.size() + suffix.size() &&
         iequals(type.substr(0, prefix.size()), prefix) &&
         iequals(type.substr(type.size() - suffix.size()), suffix);
}

bool percent_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int high = hex_value(text[i + 1]);
    int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return false;
    char decoded = static_cast<char>(high * 16 + low);
    if (decoded == '\0') return false;
    out += decoded;
    i += 2;
  }
  return true;
}

bool parse_query(std::string_view query, std::vector<std::pair<std::string, std::string>>& out,
                 std::string& bad) {
  out.clear();
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t equals = pair.find('=');
    std::string raw_name(pair.substr(0, equals));
    std::string raw_value(equals == std::string_view::npos ? std::string_view{}
                                                           : pair.substr(equals + 1));
    for (auto* raw : {&raw_name, &raw_value}) {
      for (char& c : *raw) {
        if (c == '+') c = ' ';
      }
    }
    std::string name;
    std::string value;
    if (!percent_decode(raw_name, name) || !percent_decode(raw_value, value)) {
      bad = raw_name;
      return false;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

}  // namespace microcred::api
