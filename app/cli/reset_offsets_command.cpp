// `reset-offsets GROUP --topic T (--to-earliest | --to-latest |
// --to-datetime ISO | --to-offset N | --shift-by N) [--partitions LIST]
// [--dry-run | --execute]`: the before / after table; --execute commits
// exactly it. A dry run is the default, as with Kafka's own tool.

#include <charconv>
#include <iostream>

#include "admin/admin_errors.h"
#include "commands.h"
#include "json_writer.h"

namespace kafkascope::cli {
namespace {

struct ResetArgs {
    admin::ResetSpec spec;
    bool execute = false;
};

Result<ResetArgs> parse_reset_args(const std::vector<std::string>& args) {
    ResetArgs out;
    int kinds = 0, modes = 0;
    auto bad = [](const std::string& why) { return Error(client_errc::invalid_argument, "reset-offsets: " + why); };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size()) return bad(a + " needs a value");
            return args[++i];
        };
        auto integer = [&](std::int64_t& n) -> Status {
            auto v = value();
            if (!v) return std::move(v).error();
            const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc{} || end != v->data() + v->size()) return bad(a + " needs an integer, not '" + *v + "'");
            return ok_status();
        };
        if (a == "--topic") {
            auto v = value();
            if (!v) return std::move(v).error();
            out.spec.topic = *v;
        } else if (a == "--to-earliest") {
            out.spec.kind = admin::ResetKind::earliest;
            ++kinds;
        } else if (a == "--to-latest") {
            out.spec.kind = admin::ResetKind::latest;
            ++kinds;
        } else if (a == "--to-datetime") {
            auto v = value();
            if (!v) return std::move(v).error();
            auto t = admin::parse_iso8601_ms(*v);
            if (!t) return std::move(t).error();
            out.spec.kind = admin::ResetKind::timestamp;
            out.spec.value = *t;
            ++kinds;
        } else if (a == "--to-offset" || a == "--shift-by") {
            if (auto s = integer(out.spec.value); !s) return std::move(s).error();
            out.spec.kind = a == "--to-offset" ? admin::ResetKind::absolute : admin::ResetKind::shift;
            ++kinds;
        } else if (a == "--partitions") {
            auto v = value();
            if (!v) return std::move(v).error();
            auto list = admin::parse_partition_list(*v);
            if (!list) return std::move(list).error();
            out.spec.partitions = *list;
        } else if (a == "--dry-run" || a == "--execute") {
            out.execute = a == "--execute";
            ++modes;
        } else if (!a.empty() && a[0] == '-') {
            return bad("unknown option '" + a + "'");
        } else if (out.spec.group.empty()) {
            out.spec.group = a;
        } else {
            return bad("one GROUP only, got '" + out.spec.group + "' and '" + a + "'");
        }
    }
    if (out.spec.group.empty()) return bad("no GROUP given");
    if (out.spec.topic.empty()) return bad("--topic TOPIC is required");
    if (kinds != 1) {
        return bad("give exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by");
    }
    if (modes > 1) return bad("--dry-run and --execute exclude each other");
    return out;
}

}  // namespace

int run_reset_offsets(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto args = parse_reset_args(options.args);
    if (!args) {
        std::cerr << "kafkascope-cli: " << args.error().message << '\n';
        return kExitUsage;
    }
    auto result = engine.reset_group_offsets_sync(args->spec, args->execute);
    if (!result) {
        std::cerr << "kafkascope-cli: " << result.error().message << '\n';
        return kExitFailed;
    }
    std::size_t failed = 0;
    for (const auto& r : result->rows) failed += r.error ? 1 : 0;
    if (options.json) {
        JsonWriter json(out);
        json.begin_object();
        json.field("group", result->spec.group).field("topic", result->spec.topic);
        json.field("kind", admin::reset_kind_name(result->spec.kind)).field("value", result->spec.value);
        json.field("executed", result->executed).field("membership_check", result->membership_check);
        json.key("partitions").begin_array();
        for (const auto& r : result->rows) {
            json.begin_object();
            json.field("topic", r.topic).field("partition", r.partition);
            json.field("before", r.before).field("after", r.after);
            json.field("log_start", r.log_start).field("log_end", r.log_end).field("clamped", r.clamped);
            json.key("error");
            r.error ? json.value(r.error.message) : json.null();
            json.end_object();
        }
        json.end_array();
        json.end_object();
    } else {
        out << (result->executed ? "committed" : "dry run (nothing committed; --execute to commit)") << ": group "
            << result->spec.group << ", topic " << result->spec.topic << ", "
            << admin::reset_kind_name(result->spec.kind) << '\n';
        for (const auto& r : result->rows) {
            out << "  [" << r.partition << "] ";
            if (r.error) {
                out << "error: " << r.error.message << '\n';
                continue;
            }
            out << r.before << " -> " << r.after << "  (log " << r.log_start << ".." << r.log_end << ")"
                << (r.clamped ? "  clamped" : "") << '\n';
        }
        out << "  members: " << result->membership_check << '\n';
    }
    if (failed == 0) return kExitOk;
    std::cerr << "kafkascope-cli: " << failed << " of " << result->rows.size() << " partitions have errors\n";
    return failed == result->rows.size() ? kExitFailed : kExitPartial;
}

}  // namespace kafkascope::cli
