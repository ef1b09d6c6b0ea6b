// The process settings of the recheck command line (configureBatchProcess):
// glibc's allocator keeps blocks of megabytes in its heap and keeps freed
// memory for the next allocation instead of handing it back to the kernel.

#include "common/BatchProcess.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include <malloc.h>

using namespace recheck;

TEST_CASE("A batch process takes blocks of megabytes from its heap and keeps them when freed", "[process]") {
#ifdef __GLIBC__
    configureBatchProcess();
    constexpr std::size_t kSize = 8u << 20; // a COPY buffer of a 5 000-row check-in
    const struct mallinfo2 before = mallinfo2();
    // volatile: the compiler may not drop the allocation as unused.
    void* volatile block = std::malloc(kSize);
    REQUIRE(block != nullptr);
    std::memset(block, 1, kSize);
    const struct mallinfo2 holding = mallinfo2();
    // glibc's default (128 kB, growing with use) maps such a block on its
    // own and unmaps it on free: fresh pages to fault in every time.
    CHECK(holding.hblks == before.hblks);
    CHECK(holding.uordblks >= before.uordblks + kSize);
    std::free(block);
    const struct mallinfo2 after = mallinfo2();
    CHECK(after.hblks == before.hblks);
    // Freed into the heap and kept there, not trimmed back to the kernel.
    CHECK(after.arena >= before.arena + kSize);
    CHECK(after.fordblks >= before.fordblks + kSize);
#else
    SUCCEED("not glibc: the allocator's defaults stay");
#endif
}
