// Engine::commit_offsets / committed_offsets against the sandbox: a simple
// (groupless) commit reads back per partition, partitions never committed
// answer -1, and kcat -G (librdkafka) both resumes from our commit and
// commits what we then read back.

#include <cstdio>
#include <map>
#include <string>

#include "engine.h"
#include "producer/writer.h"
#include "sandbox_control.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<Engine> make_engine() { return sandbox_engine("group-offsets-test"); }

// partition -> committed offset, failing the test on any error.
std::map<std::int32_t, std::int64_t> by_partition(const Result<std::vector<consumer::CommittedOffset>>& r) {
    if (!r) report_failure(__FILE__, __LINE__, r.error().message);
    ASSERT_TRUE(r.ok());
    std::map<std::int32_t, std::int64_t> out;
    for (const auto& c : *r) {
        if (c.error) report_failure(__FILE__, __LINE__, c.error.message);
        EXPECT_FALSE(static_cast<bool>(c.error));
        out[c.partition] = c.offset;
    }
    return out;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE(simple_commit_reads_back_per_partition) {
    auto engine = make_engine();
    std::vector<consumer::OffsetToCommit> offsets{{"committed", 0, 5, "m"}, {"committed", 2, 7, {}}};
    auto committed = by_partition(engine->commit_offsets_sync("g-simple", offsets));
    EXPECT_EQ(committed.size(), std::size_t{2});
    EXPECT_EQ(committed[0], std::int64_t{5});

    auto fetched = engine->committed_offsets_sync("g-simple", {"committed"});
    ASSERT_TRUE(fetched.ok());
    EXPECT_EQ(fetched->size(), std::size_t{3});  // every partition of the topic
    for (const auto& c : *fetched) {
        if (c.partition == 0) EXPECT_TRUE(c.metadata == std::optional<std::string>("m"));
    }
    auto offsets_now = by_partition(fetched);
    EXPECT_EQ(offsets_now[0], std::int64_t{5});
    EXPECT_EQ(offsets_now[1], std::int64_t{-1});
    EXPECT_EQ(offsets_now[2], std::int64_t{7});

    // A simple commit overwrites, even backwards (admin tools reset this way).
    std::vector<consumer::OffsetToCommit> back{{"committed", 0, 2, {}}};
    by_partition(engine->commit_offsets_sync("g-simple", back));
    EXPECT_EQ(by_partition(engine->committed_offsets_sync("g-simple", {"committed"}))[0], std::int64_t{2});
}

TEST_CASE(unknown_group_has_nothing_committed) {
    auto engine = make_engine();
    auto fetched = by_partition(engine->committed_offsets_sync("g-never-used", {"committed"}));
    EXPECT_EQ(fetched.size(), std::size_t{3});
    for (const auto& [partition, offset] : fetched) EXPECT_EQ(offset, std::int64_t{-1});
}

TEST_CASE(unknown_topic_is_an_error) {
    auto engine = make_engine();
    EXPECT_FALSE(engine->committed_offsets_sync("g-simple", {"no-such-topic-here"}).ok());
}

// kcat -G starts at our commit (6 of 10) and, on exit, commits 10, which we
// read back.
TEST_CASE(kcat_group_member_resumes_from_our_commit) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "kcat_resume";
    auto writer = engine->create_writer(c);
    ASSERT_TRUE(writer.ok());
    std::vector<producer::Message> messages(10);
    for (int i = 0; i < 10; ++i) {
        std::string v = "v" + std::to_string(i);
        messages[static_cast<std::size_t>(i)].value = protocol::Bytes(v.begin(), v.end());
    }
    for (const auto& r : (*writer)->write_sync(std::move(messages))) ASSERT_TRUE(!r.error);

    std::vector<consumer::OffsetToCommit> offsets{{"kcat_resume", 0, 6, {}}};
    by_partition(engine->commit_offsets_sync("g-kcat", offsets));

    const std::string out = run("timeout 40 kcat -C -q -b '" + sandbox_bootstrap() +
                                "' -G g-kcat -e -f '%o\\n' -X session.timeout.ms=6000 kcat_resume");
    EXPECT_EQ(out, std::string("6\n7\n8\n9\n"));
    EXPECT_EQ(by_partition(engine->committed_offsets_sync("g-kcat", {"kcat_resume"}))[0], std::int64_t{10});
}
