#pragma once
// TopicName: the topic of a DeliveryReport, as one pointer to a process-wide
// interned copy of the name. A write call of a million messages would
// otherwise copy (and maybe allocate) its topic name a million times; this
// way a report's topic costs a pointer. Reads like a const std::string.
//
// Interned names are kept until the process ends: one per topic ever named
// in a report, a few bytes each. Interning takes a mutex; the writer does it
// once per partition, not per message. Copies are free and thread-safe.

#include <ostream>
#include <string>
#include <string_view>

namespace kafkascope::producer {

class TopicName {
public:
    TopicName() noexcept = default;
    TopicName(std::string_view name);  // NOLINT: implicit, so `report.topic = "t"` reads naturally
    TopicName(const std::string& name) : TopicName(std::string_view(name)) {}  // NOLINT
    TopicName(const char* name) : TopicName(std::string_view(name)) {}         // NOLINT

    const std::string& str() const noexcept { return name_ ? *name_ : empty_string(); }
    operator const std::string&() const noexcept { return str(); }  // NOLINT
    bool empty() const noexcept { return str().empty(); }

    friend bool operator==(const TopicName& a, const TopicName& b) noexcept {
        return a.name_ == b.name_ || a.str() == b.str();
    }
    friend bool operator==(const TopicName& a, const std::string& b) noexcept { return a.str() == b; }
    friend bool operator==(const TopicName& a, std::string_view b) noexcept { return a.str() == b; }
    friend bool operator==(const TopicName& a, const char* b) noexcept { return a.str() == b; }
    friend std::ostream& operator<<(std::ostream& os, const TopicName& t) { return os << t.str(); }

private:
    static const std::string& empty_string() noexcept;
    const std::string* name_ = nullptr;
};

}  // namespace kafkascope::producer
