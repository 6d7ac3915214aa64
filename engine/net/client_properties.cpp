#include "net/client_properties.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace kafkascope::net {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Error bad(std::string message) { return Error(client_errc::invalid_argument, std::move(message)); }

// Java's sasl.jaas.config: "<LoginModule> required username="u" password="p";"
std::optional<std::string> jaas_option(std::string_view jaas, std::string_view name) {
    const std::string needle = std::string(name) + "=\"";
    auto at = jaas.find(needle);
    while (at != std::string_view::npos && at > 0 && jaas[at - 1] != ' ' && jaas[at - 1] != '\t') {
        at = jaas.find(needle, at + 1);
    }
    if (at == std::string_view::npos) return std::nullopt;
    const auto start = at + needle.size();
    const auto end = jaas.find('"', start);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(jaas.substr(start, end - start));
}

}  // namespace

bool is_secret_property(std::string_view key) {
    return key == "sasl.password" || key == "ssl.key.password" || key == "ssl.keystore.password" ||
           key == "sasl.oauthbearer.token" || key == "sasl.jaas.config";
}

Status apply_client_property(ClientProperties& p, std::string_view key_in, std::string_view value_in,
                             UnknownKeys unknown) {
    const std::string key(trim(key_in));
    const std::string value(trim(value_in));
    SecurityConfig& s = p.security;
    if (key == "bootstrap.servers" || key == "metadata.broker.list") {
        p.bootstrap = value;
    } else if (key == "client.id") {
        p.client_id = value;
    } else if (key == "socket.timeout.ms") {
        long long ms = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
        if (ec != std::errc{} || end != value.data() + value.size() || ms <= 0) {
            return bad("socket.timeout.ms must be a positive number of milliseconds, not '" + value + "'");
        }
        p.socket_timeout = std::chrono::milliseconds(ms);
    } else if (key == "security.protocol") {
        auto protocol = parse_security_protocol(value);
        if (!protocol) return std::move(protocol).error();
        s.protocol = *protocol;
    } else if (key == "sasl.mechanism" || key == "sasl.mechanisms") {
        auto mechanism = parse_sasl_mechanism(value);
        if (!mechanism) return std::move(mechanism).error();
        s.sasl.mechanism = *mechanism;
    } else if (key == "sasl.username") {
        s.sasl.username = value;
    } else if (key == "sasl.password") {
        s.sasl.password = SecretString(value);
    } else if (key == "sasl.jaas.config") {
        auto user = jaas_option(value, "username");
        auto password = jaas_option(value, "password");
        if (!user || !password) {
            return bad("sasl.jaas.config: expected username=\"...\" and password=\"...\" options");
        }
        s.sasl.username = *user;
        s.sasl.password = SecretString(*password);
    } else if (key == "sasl.oauthbearer.token") {
        s.sasl.oauth_token = SecretString(value);
    } else if (key == "sasl.oauthbearer.token.command") {
        s.sasl.oauth_token_command = value;
    } else if (key == "ssl.ca.location") {
        s.tls.ca_location = value;
    } else if (key == "ssl.certificate.location" || key == "ssl.keystore.location") {
        s.tls.certificate_location = value;
    } else if (key == "ssl.key.location") {
        s.tls.key_location = value;
    } else if (key == "ssl.key.password" || key == "ssl.keystore.password") {
        s.tls.key_password = SecretString(value);
    } else if (key == "ssl.endpoint.identification.algorithm") {
        if (value == "https" || value == "HTTPS") {
            s.tls.verify_hostname = true;
        } else if (value == "none" || value == "NONE" || value.empty()) {
            s.tls.verify_hostname = false;
        } else {
            return bad("ssl.endpoint.identification.algorithm must be https or none, not '" + value + "'");
        }
    } else if (unknown == UnknownKeys::keep) {
        p.ignored.emplace_back(key, is_secret_property(key) ? std::string() : value);
    } else {
        return bad("unsupported property '" + key + "'");
    }
    return ok_status();
}

Status apply_client_properties_text(ClientProperties& p, std::string_view text, UnknownKeys unknown) {
    std::size_t line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto newline = text.find('\n', pos);
        const auto raw = text.substr(pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
        pos = newline == std::string_view::npos ? text.size() + 1 : newline + 1;
        ++line_number;
        const auto line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == '!') continue;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            return bad("line " + std::to_string(line_number) + ": expected key=value");
        }
        if (auto applied = apply_client_property(p, line.substr(0, eq), line.substr(eq + 1), unknown); !applied) {
            return bad("line " + std::to_string(line_number) + ": " + applied.error().message);
        }
    }
    return ok_status();
}

Status apply_client_properties_file(ClientProperties& p, const std::string& path, UnknownKeys unknown) {
    std::ifstream in(path);
    if (!in) return bad("cannot read properties file '" + path + "'");
    std::stringstream text;
    text << in.rdbuf();
    auto applied = apply_client_properties_text(p, text.str(), unknown);
    if (!applied) return bad(path + ": " + applied.error().message);
    return ok_status();
}

Result<ClientProperties> parse_client_properties(std::string_view text, UnknownKeys unknown) {
    ClientProperties p;
    if (auto applied = apply_client_properties_text(p, text, unknown); !applied) return std::move(applied).error();
    return p;
}

Result<ClientProperties> read_client_properties_file(const std::string& path, UnknownKeys unknown) {
    ClientProperties p;
    if (auto applied = apply_client_properties_file(p, path, unknown); !applied) return std::move(applied).error();
    return p;
}

std::string write_client_properties(const ClientProperties& p, Secrets secrets) {
    std::string out;
    bool omitted = false;
    auto put = [&](std::string_view key, std::string_view value) {
        out += key;
        out += '=';
        out += value;
        out += '\n';
    };
    auto put_secret = [&](std::string_view key, const SecretString& value) {
        if (value.empty()) return;
        if (secrets == Secrets::include) {
            put(key, value.reveal());
        } else {
            omitted = true;
        }
    };
    const SecurityConfig& s = p.security;
    if (!p.bootstrap.empty()) put("bootstrap.servers", p.bootstrap);
    if (!p.client_id.empty()) put("client.id", p.client_id);
    if (p.socket_timeout) put("socket.timeout.ms", std::to_string(p.socket_timeout->count()));
    put("security.protocol", to_string(s.protocol));
    if (s.uses_sasl()) {
        put("sasl.mechanism", to_string(s.sasl.mechanism));
        if (!s.sasl.username.empty()) put("sasl.username", s.sasl.username);
        put_secret("sasl.password", s.sasl.password);
        put_secret("sasl.oauthbearer.token", s.sasl.oauth_token);
        if (!s.sasl.oauth_token_command.empty()) put("sasl.oauthbearer.token.command", s.sasl.oauth_token_command);
    }
    if (s.uses_tls()) {
        if (!s.tls.ca_location.empty()) put("ssl.ca.location", s.tls.ca_location);
        if (!s.tls.certificate_location.empty()) put("ssl.certificate.location", s.tls.certificate_location);
        if (!s.tls.key_location.empty()) put("ssl.key.location", s.tls.key_location);
        put_secret("ssl.key.password", s.tls.key_password);
        put("ssl.endpoint.identification.algorithm", s.tls.verify_hostname ? "https" : "none");
    }
    for (const auto& [key, value] : p.ignored) {
        if (!is_secret_property(key)) put(key, value);
    }
    if (omitted) out = "# secrets (passwords, tokens) left out; add them before use\n" + out;
    return out;
}

}  // namespace kafkascope::net
