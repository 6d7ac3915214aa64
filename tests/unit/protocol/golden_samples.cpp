#include "golden_samples.h"

#include <fstream>
#include <map>
#include <stdexcept>
#include <string_view>

#include "hex.h"
#include "unit_test.h"

namespace kafkascope::test {
namespace {

// Just enough JSON for the fixture lines: one flat object whose values are
// strings, integers, booleans or null. Anything else is a fixture error.
class FlatJson {
public:
    explicit FlatJson(std::string_view text) : s_(text) {}

    std::map<std::string, std::string> parse() {
        std::map<std::string, std::string> out;
        expect('{');
        if (peek() == '}') return ++pos_, out;
        while (true) {
            std::string key = string_value();
            expect(':');
            out[key] = scalar();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect('}');
            return out;
        }
    }

private:
    char peek() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r'))
            ++pos_;
        if (pos_ >= s_.size()) throw std::runtime_error("unexpected end of JSON line");
        return s_[pos_];
    }
    void expect(char c) {
        if (peek() != c) throw std::runtime_error(std::string("expected '") + c + "' in JSON line");
        ++pos_;
    }
    std::string scalar() {
        const char c = peek();
        if (c == '"') return string_value();
        const std::size_t start = pos_;
        while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ' ') ++pos_;
        return std::string(s_.substr(start, pos_ - start));  // number, true, false, null
    }
    std::string string_value() {
        expect('"');
        std::string out;
        while (pos_ < s_.size() && s_[pos_] != '"') {
            char c = s_[pos_++];
            if (c == '\\' && pos_ < s_.size()) {
                c = s_[pos_++];
                if (c == 'u') {  // notes are ASCII; keep other code points as '?'
                    pos_ += 4;
                    c = '?';
                } else if (c == 'n') {
                    c = '\n';
                } else if (c == 't') {
                    c = '\t';
                }
            }
            out.push_back(c);
        }
        expect('"');
        return out;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

const std::string& field(const std::map<std::string, std::string>& obj, const std::string& key) {
    auto it = obj.find(key);
    if (it == obj.end()) throw std::runtime_error("fixture line lacks \"" + key + "\"");
    return it->second;
}

}  // namespace

std::vector<GoldenSample> load_golden(const std::string& file) {
    const std::string path = data_dir() + "/golden/" + file;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open fixture " + path);
    std::vector<GoldenSample> out;
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
        if (line.empty()) continue;
        try {
            const auto obj = FlatJson(line).parse();
            GoldenSample s;
            s.source = field(obj, "source");
            s.api_key = static_cast<std::int16_t>(std::stoi(field(obj, "api_key")));
            s.api_version = static_cast<std::int16_t>(std::stoi(field(obj, "api_version")));
            s.correlation_id = std::stoi(field(obj, "correlation_id"));
            s.client_id = field(obj, "client_id");
            s.note = field(obj, "note");
            s.request = from_hex(field(obj, "request_hex"));
            s.response = from_hex(field(obj, "response_hex"));
            s.label = file + " line " + std::to_string(line_no) + " (v" +
                      std::to_string(s.api_version) + ", " + s.source + ")";
            out.push_back(std::move(s));
        } catch (const std::exception& e) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": " + e.what());
        }
    }
    return out;
}

}  // namespace kafkascope::test
