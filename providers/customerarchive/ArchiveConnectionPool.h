#pragma once

// Read-only SQLite connections shared by the feature iterators. Every
// iterator holds a connection of its own for its whole life (so renderer
// worker threads never share one), but opening one costs ~1.4 ms, nearly all
// of it SpatiaLite's per-connection set-up: far more than fetching a feature
// by id. Closed iterators hand their connection back for the next one.

#include "common/Sqlite.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <unordered_map>
#include <vector>

namespace recheck::qgis {

class ArchiveConnectionPool {
public:
    /// A connection lent to one user; returned to the pool on destruction.
    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&& other) noexcept;
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        SqliteDatabase* operator->() const { return mDb.get(); }
        SqliteDatabase& operator*() const { return *mDb; }
        explicit operator bool() const { return mDb != nullptr; }
        void release();

    private:
        friend class ArchiveConnectionPool;
        QString mKey;
        std::unique_ptr<SqliteDatabase> mDb;
    };

    static ArchiveConnectionPool& instance();

    /// A read-only connection to `path`; throws RecheckError when the file
    /// cannot be opened.
    Lease acquire(const QString& path);

    /// Closes the idle connections (QgsProviderMetadata::cleanupProvider, and
    /// tests that replace a file).
    void clear();

    /// Connections kept idle per file.
    static constexpr int kMaxIdlePerFile = 8;

private:
    void giveBack(const QString& key, std::unique_ptr<SqliteDatabase> db);

    QMutex mMutex;
    std::unordered_map<QString, std::vector<std::unique_ptr<SqliteDatabase>>> mIdle;
};

} // namespace recheck::qgis
