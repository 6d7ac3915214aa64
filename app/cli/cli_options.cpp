#include "cli_options.h"

#include <charconv>

#include "net/client_properties.h"

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
           "                      --batch-timeout MS, --max-attempts N, --async, --idempotent,\n"
           "                      --no-idempotent, --compression-level N, --round-robin-chunk N,\n"
           "                      --stats-json FILE (final WriterStats with each flush's reason)\n"
           "  consume TOPIC       read messages; one line each (--json: one JSON object each).\n"
           "                      Without a group: every partition (or --partition N) from\n"
           "                      --from earliest|latest|OFFSET|@UNIX_MS (default earliest),\n"
           "                      then --seek start|absolute|end|current OFFSET; stops at the\n"
           "                      high watermark seen at start, or after --count N.\n"
           "                      --group G [--commit-interval MS] [--start-offset first|last]\n"
           "                      reads as a group member. Also: --queue-capacity N,\n"
           "                      --max-wait MS, --isolation read_committed|read_uncommitted,\n"
           "                      --stats-json FILE (ReaderStats at the end)\n"
           "  groups [--state S]  every consumer group (ListGroups on every broker)\n"
           "  group describe G... state, protocol, members and their assigned partitions\n"
           "  topic-groups TOPIC  the groups with committed offsets on TOPIC, and their lag there\n"
           "  lag [G...]          committed, end, lag, lag in seconds and status per partition\n"
           "                      (every group when none is named). --watch SECONDS repeats\n"
           "                      (--count N polls, else until Ctrl-C); --exact reads the record\n"
           "                      at the committed offset for its timestamp\n"
           "  reset-offsets G --topic T --to-earliest|--to-latest|--to-datetime ISO|\n"
           "                      --to-offset N|--shift-by N [--partitions 0,2-4]\n"
           "                      [--dry-run|--execute]: before/after table (dry run by\n"
           "                      default); refused while the group has active members\n"
           "\n"
           "options:\n"
           "  -b, --bootstrap LIST     bootstrap servers (or -X bootstrap.servers=LIST)\n"
           "  --client-id ID           client id sent to brokers (default kafkascope-cli)\n"
           "  --timeout MS             connect and request timeout (default 10000)\n"
           "  -X KEY=VALUE             librdkafka-style property (repeatable): bootstrap.servers,\n"
           "                           client.id, socket.timeout.ms, security.protocol,\n"
           "                           sasl.mechanism, sasl.username, sasl.password,\n"
           "                           sasl.oauthbearer.token, sasl.oauthbearer.token.command,\n"
           "                           ssl.ca.location, ssl.certificate.location,\n"
           "                           ssl.key.location, ssl.key.password,\n"
           "                           ssl.endpoint.identification.algorithm (https|none)\n"
           "  -F FILE                  read properties from FILE (key=value lines, # comments);\n"
           "                           later -X and -F override earlier ones\n"
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

// -X and -F go through the engine's properties parser (shared with the GUI),
// on top of what earlier options set.
net::ClientProperties as_properties(const CliOptions& o) {
    net::ClientProperties p;
    p.bootstrap = o.bootstrap;
    p.client_id = o.client_id;
    p.security = o.security;
    return p;
}

void take_properties(CliOptions& o, net::ClientProperties p) {
    o.bootstrap = std::move(p.bootstrap);
    if (!p.client_id.empty()) o.client_id = std::move(p.client_id);
    if (p.socket_timeout) o.timeout = *p.socket_timeout;
    o.security = std::move(p.security);
}

Status apply_property(CliOptions& o, const std::string& kv) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) {
        return Error(client_errc::invalid_argument, "-X expects KEY=VALUE, got '" + kv + "'");
    }
    auto p = as_properties(o);
    if (auto s = net::apply_client_property(p, kv.substr(0, eq), kv.substr(eq + 1)); !s) return s;
    take_properties(o, std::move(p));
    return ok_status();
}

Status apply_properties_file(CliOptions& o, const std::string& path) {
    auto p = as_properties(o);
    if (auto s = net::apply_client_properties_file(p, path); !s) return s;
    take_properties(o, std::move(p));
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
        } else if (a == "-F") {
            auto v = next("-F");
            if (!v) return std::move(v).error();
            if (auto s = apply_properties_file(o, *v); !s) return std::move(s).error();
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
        o.command != "produce" && o.command != "consume" && o.command != "groups" && o.command != "group" &&
        o.command != "topic-groups" && o.command != "lag" && o.command != "reset-offsets") {
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
