#include "rdkafka_support.h"

#include <librdkafka/rdkafka.h>

#include <array>
#include <cstdio>

#include "parse_number.h"

namespace kafkascope::sandbox {
namespace {

void log_to_stderr(const rd_kafka_t* /*rk*/, int level, const char* facility, const char* message) {
    std::fprintf(stderr, "kafkascope-sandbox: librdkafka[%d] %s: %s\n", level, facility, message);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

}  // namespace

void route_logs_to_stderr(rd_kafka_conf_s* conf) {
    rd_kafka_conf_set_log_cb(conf, &log_to_stderr);
}

std::optional<std::string> set_conf(rd_kafka_conf_s* conf, const char* name,
                                    const std::string& value) {
    std::array<char, 512> error{};
    if (rd_kafka_conf_set(conf, name, value.c_str(), error.data(), error.size()) !=
        RD_KAFKA_CONF_OK) {
        return std::string(name) + ": " + error.data();
    }
    return std::nullopt;
}

std::optional<int> parse_error_code(std::string_view text) {
    // The mock takes codes as rd_kafka_resp_err_t, a C enum spanning -200..97
    // in 2.0.2; C++ only defines enum values within that span's bit range
    // (-256..255), so larger wire codes cannot be passed through safely.
    if (const auto number = parse_number<int>(text, -200, 255)) {
        return number;
    }
    const rd_kafka_err_desc* descs = nullptr;
    std::size_t count = 0;
    rd_kafka_get_err_descs(&descs, &count);
    for (std::size_t i = 0; i < count; ++i) {
        if (descs[i].name != nullptr && equals_ignoring_case(text, descs[i].name)) {
            return static_cast<int>(descs[i].code);
        }
    }
    return std::nullopt;
}

std::string describe_error_code(int code) {
    return std::string(rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code))) + " (" +
           std::to_string(code) + ")";
}

}  // namespace kafkascope::sandbox
