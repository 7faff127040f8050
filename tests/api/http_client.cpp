#include "api/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace microcred::api::testing {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::string make_request(std::string_view method, std::string_view target, std::string_view body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  out += "Host: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers)
    out += name + ": " + value + "\r\n";
  if (!body.empty()) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

HttpConnection::HttpConnection(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  timeval timeout{.tv_sec = 20, .tv_usec = 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool HttpConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool HttpConnection::fill() {
  char chunk[16 * 1024];
  for (;;) {
    ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
  }
}

std::optional<HttpResponse> HttpConnection::read_response(bool head) {
  if (fd_ < 0) return std::nullopt;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return std::nullopt;
  }
  std::string head_text = buffer_.substr(0, head_end);
  buffer_.erase(0, head_end + 4);
  HttpResponse response;
  std::size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return std::nullopt;
  response.status = std::atoi(status_line.c_str() + 9);
  std::size_t at = line_end == std::string::npos ? head_text.size() : line_end + 2;
  while (at < head_text.size()) {
    std::size_t end = head_text.find("\r\n", at);
    if (end == std::string::npos) end = head_text.size();
    std::string line = head_text.substr(at, end - at);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      response.headers.emplace_back(lower(line.substr(0, colon)), value);
    }
    at = end + 2;
  }
  std::size_t length = 0;
  if (auto text = response.header("content-length"); !text.empty()) {
    length = std::strtoull(text.c_str(), nullptr, 10);
  }
  bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
  if (bodiless || head) length = 0;
  while (buffer_.size() < length) {
    if (!fill()) return std::nullopt;
  }
  response.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return response;
}

bool HttpConnection::closed_by_server() {
  if (fd_ < 0) return true;
  if (!buffer_.empty()) return false;
  char byte;
  for (;;) {
    ssize_t got = ::recv(fd_, &byte, 1, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got == 0) return true;
    if (got < 0) return errno == ECONNRESET;
    buffer_.push_back(byte);
    return false;
  }
}

std::optional<HttpResponse> fetch(std::uint16_t port, std::string_view method,
                                  std::string_view target, std::string_view body,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpConnection connection(port);
  if (!connection.connected()) return std::nullopt;
  if (!connection.send(make_request(method, target, body, headers))) return std::nullopt;
  return connection.read_response(method == "HEAD");
}

}  // namespace microcred::api::testing
