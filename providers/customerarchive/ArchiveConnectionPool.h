#pragma once

// Read-only SQLite connections shared by the feature iterators. Every
// iterator holds a connection of its own for its whole life (so renderer
// worker threads never share one), but opening one costs ~1.4 ms, nearly all
// of it SpatiaLite's per-connection set-up, and preparing a 20-column SELECT
// costs more than fetching a feature by id. Closed iterators hand their
// connection back, with its prepared statements, for the next one.

#include "common/Sqlite.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <unordered_map>
#include <vector>

struct sqlite3_stmt;

namespace recheck::qgis {

/// One pooled read-only connection and the statements prepared on it.
class ArchiveConnection {
public:
    explicit ArchiveConnection(const QString& path);
    ~ArchiveConnection();
    ArchiveConnection(const ArchiveConnection&) = delete;
    ArchiveConnection& operator=(const ArchiveConnection&) = delete;

    SqliteDatabase& db() { return mDb; }

    /// The statement for `sql`, prepared once per connection and kept; it is
    /// reset with no bindings. Valid until returnStatements(); throws
    /// RecheckError when SQLite cannot prepare it.
    sqlite3_stmt* statement(const QString& sql);
    /// Resets every statement (the connection goes back to the pool idle).
    void resetStatements();

    /// Statements kept per connection; beyond, the cache starts afresh.
    static constexpr std::size_t kMaxStatements = 32;

private:
    SqliteDatabase mDb;
    std::unordered_map<QString, sqlite3_stmt*> mStatements;
};

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

        SqliteDatabase* operator->() const { return &mConnection->db(); }
        SqliteDatabase& operator*() const { return mConnection->db(); }
        ArchiveConnection& connection() const { return *mConnection; }
        explicit operator bool() const { return mConnection != nullptr; }
        void release();

    private:
        friend class ArchiveConnectionPool;
        QString mKey;
        std::unique_ptr<ArchiveConnection> mConnection;
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
    void giveBack(const QString& key, std::unique_ptr<ArchiveConnection> connection);

    QMutex mMutex;
    std::unordered_map<QString, std::vector<std::unique_ptr<ArchiveConnection>>> mIdle;
};

} // namespace recheck::qgis
