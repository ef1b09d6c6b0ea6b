#include "PgStagingMaster.h"

#include "PgMasterSchema.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "sync/ChangeSet.h"
#include "sync/SyncTables.h"
#include "sync/SyncValue.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

namespace recheck {

QString pgQuoteIdentifier(const QString& name) {
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString pgTextArray(const QStringList& values) {
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString v : values) {
        v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        quoted << QLatin1Char('"') + v + QLatin1Char('"');
    }
    return QLatin1Char('{') + quoted.join(QLatin1Char(',')) + QLatin1Char('}');
}

void pgAppendCopyValue(QByteArray& line, const QVariant& value, PgColumnKind kind) {
    if (value.isNull() || !value.isValid()) {
        line.append("\\N");
        return;
    }
    switch (kind) {
    case PgColumnKind::Integer:
        line.append(QByteArray::number(value.toLongLong()));
        return;
    case PgColumnKind::Real:
        line.append(QByteArray::number(value.toDouble(), 'g', 17));
        return;
    case PgColumnKind::Text:
        PgConnection::appendCopyField(line, value.toString().toUtf8());
        return;
    case PgColumnKind::Blob:
    case PgColumnKind::Geometry:
        line.append("\\\\x");
        line.append(value.toByteArray().toHex());
        return;
    case PgColumnKind::Json:
        PgConnection::appendCopyField(line, pgJsonForSqlValue(value));
        return;
    }
}

QVariant pgParameter(const QVariant& value, PgColumnKind kind) {
    if (value.isNull() || !value.isValid())
        return {};
    switch (kind) {
    case PgColumnKind::Blob:
    case PgColumnKind::Geometry:
        return QString(QStringLiteral("\\x") + QString::fromLatin1(value.toByteArray().toHex()));
    case PgColumnKind::Json:
        return QString::fromUtf8(pgJsonForSqlValue(value));
    case PgColumnKind::Integer:
        return QString::number(value.toLongLong());
    case PgColumnKind::Real:
        return value.toDouble();
    case PgColumnKind::Text:
        return value.toString();
    }
    return value;
}

void pgAppendArrayElement(QByteArray& elements, const QVariant& value, PgColumnKind kind) {
    if (!elements.isEmpty())
        elements.append(',');
    if (value.isNull() || !value.isValid()) {
        elements.append("NULL");
        return;
    }
    // Quoted, with backslashes and double quotes escaped: any text is safe.
    const auto quoted = [&](const QByteArray& text) {
        elements.append('"');
        for (const char ch : text) {
            if (ch == '"' || ch == '\\')
                elements.append('\\');
            elements.append(ch);
        }
        elements.append('"');
    };
    switch (kind) {
    case PgColumnKind::Integer:
        elements.append(QByteArray::number(value.toLongLong()));
        return;
    case PgColumnKind::Real: {
        const double real = value.toDouble();
        if (std::isnan(real))
            elements.append("NaN");
        else if (std::isinf(real))
            elements.append(real > 0 ? "Infinity" : "-Infinity");
        else
            elements.append(QByteArray::number(real, 'g', 17));
        return;
    }
    case PgColumnKind::Text:
        quoted(value.toString().toUtf8());
        return;
    case PgColumnKind::Blob:
    case PgColumnKind::Geometry:
        quoted(QByteArrayLiteral("\\x") + value.toByteArray().toHex());
        return;
    case PgColumnKind::Json:
        quoted(pgJsonForSqlValue(value));
        return;
    }
}

void PgStagedValues::appendInteger(qint64 value) {
    mBuffer.append(static_cast<char>(Integer));
    mBuffer.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void PgStagedValues::appendReal(double value) {
    mBuffer.append(static_cast<char>(Real));
    mBuffer.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void PgStagedValues::appendBytes(Tag tag, const char* data, int size) {
    mBuffer.append(static_cast<char>(tag));
    const qint32 length = size;
    mBuffer.append(reinterpret_cast<const char*>(&length), sizeof length);
    mBuffer.append(data, size);
}

void PgStagedValues::append(const QVariant& value) {
    if (value.isNull() || !value.isValid()) {
        appendNull();
        return;
    }
    switch (value.type()) {
    case QVariant::Int:
    case QVariant::LongLong:
    case QVariant::UInt:
    case QVariant::ULongLong:
    case QVariant::Bool:
        appendInteger(value.toLongLong());
        return;
    case QVariant::Double:
        appendReal(value.toDouble());
        return;
    case QVariant::ByteArray: {
        const QByteArray bytes = value.toByteArray();
        appendBlob(bytes.constData(), bytes.size());
        return;
    }
    default: {
        const QByteArray utf8 = value.toString().toUtf8();
        appendText(utf8.constData(), utf8.size());
        return;
    }
    }
}

PgStagedValues::Value PgStagedValues::Reader::next() {
    Value v;
    v.tag = static_cast<Tag>(*mAt++);
    switch (v.tag) {
    case Integer:
        std::memcpy(&v.integer, mAt, sizeof v.integer);
        mAt += sizeof v.integer;
        break;
    case Real:
        std::memcpy(&v.real, mAt, sizeof v.real);
        mAt += sizeof v.real;
        break;
    case Text:
    case Blob: {
        qint32 length = 0;
        std::memcpy(&length, mAt, sizeof length);
        mAt += sizeof length;
        v.data = mAt;
        v.size = length;
        mAt += length;
        break;
    }
    case Null:
        break;
    }
    return v;
}

PgStagedValues::Value PgStagedValues::at(int column) const {
    Reader reader(mBuffer);
    Value v = reader.next();
    for (int c = 0; c < column; ++c)
        v = reader.next();
    return v;
}

QVariant PgStagedValues::value(int column) const {
    const Value v = at(column);
    switch (v.tag) {
    case Integer:
        return QVariant(static_cast<qlonglong>(v.integer));
    case Real:
        return QVariant(v.real);
    case Text:
        return QVariant(QString::fromUtf8(v.data, v.size));
    case Blob:
        return QVariant(QByteArray(v.data, v.size));
    case Null:
        break;
    }
    return {};
}

bool PgStagedValues::same(const Value& value, sqlite3_stmt* statement, int c) {
    const int type = sqlite3_column_type(statement, c);
    if (value.tag == Null || type == SQLITE_NULL)
        return value.tag == Null && type == SQLITE_NULL;
    const bool numberA = value.tag == Integer || value.tag == Real;
    const bool numberB = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
    if (numberA || numberB) {
        if (!numberA || !numberB)
            return false;
        if (value.tag == Integer && type == SQLITE_INTEGER)
            return value.integer == sqlite3_column_int64(statement, c);
        const double a = value.tag == Integer ? static_cast<double>(value.integer) : value.real;
        return a == sqlite3_column_double(statement, c);
    }
    if ((value.tag == Blob) != (type == SQLITE_BLOB))
        return false;
    const void* bytes =
        type == SQLITE_BLOB ? sqlite3_column_blob(statement, c) : sqlite3_column_text(statement, c);
    const int size = sqlite3_column_bytes(statement, c);
    return size == value.size &&
           (size == 0 || std::memcmp(bytes, value.data, static_cast<size_t>(size)) == 0);
}

QByteArray pgArrayLiteral(const QByteArray& elements) {
    QByteArray literal;
    literal.reserve(elements.size() + 2);
    literal.append('{').append(elements).append('}');
    return literal;
}

namespace {

// One read transaction of the staging file around many statements (each
// statement on its own would begin and end one: a tenth of the reading).
// A savepoint, so that it also works inside a caller's transaction.
class StagingRead {
public:
    explicit StagingRead(SqliteDatabase& db) : mDb(db) {
        mDb.exec(QStringLiteral("SAVEPOINT recheck_staging_read"));
    }
    ~StagingRead() {
        try {
            mDb.exec(QStringLiteral("RELEASE recheck_staging_read"));
        } catch (...) {
        }
    }
    StagingRead(const StagingRead&) = delete;
    StagingRead& operator=(const StagingRead&) = delete;

private:
    SqliteDatabase& mDb;
};

[[noreturn]] void throwConcurrentChange(const QString& location, const QString& table, qint64 expected,
                                        qint64 done, const QString& what) {
    // Under REPEATABLE READ PostgreSQL itself reports a row changed after
    // the snapshot as 40001; this is the belt to those braces.
    throw RecheckError(
        QStringLiteral("PostgreSQL master (%1): %2 %3: %4 of %5 rows still had the row_version "
                       "read at the start; another connection changed them meanwhile "
                       "[SQLSTATE 40001]")
            .arg(location, what, table)
            .arg(done)
            .arg(expected)
            .toStdString(),
        RecheckError::Kind::Database);
}

// Identifies the code that makes a staging template: the module (program
// or plugin) holding this function, by path, size and modification time.
// A rebuilt or upgraded Recheck makes its own template instead of taking one
// an older build left (its schema could differ without a new version
// number while it is being developed).
QString stagingTemplateBuildKey() {
    Dl_info module{};
    QString identity = QStringLiteral("unknown-module");
    if (dladdr(reinterpret_cast<void*>(&stagingTemplateBuildKey), &module) && module.dli_fname) {
        const QFileInfo file(QString::fromLocal8Bit(module.dli_fname));
        identity = QStringLiteral("%1|%2|%3")
                       .arg(file.absoluteFilePath())
                       .arg(file.size())
                       .arg(file.lastModified().toMSecsSinceEpoch());
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}

// The folder the templates are kept in: the user's own in the temporary
// folder, readable and writable by that user only. The merge runs the
// template's triggers, so a file another user could have put there must
// never be taken; when the folder is not safely ours (made by someone else,
// a link, open to others), this process keeps its templates in a private
// folder of its own instead, as before they were shared.
QString stagingTemplateDirectory() {
    const QString shared =
        QDir::temp().filePath(QStringLiteral("recheck-pg-staging-templates-%1").arg(::geteuid()));
    const QByteArray name = QFile::encodeName(shared);
    ::mkdir(name.constData(), 0700); // EEXIST: checked below like any other
    struct stat info {};
    if (::lstat(name.constData(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid() &&
        (info.st_mode & 077) == 0)
        return shared;
    static QTemporaryDir own(QDir::temp().filePath(QStringLiteral("recheck-pg-template-XXXXXX")));
    if (!own.isValid())
        throw RecheckError(
            QStringLiteral("cannot create a temporary folder: %1").arg(own.errorString()).toStdString(),
            RecheckError::Kind::Io);
    return own.path();
}

// Makes a staging template at `path`: an empty master of this build's
// schema without what a throw-away copy does not need (see stagingTemplate).
void makeStagingTemplate(const QString& path, int srid) {
    Archive::CreateOptions create;
    create.srid = srid;
    Archive archive = Archive::create(path, create);
    SqliteDatabase& db = archive.db();
    QStringList drop;
    {
        SqliteStatement triggers(db,
                                 QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                                "(name LIKE '%\\_search\\_%' ESCAPE '\\' OR "
                                                "substr(name, 1, 4) IN ('ggi_', 'ggu_', 'gii_', 'giu_', "
                                                "'gid_', 'tmd_', 'tmi_', 'tmu_'))"));
        while (triggers.step())
            drop << triggers.text(0);
    }
    for (const QString& name : drop)
        db.exec(QStringLiteral("DROP TRIGGER %1").arg(pgQuoteIdentifier(name)));
    db.exec(QStringLiteral("DELETE FROM code_lists; DELETE FROM sync_field_policy"));
    // Nor the customers' phone and meter indexes: they serve the search,
    // which never runs on a staging file, and every staged row and every
    // merged phone change would keep them up to date.
    db.exec(QStringLiteral("DROP INDEX IF EXISTS customers_phone; DROP INDEX IF EXISTS customers_meter"));
    // Nor change_log's (table_name, row_uuid) index: the write-back of an
    // office verb reads the staging change_log whole.
    db.exec(QStringLiteral("DROP INDEX IF EXISTS change_log_row"));
    // Nor change capture: staging would only suspend it, and an operation
    // that wants its writes logged has it made at finish(). A check-in
    // does without (see PgStagingMaster::finish).
    for (const SyncedTable& table : ArchiveSchema::syncedTables())
        for (const QString& name : ArchiveSchema::changeCaptureTriggerNames(table))
            db.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1").arg(name));
}

// An empty SpatiaLite master of this build's schema with archive CRS
// `srid`, without what a throw-away copy does not need: the search index,
// the customers' search-only indexes and SpatiaLite's R*Tree, geometry-type
// and timestamp triggers (PostgreSQL's typed geometry columns check the
// types), the seed's code lists and field policies (the master's replace
// them), change capture (made again by finish() when an operation wants it).
//
// Creating one takes a third of a second of CPU (SpatiaLite's metadata);
// copying it, milliseconds. So it is made once per build and kept in the
// temporary folder for every later process: each `recheck checkin` is a
// process of its own, and five office clients checking in at once would
// otherwise each pay that third of a second. It is made under a private
// name and renamed into place, so a process never copies a half-made one.
QString stagingTemplate(int srid) {
    static std::mutex mutex;
    static std::map<int, QString> templates;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = templates.find(srid);
    if (found != templates.end()) {
        if (QFileInfo(found->second).isFile())
            return found->second;
        templates.erase(found); // removed meanwhile (see below): made again
    }
    const QDir directory(stagingTemplateDirectory());
    const QString path = directory.filePath(QStringLiteral("staging-v%1-%2-%3.sqlite")
                                                .arg(ArchiveSchema::currentVersion())
                                                .arg(srid)
                                                .arg(stagingTemplateBuildKey()));
    if (!QFileInfo(path).isFile()) {
        const QString partial = path + QStringLiteral(".%1.partial").arg(QCoreApplication::applicationPid());
        QFile::remove(partial);
        try {
            makeStagingTemplate(partial, srid);
        } catch (...) {
            QFile::remove(partial);
            throw;
        }
        // rename(2) replaces atomically: a process that made the same
        // template meanwhile loses nothing.
        if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0) {
            QFile::remove(partial);
            throw RecheckError(QStringLiteral("cannot move %1 to %2").arg(partial, path).toStdString(),
                               RecheckError::Kind::Io);
        }
        // Templates of other builds (an upgraded or rebuilt Recheck) made
        // more than a week ago go: about 700 kB each.
        const QDateTime weekAgo = QDateTime::currentDateTimeUtc().addDays(-7);
        for (const QFileInfo& old :
             directory.entryInfoList({QStringLiteral("staging-*.sqlite*")}, QDir::Files))
            if (old.absoluteFilePath() != QFileInfo(path).absoluteFilePath() && old.lastModified() < weekAgo)
                QFile::remove(old.absoluteFilePath());
    }
    templates.emplace(srid, path);
    return path;
}

} // namespace

std::unique_ptr<QTemporaryDir> pgScratchDirectory(const QString& near) {
    const QString pattern = near.isEmpty() ? QDir::temp().filePath(QStringLiteral("recheck-pg-XXXXXX"))
                                           : QDir(near).filePath(QStringLiteral(".recheck-pg-XXXXXX"));
    auto dir = std::make_unique<QTemporaryDir>(pattern);
    if (!dir->isValid())
        throw RecheckError(QStringLiteral("cannot create a scratch folder %1: %2")
                               .arg(pattern, dir->errorString())
                               .toStdString(),
                           RecheckError::Kind::Io);
    return dir;
}

PgStagingMaster::PgStagingMaster(PgMasterStore& store, const QString& directory)
    : mStore(store), mPg(store.connection()) {
    mPath = QDir(directory).filePath(QStringLiteral("staging-master.sqlite"));
    const PgResult meta = mPg.query(QStringLiteral("SELECT key, value FROM archive_meta"));
    QHash<QString, QString> values;
    for (int r = 0; r < meta.rows(); ++r)
        values.insert(meta.text(r, 0), meta.text(r, 1));
    if (values.value(QStringLiteral("archive_id")).isEmpty())
        throw RecheckError(QStringLiteral("%1: not a Recheck master (archive_meta has no archive_id)")
                               .arg(mPg.location())
                               .toStdString(),
                           RecheckError::Kind::NotAnArchive);
    const QString source =
        stagingTemplate(values.value(QStringLiteral("srid"), QStringLiteral("4490")).toInt());
    // A template removed between the look and the copy (another build
    // clearing old ones) is made again.
    if (!QFile::copy(source, mPath) &&
        !QFile::copy(stagingTemplate(values.value(QStringLiteral("srid"), QStringLiteral("4490")).toInt()),
                     mPath))
        throw RecheckError(QStringLiteral("cannot copy %1 to %2").arg(source, mPath).toStdString(),
                           RecheckError::Kind::Io);
    QFile::setPermissions(mPath, QFile::ReadOwner | QFile::WriteOwner);
    mDb = std::make_unique<SqliteDatabase>(mPath, SqliteDatabase::Mode::ReadWrite);
    // Staged rows are a cut of the master: their own references may
    // point at rows not staged. The operation's own writes are checked
    // by PostgreSQL's foreign keys at commit.
    mDb->exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    mDb->exec(QStringLiteral("PRAGMA synchronous = OFF"));
    mDb->exec(QStringLiteral("PRAGMA journal_mode = MEMORY"));
    // The rows of a 5 000-row check-in with their indexes outgrow SQLite's
    // 2 MB default cache: it spilled pages to the file in mid-staging.
    mDb->exec(QStringLiteral("PRAGMA cache_size = -65536"));
    mDb->exec(QStringLiteral("BEGIN"));
    {
        // The master's identity (archive_id, name, srid …).
        SqliteStatement meta(
            *mDb, QStringLiteral("INSERT OR REPLACE INTO archive_meta (key, value) VALUES (?, ?)"));
        for (auto it = values.constBegin(); it != values.constEnd(); ++it)
            meta.bind(1, it.key()).bind(2, it.value()).execute();
    }
    mStaging = true; // the template has no change capture: staging writes no log
}

PgStagingMaster::~PgStagingMaster() {
    if (mStaging) {
        try {
            mDb->exec(QStringLiteral("ROLLBACK"));
        } catch (...) {
        }
    }
}

PgStagedTable& PgStagingMaster::info(const QString& table) {
    auto it = mInfo.find(table);
    if (it != mInfo.end())
        return it->second;
    PgStagedTable t;
    t.name = table;
    t.domain = ArchiveSchema::syncedTable(table) != nullptr;
    t.partitioned = PgMasterSchema::isCountyPartitioned(table);
    if (!mCatalogRead) {
        // Every table the staging file has, in one catalog query.
        QStringList names;
        SqliteStatement tables(*mDb, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
        while (tables.step())
            names << tables.text(0);
        mCatalog = mStore.columnsOf(names);
        mCatalogRead = true;
    }
    const std::vector<PgColumn> pgColumns = mCatalog[table];
    QHash<QString, PgColumnKind> pgKinds;
    for (const PgColumn& c : pgColumns)
        pgKinds.insert(c.name, c.kind);
    QStringList keyColumns;
    {
        SqliteStatement columns(*mDb,
                                QStringLiteral("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid"));
        columns.bind(1, table);
        while (columns.step()) {
            t.columns << columns.text(0);
            if (columns.int64(1) > 0)
                keyColumns << columns.text(0);
        }
    }
    {
        SqliteStatement geometries(*mDb,
                                   QStringLiteral("SELECT f_geometry_column, srid FROM geometry_columns "
                                                  "WHERE lower(f_table_name) = lower(?)"));
        geometries.bind(1, table);
        while (geometries.step())
            for (int c = 0; c < t.columns.size(); ++c)
                if (t.columns[c].compare(geometries.text(0), Qt::CaseInsensitive) == 0)
                    t.geometrySrid.insert(c, static_cast<int>(geometries.int64(1)));
    }
    t.exists = !pgColumns.empty() && !t.columns.isEmpty();
    if (t.exists) {
        for (int c = 0; c < t.columns.size(); ++c) {
            const auto kind = pgKinds.constFind(t.columns[c]);
            if (kind == pgKinds.constEnd())
                throw RecheckError(QStringLiteral("%1: table %2 has no column %3 (the PostgreSQL master's "
                                                  "schema lags this Recheck's; nothing was changed)")
                                       .arg(mPg.location(), table, t.columns[c])
                                       .toStdString(),
                                   RecheckError::Kind::InvalidInput);
            t.kinds.push_back(*kind);
        }
        if (t.domain)
            t.key = QStringLiteral("uuid");
        else if (keyColumns.size() == 1)
            t.key = keyColumns.first();
        t.keyIndex = t.columns.indexOf(t.key);
        if (!t.key.isEmpty() && !t.domain &&
            t.kinds[static_cast<std::size_t>(t.keyIndex)] == PgColumnKind::Integer) {
            const QString sequence = table + QLatin1Char('_') + t.key + QStringLiteral("_seq");
            if (!mPg.scalar(QStringLiteral("SELECT to_regclass($1)::text"), {sequence}).isNull())
                t.keySequence = sequence;
        }
    }
    return mInfo.emplace(table, std::move(t)).first->second;
}

int PgStagingMaster::stage(const QString& table, const QString& where, const QVariantList& params,
                           const QString& suffix) {
    PgStagedTable& t = info(table);
    mTracked.insert(table);
    if (!t.exists)
        return 0;
    QStringList select, marks;
    for (int c = 0; c < t.columns.size(); ++c) {
        const bool geometry = t.geometrySrid.contains(c);
        select << (geometry ? QStringLiteral("ST_AsBinary(t.%1)") : QStringLiteral("t.%1"))
                      .arg(pgQuoteIdentifier(t.columns[c]));
        marks << (geometry ? QStringLiteral("GeomFromWKB(?, %1)").arg(t.geometrySrid.value(c))
                           : QStringLiteral("?"));
    }
    if (t.partitioned)
        select << QStringLiteral("t.county");
    // Where the row version read lies (its ctid): the write-back's UPDATE
    // goes straight there instead of looking each uuid up in an index again.
    const int ctidColumn = select.size();
    if (t.domain)
        select << QStringLiteral("t.ctid");
    const PgResult rows =
        mPg.query(QStringLiteral("SELECT %1 FROM %2 t WHERE %3%4")
                      .arg(select.join(QStringLiteral(", ")), pgQuoteIdentifier(table), where, suffix),
                  params);
    SqliteStatement insert(*mDb, QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)")
                                     .arg(
                                         pgQuoteIdentifier(table),
                                         [&] {
                                             QStringList q;
                                             for (const QString& c : t.columns)
                                                 q << pgQuoteIdentifier(c);
                                             return q.join(QStringLiteral(", "));
                                         }(),
                                         marks.join(QStringLiteral(", "))));
    const int versionColumn = t.columns.indexOf(QStringLiteral("row_version"));
    // Each value goes from libpq's text straight into the statement and the
    // packed copy kept for the write-back (no QVariant but for JSON).
    sqlite3_stmt* st = insert.handle();
    const auto bound = [&](int rc) {
        if (rc != SQLITE_OK)
            mDb->throwError(QStringLiteral("bind"));
    };
    QHash<QString, PgStagedRow>* domainRows = t.domain ? &mDomain[table] : nullptr;
    QHash<QString, PgStagedValues>* verbatimRows = !t.domain && t.keyIndex >= 0 ? &mVerbatim[table] : nullptr;
    QByteArray blob;
    int copied = 0;
    for (int r = 0; r < rows.rows(); ++r) {
        PgStagedValues values;
        qint64 rowVersion = 0;
        for (int c = 0; c < t.columns.size(); ++c) {
            const int index = c + 1;
            if (rows.isNull(r, c)) {
                bound(sqlite3_bind_null(st, index));
                values.appendNull();
                continue;
            }
            const char* text = rows.data(r, c);
            const int length = rows.length(r, c);
            switch (t.kinds[static_cast<std::size_t>(c)]) {
            case PgColumnKind::Integer: {
                const qint64 integer = std::strtoll(text, nullptr, 10);
                bound(sqlite3_bind_int64(st, index, integer));
                values.appendInteger(integer);
                if (c == versionColumn)
                    rowVersion = integer;
                break;
            }
            case PgColumnKind::Real: {
                // strtod reads PostgreSQL's shortest exact form and Infinity/NaN.
                const double real = std::strtod(text, nullptr);
                bound(sqlite3_bind_double(st, index, real));
                values.appendReal(real);
                break;
            }
            case PgColumnKind::Text:
                bound(sqlite3_bind_text(st, index, text, length, SQLITE_STATIC));
                values.appendText(text, length);
                break;
            case PgColumnKind::Blob:
            case PgColumnKind::Geometry:
                // bytea in hex output: \x0102…
                blob = QByteArray::fromHex(QByteArray::fromRawData(text + 2, std::max(0, length - 2)));
                bound(sqlite3_bind_blob(st, index, blob.constData(), blob.size(), SQLITE_TRANSIENT));
                values.appendBlob(blob.constData(), blob.size());
                break;
            case PgColumnKind::Json: {
                const QVariant value = sqlValueFromPg(rows, r, c, PgColumnKind::Json);
                insert.bind(index, value);
                values.append(value);
                if (c == versionColumn)
                    rowVersion = value.toLongLong();
                break;
            }
            }
        }
        insert.step();
        insert.reset();
        if (mDb->changes() != 1)
            continue;
        ++copied;
        if (!domainRows && !verbatimRows)
            continue;
        const QString key = t.keyIndex >= 0 && !rows.isNull(r, t.keyIndex)
                                ? QString::fromUtf8(rows.data(r, t.keyIndex), rows.length(r, t.keyIndex))
                                : QString();
        if (domainRows)
            domainRows->insert(key, PgStagedRow{rowVersion,
                                                t.partitioned ? rows.text(r, t.columns.size()) : QString(),
                                                std::move(values), rows.bytes(r, ctidColumn)});
        else
            verbatimRows->insert(key, std::move(values));
    }
    return copied;
}

void PgStagingMaster::stageWhole(const QString& table) {
    PgStagedTable& t = info(table);
    if (!t.exists)
        return;
    mDb->exec(QStringLiteral("DELETE FROM %1").arg(pgQuoteIdentifier(table)));
    stage(table, QStringLiteral("true"));
}

void PgStagingMaster::stageUuids(const QString& table, const QSet<QString>& uuids,
                                 const QSet<QString>& onlyInLikelyCounties) {
    const QStringList& likelyCounties = mLikelyCounties;
    const auto missing = [&] {
        QStringList wanted;
        const auto& staged = mDomain[table];
        for (const QString& u : uuids)
            if (!u.isEmpty() && !staged.contains(u))
                wanted << u;
        std::sort(wanted.begin(), wanted.end());
        return wanted;
    };
    QStringList wanted = missing();
    if (wanted.isEmpty())
        return;
    if (!likelyCounties.isEmpty() && info(table).partitioned) {
        // Customers of the package's districts, when a good part of them is
        // wanted (a district re-checked whole): through the district index,
        // reading the districts' pages once, with the uuids as a filter. By
        // uuid, each row costs a probe of the uuid index, whose leaves are
        // spread over the whole partition: 5 000 rows read about 1 400
        // index pages against 20, and took 34 ms against 6 ms with every
        // page in memory (more when the county's pages are cold). The
        // planner cannot tell (it ANDs both indexes), so the uuid condition
        // is written so that no index serves it ("|| ''"). Rows the office
        // moved to another district since are looked for below.
        // From one customer in eight (about one per page of a district) the
        // scan reads fewer pages than the probes.
        if (table == QLatin1String("customers") && !mLikelyDistricts.isEmpty() &&
            mCustomersInLikelyDistricts > 0 && wanted.size() * 8 >= mCustomersInLikelyDistricts) {
            stage(table,
                  QStringLiteral("t.county = ANY($2::text[]) AND t.district_uuid = ANY($3::text[]) AND "
                                 "(t.uuid || '') = ANY($1::text[])"),
                  {pgTextArray(wanted), pgTextArray(likelyCounties), pgTextArray(mLikelyDistricts)});
            wanted = missing();
            if (wanted.isEmpty())
                return;
        }
        // Those counties' partitions first (PostgreSQL prunes the others:
        // one index probe per uuid instead of one per uuid and partition),
        // then the rest, if any, wherever they are.
        stage(table, QStringLiteral("t.county = ANY($2::text[]) AND t.uuid = ANY($1::text[])"),
              {pgTextArray(wanted), pgTextArray(likelyCounties)});
        wanted = missing();
        for (auto it = wanted.begin(); it != wanted.end();)
            it = onlyInLikelyCounties.contains(*it) ? wanted.erase(it) : it + 1;
        if (wanted.isEmpty())
            return;
    }
    stage(table, QStringLiteral("t.uuid = ANY($1::text[])"), {pgTextArray(wanted)});
}

bool PgStagingMaster::isStaged(const QString& table, const QString& uuid) const {
    const auto it = mDomain.constFind(table);
    return it != mDomain.constEnd() && it->contains(uuid);
}

void PgStagingMaster::finish(bool captureWrites) {
    if (captureWrites)
        for (const SyncedTable& table : ArchiveSchema::syncedTables())
            for (const QString& sql : ArchiveSchema::changeCaptureTriggers(table))
                mDb->exec(sql);
    mCaptured = captureWrites;
    mStaging = false;
    mDb->exec(QStringLiteral("COMMIT"));
    mDb->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

PgStagingMaster::Applied PgStagingMaster::applyDomain() {
    Applied applied;
    StagingRead read(*mDb);
    QHash<QString, QSet<QString>> touched;
    if (mCaptured) {
        SqliteStatement log(*mDb, QStringLiteral("SELECT DISTINCT table_name, row_uuid FROM change_log"));
        while (log.step())
            touched[log.text(0)].insert(log.text(1));
    } else {
        // No log: every row staged (changed or deleted since, or not), and
        // every row the staging file holds that was not staged (new).
        for (const SyncedTable& synced : ArchiveSchema::syncedTables()) {
            if (!info(synced.name).exists)
                continue;
            const QHash<QString, PgStagedRow>& staged = mDomain[synced.name];
            QSet<QString>& rows = touched[synced.name];
            for (auto it = staged.constBegin(); it != staged.constEnd(); ++it)
                rows.insert(it.key());
            SqliteStatement all(*mDb,
                                QStringLiteral("SELECT uuid FROM %1").arg(pgQuoteIdentifier(synced.name)));
            while (all.step()) {
                const QString uuid = all.text(0);
                if (!staged.contains(uuid))
                    rows.insert(uuid);
            }
            if (rows.isEmpty())
                touched.remove(synced.name);
        }
    }
    for (const SyncedTable& synced : ArchiveSchema::syncedTables()) {
        if (!touched.contains(synced.name))
            continue;
        PgStagedTable& t = info(synced.name);
        if (!t.exists)
            continue;
        applyDomainTable(t, touched.value(synced.name), applied);
    }
    return applied;
}

namespace {

// Appends column `c` of the current row of `rows` to the elements of an
// array of `kind` (pgAppendArrayElement), text, integers, reals and blobs
// straight from SQLite's own bytes.
void appendArrayElement(QByteArray& elements, SqliteStatement& rows, int c, PgColumnKind kind) {
    sqlite3_stmt* st = rows.handle();
    const int type = sqlite3_column_type(st, c);
    const auto quoted = [&](const char* bytes, int size, const char* prefix) {
        if (!elements.isEmpty())
            elements.append(',');
        elements.append('"');
        elements.append(prefix);
        const char* end = bytes + size;
        for (const char* run = bytes; run < end;) {
            const char* stop = run;
            while (stop < end && *stop != '"' && *stop != '\\')
                ++stop;
            elements.append(run, static_cast<int>(stop - run));
            if (stop < end) {
                elements.append('\\');
                elements.append(*stop++);
            }
            run = stop;
        }
        elements.append('"');
    };
    if (type == SQLITE_TEXT && kind == PgColumnKind::Text) {
        quoted(reinterpret_cast<const char*>(sqlite3_column_text(st, c)), sqlite3_column_bytes(st, c), "");
        return;
    }
    if (type == SQLITE_INTEGER && kind == PgColumnKind::Integer) {
        if (!elements.isEmpty())
            elements.append(',');
        elements.append(QByteArray::number(static_cast<qlonglong>(sqlite3_column_int64(st, c))));
        return;
    }
    if (type == SQLITE_BLOB && (kind == PgColumnKind::Blob || kind == PgColumnKind::Geometry)) {
        static const char digits[] = "0123456789abcdef";
        const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
        const int size = sqlite3_column_bytes(st, c);
        QByteArray hex(size * 2, Qt::Uninitialized);
        char* out = hex.data();
        for (int i = 0; i < size; ++i) {
            *out++ = digits[bytes[i] >> 4];
            *out++ = digits[bytes[i] & 0xf];
        }
        // Hex digits need no escaping; the backslash of \x does.
        quoted(hex.constData(), hex.size(), "\\\\x");
        return;
    }
    pgAppendArrayElement(elements, rows.value(c), kind);
}

// Appends column `c` of the current row of `rows` to a COPY line as a
// PostgreSQL column of `kind`: text and integers straight from SQLite's
// own bytes, anything else through its QVariant (pgAppendCopyValue).
void appendCopyValue(QByteArray& line, SqliteStatement& rows, int c, PgColumnKind kind) {
    sqlite3_stmt* st = rows.handle();
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
        line.append("\\N");
        return;
    case SQLITE_TEXT:
        if (kind == PgColumnKind::Text) {
            PgConnection::appendCopyField(line, reinterpret_cast<const char*>(sqlite3_column_text(st, c)),
                                          sqlite3_column_bytes(st, c));
            return;
        }
        if (kind == PgColumnKind::Json) {
            QByteArray json;
            const char* text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            pgAppendJsonString(json, QByteArray::fromRawData(text, sqlite3_column_bytes(st, c)));
            PgConnection::appendCopyField(line, json);
            return;
        }
        break;
    case SQLITE_INTEGER:
        if (kind == PgColumnKind::Integer || kind == PgColumnKind::Json) {
            line.append(QByteArray::number(static_cast<qlonglong>(sqlite3_column_int64(st, c))));
            return;
        }
        break;
    default:
        break;
    }
    pgAppendCopyValue(line, rows.value(c), kind);
}

} // namespace

QHash<qint64, qint64> PgStagingMaster::applyVerbatim(const QString& table, const QString& updateGuard,
                                                     bool mapNewKeys) {
    QHash<qint64, qint64> ids;
    PgStagedTable& t = info(table);
    if (!t.exists || t.keyIndex < 0 || !mTracked.contains(table))
        return ids;
    const QHash<QString, PgStagedValues>& originals = mVerbatim[table];
    // New rows go straight into COPY's text unless their keys are to come
    // from the sequence here and be mapped (few rows: sync_conflicts); a
    // sequence key not mapped is left to the column's default, in the
    // staging file's order.
    const bool mapKeys = !t.keySequence.isEmpty() && mapNewKeys;
    const bool defaultKeys = !t.keySequence.isEmpty() && !mapNewKeys;
    std::vector<int> copyColumns;
    for (int c = 0; c < t.columns.size(); ++c)
        if (!(defaultKeys && c == t.keyIndex))
            copyColumns.push_back(c);
    QByteArray copy;
    std::vector<QVariantList> added; // when mapping keys
    std::vector<QVariantList> changed;
    QSet<QString> present;
    {
        QStringList select;
        for (const QString& c : t.columns)
            select << pgQuoteIdentifier(c);
        StagingRead read(*mDb);
        SqliteStatement rows(*mDb, QStringLiteral("SELECT %1 FROM %2")
                                       .arg(select.join(QStringLiteral(", ")), pgQuoteIdentifier(table)));
        QVariantList values;
        while (rows.step()) {
            const QString key = rows.text(t.keyIndex);
            const auto original = originals.constFind(key);
            if (original == originals.constEnd()) {
                if (mapKeys) {
                    values.clear();
                    for (int c = 0; c < t.columns.size(); ++c)
                        values << rows.value(c);
                    added.push_back(values);
                    continue;
                }
                bool first = true;
                for (int c : copyColumns) {
                    if (!first)
                        copy.append('\t');
                    first = false;
                    appendCopyValue(copy, rows, c, t.kinds[static_cast<std::size_t>(c)]);
                }
                copy.append('\n');
                continue;
            }
            present.insert(key);
            PgStagedValues::Reader staged = original->reader();
            for (int c = 0; c < t.columns.size(); ++c)
                if (!PgStagedValues::same(staged.next(), rows.handle(), c)) {
                    values.clear();
                    for (int v = 0; v < t.columns.size(); ++v)
                        values << rows.value(v);
                    changed.push_back(values);
                    break;
                }
        }
    }
    if (!added.empty()) {
        const PgResult next =
            mPg.query(QStringLiteral("SELECT nextval($1::regclass) FROM generate_series(1, $2)"),
                      {t.keySequence, static_cast<qlonglong>(added.size())});
        for (std::size_t i = 0; i < added.size(); ++i) {
            const qint64 id = next.text(static_cast<int>(i), 0).toLongLong();
            ids.insert(added[i][t.keyIndex].toLongLong(), id);
            added[i][t.keyIndex] = QVariant(static_cast<qlonglong>(id));
            for (int c = 0; c < added[i].size(); ++c) {
                if (c > 0)
                    copy.append('\t');
                pgAppendCopyValue(copy, added[i][c], t.kinds[static_cast<std::size_t>(c)]);
            }
            copy.append('\n');
        }
    }
    if (!copy.isEmpty()) {
        QStringList columns;
        for (int c : copyColumns)
            columns << pgQuoteIdentifier(t.columns[c]);
        // The rows are ready before COPY starts: the server does not wait
        // on this process in the middle of it.
        mPg.beginCopy(QStringLiteral("COPY %1 (%2) FROM STDIN")
                          .arg(pgQuoteIdentifier(table), columns.join(QStringLiteral(", "))));
        mPg.putCopyData(copy);
        mPg.endCopy();
    }
    for (const QVariantList& values : changed) {
        QStringList sets;
        QVariantList params;
        for (int c = 0; c < values.size(); ++c) {
            if (c == t.keyIndex)
                continue;
            params << pgParameter(values[c], t.kinds[static_cast<std::size_t>(c)]);
            sets << QStringLiteral("%1 = $%2").arg(pgQuoteIdentifier(t.columns[c])).arg(params.size());
        }
        params << pgParameter(values[t.keyIndex], t.kinds[static_cast<std::size_t>(t.keyIndex)]);
        mPg.query(
            QStringLiteral("UPDATE %1 SET %2 WHERE %3 = $%4%5")
                .arg(pgQuoteIdentifier(table), sets.join(QStringLiteral(", ")), pgQuoteIdentifier(t.key))
                .arg(params.size())
                .arg(updateGuard.isEmpty() ? QString() : QStringLiteral(" AND (%1)").arg(updateGuard)),
            params);
    }
    for (auto it = originals.constBegin(); it != originals.constEnd(); ++it)
        if (!present.contains(it.key()))
            mPg.query(
                QStringLiteral("DELETE FROM %1 WHERE %2 = $1")
                    .arg(pgQuoteIdentifier(table), pgQuoteIdentifier(t.key)),
                {pgParameter(it.value().value(t.keyIndex), t.kinds[static_cast<std::size_t>(t.keyIndex)])});
    return ids;
}

// The county a row of a partitioned table goes to, over the temporary
// table's row s: customers through their district, the rows hanging on
// a customer through the customer (as PgMasterMigration computes it). The
// customer is looked for in the likely counties' partitions first (see
// setLikelyCounties): coalesce() runs the search of all partitions only
// when that finds nothing.
QString PgStagingMaster::countyExpression(const QString& table) const {
    if (table == QLatin1String("customers"))
        return QStringLiteral(
            "coalesce((SELECT d.county FROM districts d WHERE d.uuid = s.district_uuid), '')");
    const QString anywhere =
        QStringLiteral("(SELECT c.county FROM customers c WHERE c.uuid = s.customer_uuid LIMIT 1)");
    if (mLikelyCounties.isEmpty())
        return QStringLiteral("coalesce(%1, '')").arg(anywhere);
    return QStringLiteral("coalesce((SELECT c.county FROM customers c WHERE c.county = ANY(%1::text[]) AND "
                          "c.uuid = s.customer_uuid LIMIT 1), %2, '')")
        .arg(PgMasterSchema::literal(pgTextArray(mLikelyCounties)), anywhere);
}

void PgStagingMaster::applyDomainTable(PgStagedTable& t, const QSet<QString>& uuids, Applied& applied) {
    const QHash<QString, PgStagedRow>& staged = mDomain[t.name];
    const int versionColumn = t.columns.indexOf(QStringLiteral("row_version"));
    const int fidColumn = t.columns.indexOf(QStringLiteral("fid"));
    const int uuidColumn = t.columns.indexOf(QStringLiteral("uuid"));
    QStringList select;
    for (int c = 0; c < t.columns.size(); ++c)
        select << (t.geometrySrid.contains(c) ? QStringLiteral("AsBinary(%1)") : QStringLiteral("%1"))
                      .arg(pgQuoteIdentifier(t.columns[c]));
    SqliteStatement read(*mDb, QStringLiteral("SELECT %1 FROM %2 WHERE uuid = ?")
                                   .arg(select.join(QStringLiteral(", ")), pgQuoteIdentifier(t.name)));
    // Updates write only the columns that changed (PostgreSQL can then
    // keep the row on its page and skip untouched indexes): one UPDATE per
    // set of changed columns and county, its rows' values as one array per
    // column (no temporary table to create, fill, analyse and drop).
    struct Update {
        std::vector<int> columns;
        QString county;
        std::vector<QByteArray> arrays; ///< uuid, old row_version, ctid, then `columns`
        qint64 rows = 0;
    };
    std::map<std::pair<std::vector<int>, QString>, Update> updates;
    std::map<QString, std::pair<QByteArray, QByteArray>> deletes; // county → uuids, versions
    std::map<QString, qint64> deleteCounts;
    std::vector<QByteArray> inserts; // per column but fid
    qint64 insertCount = 0;
    std::vector<int> copied;
    for (int c = 0; c < t.columns.size(); ++c)
        if (c != fidColumn)
            copied.push_back(c);
    const auto kindOf = [&](int c) { return t.kinds[static_cast<std::size_t>(c)]; };

    QStringList ordered(uuids.begin(), uuids.end());
    std::sort(ordered.begin(), ordered.end()); // one lock order for every writer
    sqlite3_stmt* st = read.handle();
    std::vector<int> changed;
    for (const QString& uuid : ordered) {
        read.bind(1, uuid);
        const bool exists = read.step();
        const auto original = staged.constFind(uuid);
        if (original == staged.constEnd()) {
            if (exists) {
                if (inserts.empty())
                    inserts.resize(copied.size());
                for (std::size_t i = 0; i < copied.size(); ++i)
                    appendArrayElement(inserts[i], read, copied[i], kindOf(copied[i]));
                ++insertCount;
            } // else: inserted and deleted again
        } else if (!exists) {
            auto& [uuidArray, versionArray] = deletes[original->county];
            pgAppendArrayElement(uuidArray, uuid, PgColumnKind::Text);
            pgAppendArrayElement(versionArray, original->rowVersion, PgColumnKind::Integer);
            ++deleteCounts[original->county];
        } else if (sqlite3_column_int64(st, versionColumn) != original->rowVersion) {
            // Compared on SQLite's own bytes with the packed staged values.
            changed.clear();
            PgStagedValues::Reader before = original->values.reader();
            for (int c = 0; c < t.columns.size(); ++c) {
                const PgStagedValues::Value value = before.next();
                if (c != fidColumn && c != uuidColumn && !PgStagedValues::same(value, st, c))
                    changed.push_back(c);
            }
            Update& update = updates[{changed, original->county}];
            if (update.arrays.empty()) {
                update.columns = changed;
                update.county = original->county;
                update.arrays.resize(changed.size() + 3);
            }
            std::vector<QByteArray>& arrays = update.arrays;
            pgAppendArrayElement(arrays[0], uuid, PgColumnKind::Text);
            pgAppendArrayElement(arrays[1], original->rowVersion, PgColumnKind::Integer);
            pgAppendArrayElement(arrays[2], QString::fromLatin1(original->ctid), PgColumnKind::Text);
            for (std::size_t i = 0; i < changed.size(); ++i)
                appendArrayElement(arrays[i + 3], read, changed[i], kindOf(changed[i]));
            ++update.rows;
        }
        read.reset();
    }

    // A column of the arrays as the table wants it (geometries travel as
    // WKB).
    const auto sourceOf = [&](int c) {
        const QString column = QStringLiteral("s.") + pgQuoteIdentifier(t.columns[c]);
        return t.geometrySrid.contains(c)
                   ? QStringLiteral("ST_GeomFromWKB(%1, %2)").arg(column).arg(t.geometrySrid.value(c))
                   : column;
    };
    const auto arrayType = [&](int c) {
        const PgColumnKind kind = kindOf(c);
        return (kind == PgColumnKind::Geometry ? QStringLiteral("bytea") : pgTypeName(kind)) +
               QStringLiteral("[]");
    };
    if (insertCount > 0) {
        QStringList targetColumns, sourceValues, arrays, aliases;
        QVariantList params;
        for (std::size_t i = 0; i < copied.size(); ++i) {
            const int c = copied[i];
            targetColumns << pgQuoteIdentifier(t.columns[c]);
            sourceValues << sourceOf(c);
            params << pgArrayLiteral(inserts[i]);
            arrays << QStringLiteral("$%1::%2").arg(params.size()).arg(arrayType(c));
            aliases << pgQuoteIdentifier(t.columns[c]);
        }
        if (t.partitioned) {
            targetColumns << QStringLiteral("county");
            sourceValues << countyExpression(t.name);
        }
        const PgResult result =
            mPg.query(QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM unnest(%4) AS s(%5)")
                          .arg(pgQuoteIdentifier(t.name), targetColumns.join(QStringLiteral(", ")),
                               sourceValues.join(QStringLiteral(", ")), arrays.join(QStringLiteral(", ")),
                               aliases.join(QStringLiteral(", "))),
                      params);
        applied.inserted += result.affectedRows();
    }
    // Rows are matched on uuid and the row_version staged: a row another
    // connection changed meanwhile is not written (and counted short).
    const QString match = QStringLiteral("t.uuid = s.recheck_uuid AND t.row_version = s.recheck_old_version");
    for (auto& [key, update] : updates) {
        QStringList sets,
            arrays{QStringLiteral("$1::text[]"), QStringLiteral("$2::bigint[]"), QStringLiteral("$3::tid[]")},
            aliases{QStringLiteral("recheck_uuid"), QStringLiteral("recheck_old_version"),
                    QStringLiteral("recheck_ctid")};
        QVariantList params;
        for (QByteArray& array : update.arrays)
            params << pgArrayLiteral(array);
        bool moves = false;
        for (std::size_t i = 0; i < update.columns.size(); ++i) {
            const int c = update.columns[i];
            sets << QStringLiteral("%1 = %2").arg(pgQuoteIdentifier(t.columns[c]), sourceOf(c));
            arrays << QStringLiteral("$%1::%2").arg(i + 4).arg(arrayType(c));
            aliases << pgQuoteIdentifier(t.columns[c]);
            moves |= t.columns[c] == QLatin1String("district_uuid") ||
                     t.columns[c] == QLatin1String("customer_uuid");
        }
        if (t.partitioned && moves)
            sets << QStringLiteral("county = ") + countyExpression(t.name);
        // The row version staged, found where it was read (a TID scan, no
        // index lookup per row): a row changed since is not there any more
        // and is counted short, as a row_version that moved on.
        QString where = QStringLiteral("t.ctid = s.recheck_ctid AND ") + match;
        if (t.partitioned) {
            // One county per statement: PostgreSQL prunes to its partition.
            params << update.county;
            where += QStringLiteral(" AND t.county = $%1").arg(params.size());
        }
        const PgResult result =
            mPg.query(QStringLiteral("UPDATE %1 t SET %2 FROM unnest(%3) AS s(%4) WHERE %5")
                          .arg(pgQuoteIdentifier(t.name), sets.join(QStringLiteral(", ")),
                               arrays.join(QStringLiteral(", ")), aliases.join(QStringLiteral(", ")), where),
                      params);
        if (result.affectedRows() != update.rows)
            throwConcurrentChange(mPg.location(), t.name, update.rows, result.affectedRows(),
                                  QStringLiteral("update"));
        applied.updated += result.affectedRows();
    }
    for (auto& [county, arrays] : deletes) {
        QVariantList params{pgArrayLiteral(arrays.first), pgArrayLiteral(arrays.second)};
        QString where = match;
        if (t.partitioned) {
            params << county;
            where += QStringLiteral(" AND t.county = $3");
        }
        const qint64 expected = deleteCounts[county];
        const PgResult result = mPg.query(
            QStringLiteral("DELETE FROM %1 t USING unnest($1::text[], $2::bigint[]) AS s(recheck_uuid, "
                           "recheck_old_version) WHERE %2")
                .arg(pgQuoteIdentifier(t.name), where),
            params);
        if (result.affectedRows() != expected)
            throwConcurrentChange(mPg.location(), t.name, expected, result.affectedRows(),
                                  QStringLiteral("delete"));
        applied.deleted += result.affectedRows();
    }
}

} // namespace recheck
