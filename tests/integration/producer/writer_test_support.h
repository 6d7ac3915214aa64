#pragma once
// Shared helpers for the Writer's sandbox tests: an engine on the fixture's
// sandbox, messages, and kcat as the independent reader.

#include <string>
#include <vector>

#include "engine.h"
#include "producer/writer.h"

namespace kafkascope::test {

std::unique_ptr<Engine> make_engine();
std::shared_ptr<producer::Writer> make_writer(Engine& engine, producer::WriterConfig config);
producer::Message text_message(const std::string& key, const std::string& value);
std::string text(const std::optional<protocol::Bytes>& bytes);
// n messages keyed k0..k(n-1) with values tag0..tag(n-1).
std::vector<producer::Message> numbered(int n, const std::string& tag);
// Every message of a topic as kcat prints it with `format`, one per line.
std::vector<std::string> kcat_read(const std::string& topic, const std::string& format);
// Flush reasons in order, e.g. "100:size 100:size 20:timeout".
std::string flush_summary(const producer::WriterStats& stats);

}  // namespace kafkascope::test
