#include "seed_data.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "rdkafka_support.h"

namespace kafkascope::sandbox {
namespace {

constexpr int kRecordsPerPartition = 5;
constexpr int kMinRecordsPerTopic = 20;
constexpr int kMaxRecordsPerTopic = 500;

struct DeliveryTally {
    int delivered = 0;
    int failed = 0;
    std::string first_error;
};

void on_delivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* message, void* opaque) {
    auto* tally = static_cast<DeliveryTally*>(opaque);
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ++tally->delivered;
        return;
    }
    if (tally->failed++ == 0) tally->first_error = rd_kafka_err2str(message->err);
}

std::string utc_now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    std::array<char, 32> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text.data();
}

struct DemoRecord {
    std::string key;  // empty means a null key
    std::string value;
    std::string seq;
};

DemoRecord make_record(const std::string& topic, int seq, const std::string& created_at) {
    static constexpr std::array<const char*, 4> kStatuses = {"NEW", "PAID", "SHIPPED", "CANCELLED"};
    const int customer = (seq * 7) % 23;
    std::array<char, 64> amount{};
    std::snprintf(amount.data(), amount.size(), "%d.%02d", 5 + (seq * 37) % 400, (seq * 13) % 100);
    DemoRecord record;
    // A few null keys so the demo shows how they are rendered.
    if (seq % 10 != 9) record.key = "customer-" + std::to_string(customer);
    record.seq = std::to_string(seq);
    record.value = "{\"topic\":\"" + topic + "\",\"seq\":" + record.seq +
                   ",\"customer\":\"customer-" + std::to_string(customer) +
                   "\",\"amount\":" + amount.data() + ",\"currency\":\"EUR\",\"status\":\"" +
                   kStatuses[static_cast<std::size_t>(seq) % kStatuses.size()] +
                   "\",\"items\":[{\"sku\":\"SKU-" + std::to_string(seq % 9) +
                   "\",\"qty\":" + std::to_string(1 + seq % 3) + "}],\"created_at\":\"" +
                   created_at + "\"}";
    return record;
}

rd_kafka_vu_t header(const char* name, const std::string& value) {
    rd_kafka_vu_t vu{};
    vu.vtype = RD_KAFKA_VTYPE_HEADER;
    vu.u.header.name = name;
    vu.u.header.val = value.data();
    vu.u.header.size = static_cast<ssize_t>(value.size());
    return vu;
}

Status produce_record(rd_kafka_t* producer, const std::string& topic, int partition,
                      DemoRecord& record) {
    static const std::string kContentType = "application/json";
    static const std::string kSource = "kafkascope-sandbox";
    std::vector<rd_kafka_vu_t> fields(4);
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic.c_str();
    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[1].u.i32 = partition;
    fields[2].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[2].u.i = RD_KAFKA_MSG_F_COPY;
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = {record.value.data(), record.value.size()};
    if (!record.key.empty()) {
        rd_kafka_vu_t key{};
        key.vtype = RD_KAFKA_VTYPE_KEY;
        key.u.mem = {record.key.data(), record.key.size()};
        fields.push_back(key);
    }
    fields.push_back(header("content-type", kContentType));
    fields.push_back(header("source", kSource));
    fields.push_back(header("seq", record.seq));
    if (rd_kafka_error_t* error = rd_kafka_produceva(producer, fields.data(), fields.size())) {
        std::string reason =
            std::string("cannot produce to '") + topic + "': " + rd_kafka_error_string(error);
        rd_kafka_error_destroy(error);
        return Status::error(std::move(reason));
    }
    return Status::ok();
}

}  // namespace

Status seed_demo_data(const std::string& bootstrap, const std::vector<TopicSpec>& topics,
                      std::chrono::milliseconds timeout, int& produced) {
    DeliveryTally tally;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    route_logs_to_stderr(conf);
    rd_kafka_conf_set_dr_msg_cb(conf, &on_delivery);
    rd_kafka_conf_set_opaque(conf, &tally);
    for (const auto& [name, value] :
         {std::pair<const char*, std::string>{"bootstrap.servers", bootstrap},
          {"client.id", "kafkascope-sandbox-seed"},
          {"linger.ms", "5"},
          {"message.timeout.ms", std::to_string(timeout.count())}}) {
        if (auto error = set_conf(conf, name, value)) {
            rd_kafka_conf_destroy(conf);
            return Status::error(*error);
        }
    }
    std::array<char, 512> errstr{};
    rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
    if (producer == nullptr) {
        rd_kafka_conf_destroy(conf);
        return Status::error(std::string("cannot create seed producer: ") + errstr.data());
    }

    Status status = Status::ok();
    int queued = 0;
    const std::string created_at = utc_now_iso8601();
    for (const auto& topic : topics) {
        const int count = std::clamp(topic.partitions * kRecordsPerPartition, kMinRecordsPerTopic,
                                     kMaxRecordsPerTopic);
        for (int seq = 0; seq < count && status.is_ok(); ++seq) {
            DemoRecord record = make_record(topic.name, seq, created_at);
            status = produce_record(producer, topic.name, seq % topic.partitions, record);
            if (status.is_ok()) ++queued;
        }
    }
    // Delivery callbacks run inside flush, on this thread, so tally needs no lock.
    rd_kafka_flush(producer, static_cast<int>(timeout.count()));
    rd_kafka_destroy(producer);

    if (!status.is_ok()) return status;
    if (tally.failed > 0) {
        return Status::error(std::to_string(tally.failed) +
                             " demo records failed: " + tally.first_error);
    }
    if (tally.delivered != queued) {
        return Status::error("only " + std::to_string(tally.delivered) + " of " +
                             std::to_string(queued) + " demo records were acknowledged in time");
    }
    produced = tally.delivered;
    return Status::ok();
}

}  // namespace kafkascope::sandbox
