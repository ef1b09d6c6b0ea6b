#include "ArchiveSearchSessions.h"

#include <QFile>
#include <QMutexLocker>

#include <sys/stat.h>

namespace recheck::archiveui {

namespace {

QString fileKey(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return path;
    return QStringLiteral("%1\n%2:%3").arg(path).arg(info.st_dev).arg(info.st_ino);
}

} // namespace

ArchiveSearchSessions::Session::Session(const QString& archivePath)
    : path(archivePath), db(archivePath, SqliteDatabase::Mode::ReadOnly),
      search(std::make_unique<ArchiveSearch>(db)) {}

ArchiveSearchSessions::Lease::Lease(ArchiveSearchSessions& owner, QString key,
                                    std::unique_ptr<Session> session)
    : mOwner(&owner), mKey(std::move(key)), mSession(std::move(session)) {}

ArchiveSearchSessions::Lease::~Lease() {
    if (mSession)
        mOwner->giveBack(mKey, std::move(mSession));
}

ArchiveSearchSessions::Lease ArchiveSearchSessions::acquire(const QString& path) {
    const QString key = fileKey(path);
    std::vector<std::unique_ptr<Session>> stale; // closed outside the lock
    {
        QMutexLocker locker(&mMutex);
        for (auto it = mIdle.begin(); it != mIdle.end();) {
            // Connections to a file this name no longer refers to.
            if (it->first != key && !it->second.empty() && it->second.front()->path == path) {
                for (auto& session : it->second)
                    stale.push_back(std::move(session));
                it = mIdle.erase(it);
            } else {
                ++it;
            }
        }
        auto it = mIdle.find(key);
        if (it != mIdle.end() && !it->second.empty()) {
            std::unique_ptr<Session> session = std::move(it->second.back());
            it->second.pop_back();
            return Lease(*this, key, std::move(session));
        }
    }
    // Opening (SpatiaLite's set-up, preparing the statements) takes a few
    // milliseconds: outside the lock, so other searches go on.
    return Lease(*this, key, std::make_unique<Session>(path));
}

void ArchiveSearchSessions::giveBack(const QString& key, std::unique_ptr<Session> session) {
    QMutexLocker locker(&mMutex);
    if (mWantedKnown && !mWanted.contains(session->path))
        return; // its archive left the project meanwhile: closes here
    auto& idle = mIdle[key];
    if (idle.size() < kMaxIdlePerArchive)
        idle.push_back(std::move(session));
}

void ArchiveSearchSessions::keepOnly(const QStringList& paths) {
    std::unordered_map<QString, std::vector<std::unique_ptr<Session>>> closing;
    QMutexLocker locker(&mMutex);
    mWanted = QSet<QString>(paths.begin(), paths.end());
    mWantedKnown = true;
    for (auto it = mIdle.begin(); it != mIdle.end();) {
        if (!it->second.empty() && !mWanted.contains(it->second.front()->path)) {
            closing.insert(std::move(*it));
            it = mIdle.erase(it);
        } else {
            ++it;
        }
    }
    locker.unlock();
    // `closing` goes out of scope here: the connections close unlocked.
}

int ArchiveSearchSessions::idleCount() const {
    QMutexLocker locker(&mMutex);
    int count = 0;
    for (const auto& entry : mIdle)
        count += static_cast<int>(entry.second.size());
    return count;
}

} // namespace recheck::archiveui
