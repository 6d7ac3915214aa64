#include "cli_options.h"

#include <charconv>

namespace kafkascope::cli {

const char* usage_text() {
    return "usage: kafkascope-cli -b HOST:PORT[,HOST:PORT...] [options] COMMAND [ARGS]\n"
           "\n"
           "commands:\n"
           "  metadata            cluster id, controller, brokers, topics and, per partition,\n"
           "                      leader, replicas and ISR\n"
           "  offsets TOPIC...    first and last offset (high watermark) of every partition\n"
           "  versions            every broker's ApiVersions next to ours, and the version used\n"
           "  produce TOPIC       every line of stdin (or --file F) becomes a message; one result\n"
           "                      line per message. Options: -K DELIM (key before DELIM), -p N,\n"
           "                      -H KEY=VALUE, -z none|gzip|snappy|lz4|zstd, --acks 0|1|all,\n"
           "                      --batch-size N, --batch-bytes N, --linger MS, --balancer NAME\n"
           "\n"
           "options:\n"
           "  -b, --bootstrap LIST     bootstrap servers (or -X bootstrap.servers=LIST)\n"
           "  --client-id ID           client id sent to brokers (default kafkascope-cli)\n"
           "  --timeout MS             connect and request timeout (default 10000)\n"
           "  -X KEY=VALUE             librdkafka-style property: bootstrap.servers, client.id,\n"
           "                           socket.timeout.ms\n"
           "  --json                   one JSON document on stdout (fields: see README)\n"
           "  -h, --help               this text\n";
}

namespace {

Result<std::chrono::milliseconds> parse_ms(const std::string& text, const std::string& what) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
        return Error(client_errc::invalid_argument, what + " must be a positive number of milliseconds, not '" + text + "'");
    }
    return std::chrono::milliseconds(value);
}

Status apply_property(CliOptions& o, const std::string& kv) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) {
        return Error(client_errc::invalid_argument, "-X expects KEY=VALUE, got '" + kv + "'");
    }
    const std::string key = kv.substr(0, eq);
    const std::string value = kv.substr(eq + 1);
    if (key == "bootstrap.servers" || key == "metadata.broker.list") {
        o.bootstrap = value;
    } else if (key == "client.id") {
        o.client_id = value;
    } else if (key == "socket.timeout.ms") {
        auto ms = parse_ms(value, key);
        if (!ms) return std::move(ms).error();
        o.timeout = *ms;
    } else {
        return Error(client_errc::invalid_argument, "unsupported property '" + key + "'");
    }
    return ok_status();
}

}  // namespace

Result<CliOptions> parse_cli(const std::vector<std::string>& argv) {
    CliOptions o;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto next = [&](const char* what) -> Result<std::string> {
            if (i + 1 >= argv.size()) {
                return Error(client_errc::invalid_argument, std::string(what) + " needs a value");
            }
            return argv[++i];
        };
        if (!o.command.empty()) {
            if (a == "--json") {
                o.json = true;
            } else {
                o.args.push_back(a);
            }
            continue;
        }
        if (a == "-h" || a == "--help") {
            o.command = "help";
        } else if (a == "-b" || a == "--bootstrap") {
            auto v = next("-b");
            if (!v) return std::move(v).error();
            o.bootstrap = *v;
        } else if (a == "--client-id") {
            auto v = next("--client-id");
            if (!v) return std::move(v).error();
            o.client_id = *v;
        } else if (a == "--timeout") {
            auto v = next("--timeout");
            if (!v) return std::move(v).error();
            auto ms = parse_ms(*v, "--timeout");
            if (!ms) return std::move(ms).error();
            o.timeout = *ms;
        } else if (a == "-X") {
            auto v = next("-X");
            if (!v) return std::move(v).error();
            if (auto s = apply_property(o, *v); !s) return std::move(s).error();
        } else if (a == "--json") {
            o.json = true;
        } else if (!a.empty() && a[0] == '-') {
            return Error(client_errc::invalid_argument, "unknown option '" + a + "'");
        } else {
            o.command = a;
        }
    }
    if (o.command.empty()) return Error(client_errc::invalid_argument, "no command given");
    if (o.command == "help") return o;
    if (o.command != "metadata" && o.command != "offsets" && o.command != "versions" &&
        o.command != "produce") {
        return Error(client_errc::invalid_argument, "unknown command '" + o.command + "'");
    }
    if (o.command == "offsets" && o.args.empty()) {
        return Error(client_errc::invalid_argument, "offsets needs at least one TOPIC");
    }
    if (o.bootstrap.empty()) {
        return Error(client_errc::invalid_argument, "no bootstrap servers: use -b HOST:PORT");
    }
    return o;
}

}  // namespace kafkascope::cli
