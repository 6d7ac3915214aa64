#include "browse/message_filter.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>
#include <string.h>

#include "browse/text_encoding.h"

namespace kafkascope::browse {

namespace {

struct FoldHash {
    std::size_t operator()(char c) const noexcept {
        return static_cast<std::size_t>(std::tolower(static_cast<unsigned char>(c)));
    }
};
struct FoldEqual {
    bool operator()(char a, char b) const noexcept {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    }
};

TextMatcher substring_matcher(const std::string& needle, bool case_sensitive) {
    if (case_sensitive) {
        // glibc's memmem (two-way, vectorised) beats std::search here.
        auto kept = std::make_shared<std::string>(needle);
        return [kept](std::string_view s) {
            return ::memmem(s.data(), s.size(), kept->data(), kept->size()) != nullptr;
        };
    }
    auto kept = std::make_shared<std::string>(needle);
    auto searcher = std::make_shared<std::boyer_moore_horspool_searcher<std::string::const_iterator, FoldHash, FoldEqual>>(
        kept->begin(), kept->end());
    return [searcher, kept](std::string_view s) { return std::search(s.begin(), s.end(), *searcher) != s.end(); };
}

}  // namespace

Result<TextMatcher> std_regex_matcher(const std::string& pattern, bool case_sensitive) {
    try {
        auto flags = std::regex::ECMAScript | std::regex::optimize;
        if (!case_sensitive) flags |= std::regex::icase;
        auto re = std::make_shared<std::regex>(pattern, flags);
        return TextMatcher([re](std::string_view s) { return std::regex_search(s.begin(), s.end(), *re); });
    } catch (const std::regex_error& e) {
        return Error(client_errc::invalid_argument, "invalid regular expression '" + pattern + "': " + e.what());
    }
}

Result<MessageFilter> MessageFilter::compile(FilterSpec spec, const RegexFactory& regex) {
    MessageFilter f;
    if (!spec.text.empty()) {
        if ((spec.fields & (filter_key | filter_value | filter_headers)) == 0) {
            return Error(client_errc::invalid_argument, "filter text given but no field (key, value, headers) chosen");
        }
        if (spec.regex) {
            auto m = (regex ? regex : RegexFactory(std_regex_matcher))(spec.text, spec.case_sensitive);
            if (!m) return std::move(m).error();
            f.matcher_ = std::make_shared<const TextMatcher>(std::move(m).value());
        } else {
            f.matcher_ = std::make_shared<const TextMatcher>(substring_matcher(spec.text, spec.case_sensitive));
        }
    }
    f.accepts_all_ = spec.text.empty() && !spec.min_offset && !spec.max_offset && !spec.min_time &&
                     !spec.max_time && !spec.partition;
    f.spec_ = std::move(spec);
    return f;
}

bool MessageFilter::text_matches(std::string_view s) const { return (*matcher_)(s); }

bool MessageFilter::matches(const MessageRef& m) const {
    if (accepts_all_) return true;
    const FilterSpec& s = spec_;
    if (s.partition && m.partition != *s.partition) return false;
    if (s.min_offset && m.offset < *s.min_offset) return false;
    if (s.max_offset && m.offset > *s.max_offset) return false;
    if (s.min_time && m.timestamp < *s.min_time) return false;
    if (s.max_time && m.timestamp > *s.max_time) return false;
    if (!matcher_) return true;
    if ((s.fields & filter_value) && m.value && text_matches(as_text(*m.value))) return true;
    if ((s.fields & filter_key) && m.key && text_matches(as_text(*m.key))) return true;
    if ((s.fields & filter_headers) && m.header_count > 0) {
        for (const HeaderRef& h : m.headers()) {
            if (text_matches(h.key)) return true;
            if (h.value && text_matches(as_text(*h.value))) return true;
        }
    }
    return false;
}

FilterProgress run_filter(const MessageStore& store, std::span<const std::uint32_t> rows, const MessageFilter& filter,
                          const std::atomic<bool>& cancel, const MatchSink& on_matches, std::size_t chunk) {
    FilterProgress progress;
    chunk = std::max<std::size_t>(chunk, 1);
    for (std::size_t begin = 0; begin < rows.size(); begin += chunk) {
        if (cancel.load(std::memory_order_relaxed)) {
            progress.cancelled = true;
            break;
        }
        const std::size_t end = std::min(rows.size(), begin + chunk);
        std::vector<std::uint32_t> matches;
        for (std::size_t i = begin; i < end; ++i) {
            if (filter.matches(store.ref(rows[i]))) matches.push_back(rows[i]);
        }
        progress.examined = end;
        progress.matched += matches.size();
        if (on_matches) on_matches(std::move(matches), progress);
    }
    return progress;
}

}  // namespace kafkascope::browse
