#include "command_interpreter.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "command_help.h"
#include "control_loop.h"
#include "options.h"
#include "parse_number.h"
#include "rdkafka_support.h"

namespace kafkascope::sandbox {
namespace {

constexpr int kMaxRttMs = 600'000;
constexpr std::size_t kMaxErrorCodes = 1000;
constexpr std::int16_t kMaxApiKey = std::numeric_limits<std::int16_t>::max();

std::vector<std::string> split_words(std::string_view line) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) words.emplace_back(line.substr(start, i - start));
    }
    return words;
}

// Echoing user input into a reply must not break the one-line protocol or
// flood the terminal with control bytes.
std::string printable(std::string_view text) {
    constexpr std::size_t kMaxEcho = 40;
    std::string out;
    for (const char c : text.substr(0, kMaxEcho)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > kMaxEcho) out += "...";
    return out;
}

Status usage(const char* synopsis) {
    return Status::error(std::string("usage: ") + synopsis);
}

std::optional<std::int16_t> parse_api_key(const std::string& text) {
    return parse_number<std::int16_t>(text, 0, kMaxApiKey);
}

}  // namespace

std::string CommandInterpreter::reply_for(const Status& status) {
    if (status.is_ok()) return "ok";
    std::string reason = status.reason();
    // Replies are line-framed; a control byte in a reason must not split one.
    for (char& c : reason) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return "error: " + reason;
}

std::optional<CommandOutcome> CommandInterpreter::execute(std::string_view line) {
    if (line.size() > kMaxLineLength) {
        return CommandOutcome{
            Status::error("line longer than " + std::to_string(kMaxLineLength) + " bytes"), false};
    }
    const Args args = split_words(line);
    if (args.empty() || args[0].front() == '#') return std::nullopt;

    const std::string& verb = args[0];
    if (verb == "quit") {
        if (args.size() != 1) return CommandOutcome{usage("quit"), false};
        return CommandOutcome{Status::ok(), true};
    }
    if (verb == "help") {
        std::fputs(command_help_text().c_str(), stderr);
        std::fflush(stderr);
        return CommandOutcome{Status::ok(), false};
    }
    Status status = Status::ok();
    if (verb == "broker") {
        status = broker(args);
    } else if (verb == "rtt") {
        status = rtt(args);
    } else if (verb == "errors") {
        status = errors(args);
    } else if (verb == "leader") {
        status = leader(args);
    } else if (verb == "create") {
        status = create(args);
    } else if (verb == "apiversion") {
        status = apiversion(args);
    } else if (verb == "coordinator") {
        status = coordinator(args);
    } else {
        status = Status::error("unknown command '" + printable(verb) + "' (try 'help')");
    }
    return CommandOutcome{std::move(status), false};
}

std::optional<std::int32_t> CommandInterpreter::parse_broker(const std::string& text,
                                                             bool allow_all, Status& error) const {
    if (allow_all && text == "all") return MockCluster::kAllBrokers;
    const auto id = parse_number<std::int32_t>(text, 1, cluster_.broker_count());
    if (!id) {
        error = Status::error("broker id must be 1.." + std::to_string(cluster_.broker_count()) +
                              (allow_all ? " or all" : "") + ", got '" + printable(text) + "'");
    }
    return id;
}

Status CommandInterpreter::broker(const Args& args) {
    if (args.size() != 3 || (args[1] != "down" && args[1] != "up"))
        return usage("broker down|up ID|all");
    Status error = Status::ok();
    const auto id = parse_broker(args[2], true, error);
    if (!id) return error;
    return cluster_.set_broker_up(*id, args[1] == "up");
}

Status CommandInterpreter::rtt(const Args& args) {
    if (args.size() != 3) return usage("rtt ID|all MS");
    Status error = Status::ok();
    const auto id = parse_broker(args[1], true, error);
    if (!id) return error;
    const auto ms = parse_number<int>(args[2], 0, kMaxRttMs);
    if (!ms)
        return Status::error("rtt must be 0.." + std::to_string(kMaxRttMs) + " ms, got '" +
                             printable(args[2]) + "'");
    return cluster_.set_rtt(*id, *ms);
}

Status CommandInterpreter::errors(const Args& args) {
    if (args.size() < 3) return usage("errors API_KEY CODE [CODE...]");
    const auto api_key = parse_api_key(args[1]);
    if (!api_key) return Status::error("bad API key '" + printable(args[1]) + "'");
    if (args.size() - 2 > kMaxErrorCodes) {
        return Status::error("at most " + std::to_string(kMaxErrorCodes) + " codes per command");
    }
    std::vector<int> codes;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const auto code = parse_error_code(args[i]);
        if (!code) {
            return Status::error("unknown error code '" + printable(args[i]) +
                                 "' (a number -200..255 or a name such as NOT_COORDINATOR)");
        }
        codes.push_back(*code);
    }
    return cluster_.push_request_errors(*api_key, codes);
}

Status CommandInterpreter::leader(const Args& args) {
    if (args.size() != 4) return usage("leader TOPIC PARTITION BROKER_ID|-1");
    if (!is_valid_topic_name(args[1]))
        return Status::error("invalid topic name '" + printable(args[1]) + "'");
    const auto partition =
        parse_number<std::int32_t>(args[2], 0, std::numeric_limits<std::int32_t>::max());
    if (!partition) return Status::error("bad partition '" + printable(args[2]) + "'");
    std::int32_t broker_id = -1;
    if (args[3] != "-1") {
        Status error = Status::ok();
        const auto id = parse_broker(args[3], false, error);
        if (!id) return error;
        broker_id = *id;
    }
    return cluster_.set_partition_leader(args[1], *partition, broker_id);
}

Status CommandInterpreter::create(const Args& args) {
    if (args.size() != 3 && args.size() != 4) return usage("create TOPIC PARTITIONS [REPLICATION]");
    if (!is_valid_topic_name(args[1])) {
        return Status::error("invalid topic name '" + printable(args[1]) +
                             "' (1-249 characters of a-z A-Z 0-9 . _ -)");
    }
    const auto partitions = parse_number<int>(args[2], 1, kMaxPartitions);
    if (!partitions) {
        return Status::error("partitions must be 1.." + std::to_string(kMaxPartitions) + ", got '" +
                             printable(args[2]) + "'");
    }
    int replication = std::min(3, cluster_.broker_count());
    if (args.size() == 4) {
        const auto parsed = parse_number<int>(args[3], 1, cluster_.broker_count());
        if (!parsed) {
            return Status::error("replication must be 1.." +
                                 std::to_string(cluster_.broker_count()) + ", got '" +
                                 printable(args[3]) + "'");
        }
        replication = *parsed;
    }
    return cluster_.create_topic(args[1], *partitions, replication);
}

Status CommandInterpreter::apiversion(const Args& args) {
    if (args.size() != 4) return usage("apiversion API_KEY MIN MAX");
    const auto api_key = parse_api_key(args[1]);
    const auto min_version = parse_number<std::int16_t>(args[2], -1, kMaxApiKey);
    const auto max_version = parse_number<std::int16_t>(args[3], -1, kMaxApiKey);
    if (!api_key || !min_version || !max_version)
        return usage("apiversion API_KEY MIN MAX (numbers; -1 -1 disables)");
    return cluster_.set_api_version(*api_key, *min_version, *max_version);
}

Status CommandInterpreter::coordinator(const Args& args) {
    if (args.size() != 4) return usage("coordinator group|txn KEY BROKER_ID");
    std::string key_type;
    if (args[1] == "group") {
        key_type = "group";
    } else if (args[1] == "txn" || args[1] == "transaction") {
        key_type = "transaction";
    } else {
        return usage("coordinator group|txn KEY BROKER_ID");
    }
    Status error = Status::ok();
    const auto id = parse_broker(args[3], false, error);
    if (!id) return error;
    return cluster_.set_coordinator(key_type, args[2], *id);
}

}  // namespace kafkascope::sandbox
