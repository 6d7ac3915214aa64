#pragma once
// The blocking fetch both readers offer (fetch_message_sync). It asks the
// reader for the next message and waits up to a timeout; on timeout it
// withdraws its waiter on the engine thread before giving up, so a message
// the reader served in the meantime is returned rather than lost.

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <asio/any_io_executor.hpp>
#include <asio/post.hpp>

#include "consumer/message.h"
#include "core/result.h"

namespace kafkascope::consumer {

// `ask(callback)` registers a waiter with the reader; `withdraw()` removes
// it and runs on the engine thread. `source` names what was waited on, for
// the timeout error ("from orders/3", "for group billing").
template <class Ask, class Withdraw>
Result<Message> wait_for_message(const asio::any_io_executor& executor, Ask&& ask, Withdraw&& withdraw,
                                 std::optional<std::chrono::milliseconds> timeout, std::string_view source) {
    auto promise = std::make_shared<std::promise<Result<Message>>>();
    auto future = promise->get_future();
    ask([promise](Result<Message> r) { promise->set_value(std::move(r)); });
    if (!timeout || future.wait_for(*timeout) == std::future_status::ready) return future.get();
    std::promise<void> withdrawn;
    asio::post(executor, [&withdraw, &withdrawn] {
        withdraw();
        withdrawn.set_value();
    });
    withdrawn.get_future().wait();
    if (future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) return future.get();
    return Error(client_errc::request_timeout,
                 "no message " + std::string(source) + " within " + std::to_string(timeout->count()) + " ms");
}

}  // namespace kafkascope::consumer
