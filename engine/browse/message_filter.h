#pragma once
// Filtering loaded messages without refetching: substring or regular
// expression over key, value and/or header keys and values, plus offset and
// time ranges and a partition. run_filter walks the rows in chunks on the
// caller's (worker) thread and hands each chunk's matches to a callback, so
// a view can show results while the rest is still being searched; a cancel
// flag ends it between rows.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "browse/message_store.h"
#include "core/result.h"

namespace kafkascope::browse {

enum FilterField : unsigned { filter_key = 1, filter_value = 2, filter_headers = 4 };

struct FilterSpec {
    std::string text;  // empty: no text condition
    bool regex = false;
    bool case_sensitive = true;
    unsigned fields = filter_key | filter_value | filter_headers;
    std::optional<std::int64_t> min_offset, max_offset;  // inclusive
    std::optional<std::int64_t> min_time, max_time;      // inclusive, ms since epoch
    std::optional<std::int32_t> partition;
};

// A regular-expression search over bytes. The engine's default uses
// std::regex (ECMAScript); the UI passes a faster one (QRegularExpression).
using TextMatcher = std::function<bool(std::string_view)>;
using RegexFactory = std::function<Result<TextMatcher>(const std::string& pattern, bool case_sensitive)>;
Result<TextMatcher> std_regex_matcher(const std::string& pattern, bool case_sensitive);

class MessageFilter {
public:
    // Fails on an invalid regular expression (the message names it) or an
    // empty field set with a text condition.
    static Result<MessageFilter> compile(FilterSpec spec, const RegexFactory& regex = std_regex_matcher);

    bool matches(const MessageRef& m) const;
    bool accepts_all() const noexcept { return accepts_all_; }
    const FilterSpec& spec() const noexcept { return spec_; }

private:
    bool text_matches(std::string_view s) const;

    FilterSpec spec_;
    bool accepts_all_ = true;
    std::shared_ptr<const TextMatcher> matcher_;  // shared: a filter is copied to workers
};

struct FilterProgress {
    std::size_t examined = 0;
    std::size_t matched = 0;
    bool cancelled = false;
};

// Tests rows[i] for each i, in order; after every `chunk` rows calls
// on_matches with that chunk's matching rows (possibly none). Returns the
// totals.
using MatchSink = std::function<void(std::vector<std::uint32_t>&& matches, const FilterProgress& progress)>;
FilterProgress run_filter(const MessageStore& store, std::span<const std::uint32_t> rows,
                          const MessageFilter& filter, const std::atomic<bool>& cancel, const MatchSink& on_matches,
                          std::size_t chunk = 65536);

}  // namespace kafkascope::browse
