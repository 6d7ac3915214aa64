#pragma once
// Allocator settings for programs that browse topics (the GUI and the browse
// benchmark), and a way to hand freed heap memory back after a load.
//
// Why: a browse load fetches a few MiB per broker per round (up to 32 MiB),
// decodes it into transient buffers and keeps only the message store. glibc
// raises its mmap threshold to the size of every mmapped block that is
// freed (up to 32 MiB), so after the first large response every later one,
// and every large vector, comes from the heap and stays there when freed:
// loading 1,000,000 messages kept ~35 MB (35 B per message) the process no
// longer used (tests/bench/README.md, issue 5).
//   * tune_allocator_for_large_buffers(), first thing in main(), fixes the
//     threshold at 1 MiB: blocks that large (fetch responses, the message
//     store's payload slabs and row segments, big vectors) are mapped on
//     their own and unmapped when freed, and a mapped slab's untouched tail
//     costs no resident memory. Smaller transient buffers are still recycled
//     in the heap without new page faults (a lower threshold, 256 KiB, cost
//     ~30% load throughput in page faults).
//   * release_free_heap_memory(), after a load, returns what the smaller
//     transient buffers left free inside the heap (malloc_trim).
// Both are no-ops where the C library is not glibc.

#include <cstddef>

namespace kafkascope::core {

// Blocks at or above this size are mapped on their own.
inline constexpr std::size_t kMmapThreshold = std::size_t{1} << 20;

// Returns false when the allocator refused (or is not glibc).
bool tune_allocator_for_large_buffers();

// Gives memory the heap holds but no longer uses back to the system. Walks
// the heap: call it after a burst of transient buffers, not per message.
void release_free_heap_memory();

}  // namespace kafkascope::core
