#include <iostream>

#include "commands.h"
#include "json_writer.h"

namespace kafkascope::cli {
namespace {

void print_json(const std::vector<PartitionOffsets>& offsets, std::ostream& out) {
    JsonWriter json(out);
    json.begin_object();
    json.key("partitions").begin_array();
    for (const PartitionOffsets& p : offsets) {
        json.begin_object();
        json.field("topic", p.topic).field("partition", p.partition);
        json.field("first", p.first).field("last", p.last);
        json.field("messages", p.message_count());
        json.key("error");
        p.error ? json.value(p.error.message) : json.null();
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

void print_text(const std::vector<PartitionOffsets>& offsets, std::ostream& out) {
    for (const PartitionOffsets& p : offsets) {
        out << p.topic << " [" << p.partition << "] ";
        if (p.error) {
            out << "error: " << p.error.message << '\n';
        } else {
            out << "first " << p.first << ", last " << p.last << " (" << p.message_count()
                << " messages)\n";
        }
    }
}

}  // namespace

int run_offsets(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto offsets = engine.partition_offsets_sync(options.args);
    if (!offsets) {
        std::cerr << "kafkascope-cli: " << offsets.error().message << '\n';
        return kExitFailed;
    }
    options.json ? print_json(*offsets, out) : print_text(*offsets, out);
    std::size_t failed = 0;
    const Error* example = nullptr;
    for (const PartitionOffsets& p : *offsets) {
        if (p.error) {
            ++failed;
            example = &p.error;
        }
    }
    if (failed == 0) return kExitOk;
    std::cerr << "kafkascope-cli: " << failed << " of " << offsets->size()
              << " partitions could not be read, e.g. " << example->message << '\n';
    return failed == offsets->size() ? kExitFailed : kExitPartial;
}

}  // namespace kafkascope::cli
