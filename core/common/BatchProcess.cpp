#include "common/BatchProcess.h"

#include "common/Sqlite.h"

#include <malloc.h>

namespace recheck {

void configureBatchProcess() {
    SqliteDatabase::configureProcess();
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
}

} // namespace recheck
