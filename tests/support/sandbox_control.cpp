#include "sandbox_control.h"

#include "unit_test.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

namespace kafkascope::test {

namespace {
std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}
}  // namespace

std::string sandbox_bootstrap() {
    std::ifstream in(env("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE"));
    std::string line;
    std::getline(in, line);
    return line;
}

namespace {
std::vector<std::string> output_lines() {
    std::ifstream in(env("KAFKASCOPE_SANDBOX_OUTPUT_FILE"));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}
}  // namespace

bool sandbox_command(const std::string& line) {
    // The sandbox answers every command with one line ("ok" or "error: ...")
    // on its stdout, which the fixture keeps in a file: wait for that reply
    // so the fault is in force before the test goes on.
    const std::size_t before = output_lines().size();
    {
        std::ofstream fifo(env("KAFKASCOPE_SANDBOX_CONTROL_FILE"));
        if (!fifo) return false;
        fifo << line << '\n';
        fifo.flush();
        if (!fifo) return false;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto lines = output_lines();
        if (lines.size() > before) return lines[before].rfind("ok", 0) == 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

bool wait_for_sandbox_log(const std::string& text, std::chrono::milliseconds timeout) {
    std::string path = env("KAFKASCOPE_SANDBOX_OUTPUT_FILE");
    if (path.size() < 4 || path.compare(path.size() - 4, 4, ".out") != 0) return false;
    path.replace(path.size() - 4, 4, ".log");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(path);
        for (std::string l; std::getline(in, l);) {
            if (l.find(text) != std::string::npos) return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

bool wait_for_port(const std::string& host, int port, bool want_open, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        std::error_code ec;
        socket.connect({asio::ip::make_address(host), static_cast<unsigned short>(port)}, ec);
        if (!ec == want_open) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::unique_ptr<Engine> sandbox_engine(const std::string& client_id, std::chrono::milliseconds request_timeout) {
    EngineOptions options;
    options.bootstrap = sandbox_bootstrap();
    options.client_id = client_id;
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.request_timeout = request_timeout;
    auto engine = Engine::create(std::move(options));
    ASSERT_TRUE(engine.ok());
    return std::move(engine).value();
}

}  // namespace kafkascope::test
