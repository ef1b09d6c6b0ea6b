#pragma once

#include "RecheckError.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace recheck {

/// One SQLite connection with SpatiaLite loaded. Not thread-safe: one per
/// thread (the QGIS provider opens one per feature iterator).
class SqliteDatabase {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    SqliteDatabase() = default;
    SqliteDatabase(const QString& path, Mode mode);

    /// Process-wide SQLite settings for a program of ours (the recheck
    /// command line, benchmarks): call first thing in main(), before any
    /// thread or connection. Switches off SQLite's memory statistics, which
    /// take a process-wide mutex on every allocation. Does nothing where
    /// SQLite is already in use (inside QGIS).
    static void configureProcess();
    ~SqliteDatabase();
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    bool isOpen() const { return mDb != nullptr; }
    const QString& path() const { return mPath; }
    sqlite3* handle() const { return mDb; }

    /// Runs one or more statements without results; throws on error.
    void exec(const QString& sql);
    /// First column of the first row, or a null QVariant.
    QVariant scalar(const QString& sql);
    std::int64_t lastInsertRowId() const;
    int changes() const;
    /// Milliseconds SQLite waits on a lock held by another connection.
    void setBusyTimeout(int ms);

    /// Throws a RecheckError naming the file and SQLite's message.
    [[noreturn]] void throwError(const QString& what) const;

private:
    void close();

    sqlite3* mDb = nullptr;
    void* mSpatialiteCache = nullptr;
    QString mPath;
};

/// A prepared statement; values are always bound, never pasted into SQL.
class SqliteStatement {
public:
    SqliteStatement(SqliteDatabase& db, const QString& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    SqliteStatement(SqliteStatement&& other) noexcept;

    SqliteStatement& bind(int index, const QVariant& value); ///< 1-based
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, const QString& value);
    SqliteStatement& bind(int index, const char* utf8, int bytes = -1);
    SqliteStatement& bindBlob(int index, const void* data, int bytes);
    SqliteStatement& bindNull(int index);

    /// true while a row is available.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse.
    void execute();
    void reset();

    int columnCount() const;
    QString columnName(int col) const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    /// Column as QVariant using SQLite's dynamic type.
    QVariant value(int col) const;

    sqlite3_stmt* handle() const { return mStmt; }

private:
    SqliteDatabase* mDb = nullptr;
    sqlite3_stmt* mStmt = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back unless commit() was called, so an
/// exception anywhere leaves the file as it was.
class SqliteTransaction {
public:
    /// Which databases of the connection the transaction write-locks at once.
    enum class Lock {
        /// main and every attached database (BEGIN IMMEDIATE).
        AllDatabases,
        /// main only: an attached database stays free for another connection
        /// to write until this one reads it (a deferred BEGIN whose first
        /// statement writes main; the busy timeout applies as to IMMEDIATE).
        MainDatabaseOnly,
    };
    explicit SqliteTransaction(SqliteDatabase& db, Lock lock = Lock::AllDatabases);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDatabase& mDb;
    bool mDone = false;
};

/// Another database file attached to a connection for the lifetime of this
/// object (ATTACH … AS schema; DETACH on destruction, which SQLite allows
/// only outside a transaction: destroy it after the transaction that used
/// it). SQLite attaches nothing inside a transaction, so make it before.
class SqliteAttachment {
public:
    SqliteAttachment(SqliteDatabase& db, const QString& path, const QString& schema);
    ~SqliteAttachment();
    SqliteAttachment(const SqliteAttachment&) = delete;
    SqliteAttachment& operator=(const SqliteAttachment&) = delete;
    const QString& schema() const { return mSchema; }

private:
    SqliteDatabase& mDb;
    QString mSchema;
};

} // namespace recheck
