#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock_cluster.h"
#include "status.h"

namespace kafkascope::sandbox {

struct CommandOutcome {
    Status status = Status::ok();
    bool quit = false;
};

// Executes one control line ("broker down 2", "rtt all 50", ...) against the
// cluster. Any input, however malformed, yields a Status rather than an
// exception or a crash, because the lines come from tests and humans alike.
class CommandInterpreter {
public:
    explicit CommandInterpreter(MockCluster& cluster) : cluster_(cluster) {}

    // nullopt for lines that carry no command (blank or '#' comments), which
    // get no reply.
    std::optional<CommandOutcome> execute(std::string_view line);

    // "ok" or "error: <reason>", always a single line.
    static std::string reply_for(const Status& status);

private:
    using Args = std::vector<std::string>;

    Status broker(const Args& args);
    Status rtt(const Args& args);
    Status errors(const Args& args);
    Status leader(const Args& args);
    Status create(const Args& args);
    Status apiversion(const Args& args);
    Status coordinator(const Args& args);

    // "all" (when allowed) or a broker id; error text names the argument.
    std::optional<std::int32_t> parse_broker(const std::string& text, bool allow_all,
                                             Status& error) const;

    MockCluster& cluster_;
};

}  // namespace kafkascope::sandbox
