#pragma once

#include "common/Sqlite.h"
#include "search/ArchiveSearch.h"

#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <unordered_map>
#include <vector>

namespace recheck::archiveui {

/// Read-only connections to the open archives, each with its ArchiveSearch
/// (prepared statements), kept between keystrokes of the locator bar and
/// shared by the locator filter and its per-search clones. A search runs in
/// QGIS's locator worker thread, possibly while the previous one still runs:
/// each takes a session of its own (lent under a mutex, opened when none is
/// idle) and gives it back afterwards. Sessions of archives no longer open in
/// the project are closed (keepOnly()).
class ArchiveSearchSessions {
public:
    struct Session {
        explicit Session(const QString& path);
        QString path;
        SqliteDatabase db;
        std::unique_ptr<ArchiveSearch> search;
    };

    /// A session lent to one search; given back when destroyed, unless
    /// discard() was called (a search that failed midway).
    class Lease {
    public:
        Lease(ArchiveSearchSessions& owner, QString key, std::unique_ptr<Session> session);
        ~Lease();
        Lease(Lease&&) noexcept = default;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;

        ArchiveSearch& search() { return *mSession->search; }
        void discard() { mSession.reset(); }

    private:
        ArchiveSearchSessions* mOwner;
        QString mKey;
        std::unique_ptr<Session> mSession;
    };

    /// A session on the archive at `path` (absolute): an idle one, or a new
    /// connection. Throws RecheckError when the file cannot be opened.
    Lease acquire(const QString& path);

    /// The archives open in the project: idle sessions of any other file are
    /// closed now, lent ones when they come back.
    void keepOnly(const QStringList& paths);

    /// Idle sessions (the connections kept open between searches).
    int idleCount() const;

    /// Idle sessions kept per archive (concurrent searches of one archive).
    static constexpr std::size_t kMaxIdlePerArchive = 2;

private:
    void giveBack(const QString& key, std::unique_ptr<Session> session);

    mutable QMutex mMutex;
    /// By file identity (path, device, inode): a file replaced under the same
    /// name (a new check-out) gets new connections.
    std::unordered_map<QString, std::vector<std::unique_ptr<Session>>> mIdle;
    QSet<QString> mWanted;
    bool mWantedKnown = false;
};

} // namespace recheck::archiveui
