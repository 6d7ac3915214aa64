#include "consume_args.h"

#include <charconv>
#include <cstdint>

#include "consumer/seek.h"

namespace kafkascope::cli {
namespace {

bool parse_i64(const std::string& text, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

Error bad(const std::string& why) { return Error(client_errc::invalid_argument, "consume: " + why); }

Result<ConsumeFrom> parse_from(const std::string& v) {
    ConsumeFrom from;
    std::int64_t n = 0;
    if (v == "earliest" || v == "beginning" || v == "first") {
        from.kind = ConsumeFrom::Kind::earliest;
    } else if (v == "latest" || v == "end" || v == "last") {
        from.kind = ConsumeFrom::Kind::latest;
    } else if (!v.empty() && v[0] == '@' && parse_i64(v.substr(1), n) && n >= 0) {
        from.kind = ConsumeFrom::Kind::time;
        from.value = n;
    } else if (parse_i64(v, n) && n >= 0) {
        from.kind = ConsumeFrom::Kind::offset;
        from.value = n;
    } else {
        return bad("--from takes earliest, latest, an offset >= 0 or @UNIX_MS, not '" + v + "'");
    }
    return from;
}

std::optional<int> whence_named(const std::string& v) {
    if (v == "start") return consumer::seek_start;
    if (v == "absolute") return consumer::seek_absolute;
    if (v == "end") return consumer::seek_end;
    if (v == "current") return consumer::seek_current;
    return std::nullopt;
}

}  // namespace

Result<ConsumeArgs> parse_consume(const std::vector<std::string>& args) {
    ConsumeArgs c;
    bool saw_from = false, saw_commit_interval = false, saw_start_offset = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        const std::string value = has_value ? args[i + 1] : std::string{};
        std::int64_t n = 0;
        auto need = [&](const char* what) -> Status {
            if (!has_value) return bad(a + " needs " + what);
            ++i;
            return ok_status();
        };
        if (a == "-p" || a == "--partition") {
            if (auto s = need("a partition number"); !s) return std::move(s).error();
            if (!parse_i64(value, n) || n < 0 || n > INT32_MAX) return bad("--partition takes a number >= 0, not '" + value + "'");
            c.partition = static_cast<std::int32_t>(n);
        } else if (a == "-G" || a == "--group") {
            if (auto s = need("a group id"); !s) return std::move(s).error();
            if (value.empty()) return bad("--group needs a non-empty group id");
            c.group = value;
        } else if (a == "--from") {
            if (auto s = need("earliest|latest|OFFSET|@UNIX_MS"); !s) return std::move(s).error();
            auto from = parse_from(value);
            if (!from) return std::move(from).error();
            c.from = *from;
            saw_from = true;
        } else if (a == "--seek") {
            if (i + 2 >= args.size()) return bad("--seek needs WHENCE (start|absolute|end|current) and OFFSET");
            auto whence = whence_named(args[i + 1]);
            if (!whence) return bad("--seek WHENCE is start, absolute, end or current, not '" + args[i + 1] + "'");
            if (!parse_i64(args[i + 2], n)) return bad("--seek OFFSET must be an integer, not '" + args[i + 2] + "'");
            c.seek = ConsumeSeek{*whence, n};
            i += 2;
        } else if (a == "-c" || a == "--count") {
            if (auto s = need("a number"); !s) return std::move(s).error();
            if (!parse_i64(value, n) || n < 1) return bad("--count takes a number >= 1, not '" + value + "'");
            c.count = n;
        } else if (a == "--queue-capacity") {
            if (auto s = need("a number"); !s) return std::move(s).error();
            if (!parse_i64(value, n) || n < 1 || n > 10'000'000) {
                return bad("--queue-capacity takes a number from 1 to 10000000, not '" + value + "'");
            }
            c.queue_capacity = static_cast<std::size_t>(n);
        } else if (a == "--max-wait") {
            if (auto s = need("milliseconds"); !s) return std::move(s).error();
            if (!parse_i64(value, n) || n < 1 || n > INT32_MAX) return bad("--max-wait takes milliseconds >= 1, not '" + value + "'");
            c.max_wait = std::chrono::milliseconds(n);
        } else if (a == "--commit-interval") {
            if (auto s = need("milliseconds"); !s) return std::move(s).error();
            if (!parse_i64(value, n) || n < 0) return bad("--commit-interval takes milliseconds >= 0, not '" + value + "'");
            c.commit_interval = std::chrono::milliseconds(n);
            saw_commit_interval = true;
        } else if (a == "--start-offset") {
            if (auto s = need("first|last"); !s) return std::move(s).error();
            if (value == "first" || value == "earliest") c.start_offset = consumer::first_offset;
            else if (value == "last" || value == "latest") c.start_offset = consumer::last_offset;
            else return bad("--start-offset takes first or last, not '" + value + "'");
            saw_start_offset = true;
        } else if (a == "--isolation") {
            if (auto s = need("read_committed|read_uncommitted"); !s) return std::move(s).error();
            if (value == "read_committed") c.isolation = consumer::IsolationLevel::read_committed;
            else if (value == "read_uncommitted") c.isolation = consumer::IsolationLevel::read_uncommitted;
            else return bad("--isolation takes read_committed or read_uncommitted, not '" + value + "'");
        } else if (a == "--stats-json") {
            if (auto s = need("a file name"); !s) return std::move(s).error();
            c.stats_json = value;
        } else if (!a.empty() && a[0] == '-') {
            return bad("unknown option '" + a + "'");
        } else if (c.topic.empty()) {
            c.topic = a;
        } else {
            return bad("unexpected argument '" + a + "' (one TOPIC only)");
        }
    }
    if (c.topic.empty()) return bad("needs a TOPIC");
    if (c.group && c.partition) return bad("--partition and --group exclude each other");
    if (c.group && (saw_from || c.seek)) {
        return bad("--from and --seek position a partition reader; with --group use --start-offset");
    }
    if (!c.group && (saw_commit_interval || saw_start_offset)) {
        return bad("--commit-interval and --start-offset need --group");
    }
    return c;
}

}  // namespace kafkascope::cli
