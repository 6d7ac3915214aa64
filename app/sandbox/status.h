#pragma once

#include <string>
#include <utility>

namespace kafkascope::sandbox {

// The outcome of one operation that can fail for a reason a user should read.
// The reason ends up verbatim in "error: <reason>" replies and stderr, so it is
// a sentence fragment without a trailing newline.
class Status {
public:
    static Status ok() { return Status{}; }
    static Status error(std::string reason) { return Status{std::move(reason), false}; }

    [[nodiscard]] bool is_ok() const { return ok_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }

private:
    Status() = default;
    Status(std::string reason, bool ok) : reason_(std::move(reason)), ok_(ok) {}

    std::string reason_;
    bool ok_ = true;
};

}  // namespace kafkascope::sandbox
