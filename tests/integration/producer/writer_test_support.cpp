#include "writer_test_support.h"

#include <array>
#include <cstdio>
#include <sstream>

#include "sandbox_control.h"
#include "unit_test.h"

namespace kafkascope::test {

using namespace std::chrono_literals;

std::unique_ptr<Engine> make_engine() { return sandbox_engine("writer-test", 5000ms); }

std::shared_ptr<producer::Writer> make_writer(Engine& engine, producer::WriterConfig config) {
    auto writer = engine.create_writer(std::move(config));
    if (!writer) report_failure(__FILE__, __LINE__, writer.error().message);
    ASSERT_TRUE(writer.ok());
    return std::move(writer).value();
}

producer::Message text_message(const std::string& key, const std::string& value) {
    producer::Message m;
    m.key = protocol::Bytes(key.begin(), key.end());
    m.value = protocol::Bytes(value.begin(), value.end());
    return m;
}

std::string text(const std::optional<protocol::Bytes>& bytes) {
    return bytes ? std::string(bytes->begin(), bytes->end()) : std::string();
}

std::vector<std::string> kcat_read(const std::string& topic, const std::string& format) {
    const std::string command = "kcat -C -q -e -b '" + sandbox_bootstrap() + "' -t '" + topic + "' -f '" + format + "'";
    std::vector<std::string> lines;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return lines;
    std::string all;
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) all.append(buffer.data(), n);
    pclose(pipe);
    std::istringstream in(all);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string flush_summary(const producer::WriterStats& stats) {
    std::string out;
    for (const producer::FlushRecord& f : stats.flushes) {
        out += (out.empty() ? "" : " ") + std::to_string(f.messages) + ":" + producer::flush_reason_name(f.reason);
    }
    return out;
}

std::vector<producer::Message> numbered(int n, const std::string& tag) {
    std::vector<producer::Message> out;
    for (int i = 0; i < n; ++i) out.push_back(text_message("k" + std::to_string(i), tag + std::to_string(i)));
    return out;
}

}  // namespace kafkascope::test
