#include "net/broker_address.h"

#include <charconv>

namespace kafkascope::net {

std::string BrokerAddress::to_string() const {
    if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

Result<BrokerAddress> parse_one(std::string_view entry) {
    const std::string quoted = "'" + std::string(entry) + "'";
    std::string_view host;
    std::string_view port;
    if (!entry.empty() && entry.front() == '[') {
        const auto close = entry.find(']');
        if (close == std::string_view::npos || close + 1 >= entry.size() || entry[close + 1] != ':') {
            return Error(client_errc::invalid_argument,
                         "bootstrap entry " + quoted + ": expected [ipv6-address]:port");
        }
        host = entry.substr(1, close - 1);
        port = entry.substr(close + 2);
    } else {
        const auto colon = entry.rfind(':');
        if (colon == std::string_view::npos) {
            return Error(client_errc::invalid_argument,
                         "bootstrap entry " + quoted + ": missing ':port' (expected host:port)");
        }
        host = entry.substr(0, colon);
        port = entry.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) {
            return Error(client_errc::invalid_argument,
                         "bootstrap entry " + quoted + ": put IPv6 addresses in brackets, [addr]:port");
        }
    }
    if (host.empty()) {
        return Error(client_errc::invalid_argument, "bootstrap entry " + quoted + ": empty host");
    }
    for (char c : host) {
        if (c == ' ' || c == '/' || c == ',') {
            return Error(client_errc::invalid_argument,
                         "bootstrap entry " + quoted + ": host contains '" + std::string(1, c) + "'");
        }
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
        return Error(client_errc::invalid_argument,
                     "bootstrap entry " + quoted + ": port must be a number from 1 to 65535");
    }
    return BrokerAddress{std::string(host), static_cast<std::uint16_t>(value)};
}

}  // namespace

Result<std::vector<BrokerAddress>> parse_bootstrap(std::string_view text) {
    std::vector<BrokerAddress> out;
    if (trim(text).empty()) {
        return Error(client_errc::invalid_argument, "no bootstrap servers given (expected host:port)");
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto entry = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                 : comma - start));
        if (entry.empty()) {
            return Error(client_errc::invalid_argument, "empty entry in bootstrap list '" +
                                                            std::string(text) + "'");
        }
        auto parsed = parse_one(entry);
        if (!parsed) return std::move(parsed).error();
        out.push_back(std::move(parsed).value());
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace kafkascope::net
