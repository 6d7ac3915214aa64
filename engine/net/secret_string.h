#pragma once
// A password, token or key passphrase. It has no stream operator and no
// implicit conversion, so it cannot end up in an error message, a log line
// or a stats dump by accident: reading it takes an explicit reveal(), which
// only the code that hands it to OpenSSL or puts it on the wire calls.
// Its memory is wiped when it changes or dies.

#include <string>
#include <string_view>

namespace kafkascope::net {

class SecretString {
public:
    SecretString() = default;
    explicit SecretString(std::string value) : value_(std::move(value)) {}
    SecretString(const SecretString& other) : value_(other.value_) {}
    SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
    SecretString& operator=(const SecretString& other) {
        if (this != &other) {
            wipe();
            value_ = other.value_;
        }
        return *this;
    }
    SecretString& operator=(SecretString&& other) noexcept {
        if (this != &other) {
            wipe();
            value_ = std::move(other.value_);
            other.wipe();
        }
        return *this;
    }
    ~SecretString() { wipe(); }

    bool empty() const noexcept { return value_.empty(); }
    // The one way to the plain text; grep for reveal() to audit every use.
    std::string_view reveal() const noexcept { return value_; }
    // What diagnostics print instead of the value.
    const char* redacted() const noexcept { return value_.empty() ? "(not set)" : "(set, hidden)"; }

    friend bool operator==(const SecretString& a, const SecretString& b) { return a.value_ == b.value_; }

private:
    void wipe() noexcept {
        volatile char* p = value_.data();
        for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
        value_.clear();
    }
    std::string value_;
};

}  // namespace kafkascope::net
