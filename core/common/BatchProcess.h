#pragma once

namespace recheck {

/// Process-wide settings for a program of ours that runs one job and exits
/// (the recheck command line, benchmarks): call first thing in main(),
/// before any thread. Never called inside QGIS, whose process is shared
/// with everything else it runs.
///
/// - SQLite's memory statistics off (SqliteDatabase::configureProcess).
/// - glibc's allocator keeps what it has: blocks of up to 64 MB come from
///   the heap instead of mmap() of their own, and freed memory is not given
///   back to the system until 256 MB lie unused at its top. A check-in
///   allocates and frees buffers of megabytes over and over (query results,
///   COPY text, SQLite's page cache); with the defaults each came back from
///   the kernel as fresh pages to fault in and clear, a twentieth of a
///   PostgreSQL check-in's CPU. The process is short-lived: holding on to
///   its peak for the rest of its life costs nothing.
void configureBatchProcess();

} // namespace recheck
