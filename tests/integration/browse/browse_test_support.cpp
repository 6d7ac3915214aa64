#include "browse_test_support.h"

#include <cstdio>

#include "browse/text_encoding.h"
#include "sandbox_control.h"
#include "unit_test.h"

namespace kafkascope::browse::test {

using namespace std::chrono_literals;

std::unique_ptr<Engine> make_engine() { return kafkascope::test::sandbox_engine("browse-test"); }

Browse::Browse(Engine& engine, BrowseConfig config) : shared_(std::make_shared<Shared>()) {
    auto shared = shared_;
    auto session = engine.create_browse_session(std::move(config), [shared](const BrowseStatus& s) {
        std::lock_guard lock(shared->mutex);
        if (shared->last.loading && !s.loading) ++shared->idle_events;
        shared->last = s;
        shared->changed.notify_all();
    });
    if (!session) kafkascope::test::report_failure(__FILE__, __LINE__, session.error().message);
    ASSERT_TRUE(session.ok());
    session_ = std::move(session).value();
    store_ = session_->store();
    session_->start();
}

Browse::~Browse() { session_->close(); }

BrowseStatus Browse::wait_idle(std::chrono::milliseconds limit) {
    std::unique_lock lock(shared_->mutex);
    const bool ok = shared_->changed.wait_for(lock, limit, [&] { return shared_->idle_events > idle_seen_; });
    if (!ok) kafkascope::test::report_failure(__FILE__, __LINE__, "browse did not finish loading in time");
    idle_seen_ = shared_->idle_events;
    return shared_->last;
}

bool Browse::wait_rows(std::size_t rows, std::chrono::milliseconds limit) {
    std::unique_lock lock(shared_->mutex);
    return shared_->changed.wait_for(lock, limit, [&] { return store_->size() >= rows; });
}

bool Browse::wait_examined(std::uint64_t n, std::chrono::milliseconds limit) {
    std::unique_lock lock(shared_->mutex);
    return shared_->changed.wait_for(lock, limit, [&] { return shared_->last.examined >= n; });
}

BrowseStatus Browse::last() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->last;
}

void Browse::load_forward(std::size_t n) { session_->load_forward(n); }
void Browse::load_backward(std::size_t k) { session_->load_backward(k); }

std::string describe(const MessageRef& m) {
    auto text = [](const std::optional<ByteSpan>& b) {
        return b ? std::string(as_text(*b)) : std::string("<null>");
    };
    std::string out = text(m.key) + "|" + text(m.value) + "|";
    bool first = true;
    for (const HeaderRef& h : m.headers()) {
        out += (first ? "" : ",") + std::string(h.key) + "=" + text(h.value);
        first = false;
    }
    return out;
}

std::vector<std::string> describe_rows(const MessageStore& store, const std::vector<std::uint32_t>& rows) {
    std::vector<std::string> out;
    for (auto r : rows) out.push_back(describe(store.ref(r)));
    return out;
}

std::vector<std::uint32_t> all_rows(const MessageStore& store) {
    std::vector<std::uint32_t> rows(store.size());
    for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return rows;
}

bool kcat_produce(const std::string& topic, const std::string& codec, const std::vector<std::string>& lines,
                  const std::vector<std::string>& headers, const std::string& extra) {
    std::string command = "kcat -P -q -b '" + kafkascope::test::sandbox_bootstrap() + "' -t '" + topic + "' -z " +
                          codec + " -K: -X acks=all " + extra;
    for (const auto& h : headers) command += " -H '" + h + "'";
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) return false;
    for (const auto& l : lines) {
        std::fwrite(l.data(), 1, l.size(), pipe);
        std::fputc('\n', pipe);
    }
    return pclose(pipe) == 0;
}

}  // namespace kafkascope::browse::test
