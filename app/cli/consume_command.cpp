// `consume TOPIC` without a group: one PartitionReader per partition (or
// just --partition N), each positioned by --from and then --seek, messages
// printed as they arrive. Without --count every partition stops at the high
// watermark it had when the command started; with --count the command stops
// after that many messages in all.

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>

#include "commands.h"
#include "consume_args.h"
#include "consume_output.h"
#include "consumer/partition_reader.h"

namespace kafkascope::cli {
namespace {

using namespace std::chrono_literals;

// Where one partition starts and (without --count) stops.
struct Plan {
    std::int32_t partition = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;  // high watermark at start
};

Result<std::vector<std::int32_t>> partitions_to_read(Engine& engine, const ConsumeArgs& args) {
    auto md = engine.metadata_sync({args.topic});
    if (!md) return std::move(md).error();
    const TopicInfo* topic = md->find_topic(args.topic);
    if (!topic || topic->error_code != 0) {
        return Error(client_errc::unknown_topic, "consume: topic '" + args.topic + "' does not exist");
    }
    std::vector<std::int32_t> out;
    for (const PartitionInfo& p : topic->partitions) {
        if (!args.partition || *args.partition == p.partition) out.push_back(p.partition);
    }
    if (out.empty()) {
        return Error(client_errc::invalid_argument, "consume: " + args.topic + " has no partition " +
                                                        std::to_string(*args.partition) + " (it has " +
                                                        std::to_string(topic->partitions.size()) + ")");
    }
    std::sort(out.begin(), out.end());
    return out;
}

// --from, then --seek, against the partition's current bounds.
Result<Plan> plan_partition(Engine& engine, const ConsumeArgs& args, std::int32_t partition) {
    auto bounds = engine.partition_bounds_sync(args.topic, partition);
    if (!bounds) return std::move(bounds).error();
    Plan plan{partition, bounds->first, bounds->last};
    switch (args.from.kind) {
        case ConsumeFrom::Kind::earliest: plan.start = bounds->first; break;
        case ConsumeFrom::Kind::latest: plan.start = bounds->last; break;
        case ConsumeFrom::Kind::offset: plan.start = args.from.value; break;
        case ConsumeFrom::Kind::time: {
            auto at = engine.partition_offset_at_sync(args.topic, partition, args.from.value);
            if (!at) return std::move(at).error();
            // No message that recent: the end, as kafka-go's SetOffsetAt does.
            plan.start = at->found() ? at->offset : bounds->last;
            break;
        }
    }
    if (args.seek) {
        auto moved = engine.seek_sync(args.topic, partition, plan.start, args.seek->offset, args.seek->whence);
        if (!moved) return std::move(moved).error();
        plan.start = *moved;
    }
    return plan;
}

// Messages and errors from the engine thread, in arrival order.
class Inbox {
public:
    struct Item {
        std::size_t reader = 0;
        Result<consumer::Message> result;
    };
    void push(std::size_t reader, Result<consumer::Message> r) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back({reader, std::move(r)});
        }
        ready_.notify_one();
    }
    std::optional<Item> pop(std::chrono::milliseconds wait) {
        std::unique_lock lock(mutex_);
        if (!ready_.wait_for(lock, wait, [&] { return !items_.empty(); })) return std::nullopt;
        Item item = std::move(items_.front());
        items_.pop_front();
        return item;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Item> items_;
};

struct Reading {
    Plan plan;
    std::shared_ptr<consumer::PartitionReader> reader;
    bool done = false;
};

bool write_stats_file(const std::string& path, const std::vector<Reading>& readings) {
    std::vector<consumer::ReaderStats> stats;
    for (const Reading& r : readings) stats.push_back(r.reader->stats());
    std::ofstream file(path);
    if (!file) return false;
    write_stats_json(stats, file);
    return static_cast<bool>(file);
}

}  // namespace

int run_consume_partitions(Engine& engine, const CliOptions& options, const ConsumeArgs& args, std::ostream& out) {
    auto partitions = partitions_to_read(engine, args);
    if (!partitions) {
        std::cerr << "kafkascope-cli: " << partitions.error().message << '\n';
        return kExitFailed;
    }
    int failed = 0;
    std::vector<Reading> readings;
    for (const std::int32_t p : *partitions) {
        auto plan = plan_partition(engine, args, p);
        if (!plan) {
            std::cerr << "kafkascope-cli: consume: " << args.topic << "/" << p << ": " << plan.error().message << '\n';
            ++failed;
            continue;
        }
        consumer::PartitionReaderConfig config;
        config.topic = args.topic;
        config.partition = p;
        config.start_offset = plan->start;
        config.queue_capacity = args.queue_capacity;
        config.max_wait = args.max_wait;
        config.isolation = args.isolation;
        auto reader = engine.create_partition_reader(config);
        if (!reader) {
            std::cerr << "kafkascope-cli: consume: " << reader.error().message << '\n';
            return kExitUsage;
        }
        Reading r{*plan, std::move(reader).value(), false};
        r.done = !args.count && r.plan.start >= r.plan.end;  // nothing to read up to the end
        readings.push_back(std::move(r));
    }

    // Shared with the callbacks: a fetch still waiting when we return is
    // answered (end of stream) after this function is gone.
    auto inbox = std::make_shared<Inbox>();
    auto ask = [&](std::size_t i) {
        readings[i].reader->fetch_message(
            [inbox, i](Result<consumer::Message> m) { inbox->push(i, std::move(m)); });
    };
    for (std::size_t i = 0; i < readings.size(); ++i) {
        if (!readings[i].done) ask(i);
    }
    std::int64_t printed = 0;
    auto all_done = [&] {
        if (args.count && printed >= *args.count) return true;
        return std::all_of(readings.begin(), readings.end(), [](const Reading& r) { return r.done; });
    };
    while (!all_done()) {
        auto item = inbox->pop(200ms);
        if (!item) {
            // The reader's offset moves past control batches and compaction
            // gaps at the end of the log, where no message will come.
            for (Reading& r : readings) {
                if (!args.count && !r.done && r.reader->offset() >= r.plan.end) r.done = true;
            }
            continue;
        }
        Reading& r = readings[item->reader];
        if (r.done) continue;
        if (!item->result) {
            std::cerr << "kafkascope-cli: consume: " << args.topic << "/" << r.plan.partition << ": "
                      << item->result.error().message << '\n';
            r.done = true;
            ++failed;
            continue;
        }
        const consumer::Message& m = *item->result;
        if (!args.count && m.offset >= r.plan.end) {
            r.done = true;  // written after we started
            continue;
        }
        options.json ? write_message_json_line(m, out) : write_message_text_line(m, out);
        ++printed;
        if (!args.count && m.offset + 1 >= r.plan.end) {
            r.done = true;
        } else {
            ask(item->reader);
        }
    }
    out.flush();
    for (Reading& r : readings) r.reader->close();
    if (!args.stats_json.empty() && !write_stats_file(args.stats_json, readings)) {
        std::cerr << "kafkascope-cli: consume: cannot write --stats-json file '" << args.stats_json << "'\n";
        ++failed;
    }
    if (failed == 0) return kExitOk;
    return failed >= static_cast<int>(partitions->size()) && printed == 0 ? kExitFailed : kExitPartial;
}

int run_consume(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto args = parse_consume(options.args);
    if (!args) {
        std::cerr << "kafkascope-cli: " << args.error().message << '\n';
        return kExitUsage;
    }
    if (args->group) return run_consume_group(engine, options, *args, out);
    return run_consume_partitions(engine, options, *args, out);
}

}  // namespace kafkascope::cli
