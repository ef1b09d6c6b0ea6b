#include "Sqlite.h"

// sqlite3.h first: spatialite.h uses its types.
#include <sqlite3.h>
#include <spatialite.h>

#include <utility>

namespace recheck {

SqliteDatabase::SqliteDatabase(const QString& path, Mode mode) : mPath(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const QByteArray utf8 = path.toUtf8();
    if (sqlite3_open_v2(utf8.constData(), &mDb, flags, nullptr) != SQLITE_OK) {
        const QString message = mDb ? QString::fromUtf8(sqlite3_errmsg(mDb)) : QStringLiteral("out of memory");
        close();
        throw RecheckError(QStringLiteral("%1: cannot open: %2").arg(path, message).toStdString(),
                           RecheckError::Kind::Io);
    }
    sqlite3_extended_result_codes(mDb, 1);
    // SpatiaLite's per-connection cache: the thread-safe way to load it.
    mSpatialiteCache = spatialite_alloc_connection();
    spatialite_init_ex(mDb, mSpatialiteCache, 0);
    setBusyTimeout(5000);
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

void SqliteDatabase::configureProcess() {
    // SQLITE_MISUSE once SQLite is initialised: then it stays as it is.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

SqliteDatabase::~SqliteDatabase() { close(); }

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : mDb(std::exchange(other.mDb, nullptr)), mSpatialiteCache(std::exchange(other.mSpatialiteCache, nullptr)),
      mPath(std::move(other.mPath)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
    if (this != &other) {
        close();
        mDb = std::exchange(other.mDb, nullptr);
        mSpatialiteCache = std::exchange(other.mSpatialiteCache, nullptr);
        mPath = std::move(other.mPath);
    }
    return *this;
}

void SqliteDatabase::close() {
    if (mDb) {
        sqlite3_close_v2(mDb);
        mDb = nullptr;
    }
    if (mSpatialiteCache) {
        spatialite_cleanup_ex(mSpatialiteCache);
        mSpatialiteCache = nullptr;
    }
}

void SqliteDatabase::throwError(const QString& what) const {
    const int code = mDb ? sqlite3_extended_errcode(mDb) : SQLITE_ERROR;
    const QString message = mDb ? QString::fromUtf8(sqlite3_errmsg(mDb)) : QStringLiteral("not open");
    RecheckError::Kind kind = RecheckError::Kind::Database;
    if ((code & 0xff) == SQLITE_NOTADB)
        kind = RecheckError::Kind::NotAnArchive;
    throw RecheckError(QStringLiteral("%1: %2: %3").arg(mPath, what, message).toStdString(), kind);
}

void SqliteDatabase::exec(const QString& sql) {
    char* error = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_exec(mDb, utf8.constData(), nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = error ? QString::fromUtf8(error) : QString();
        sqlite3_free(error);
        const int code = sqlite3_extended_errcode(mDb);
        throw RecheckError(QStringLiteral("%1: %2 (while running: %3)").arg(mPath, message, sql.left(200)).toStdString(),
                           (code & 0xff) == SQLITE_NOTADB ? RecheckError::Kind::NotAnArchive
                                                          : RecheckError::Kind::Database);
    }
}

QVariant SqliteDatabase::scalar(const QString& sql) {
    SqliteStatement st(*this, sql);
    if (st.step())
        return st.value(0);
    return {};
}

std::int64_t SqliteDatabase::lastInsertRowId() const { return sqlite3_last_insert_rowid(mDb); }
int SqliteDatabase::changes() const { return sqlite3_changes(mDb); }
void SqliteDatabase::setBusyTimeout(int ms) { sqlite3_busy_timeout(mDb, ms); }

// ---------------------------------------------------------------------------

SqliteStatement::SqliteStatement(SqliteDatabase& db, const QString& sql) : mDb(&db) {
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db.handle(), utf8.constData(), utf8.size(), &mStmt, nullptr) != SQLITE_OK)
        db.throwError(QStringLiteral("cannot prepare \"%1\"").arg(sql.left(200)));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(mStmt); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : mDb(other.mDb), mStmt(std::exchange(other.mStmt, nullptr)) {}

SqliteStatement& SqliteStatement::bind(int index, const QVariant& value) {
    if (value.isNull() || !value.isValid())
        return bindNull(index);
    switch (value.type()) {
    case QVariant::Int:
    case QVariant::LongLong:
    case QVariant::UInt:
    case QVariant::ULongLong:
    case QVariant::Bool:
        return bind(index, static_cast<std::int64_t>(value.toLongLong()));
    case QVariant::Double:
        return bind(index, value.toDouble());
    case QVariant::ByteArray: {
        const QByteArray bytes = value.toByteArray();
        return bindBlob(index, bytes.constData(), bytes.size());
    }
    default:
        return bind(index, value.toString());
    }
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(mStmt, index, value) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
    if (sqlite3_bind_double(mStmt, index, value) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const QString& value) {
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    if (sqlite3_bind_text(mStmt, index, utf8.constData(), utf8.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const char* utf8, int bytes) {
    if (sqlite3_bind_text(mStmt, index, utf8, bytes, SQLITE_TRANSIENT) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const void* data, int bytes) {
    if (sqlite3_bind_blob(mStmt, index, data, bytes, SQLITE_TRANSIENT) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
    if (sqlite3_bind_null(mStmt, index) != SQLITE_OK)
        mDb->throwError(QStringLiteral("bind"));
    return *this;
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString sql = QString::fromUtf8(sqlite3_sql(mStmt));
    mDb->throwError(QStringLiteral("\"%1\"").arg(sql.left(200)));
}

void SqliteStatement::execute() {
    step();
    reset();
}

void SqliteStatement::reset() {
    sqlite3_reset(mStmt);
    sqlite3_clear_bindings(mStmt);
}

int SqliteStatement::columnCount() const { return sqlite3_column_count(mStmt); }
QString SqliteStatement::columnName(int col) const { return QString::fromUtf8(sqlite3_column_name(mStmt, col)); }
bool SqliteStatement::isNull(int col) const { return sqlite3_column_type(mStmt, col) == SQLITE_NULL; }
std::int64_t SqliteStatement::int64(int col) const { return sqlite3_column_int64(mStmt, col); }
double SqliteStatement::real(int col) const { return sqlite3_column_double(mStmt, col); }

QString SqliteStatement::text(int col) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(mStmt, col));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(mStmt, col));
}

QByteArray SqliteStatement::blob(int col) const {
    const void* data = sqlite3_column_blob(mStmt, col);
    return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(mStmt, col));
}

QVariant SqliteStatement::value(int col) const {
    switch (sqlite3_column_type(mStmt, col)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qlonglong>(int64(col)));
    case SQLITE_FLOAT:
        return QVariant(real(col));
    case SQLITE_TEXT:
        return QVariant(text(col));
    case SQLITE_BLOB:
        return QVariant(blob(col));
    default:
        return QVariant();
    }
}

// ---------------------------------------------------------------------------

SqliteTransaction::SqliteTransaction(SqliteDatabase& db, Lock lock) : mDb(db) {
    if (lock == Lock::AllDatabases) {
        mDb.exec(QStringLiteral("BEGIN IMMEDIATE"));
        return;
    }
    // Setting a header field to its own value is a write to main and nothing
    // else. It must be the transaction's first statement: a transaction that
    // has read first and then waits for the write lock can deadlock with
    // another writer, and SQLite then fails it at once instead of waiting.
    const qint64 applicationId = mDb.scalar(QStringLiteral("PRAGMA main.application_id")).toLongLong();
    mDb.exec(QStringLiteral("BEGIN DEFERRED"));
    try {
        mDb.exec(QStringLiteral("PRAGMA main.application_id = %1").arg(applicationId));
    } catch (...) {
        mDb.exec(QStringLiteral("ROLLBACK"));
        throw;
    }
}

SqliteTransaction::~SqliteTransaction() {
    if (!mDone) {
        try {
            mDb.exec(QStringLiteral("ROLLBACK"));
        } catch (...) {
            // The connection already rolled back (e.g. on a constraint error).
        }
    }
}

void SqliteTransaction::commit() {
    mDb.exec(QStringLiteral("COMMIT"));
    mDone = true;
}

SqliteAttachment::SqliteAttachment(SqliteDatabase& db, const QString& path, const QString& schema)
    : mDb(db), mSchema(schema) {
    SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS \"%1\"").arg(schema));
    attach.bind(1, path);
    attach.execute();
}

SqliteAttachment::~SqliteAttachment() {
    try {
        mDb.exec(QStringLiteral("DETACH DATABASE \"%1\"").arg(mSchema));
    } catch (...) {
        // Still in a transaction or in use: the file stays attached until
        // the connection closes, which does no harm.
    }
}

} // namespace recheck
