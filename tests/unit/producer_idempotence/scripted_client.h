#pragma once
// An engine and a Writer connected to a ScriptedBroker, for the producer's
// scripted-broker tests. The writer is closed and destroyed first.

#include <chrono>
#include <memory>

#include "engine.h"
#include "producer/writer.h"
#include "scripted_broker.h"
#include "unit_test.h"

namespace kafkascope::producer::test {

struct ScriptedClient {
    std::unique_ptr<Engine> engine;
    std::shared_ptr<Writer> writer;

    ScriptedClient(const ScriptedBroker& broker, WriterConfig config) {
        using namespace std::chrono_literals;
        EngineOptions options;
        options.bootstrap = broker.bootstrap();
        options.connect_timeout = 2000ms;
        options.request_timeout = 2000ms;
        auto created = Engine::create(options);
        ASSERT_TRUE(created.ok());
        engine = std::move(created).value();
        auto w = engine->create_writer(std::move(config));
        if (!w) ::kafkascope::test::report_failure(__FILE__, __LINE__, w.error().message);
        ASSERT_TRUE(w.ok());
        writer = std::move(w).value();
    }
    ~ScriptedClient() {
        using namespace std::chrono_literals;
        if (writer) writer->close_sync(1000ms);
        writer.reset();
        engine.reset();
    }
    ScriptedClient(const ScriptedClient&) = delete;
    ScriptedClient& operator=(const ScriptedClient&) = delete;
};

}  // namespace kafkascope::producer::test
