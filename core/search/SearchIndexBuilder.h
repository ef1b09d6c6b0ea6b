#pragma once

// The customer search index of rows a bulk writer hands over one by one,
// built on a thread of its own while the writer goes on.

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3_stmt;

namespace recheck {

class SqliteDatabase;

/// Builds both search index tables (SearchIndex) in a scratch SQLite file
/// from rows queued with add(), on another thread, so a bulk load does not
/// spend its own time tokenizing (a million-customer import spent a third of
/// its time in SearchIndex::rebuild after the rows were in). copyInto() then
/// replaces the target's index with it inside the caller's transaction.
///
/// The scratch file is made with SearchIndex's own statements and filled in
/// fid order with rebuild()'s bulk settings, so it holds what a rebuild over
/// the same rows writes (every posting, document size and total; the tests
/// compare the two). The queue is bounded: a writer faster than the build
/// waits rather than buffering a county in memory. However the builder ends
/// (copied in, or destroyed by an exception), the thread is stopped or
/// joined and the scratch file removed; nothing of it reaches the target
/// unless copyInto() ran in a transaction that commits.
///
/// The writer attaches the scratch file to its connection before it begins
/// its transaction (SQLite attaches nothing inside one) and begins it with
/// SqliteTransaction::Lock::MainDatabaseOnly, so this thread can write the
/// file until copyInto(); the copy is then one INSERT … SELECT per table.
class SearchIndexBuilder {
public:
    /// The indexed columns of customers, in the order add() takes them.
    enum Column { AccountNo, MeterAssetNo, Phone, Name, Address, ColumnCount };

    /// Starts the build thread and returns once it has made the scratch
    /// file and its tables (ready to attach), or throws why it could not.
    explicit SearchIndexBuilder(const QString& scratchPath);
    ~SearchIndexBuilder();
    SearchIndexBuilder(const SearchIndexBuilder&) = delete;
    SearchIndexBuilder& operator=(const SearchIndexBuilder&) = delete;

    const QString& scratchPath() const { return mScratch; }

    /// Queues a customer's indexed values as stored (UTF-8; nullptr for
    /// NULL) under its fid. Rows must come in increasing fid order. Throws
    /// what failed the build, if it has failed.
    void add(std::int64_t fid, const char* const values[ColumnCount], const int bytes[ColumnCount]);

    /// No more rows will come: the thread indexes the last ones and finishes
    /// the build (one segment per table) while the writer goes on with its
    /// own end of the load. Throws what failed the build, if it has failed.
    void close();

    /// Closes (if not yet), waits for the build and copies it over `db`'s
    /// index from the scratch file, attached to `db` as `attachedSchema` (in
    /// the caller's transaction, see SearchIndex::copyIndex); rethrows what
    /// failed the build. Once only.
    void copyInto(SqliteDatabase& db, const QString& attachedSchema);

    std::int64_t rowsAdded() const { return mRowsAdded; }

private:
    /// Rows of one hand-over: their texts in one buffer.
    struct Batch {
        std::vector<std::int64_t> fids;
        std::vector<int> offsets; ///< ColumnCount per row, -1 for NULL
        std::vector<int> lengths;
        std::string text;
    };

    void build();
    /// build()'s loop: the queued rows into both tables, until closed.
    void addQueuedRows(SqliteDatabase& db, sqlite3_stmt* trigram, sqlite3_stmt* shortTerms);
    void handOver(); ///< queues mFilling
    void stop();     ///< ends the thread without waiting for the build

    const QString mScratch;
    std::unique_ptr<Batch> mFilling;
    std::mutex mMutex;
    std::condition_variable mChanged;
    std::deque<std::unique_ptr<Batch>> mQueue;
    std::vector<std::unique_ptr<Batch>> mSpare; ///< emptied by the thread, for handOver() to reuse
    bool mCreated = false;                      ///< the scratch file has its tables
    bool mClosed = false;                       ///< no more batches will come
    std::atomic<bool> mCancelled{false};        ///< stop building
    std::exception_ptr mFailure;                ///< set by the thread, read after join or under mMutex
    bool mFailed = false;
    std::thread mThread;
    std::int64_t mRowsAdded = 0;
};

} // namespace recheck
