#include <iostream>

#include "commands.h"
#include "json_writer.h"

namespace kafkascope::cli {
namespace {

std::string range(std::int16_t lo, std::int16_t hi) {
    if (lo < 0) return "-";
    return "v" + std::to_string(lo) + "-v" + std::to_string(hi);
}

}  // namespace

int run_versions(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto brokers = engine.broker_api_versions_sync();
    if (!brokers) {
        std::cerr << "kafkascope-cli: " << brokers.error().message << '\n';
        return kExitFailed;
    }
    int failed = 0;
    if (options.json) {
        JsonWriter json(out);
        json.begin_object().key("brokers").begin_array();
        for (const BrokerApiVersions& b : *brokers) {
            json.begin_object().field("id", b.node_id).field("address", b.address);
            json.key("error");
            b.error ? json.value(b.error.message) : json.null();
            // How the connection is secured; null without TLS / SASL.
            auto or_null = [&](const char* name, const std::string& v) {
                json.key(name);
                v.empty() ? json.null() : json.value(v);
            };
            or_null("tls_version", b.tls_version);
            or_null("tls_cipher", b.tls_cipher);
            or_null("sasl_mechanism", b.sasl_mechanism);
            json.key("warnings").begin_array();
            for (const std::string& w : b.warnings) json.value(w);
            json.end_array();
            json.key("apis").begin_array();
            for (const ApiVersionRow& r : b.rows) {
                json.begin_object().field("key", r.api_key).field("name", r.name);
                json.field("broker_min", r.broker_min).field("broker_max", r.broker_max);
                json.field("our_min", r.our_min).field("our_max", r.our_max);
                json.field("chosen", r.chosen).end_object();
            }
            json.end_array().end_object();
        }
        json.end_array().end_object();
    }
    for (const BrokerApiVersions& b : *brokers) {
        if (b.error) ++failed;
        if (options.json) continue;
        out << "broker " << b.node_id << " at " << b.address;
        if (b.error) {
            out << ": " << b.error.message << '\n';
            continue;
        }
        out << '\n';
        if (!b.tls_version.empty()) out << "  TLS: " << b.tls_version << ", " << b.tls_cipher << '\n';
        if (!b.sasl_mechanism.empty()) out << "  SASL: " << b.sasl_mechanism << '\n';
        for (const std::string& w : b.warnings) out << "  warning: " << w << '\n';
        for (const ApiVersionRow& r : b.rows) {
            out << "  " << r.name << " (" << r.api_key << "): broker " << range(r.broker_min, r.broker_max)
                << ", ours " << range(r.our_min, r.our_max);
            if (r.our_min >= 0) out << ", using " << (r.chosen >= 0 ? "v" + std::to_string(r.chosen) : "none");
            out << '\n';
        }
    }
    if (failed) std::cerr << "kafkascope-cli: " << failed << " brokers could not be reached\n";
    return failed ? kExitPartial : kExitOk;
}

}  // namespace kafkascope::cli
