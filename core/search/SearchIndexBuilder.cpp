#include "SearchIndexBuilder.h"

#include "SearchIndex.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QFile>

#include <sqlite3.h>

namespace recheck {

namespace {

// Rows per hand-over, and hand-overs queued at most: a few MB of text in
// flight whatever the size of the load.
constexpr int kBatchRows = 4096;
constexpr std::size_t kQueuedBatches = 8;
// The in-memory buffers of the index tables, filled at once next to the
// writer's own memory. A million customers' trigram postings take 130-160
// MiB of buffer: with 160 MiB a county's index is written as one segment,
// where 64 MiB wrote three that the final optimize then had to merge (2 s
// of a 1M import). The short table's pairs fit in 64 MiB. Larger loads flush
// more segments, merged by the optimize: the same index.
constexpr qint64 kTrigramHashBytes = 160 * 1024 * 1024;
constexpr qint64 kShortHashBytes = 64 * 1024 * 1024;

void removeScratch(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// A raw prepared statement, finalized with its scope (before its connection).
class RawStatement {
public:
    RawStatement(SqliteDatabase& db, const char* sql) {
        if (sqlite3_prepare_v2(db.handle(), sql, -1, &mStatement, nullptr) != SQLITE_OK) {
            sqlite3_finalize(mStatement);
            db.throwError(QStringLiteral("cannot prepare the search index build"));
        }
    }
    ~RawStatement() { sqlite3_finalize(mStatement); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    sqlite3_stmt* get() const { return mStatement; }

private:
    sqlite3_stmt* mStatement = nullptr;
};

} // namespace

SearchIndexBuilder::SearchIndexBuilder(const QString& scratchPath)
    : mScratch(scratchPath), mFilling(std::make_unique<Batch>()) {
    mThread = std::thread([this] { build(); });
    std::unique_lock<std::mutex> lock(mMutex);
    mChanged.wait(lock, [this] { return mCreated || mFailed; });
    if (mFailed) {
        lock.unlock();
        stop();
        removeScratch(mScratch);
        std::rethrow_exception(mFailure);
    }
}

SearchIndexBuilder::~SearchIndexBuilder() {
    stop();
    removeScratch(mScratch);
}

void SearchIndexBuilder::stop() {
    mCancelled = true;
    {
        std::lock_guard<std::mutex> lock(mMutex);
        mClosed = true;
    }
    mChanged.notify_all();
    if (mThread.joinable())
        mThread.join();
}

void SearchIndexBuilder::add(std::int64_t fid, const char* const values[ColumnCount],
                             const int bytes[ColumnCount]) {
    Batch& batch = *mFilling;
    batch.fids.push_back(fid);
    for (int c = 0; c < ColumnCount; ++c) {
        if (!values[c]) {
            batch.offsets.push_back(-1);
            batch.lengths.push_back(0);
            continue;
        }
        batch.offsets.push_back(static_cast<int>(batch.text.size()));
        batch.lengths.push_back(bytes[c]);
        batch.text.append(values[c], static_cast<std::size_t>(bytes[c]));
    }
    ++mRowsAdded;
    if (static_cast<int>(batch.fids.size()) >= kBatchRows)
        handOver();
}

void SearchIndexBuilder::handOver() {
    if (mFilling->fids.empty())
        return;
    std::unique_lock<std::mutex> lock(mMutex);
    mChanged.wait(lock, [this] { return mFailed || mQueue.size() < kQueuedBatches; });
    if (mFailed)
        std::rethrow_exception(mFailure);
    mQueue.push_back(std::move(mFilling));
    // A batch the thread is done with, its memory kept: a new one grew its
    // arrays afresh and faulted their pages in for every hand-over.
    if (!mSpare.empty()) {
        mFilling = std::move(mSpare.back());
        mSpare.pop_back();
    }
    lock.unlock();
    mChanged.notify_all();
    if (!mFilling)
        mFilling = std::make_unique<Batch>();
}

void SearchIndexBuilder::build() {
    try {
        removeScratch(mScratch);
        SqliteDatabase db(mScratch, SqliteDatabase::Mode::Create);
        sqlite3_progress_handler(
            db.handle(), 100000,
            [](void* flag) { return static_cast<std::atomic<bool>*>(flag)->load() ? 1 : 0; }, &mCancelled);
        // A scratch file: nothing to keep after a crash.
        db.exec(QStringLiteral("PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF"));
        // The trigram table's content table must exist (external content);
        // it stays empty: the rows are indexed as they come.
        db.exec(QStringLiteral("CREATE TABLE customers (fid INTEGER PRIMARY KEY, account_no, meter_asset_no, "
                               "phone, name, address)"));
        for (const QString& sql : SearchIndex::createStatements())
            db.exec(sql);
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mCreated = true;
        }
        mChanged.notify_all();
        db.exec(QStringLiteral("BEGIN"));
        {
            SearchIndex::BulkWrite bulk(db, kTrigramHashBytes, kShortHashBytes);
            // The index is buffered in FTS5's hashes; pages only pass through
            // on their way to the file (no journal): a small page cache.
            db.exec(QStringLiteral("PRAGMA cache_size = -8192"));
            {
                const RawStatement trigramInsert(
                    db,
                    "INSERT INTO customer_search (rowid, account_no, meter_asset_no, phone, name, address) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
                const RawStatement shortInsert(
                    db, "INSERT INTO customer_search_short (rowid, terms) VALUES (?, ?)");
                addQueuedRows(db, trigramInsert.get(), shortInsert.get());
            }
            // One segment per table, as rebuild() leaves it.
            db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('optimize'); "
                                   "INSERT INTO customer_search_short (customer_search_short) VALUES "
                                   "('optimize')"));
        }
        db.exec(QStringLiteral("COMMIT"));
    } catch (...) {
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mFailure = std::current_exception();
            mFailed = true;
        }
        mChanged.notify_all();
    }
}

void SearchIndexBuilder::addQueuedRows(SqliteDatabase& db, sqlite3_stmt* trigram, sqlite3_stmt* shortTerms) {
    std::string terms;
    std::vector<int> starts;
    for (;;) {
        std::unique_ptr<Batch> batch;
        {
            std::unique_lock<std::mutex> lock(mMutex);
            mChanged.wait(lock, [this] { return mClosed || !mQueue.empty(); });
            if (mCancelled)
                throw RecheckError("search index build cancelled");
            if (mQueue.empty())
                break; // closed and drained
            batch = std::move(mQueue.front());
            mQueue.pop_front();
        }
        mChanged.notify_all();
        for (std::size_t r = 0; r < batch->fids.size(); ++r) {
            const char* value[ColumnCount];
            int length[ColumnCount];
            for (int c = 0; c < ColumnCount; ++c) {
                const int offset = batch->offsets[r * ColumnCount + c];
                value[c] = offset < 0 ? nullptr : batch->text.data() + offset;
                length[c] = batch->lengths[r * ColumnCount + c];
            }
            sqlite3_bind_int64(trigram, 1, batch->fids[r]);
            for (int c = 0; c < ColumnCount; ++c) {
                if (value[c])
                    sqlite3_bind_text(trigram, 2 + c, value[c], length[c], SQLITE_STATIC);
                else
                    sqlite3_bind_null(trigram, 2 + c);
            }
            if (sqlite3_step(trigram) != SQLITE_DONE)
                db.throwError(QStringLiteral("cannot fill the search index"));
            sqlite3_reset(trigram);
            SearchIndex::shortTermsUtf8(terms, value[Name], length[Name], value[Address], length[Address],
                                        starts);
            sqlite3_bind_int64(shortTerms, 1, batch->fids[r]);
            sqlite3_bind_text(shortTerms, 2, terms.data(), static_cast<int>(terms.size()), SQLITE_STATIC);
            if (sqlite3_step(shortTerms) != SQLITE_DONE)
                db.throwError(QStringLiteral("cannot fill the search index"));
            sqlite3_reset(shortTerms);
        }
        batch->fids.clear();
        batch->offsets.clear();
        batch->lengths.clear();
        batch->text.clear();
        std::lock_guard<std::mutex> lock(mMutex);
        mSpare.push_back(std::move(batch));
    }
}

void SearchIndexBuilder::close() {
    {
        std::lock_guard<std::mutex> lock(mMutex);
        if (mClosed)
            return;
    }
    handOver();
    {
        std::lock_guard<std::mutex> lock(mMutex);
        mClosed = true;
    }
    mChanged.notify_all();
}

void SearchIndexBuilder::copyInto(SqliteDatabase& db, const QString& attachedSchema) {
    close();
    if (mThread.joinable())
        mThread.join();
    if (mFailed)
        std::rethrow_exception(mFailure);
    SearchIndex::copyIndex(db, attachedSchema);
}

} // namespace recheck
