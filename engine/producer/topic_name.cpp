#include "producer/topic_name.h"

#include <mutex>
#include <unordered_set>

namespace kafkascope::producer {
namespace {

struct Interned {
    std::mutex mutex;
    std::unordered_set<std::string> names;  // node-based: element addresses never move
};

Interned& interned() {
    static Interned* table = new Interned;  // never destroyed: reports may outlive static destruction order
    return *table;
}

}  // namespace

TopicName::TopicName(std::string_view name) {
    if (name.empty()) return;
    Interned& table = interned();
    const std::lock_guard lock(table.mutex);
    name_ = &*table.names.emplace(name).first;
}

const std::string& TopicName::empty_string() noexcept {
    static const std::string empty;
    return empty;
}

}  // namespace kafkascope::producer
