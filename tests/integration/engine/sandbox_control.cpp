#include "sandbox_control.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

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

bool sandbox_command(const std::string& line) {
    std::ofstream fifo(env("KAFKASCOPE_SANDBOX_CONTROL_FILE"));
    if (!fifo) return false;
    fifo << line << '\n';
    fifo.flush();
    return static_cast<bool>(fifo);
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

}  // namespace kafkascope::test
