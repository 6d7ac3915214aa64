#include "core/malloc_tuning.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kafkascope::core {

bool tune_allocator_for_large_buffers() {
#if defined(__GLIBC__)
    // Setting M_MMAP_THRESHOLD explicitly also stops the dynamic raise of
    // M_TRIM_THRESHOLD, which stays at 128 KiB: free memory at the top of a
    // heap keeps going back to the system.
    return mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThreshold)) == 1;
#else
    return false;
#endif
}

void release_free_heap_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace kafkascope::core
