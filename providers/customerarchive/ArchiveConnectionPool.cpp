#include "ArchiveConnectionPool.h"

#include <QFile>
#include <QMutexLocker>

#include <sqlite3.h>
#include <sys/stat.h>

namespace recheck::qgis {

namespace {

// The pool is keyed by the file's identity, not only its name: an archive
// replaced under the same name (a new check-out, a test fixture) must not be
// read through a connection to the old, unlinked file.
QString fileKey(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return path;
    return QStringLiteral("%1\n%2:%3").arg(path).arg(info.st_dev).arg(info.st_ino);
}

} // namespace

// No mmap_size: mapped pages count as the process's resident memory (a
// full scan of a 1M-customer archive showed 750 MB instead of 135 MB) and
// the measured scan was no faster.
ArchiveConnection::ArchiveConnection(const QString& path) : mDb(path, SqliteDatabase::Mode::ReadOnly) {}

ArchiveConnection::~ArchiveConnection() {
    for (auto& entry : mStatements)
        sqlite3_finalize(entry.second);
}

sqlite3_stmt* ArchiveConnection::statement(const QString& sql) {
    auto it = mStatements.find(sql);
    if (it != mStatements.end())
        return it->second;
    if (mStatements.size() >= kMaxStatements) {
        for (auto& entry : mStatements)
            sqlite3_finalize(entry.second);
        mStatements.clear();
    }
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(mDb.handle(), utf8.constData(), utf8.size(), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK)
        mDb.throwError(QStringLiteral("cannot prepare \"%1\"").arg(sql.left(200)));
    mStatements.emplace(sql, statement);
    return statement;
}

void ArchiveConnection::resetStatements() {
    for (auto& entry : mStatements) {
        sqlite3_reset(entry.second);
        sqlite3_clear_bindings(entry.second);
    }
}

ArchiveConnectionPool::Lease& ArchiveConnectionPool::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        mKey = std::move(other.mKey);
        mConnection = std::move(other.mConnection);
    }
    return *this;
}

ArchiveConnectionPool::Lease::~Lease() {
    release();
}

void ArchiveConnectionPool::Lease::release() {
    if (mConnection)
        ArchiveConnectionPool::instance().giveBack(mKey, std::move(mConnection));
}

ArchiveConnectionPool& ArchiveConnectionPool::instance() {
    static ArchiveConnectionPool pool;
    return pool;
}

ArchiveConnectionPool::Lease ArchiveConnectionPool::acquire(const QString& path) {
    Lease lease;
    lease.mKey = fileKey(path);
    {
        QMutexLocker locker(&mMutex);
        auto it = mIdle.find(lease.mKey);
        if (it != mIdle.end() && !it->second.empty()) {
            lease.mConnection = std::move(it->second.back());
            it->second.pop_back();
            return lease;
        }
    }
    lease.mConnection = std::make_unique<ArchiveConnection>(path);
    return lease;
}

void ArchiveConnectionPool::giveBack(const QString& key, std::unique_ptr<ArchiveConnection> connection) {
    // A statement left mid-step would hold a read transaction open and block
    // writers to the archive (and see a stale snapshot next time).
    connection->resetStatements();
    QMutexLocker locker(&mMutex);
    auto& idle = mIdle[key];
    if (static_cast<int>(idle.size()) < kMaxIdlePerFile)
        idle.push_back(std::move(connection));
    // else: the connection closes here.
}

void ArchiveConnectionPool::clear() {
    std::unordered_map<QString, std::vector<std::unique_ptr<ArchiveConnection>>> closing;
    {
        QMutexLocker locker(&mMutex);
        closing.swap(mIdle);
    }
}

} // namespace recheck::qgis
