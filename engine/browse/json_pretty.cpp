#include "browse/json_pretty.h"

#include <vector>

namespace kafkascope::browse {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// One pass over the input with an explicit stack of open containers, so
// hostile nesting cannot exhaust the call stack.
class Reindenter {
public:
    Reindenter(std::string_view in, int indent)
        : in_(in),
          indent_(static_cast<std::size_t>(indent < 0 ? 0 : indent)),
          max_out_(in.size() * kMaxPrettyJsonGrowth + 64 * 1024) {
        out_.reserve(in.size() + in.size() / 2);
    }

    std::optional<std::string> run() {
        skip_space();
        if (at_end() || (peek() != '{' && peek() != '[')) return std::nullopt;
        bool want_value = true;  // else: a value just ended
        while (true) {
            skip_space();
            if (want_value) {
                if (!value()) return std::nullopt;
                // An opened, non-empty container wants its first value next.
                want_value = opened_;
                continue;
            }
            if (open_.empty()) break;
            if (at_end()) return std::nullopt;
            const char c = in_[pos_];
            const bool in_object = open_.back() == '{';
            if (c == ',') {
                ++pos_;
                out_ += ',';
                if (!newline() || (in_object && !member_name())) return std::nullopt;
                want_value = true;
            } else if (c == (in_object ? '}' : ']')) {
                ++pos_;
                open_.pop_back();
                if (!newline()) return std::nullopt;
                out_ += c;
            } else {
                return std::nullopt;
            }
        }
        skip_space();
        if (!at_end()) return std::nullopt;  // text after the document
        out_ += '\n';
        return std::move(out_);
    }

private:
    bool at_end() const { return pos_ >= in_.size(); }
    char peek() const { return in_[pos_]; }
    void skip_space() {
        while (!at_end() && is_space(peek())) ++pos_;
    }
    // Every line break goes through here, so this is where growth is bounded.
    bool newline() {
        out_ += '\n';
        out_.append(open_.size() * indent_, ' ');
        return out_.size() <= max_out_;
    }

    // A value at pos_; sets opened_ when it opened a non-empty container.
    bool value() {
        opened_ = false;
        if (at_end()) return false;
        const char c = peek();
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++pos_;
            skip_space();
            if (!at_end() && peek() == close) {
                ++pos_;
                out_ += c;
                out_ += close;
                return true;
            }
            if (open_.size() >= kMaxPrettyJsonDepth) return false;
            out_ += c;
            open_.push_back(c);
            opened_ = true;
            return newline() && (c == '[' || member_name());
        }
        if (c == '"') return string();
        if (c == '-' || is_digit(c)) return number();
        for (std::string_view word : {"true", "false", "null"}) {
            if (in_.substr(pos_, word.size()) == word) {
                out_ += word;
                pos_ += word.size();
                return true;
            }
        }
        return false;
    }

    // "name": (the value follows)
    bool member_name() {
        skip_space();
        if (at_end() || peek() != '"' || !string()) return false;
        skip_space();
        if (at_end() || peek() != ':') return false;
        ++pos_;
        out_ += ": ";
        return true;
    }

    // Copied as written, escapes included; checked against the grammar.
    bool string() {
        const std::size_t start = pos_++;
        while (!at_end()) {
            const char c = in_[pos_++];
            if (c == '"') {
                out_.append(in_.substr(start, pos_ - start));
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') continue;
            if (at_end()) return false;
            const char e = in_[pos_++];
            if (e == 'u') {
                if (pos_ + 4 > in_.size()) return false;
                for (int i = 0; i < 4; ++i) {
                    if (!is_hex(in_[pos_++])) return false;
                }
            } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                return false;
            }
        }
        return false;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, copied as written.
    bool number() {
        const std::size_t start = pos_;
        auto digits = [&] {
            const std::size_t from = pos_;
            while (!at_end() && is_digit(peek())) ++pos_;
            return pos_ - from;
        };
        if (peek() == '-') ++pos_;
        if (at_end()) return false;
        if (peek() == '0') {
            ++pos_;
        } else if (digits() == 0) {
            return false;
        }
        if (!at_end() && peek() == '.') {
            ++pos_;
            if (digits() == 0) return false;
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            ++pos_;
            if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
            if (digits() == 0) return false;
        }
        out_.append(in_.substr(start, pos_ - start));
        return true;
    }

    std::string_view in_;
    std::size_t indent_;
    std::size_t max_out_;
    std::size_t pos_ = 0;
    std::vector<char> open_;  // '{' or '[' per open container
    bool opened_ = false;
    std::string out_;
};

}  // namespace

std::optional<std::string> pretty_json(std::string_view text, int indent) { return Reindenter(text, indent).run(); }

}  // namespace kafkascope::browse
