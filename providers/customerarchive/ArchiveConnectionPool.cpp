#include "ArchiveConnectionPool.h"

#include <QFile>
#include <QMutexLocker>

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

ArchiveConnectionPool::Lease& ArchiveConnectionPool::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        mKey = std::move(other.mKey);
        mDb = std::move(other.mDb);
    }
    return *this;
}

ArchiveConnectionPool::Lease::~Lease() {
    release();
}

void ArchiveConnectionPool::Lease::release() {
    if (mDb)
        ArchiveConnectionPool::instance().giveBack(mKey, std::move(mDb));
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
            lease.mDb = std::move(it->second.back());
            it->second.pop_back();
            return lease;
        }
    }
    lease.mDb = std::make_unique<SqliteDatabase>(path, SqliteDatabase::Mode::ReadOnly);
    return lease;
}

void ArchiveConnectionPool::giveBack(const QString& key, std::unique_ptr<SqliteDatabase> db) {
    QMutexLocker locker(&mMutex);
    auto& idle = mIdle[key];
    if (static_cast<int>(idle.size()) < kMaxIdlePerFile)
        idle.push_back(std::move(db));
    // else: db closes here, outside any statement of its user.
}

void ArchiveConnectionPool::clear() {
    std::unordered_map<QString, std::vector<std::unique_ptr<SqliteDatabase>>> closing;
    {
        QMutexLocker locker(&mMutex);
        closing.swap(mIdle);
    }
}

} // namespace recheck::qgis
