#pragma once

// A thin RAII layer over libpq for the PostgreSQL master: one connection,
// results, transactions and COPY. Every failure becomes a RecheckError that
// names the server (never the password), what was being done and the
// server's own message with its SQLSTATE.

#include "common/RecheckError.h"

#include <QByteArray>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <memory>

struct pg_conn;
struct pg_result;

namespace recheck {

/// The result of one statement. Values come in libpq's text format.
class PgResult {
public:
    explicit PgResult(pg_result* result = nullptr);
    ~PgResult();
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const;
    int columns() const;
    QString columnName(int col) const;
    bool isNull(int row, int col) const;
    QString text(int row, int col) const;
    /// The raw text-format bytes (no UTF-8 decoding).
    QByteArray bytes(int row, int col) const;
    /// The same bytes in place (NUL-terminated, valid while this result
    /// lives) and their length: read without a copy.
    const char* data(int row, int col) const;
    int length(int row, int col) const;
    /// The number of rows an INSERT/UPDATE/DELETE/COPY touched.
    qint64 affectedRows() const;

private:
    pg_result* mResult = nullptr;
};

/// One connection to a PostgreSQL server. Not thread-safe: one per thread.
class PgConnection {
public:
    /// `conninfo` is a libpq connection string, either key=value pairs
    /// ("host=… port=… dbname=…") or a URI ("postgresql://user@host/db").
    /// Throws RecheckError: InvalidInput when it cannot be parsed, Io when the
    /// server cannot be reached or refuses the login.
    explicit PgConnection(const QString& conninfo);
    ~PgConnection();
    PgConnection(PgConnection&&) noexcept;
    PgConnection& operator=(PgConnection&&) noexcept;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Whether `location` looks like a PostgreSQL connection string rather
    /// than a file path (postgresql://, postgres:// or key=value pairs).
    static bool isConnectionString(const QString& location);
    /// The connection string without its password, for messages and logs.
    static QString redacted(const QString& conninfo);

    /// Where this connection goes, without the password.
    const QString& location() const { return mLocation; }
    pg_conn* handle() const { return mConn; }
    /// The server's version as libpq reports it (150018 for 15.18).
    int serverVersion() const;

    /// Runs one or more statements without parameters; throws on error.
    void exec(const QString& sql);
    /// Runs one statement with text-format parameters ($1, $2 …). Null
    /// QVariants become SQL NULL; numbers and strings are sent as text, a
    /// QByteArray as the UTF-8 text it holds.
    PgResult query(const QString& sql, const QVariantList& params = {});
    /// First column of the first row as text; a null QVariant for NULL or no row.
    QVariant scalar(const QString& sql, const QVariantList& params = {});

    /// Streams the rows of one query (libpq's single-row mode: one row in
    /// memory at a time) to `row`, called with a one-row result.
    void forEachRow(const QString& sql, const std::function<void(const PgResult& row)>& row);

    /// COPY … FROM STDIN in text format: start it, put rows (already
    /// escaped with copyField()), end it. endCopy() returns the rows copied.
    void beginCopy(const QString& copySql);
    void putCopyData(const QByteArray& data);
    qint64 endCopy();
    /// One value escaped for COPY's text format (backslash, tab, newline,
    /// carriage return); NULL is written as \N by the caller.
    static void appendCopyField(QByteArray& line, const QByteArray& utf8);
    static void appendCopyField(QByteArray& line, const char* utf8, int size);

    /// Throws a RecheckError naming the server, `what` and libpq's message.
    [[noreturn]] void throwError(const QString& what, pg_result* result = nullptr) const;

private:
    void close();

    pg_conn* mConn = nullptr;
    QString mLocation;
    bool mCopying = false;
};

/// BEGIN … COMMIT; rolls back unless commit() was called, so an exception
/// anywhere leaves the server as it was (PostgreSQL's DDL is transactional
/// too: tables created inside vanish with the rollback).
class PgTransaction {
public:
    explicit PgTransaction(PgConnection& connection, const QString& begin = QStringLiteral("BEGIN"));
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit();

private:
    PgConnection& mConnection;
    bool mDone = false;
};

} // namespace recheck
