#include "PgMasterSync.h"

#include "PgMasterSchema.h"
#include "PgMasterStore.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "common/Sqlite.h"
#include "sync/ChangeSet.h"
#include "sync/PackageMeta.h"
#include "sync/PackageZip.h"
#include "sync/SyncTables.h"
#include "sync/SyncValue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

namespace recheck {

namespace {

QString quoteIdentifier(const QString& name) {
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// A PostgreSQL text[] literal, for `= ANY($1::text[])`: one parameter
// instead of one statement per row.
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

QStringList sorted(const QSet<QString>& set) {
    QStringList list(set.begin(), set.end());
    list.removeAll(QString());
    std::sort(list.begin(), list.end());
    return list;
}

// One value in COPY's text format for a PostgreSQL column of `kind`
// (geometries travel as WKB into a bytea column of a temporary table).
void appendCopyValue(QByteArray& line, const QVariant& value, PgColumnKind kind) {
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

// The same value as a text-format query parameter.
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

// A table as both the staging file and PostgreSQL have it.
struct TableInfo {
    QString name;
    bool exists = false; ///< in PostgreSQL and in the staging file
    bool domain = false; ///< a synced table: rows identified by uuid
    bool partitioned = false;
    QStringList columns;             ///< the staging file's, in order
    std::vector<PgColumnKind> kinds; ///< PostgreSQL's, per column
    QHash<int, int> geometrySrid;    ///< column index → SRID
    QString key;                     ///< uuid, or the single-column primary key; empty: not written back
    int keyIndex = -1;
    QString keySequence; ///< PostgreSQL sequence of an integer key
};

struct StagedDomainRow {
    qint64 rowVersion = 0;
    QString county;
    QVariantList values; ///< as staged (geometries as WKB)
};

// An empty SpatiaLite master of this build's schema with archive CRS
// `srid`, made once per process (creating one takes a third of a second;
// copying it, milliseconds), without what a throw-away copy does not need:
// the search index and SpatiaLite's R*Tree, geometry-type and timestamp
// triggers (PostgreSQL's typed geometry columns check the types), the
// seed's code lists and field policies (the master's replace them). Change
// capture stays: it says what to write back.
QString stagingTemplate(int srid) {
    static std::mutex mutex;
    static QTemporaryDir directory(QDir::temp().filePath(QStringLiteral("recheck-pg-template-XXXXXX")));
    static std::map<int, QString> templates;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto found = templates.find(srid);
    if (found != templates.end())
        return found->second;
    if (!directory.isValid())
        throw RecheckError(
            QStringLiteral("cannot create a temporary folder: %1").arg(directory.errorString()).toStdString(),
            RecheckError::Kind::Io);
    const QString path = directory.filePath(QStringLiteral("staging-%1.sqlite").arg(srid));
    QFile::remove(path);
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
        db.exec(QStringLiteral("DROP TRIGGER %1").arg(quoteIdentifier(name)));
    db.exec(QStringLiteral("DELETE FROM code_lists; DELETE FROM sync_field_policy"));
    templates.emplace(srid, path);
    return path;
}

// A private SpatiaLite master holding the PostgreSQL rows one operation
// reads (see PgMasterSync.h), and the way back for what it wrote.
class StagingMaster {
public:
    StagingMaster(PgMasterStore& store, const QString& directory) : mStore(store), mPg(store.connection()) {
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
        if (!QFile::copy(source, mPath))
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
        mDb->exec(QStringLiteral("BEGIN"));
        {
            // The master's identity (archive_id, name, srid …).
            SqliteStatement meta(
                *mDb, QStringLiteral("INSERT OR REPLACE INTO archive_meta (key, value) VALUES (?, ?)"));
            for (auto it = values.constBegin(); it != values.constEnd(); ++it)
                meta.bind(1, it.key()).bind(2, it.value()).execute();
        }
        mCapture = std::make_unique<ChangeCaptureSuspension>(*mDb);
    }
    ~StagingMaster() {
        if (mCapture) {
            try {
                mCapture.reset();
                mDb->exec(QStringLiteral("ROLLBACK"));
            } catch (...) {
            }
        }
    }
    StagingMaster(const StagingMaster&) = delete;
    StagingMaster& operator=(const StagingMaster&) = delete;

    const QString& path() const { return mPath; }
    SqliteDatabase& db() { return *mDb; }

    TableInfo& info(const QString& table) {
        auto it = mInfo.find(table);
        if (it != mInfo.end())
            return it->second;
        TableInfo t;
        t.name = table;
        t.domain = ArchiveSchema::syncedTable(table) != nullptr;
        t.partitioned = PgMasterSchema::isCountyPartitioned(table);
        if (!mCatalogRead) {
            // Every table the staging file has, in one catalog query.
            QStringList names;
            SqliteStatement tables(*mDb,
                                   QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
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
                    throw RecheckError(
                        QStringLiteral("%1: table %2 has no column %3 (the PostgreSQL master's "
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

    /// Copies the PostgreSQL rows of `table` (alias t) matching `where` into
    /// the staging file. Rows already staged stay as they are. Returns the
    /// rows copied.
    int stage(const QString& table, const QString& where, const QVariantList& params = {},
              const QString& suffix = QString()) {
        TableInfo& t = info(table);
        mTracked.insert(table);
        if (!t.exists)
            return 0;
        QStringList select, marks;
        for (int c = 0; c < t.columns.size(); ++c) {
            const bool geometry = t.geometrySrid.contains(c);
            select << (geometry ? QStringLiteral("ST_AsBinary(t.%1)") : QStringLiteral("t.%1"))
                          .arg(quoteIdentifier(t.columns[c]));
            marks << (geometry ? QStringLiteral("GeomFromWKB(?, %1)").arg(t.geometrySrid.value(c))
                               : QStringLiteral("?"));
        }
        if (t.partitioned)
            select << QStringLiteral("t.county");
        const PgResult rows =
            mPg.query(QStringLiteral("SELECT %1 FROM %2 t WHERE %3%4")
                          .arg(select.join(QStringLiteral(", ")), quoteIdentifier(table), where, suffix),
                      params);
        SqliteStatement insert(*mDb, QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)")
                                         .arg(
                                             quoteIdentifier(table),
                                             [&] {
                                                 QStringList q;
                                                 for (const QString& c : t.columns)
                                                     q << quoteIdentifier(c);
                                                 return q.join(QStringLiteral(", "));
                                             }(),
                                             marks.join(QStringLiteral(", "))));
        const int versionColumn = t.columns.indexOf(QStringLiteral("row_version"));
        int copied = 0;
        for (int r = 0; r < rows.rows(); ++r) {
            QVariantList values;
            for (int c = 0; c < t.columns.size(); ++c) {
                values << sqlValueFromPg(rows, r, c, t.kinds[static_cast<std::size_t>(c)]);
                insert.bind(c + 1, values.back());
            }
            insert.step();
            insert.reset();
            if (mDb->changes() != 1)
                continue;
            ++copied;
            const QString key = t.keyIndex >= 0 ? values[t.keyIndex].toString() : QString();
            if (t.domain)
                mDomain[table].insert(
                    key, StagedDomainRow{values.value(versionColumn).toLongLong(),
                                         t.partitioned ? rows.text(r, t.columns.size()) : QString(), values});
            else if (t.keyIndex >= 0)
                mVerbatim[table].insert(key, values);
        }
        return copied;
    }

    /// The staging file's table holds exactly PostgreSQL's rows (reference
    /// data a check-out copies whole).
    void stageWhole(const QString& table) {
        TableInfo& t = info(table);
        if (!t.exists)
            return;
        mDb->exec(QStringLiteral("DELETE FROM %1").arg(quoteIdentifier(table)));
        stage(table, QStringLiteral("true"));
    }

    /// Domain rows by uuid.
    void stageUuids(const QString& table, const QSet<QString>& uuids) {
        QStringList wanted;
        const auto& staged = mDomain[table];
        for (const QString& u : uuids)
            if (!u.isEmpty() && !staged.contains(u))
                wanted << u;
        if (wanted.isEmpty())
            return;
        std::sort(wanted.begin(), wanted.end());
        stage(table, QStringLiteral("t.uuid = ANY($1::text[])"), {pgTextArray(wanted)});
    }

    bool isStaged(const QString& table, const QString& uuid) const {
        const auto it = mDomain.constFind(table);
        return it != mDomain.constEnd() && it->contains(uuid);
    }
    const QHash<QString, StagedDomainRow>& stagedRows(const QString& table) { return mDomain[table]; }

    /// Ends staging: change capture back on, so that the operation's writes
    /// land in the staging file's change_log.
    void finish() {
        mCapture->resume();
        mCapture.reset();
        mDb->exec(QStringLiteral("COMMIT"));
        mDb->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    }

    struct Applied {
        qint64 inserted = 0;
        qint64 updated = 0;
        qint64 deleted = 0;
    };

    /// Writes what the operation changed in the synced tables back to
    /// PostgreSQL: parents first, each table with one COPY into a temporary
    /// table and one INSERT, UPDATE and DELETE per county, every UPDATE and
    /// DELETE conditioned on the staged row_version.
    Applied applyDomain() {
        Applied applied;
        QHash<QString, QSet<QString>> touched;
        {
            SqliteStatement log(*mDb, QStringLiteral("SELECT DISTINCT table_name, row_uuid FROM change_log"));
            while (log.step())
                touched[log.text(0)].insert(log.text(1));
        }
        for (const SyncedTable& synced : ArchiveSchema::syncedTables()) {
            if (!touched.contains(synced.name))
                continue;
            TableInfo& t = info(synced.name);
            if (!t.exists)
                continue;
            applyDomainTable(t, touched.value(synced.name), applied);
        }
        return applied;
    }

    /// Writes new, changed and removed rows of an office table the operation
    /// wrote (sync bookkeeping). New rows of a table keyed by a sequence get
    /// fresh ids from it; returns staging id → PostgreSQL id for them.
    QHash<qint64, qint64> applyVerbatim(const QString& table) {
        QHash<qint64, qint64> ids;
        TableInfo& t = info(table);
        if (!t.exists || t.keyIndex < 0 || !mTracked.contains(table))
            return ids;
        const QHash<QString, QVariantList> originals = mVerbatim.value(table);
        std::vector<QVariantList> added;
        std::vector<QVariantList> changed;
        QSet<QString> present;
        {
            QStringList select;
            for (const QString& c : t.columns)
                select << quoteIdentifier(c);
            SqliteStatement rows(*mDb, QStringLiteral("SELECT %1 FROM %2")
                                           .arg(select.join(QStringLiteral(", ")), quoteIdentifier(table)));
            while (rows.step()) {
                QVariantList values;
                for (int c = 0; c < t.columns.size(); ++c)
                    values << rows.value(c);
                const QString key = values[t.keyIndex].toString();
                present.insert(key);
                const auto original = originals.constFind(key);
                if (original == originals.constEnd()) {
                    added.push_back(values);
                    continue;
                }
                for (int c = 0; c < values.size(); ++c)
                    if (!sameSqlValue(values[c], original->value(c))) {
                        changed.push_back(values);
                        break;
                    }
            }
        }
        if (!added.empty()) {
            if (!t.keySequence.isEmpty()) {
                const PgResult next =
                    mPg.query(QStringLiteral("SELECT nextval($1::regclass) FROM generate_series(1, $2)"),
                              {t.keySequence, static_cast<qlonglong>(added.size())});
                for (std::size_t i = 0; i < added.size(); ++i) {
                    const qint64 id = next.text(static_cast<int>(i), 0).toLongLong();
                    ids.insert(added[i][t.keyIndex].toLongLong(), id);
                    added[i][t.keyIndex] = QVariant(static_cast<qlonglong>(id));
                }
            }
            QStringList columns;
            for (const QString& c : t.columns)
                columns << quoteIdentifier(c);
            mPg.beginCopy(QStringLiteral("COPY %1 (%2) FROM STDIN")
                              .arg(quoteIdentifier(table), columns.join(QStringLiteral(", "))));
            QByteArray buffer;
            for (const QVariantList& values : added) {
                for (int c = 0; c < values.size(); ++c) {
                    if (c > 0)
                        buffer.append('\t');
                    appendCopyValue(buffer, values[c], t.kinds[static_cast<std::size_t>(c)]);
                }
                buffer.append('\n');
            }
            mPg.putCopyData(buffer);
            mPg.endCopy();
        }
        for (const QVariantList& values : changed) {
            QStringList sets;
            QVariantList params;
            for (int c = 0; c < values.size(); ++c) {
                if (c == t.keyIndex)
                    continue;
                params << pgParameter(values[c], t.kinds[static_cast<std::size_t>(c)]);
                sets << QStringLiteral("%1 = $%2").arg(quoteIdentifier(t.columns[c])).arg(params.size());
            }
            params << pgParameter(values[t.keyIndex], t.kinds[static_cast<std::size_t>(t.keyIndex)]);
            mPg.query(
                QStringLiteral("UPDATE %1 SET %2 WHERE %3 = $%4")
                    .arg(quoteIdentifier(table), sets.join(QStringLiteral(", ")), quoteIdentifier(t.key))
                    .arg(params.size()),
                params);
        }
        for (auto it = originals.constBegin(); it != originals.constEnd(); ++it)
            if (!present.contains(it.key()))
                mPg.query(
                    QStringLiteral("DELETE FROM %1 WHERE %2 = $1")
                        .arg(quoteIdentifier(table), quoteIdentifier(t.key)),
                    {pgParameter(it.value()[t.keyIndex], t.kinds[static_cast<std::size_t>(t.keyIndex)])});
        return ids;
    }

private:
    // The county a row of a partitioned table goes to, over the temporary
    // table's row s: customers through their district, the rows hanging on
    // a customer through the customer (as PgMasterMigration computes it).
    static QString countyExpression(const QString& table) {
        if (table == QLatin1String("customers"))
            return QStringLiteral(
                "coalesce((SELECT d.county FROM districts d WHERE d.uuid = s.district_uuid), '')");
        return QStringLiteral(
            "coalesce((SELECT c.county FROM customers c WHERE c.uuid = s.customer_uuid LIMIT 1), '')");
    }

    void applyDomainTable(TableInfo& t, const QSet<QString>& uuids, Applied& applied) {
        const QHash<QString, StagedDomainRow>& staged = mDomain[t.name];
        const int versionColumn = t.columns.indexOf(QStringLiteral("row_version"));
        const int fidColumn = t.columns.indexOf(QStringLiteral("fid"));
        QStringList select;
        for (int c = 0; c < t.columns.size(); ++c)
            select << (t.geometrySrid.contains(c) ? QStringLiteral("AsBinary(%1)") : QStringLiteral("%1"))
                          .arg(quoteIdentifier(t.columns[c]));
        SqliteStatement read(*mDb, QStringLiteral("SELECT %1 FROM %2 WHERE uuid = ?")
                                       .arg(select.join(QStringLiteral(", ")), quoteIdentifier(t.name)));
        struct Row {
            QString op;
            QString uuid;
            QVariantList values; ///< empty for deletes
            StagedDomainRow original;
            int group = 0; ///< updates: which columns changed (index into `groups`)
        };
        const int uuidColumn = t.columns.indexOf(QStringLiteral("uuid"));
        // Updates write only the columns that changed (PostgreSQL can then
        // keep the row on its page and skip untouched indexes), one UPDATE
        // per set of changed columns and county.
        std::vector<std::vector<int>> groups;
        std::map<std::vector<int>, int> groupOf;
        std::vector<Row> rows;
        QStringList ordered(uuids.begin(), uuids.end());
        std::sort(ordered.begin(), ordered.end());
        for (const QString& uuid : ordered) {
            read.bind(1, uuid);
            const bool exists = read.step();
            QVariantList values;
            if (exists)
                for (int c = 0; c < t.columns.size(); ++c)
                    values << read.value(c);
            read.reset();
            const auto original = staged.constFind(uuid);
            if (original == staged.constEnd()) {
                if (exists)
                    rows.push_back({QStringLiteral("insert"), uuid, values, {}});
            } else if (!exists) {
                rows.push_back({QStringLiteral("delete"), uuid, {}, *original});
            } else if (values[versionColumn].toLongLong() != original->rowVersion) {
                std::vector<int> changed;
                for (int c = 0; c < t.columns.size(); ++c)
                    if (c != fidColumn && c != uuidColumn &&
                        !sameSqlValue(values[c], original->values.value(c)))
                        changed.push_back(c);
                const auto found = groupOf.find(changed);
                const int group = found != groupOf.end() ? found->second : static_cast<int>(groups.size());
                if (found == groupOf.end()) {
                    groupOf.emplace(changed, group);
                    groups.push_back(changed);
                }
                rows.push_back({QStringLiteral("update"), uuid, values, *original, group});
            }
        }
        if (rows.empty())
            return;

        // The temporary table: the row's columns but fid (PostgreSQL's
        // sequence numbers new rows), geometries as WKB.
        const QString temp = QStringLiteral("recheck_apply_") + t.name;
        QStringList definitions, names;
        std::vector<int> copied;
        for (int c = 0; c < t.columns.size(); ++c) {
            if (c == fidColumn)
                continue;
            const PgColumnKind kind = t.kinds[static_cast<std::size_t>(c)];
            definitions << QStringLiteral("%1 %2").arg(
                quoteIdentifier(t.columns[c]),
                kind == PgColumnKind::Geometry ? QStringLiteral("bytea") : pgTypeName(kind));
            names << quoteIdentifier(t.columns[c]);
            copied.push_back(c);
        }
        mPg.exec(QStringLiteral(
                     "DROP TABLE IF EXISTS pg_temp.%1; CREATE TEMPORARY TABLE %1 (%2, recheck_op text, "
                     "recheck_old_version bigint, recheck_old_county text, recheck_group integer) ON COMMIT "
                     "DROP")
                     .arg(temp, definitions.join(QStringLiteral(", "))));
        mPg.beginCopy(
            QStringLiteral(
                "COPY %1 (%2, recheck_op, recheck_old_version, recheck_old_county, recheck_group) FROM STDIN")
                .arg(temp, names.join(QStringLiteral(", "))));
        QByteArray buffer;
        std::map<std::pair<int, QString>, qint64> updates; // (group, old county) → rows
        std::map<QString, qint64> deletes;                 // old county → rows
        for (const Row& row : rows) {
            bool first = true;
            for (int c : copied) {
                if (!first)
                    buffer.append('\t');
                first = false;
                // A deleted row is gone from the staging file: its uuid is
                // all the DELETE needs.
                const QVariant value = row.values.isEmpty()
                                           ? (c == uuidColumn ? QVariant(row.uuid) : QVariant())
                                           : row.values[c];
                appendCopyValue(buffer, value, t.kinds[static_cast<std::size_t>(c)]);
            }
            buffer.append('\t').append(row.op.toLatin1()).append('\t');
            appendCopyValue(
                buffer, row.op == QLatin1String("insert") ? QVariant() : QVariant(row.original.rowVersion),
                PgColumnKind::Integer);
            buffer.append('\t');
            appendCopyValue(buffer,
                            row.op == QLatin1String("insert") ? QVariant() : QVariant(row.original.county),
                            PgColumnKind::Text);
            buffer.append('\t').append(QByteArray::number(row.group)).append('\n');
            if (row.op == QLatin1String("update"))
                ++updates[{row.group, row.original.county}];
            else if (row.op == QLatin1String("delete"))
                ++deletes[row.original.county];
        }
        mPg.putCopyData(buffer);
        mPg.endCopy();
        // Its row count for the planner: a join probing the target's
        // (county, uuid) key row by row, not a scan of the partition.
        mPg.exec(QStringLiteral("ANALYZE pg_temp.%1").arg(temp));

        const auto sourceOf = [&](int c) {
            const QString column = quoteIdentifier(t.columns[c]);
            return t.geometrySrid.contains(c)
                       ? QStringLiteral("ST_GeomFromWKB(s.%1, %2)").arg(column).arg(t.geometrySrid.value(c))
                       : QStringLiteral("s.%1").arg(column);
        };
        const qint64 inserts = std::count_if(rows.begin(), rows.end(),
                                             [](const Row& r) { return r.op == QLatin1String("insert"); });
        if (inserts > 0) {
            QStringList targetColumns, sourceValues;
            for (int c : copied) {
                targetColumns << quoteIdentifier(t.columns[c]);
                sourceValues << sourceOf(c);
            }
            if (t.partitioned) {
                targetColumns << QStringLiteral("county");
                sourceValues << countyExpression(t.name);
            }
            const PgResult result = mPg.query(
                QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4 s WHERE s.recheck_op = 'insert'")
                    .arg(quoteIdentifier(t.name), targetColumns.join(QStringLiteral(", ")),
                         sourceValues.join(QStringLiteral(", ")), temp));
            applied.inserted += result.affectedRows();
        }
        // One statement per county, so that PostgreSQL prunes to its
        // partition.
        const auto match = [&](const QString& op) {
            return QStringLiteral(
                       "s.recheck_op = '%1' AND t.uuid = s.uuid AND t.row_version = s.recheck_old_version")
                       .arg(op) +
                   (t.partitioned ? QStringLiteral(" AND t.county = $1 AND s.recheck_old_county = $1")
                                  : QString());
        };
        for (const auto& [key, expected] : updates) {
            const auto& [group, county] = key;
            QStringList sets;
            bool moves = false;
            for (int c : groups[static_cast<std::size_t>(group)]) {
                sets << QStringLiteral("%1 = %2").arg(quoteIdentifier(t.columns[c]), sourceOf(c));
                moves |= t.columns[c] == QLatin1String("district_uuid") ||
                         t.columns[c] == QLatin1String("customer_uuid");
            }
            if (t.partitioned && moves)
                sets << QStringLiteral("county = ") + countyExpression(t.name);
            const PgResult result =
                mPg.query(QStringLiteral("UPDATE %1 t SET %2 FROM %3 s WHERE %4 AND s.recheck_group = %5")
                              .arg(quoteIdentifier(t.name), sets.join(QStringLiteral(", ")), temp,
                                   match(QStringLiteral("update")))
                              .arg(group),
                          t.partitioned ? QVariantList{county} : QVariantList{});
            if (result.affectedRows() != expected)
                throwConcurrentChange(mPg.location(), t.name, expected, result.affectedRows(),
                                      QStringLiteral("update"));
            applied.updated += result.affectedRows();
        }
        for (const auto& [county, expected] : deletes) {
            const PgResult result =
                mPg.query(QStringLiteral("DELETE FROM %1 t USING %2 s WHERE %3")
                              .arg(quoteIdentifier(t.name), temp, match(QStringLiteral("delete"))),
                          t.partitioned ? QVariantList{county} : QVariantList{});
            if (result.affectedRows() != expected)
                throwConcurrentChange(mPg.location(), t.name, expected, result.affectedRows(),
                                      QStringLiteral("delete"));
            applied.deleted += result.affectedRows();
        }
        mPg.exec(QStringLiteral("DROP TABLE pg_temp.%1").arg(temp));
    }

    PgMasterStore& mStore;
    PgConnection& mPg;
    QString mPath;
    std::unique_ptr<SqliteDatabase> mDb;
    std::unique_ptr<ChangeCaptureSuspension> mCapture;
    std::map<QString, TableInfo> mInfo;
    std::map<QString, std::vector<PgColumn>> mCatalog;
    bool mCatalogRead = false;
    QHash<QString, QHash<QString, StagedDomainRow>> mDomain;
    QHash<QString, QHash<QString, QVariantList>> mVerbatim;
    QSet<QString> mTracked;
};

// The tables a check-out copies whole (reference data and settings).
const char* const kWholeTables[] = {"code_lists", "discrepancy_rules", "discrepancy_rule_values",
                                    "basemap_sources", "basemap_settings"};

QString redactStaging(QString text, const QString& stagingPath, const QString& location) {
    return text.replace(stagingPath, location);
}

void fixPaths(CheckinReport& report, const QString& stagingPath, const QString& location,
              const QString& package, const QString& shownPackage) {
    for (QList<CheckinItem>* list : {&report.refused, &report.conflicts, &report.merged, &report.applied,
                                     &report.unchanged, &report.decided})
        for (CheckinItem& item : *list) {
            item.detail = redactStaging(item.detail, stagingPath, location);
            if (package != shownPackage)
                item.detail.replace(package, shownPackage);
        }
}

} // namespace

PgMasterSync::PgMasterSync(PgMasterStore& store, PgRetryPolicy retry) : mStore(store), mRetry(retry) {}

bool PgMasterSync::isRetryable(const RecheckError& error) {
    const QString message = QString::fromUtf8(error.what());
    return message.contains(QLatin1String("[SQLSTATE 40001]")) ||
           message.contains(QLatin1String("[SQLSTATE 40P01]"));
}

namespace {

// Serialisation failures a check-in takes optimistically before it locks
// the rows it writes first (see PgMasterSync::checkin).
constexpr int kOptimisticAttempts = 3;

template <typename Attempt> auto withRetries(const PgRetryPolicy& policy, int& attempts, Attempt&& attempt) {
    for (int n = 1;; ++n) {
        attempts = n;
        try {
            return attempt(n);
        } catch (const RecheckError& e) {
            if (!PgMasterSync::isRetryable(e) || n >= policy.attempts)
                throw;
        }
        const int base = std::min(policy.maxDelayMs, policy.firstDelayMs << std::min(n - 1, 16));
        const int delay = base / 2 + static_cast<int>(QRandomGenerator::global()->bounded(base / 2 + 1));
        QThread::msleep(static_cast<unsigned long>(delay));
    }
}

std::unique_ptr<QTemporaryDir> scratchDirectory(const QString& near) {
    // Beside `near` when given (a check-out renames its package from there
    // into place: same file system), else in the temporary folder.
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

} // namespace

CheckoutResult PgMasterSync::checkout(const QString& packagePath, const CheckoutOptions& options) {
    if (options.districtCodes.isEmpty())
        throw RecheckError("check-out: name at least one district", RecheckError::Kind::InvalidInput);
    if (QFileInfo::exists(packagePath))
        throw RecheckError(
            QStringLiteral("%1: file exists; refusing to overwrite it").arg(packagePath).toStdString(),
            RecheckError::Kind::Io);
    QElapsedTimer timer;
    timer.start();
    PgConnection& pg = mStore.connection();
    const QString location = mStore.location();
    const auto progress = [&](double fraction) { return !options.progress || options.progress(fraction); };

    const QFileInfo target(packagePath);
    const std::unique_ptr<QTemporaryDir> scratch = scratchDirectory(target.absolutePath());
    std::unique_ptr<StagingMaster> staging;
    double stageSeconds = 0;
    {
        // One snapshot for the whole scope.
        PgTransaction read(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        const PgResult districts = pg.query(
            QStringLiteral(
                "SELECT code, uuid, coalesce(county, '') FROM districts WHERE code = ANY($1::text[])"),
            {pgTextArray(options.districtCodes)});
        QStringList uuids, missing;
        QSet<QString> counties;
        QSet<QString> found;
        for (int r = 0; r < districts.rows(); ++r) {
            found.insert(districts.text(r, 0));
            uuids << districts.text(r, 1);
            counties.insert(districts.text(r, 2));
        }
        for (const QString& code : options.districtCodes)
            if (!found.contains(code) && !missing.contains(code))
                missing << code;
        if (!missing.isEmpty())
            throw RecheckError(QStringLiteral("%1: no district with code %2")
                                   .arg(location, missing.join(QStringLiteral(", ")))
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        if (!options.assignee.isEmpty() &&
            pg.scalar(QStringLiteral("SELECT count(*) FROM staff WHERE code = $1"), {options.assignee})
                    .toInt() == 0)
            throw RecheckError(QStringLiteral("%1: no staff member with code %2")
                                   .arg(location, options.assignee)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        staging = std::make_unique<StagingMaster>(mStore, scratch->path());
        // A superset of what PackageWriter's scope rules pick, read by
        // county so that PostgreSQL touches the scope's partitions only.
        const QVariantList scope{pgTextArray(uuids), pgTextArray(sorted(counties))};
        const QString scopeCustomers = QStringLiteral(
            "SELECT uuid FROM customers WHERE county = ANY($2::text[]) AND district_uuid = ANY($1::text[])");
        const QString scopeTasks =
            QStringLiteral("SELECT uuid FROM tasks WHERE district_uuid = ANY($1::text[])");
        staging->stage(QStringLiteral("districts"), QStringLiteral("t.uuid = ANY($1::text[])"), {scope[0]});
        staging->stage(QStringLiteral("customers"),
                       QStringLiteral("t.county = ANY($2::text[]) AND t.district_uuid = ANY($1::text[])"),
                       scope);
        staging->stage(
            QStringLiteral("feeders"),
            QStringLiteral("t.uuid IN (SELECT feeder_uuid FROM districts WHERE uuid = ANY($1::text[]) UNION "
                           "SELECT feeder_uuid FROM customers WHERE county = ANY($2::text[]) AND "
                           "district_uuid = ANY($1::text[]))"),
            scope);
        staging->stage(QStringLiteral("staff"), QStringLiteral("true"));
        staging->stage(QStringLiteral("staff_districts"), QStringLiteral("t.district_uuid = ANY($1::text[])"),
                       {scope[0]});
        staging->stage(QStringLiteral("tasks"), QStringLiteral("t.district_uuid = ANY($1::text[])"),
                       {scope[0]});
        staging->stage(
            QStringLiteral("plans"),
            QStringLiteral("t.uuid IN (SELECT plan_uuid FROM tasks WHERE district_uuid = ANY($1::text[]))"),
            {scope[0]});
        staging->stage(
            QStringLiteral("task_scope"),
            QStringLiteral("t.county = ANY($2::text[]) AND t.task_uuid IN (%1) AND t.customer_uuid IN (%2)")
                .arg(scopeTasks, scopeCustomers),
            scope);
        for (const QString& table : {QStringLiteral("visits"), QStringLiteral("discrepancies")})
            staging->stage(
                table,
                QStringLiteral("t.county = ANY($2::text[]) AND t.customer_uuid IN (%1)").arg(scopeCustomers),
                scope);
        for (const char* table : kWholeTables)
            staging->stageWhole(QString::fromLatin1(table));
        // None staged: the one PackageWriter adds is written back.
        staging->stage(QStringLiteral("sync_checkouts"), QStringLiteral("false"));
        staging->finish();
        read.commit();
        stageSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    }
    if (!progress(0.15))
        return CheckoutResult();

    // PackageWriter on the staging master writes the package (into the
    // scratch folder) and its record in the staging master.
    const QString scratchPackage = QDir(scratch->path()).filePath(target.fileName());
    CheckoutOptions writerOptions = options;
    writerOptions.progress = [&](double fraction) { return progress(0.15 + 0.75 * fraction); };
    CheckoutResult result = PackageWriter::checkout(staging->path(), scratchPackage, writerOptions);
    if (result.packagePath.isEmpty())
        return result; // cancelled; nothing left behind
    QElapsedTimer record;
    record.start();
    {
        // The master's record of the check-out, before the package appears
        // where it was asked for (a crash in between leaves a record of a
        // package nobody has, never a package the master does not know).
        SqliteStatement name(
            staging->db(), QStringLiteral("UPDATE sync_checkouts SET package_name = ? WHERE package_id = ?"));
        name.bind(1, target.fileName()).bind(2, result.meta.packageId).execute();
        PgTransaction write(pg);
        staging->applyVerbatim(QStringLiteral("sync_checkouts"));
        write.commit();
    }
    const auto moveIntoPlace = [&](const QString& from, const QString& to) {
        if (!QFile::rename(from, to))
            throw RecheckError(QStringLiteral("cannot move %1 to %2").arg(from, to).toStdString(),
                               RecheckError::Kind::Io);
    };
    moveIntoPlace(scratchPackage, packagePath);
    if (!result.basemap.path.isEmpty()) {
        const QString basemap = target.dir().filePath(QFileInfo(result.basemap.path).fileName());
        moveIntoPlace(result.basemap.path, basemap);
        result.basemap.path = basemap;
    }
    result.packagePath = packagePath;
    result.phases.prepend({QStringLiteral("PostgreSQL: read scope into staging master"), stageSeconds});
    result.phases.append({QStringLiteral("PostgreSQL: record check-out, move into place"),
                          static_cast<double>(record.nsecsElapsed()) / 1e9});
    result.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    progress(1.0);
    return result;
}

CheckinReport PgMasterSync::checkin(const QString& packagePath, const CheckinOptions& options) {
    PgConnection& pg = mStore.connection();
    const QString location = mStore.location();
    const std::unique_ptr<QTemporaryDir> scratch = scratchDirectory(QString());

    // A zipped package is read from a private copy.
    QString package = packagePath;
    QString shownPackage = packagePath;
    if (PackageZip::isZip(packagePath)) {
        QString entry;
        try {
            package = PackageZip::extractPackage(packagePath, scratch->path(), &entry);
            shownPackage = packagePath + QLatin1Char(':') + entry;
        } catch (const RecheckError&) {
            package = packagePath; // CheckinMerger refuses it with the reason
        }
    }

    // What the package changed: the rows to stage. A package that cannot be
    // read is staged without rows; CheckinMerger refuses it.
    PackageMeta meta;
    ChangeSet changes;
    try {
        SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
        meta = PackageMeta::read(db);
        changes = PackageChangeReader(db).read();
    } catch (const RecheckError&) {
    }

    return withRetries(mRetry, mLastAttempts, [&](int attempt) -> CheckinReport {
        QElapsedTimer clock;
        clock.start();
        QList<QPair<QString, double>> phases;
        const auto lap = [&](const QString& phase) {
            phases.append({phase, static_cast<double>(clock.nsecsElapsed()) / 1e9});
            clock.restart();
        };
        QDir(scratch->path()).remove(QStringLiteral("staging-master.sqlite"));
        // Optimistic first: one REPEATABLE READ snapshot, PostgreSQL aborting
        // the transaction (40001) when another connection changed a row it
        // writes. A row edited over and over could make every attempt fail:
        // after kOptimisticAttempts the check-in locks the rows it may write
        // first (in uuid order) at READ COMMITTED, where a lock waits for the
        // other transaction instead of failing, and reads them after.
        const bool lockFirst = attempt > kOptimisticAttempts;
        PgTransaction tx(pg, lockFirst ? QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")
                                       : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"));
        if (lockFirst) {
            QHash<QString, QStringList> byTable;
            for (const RowChange& row : changes.rows)
                if (row.op != ChangeOp::Insert)
                    byTable[changes.layoutOf(row).name()] << row.uuid;
            for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
                QStringList uuids = byTable.value(table.name);
                if (uuids.isEmpty())
                    continue;
                std::sort(uuids.begin(), uuids.end());
                pg.query(
                    QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ANY($1::text[]) ORDER BY uuid FOR UPDATE")
                        .arg(quoteIdentifier(table.name)),
                    {pgTextArray(uuids)});
            }
        }
        StagingMaster staging(mStore, scratch->path());
        lap(QStringLiteral("PostgreSQL: staging master created"));
        QStringList scopeCounties;
        {
            const PgResult counties = pg.query(
                QStringLiteral(
                    "SELECT DISTINCT coalesce(county, '') FROM districts WHERE uuid = ANY($1::text[])"),
                {pgTextArray(meta.districtUuids)});
            for (int r = 0; r < counties.rows(); ++r)
                scopeCounties << counties.text(r, 0);
        }
        // The record first, locked: a second check-in of the same package
        // waits here, then retries and finds the ledger entry.
        staging.stage(QStringLiteral("sync_checkouts"), QStringLiteral("t.package_id = $1"), {meta.packageId},
                      QStringLiteral(" FOR UPDATE"));
        staging.stage(QStringLiteral("sync_ledger"), QStringLiteral("t.package_id = $1"), {meta.packageId});
        staging.stage(QStringLiteral("sync_field_policy"), QStringLiteral("true"));

        QHash<QString, QSet<QString>> wanted;
        QSet<QString> changedUuids, changedTables;
        QHash<QString, std::vector<std::pair<QString, QString>>> children; // parent → (child, column)
        for (const SyncTableLayout& layout : changes.tables)
            for (const SyncTableLayout::Reference& ref : layout.references)
                children[ref.parentTable].push_back({layout.name(), ref.column});
        const auto wantParents = [&](const SyncTableLayout& layout, const QVariantList& values) {
            for (const SyncTableLayout::Reference& ref : layout.references) {
                const int c = layout.dataIndex.value(ref.column, -1);
                if (c >= 0 && c < values.size() && !values[c].isNull())
                    wanted[ref.parentTable].insert(values[c].toString());
            }
        };
        QHash<QString, QStringList> deleted;
        for (const RowChange& row : changes.rows) {
            const SyncTableLayout& layout = changes.layoutOf(row);
            wanted[layout.name()].insert(row.uuid);
            changedUuids.insert(row.uuid);
            changedTables.insert(layout.name());
            wantParents(layout, row.current);
            wantParents(layout, row.base);
            if (row.op == ChangeOp::Delete)
                deleted[layout.name()] << row.uuid;
        }
        // Rows holding a unique key a changed row also holds: the merge
        // turns the clash into a conflict instead of a failed commit.
        for (const SyncTableLayout& layout : changes.tables) {
            SqliteStatement indexes(
                staging.db(),
                QStringLiteral("SELECT name FROM pragma_index_list(?) WHERE \"unique\" AND origin <> 'pk'"));
            indexes.bind(1, layout.name());
            QStringList names;
            while (indexes.step())
                names << indexes.text(0);
            for (const QString& index : names) {
                QStringList keyColumns;
                SqliteStatement info(staging.db(),
                                     QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"));
                info.bind(1, index);
                while (info.step())
                    keyColumns << info.text(0);
                if (keyColumns.contains(QStringLiteral("uuid")) || keyColumns.contains(QStringLiteral("fid")))
                    continue;
                std::vector<QStringList> tuples(static_cast<std::size_t>(keyColumns.size()));
                for (const RowChange& row : changes.rows) {
                    if (&changes.layoutOf(row) != &layout || row.current.isEmpty())
                        continue;
                    // An update that keeps the key cannot clash with anyone.
                    if (row.op == ChangeOp::Update &&
                        std::none_of(keyColumns.begin(), keyColumns.end(), [&](const QString& column) {
                            return row.changed.contains(layout.dataIndex.value(column, -1));
                        }))
                        continue;
                    QStringList tuple;
                    for (const QString& column : keyColumns) {
                        const int c = layout.dataIndex.value(column, -1);
                        if (c < 0 || row.current[c].isNull())
                            break;
                        tuple << row.current[c].toString();
                    }
                    if (tuple.size() != keyColumns.size())
                        continue;
                    for (int k = 0; k < tuple.size(); ++k)
                        tuples[static_cast<std::size_t>(k)] << tuple[k];
                }
                if (tuples.front().isEmpty())
                    continue;
                QStringList left, arrays;
                QVariantList params;
                for (int k = 0; k < keyColumns.size(); ++k) {
                    left << QStringLiteral("t.%1").arg(quoteIdentifier(keyColumns[k]));
                    params << pgTextArray(tuples[static_cast<std::size_t>(k)]);
                    arrays << QStringLiteral("$%1::text[]").arg(k + 1);
                }
                // PostgreSQL's keys of partitioned tables are unique per
                // county: the neighbours that count are in the scope's.
                QString where = QStringLiteral("(%1) IN (SELECT * FROM unnest(%2))")
                                    .arg(left.join(QStringLiteral(", ")), arrays.join(QStringLiteral(", ")));
                if (PgMasterSchema::isCountyPartitioned(layout.name())) {
                    params << pgTextArray(scopeCounties);
                    where += QStringLiteral(" AND t.county = ANY($%1::text[])").arg(params.size());
                }
                staging.stage(layout.name(), where, params);
            }
        }
        // Children still referring to a row the package deleted.
        for (auto it = deleted.constBegin(); it != deleted.constEnd(); ++it)
            for (const auto& [child, column] : children.value(it.key()))
                staging.stage(child, QStringLiteral("t.%1 = ANY($1::text[])").arg(quoteIdentifier(column)),
                              {pgTextArray(it.value())});
        const QVariantList rowsOfChange{pgTextArray(sorted(changedUuids)),
                                        pgTextArray(sorted(changedTables))};
        staging.stage(
            QStringLiteral("sync_conflicts"),
            QStringLiteral("t.status = 'open' AND t.field IS NOT NULL AND t.row_uuid = ANY($1::text[]) AND "
                           "t.table_name = ANY($2::text[])"),
            rowsOfChange);
        staging.stage(QStringLiteral("sync_provenance"),
                      QStringLiteral("t.table_name = ANY($2::text[]) AND t.row_uuid = ANY($1::text[])"),
                      rowsOfChange);
        staging.stage(QStringLiteral("sync_tombstones"),
                      QStringLiteral("t.table_name = ANY($2::text[]) AND t.row_uuid = ANY($1::text[])"),
                      rowsOfChange);
        {
            // A row restored from a tombstone needs its parents too.
            SqliteStatement tombs(staging.db(),
                                  QStringLiteral("SELECT table_name, row_values FROM sync_tombstones"));
            while (tombs.step())
                for (const SyncTableLayout& layout : changes.tables)
                    if (layout.name() == tombs.text(0))
                        wantParents(layout,
                                    sqlRowFromJson(layout.dataColumns,
                                                   QJsonDocument::fromJson(tombs.text(1).toUtf8()).object()));
        }
        for (const SyncedTable& table : ArchiveSchema::syncedTables())
            staging.stageUuids(table.name, wanted.value(table.name));
        staging.finish();
        lap(QStringLiteral("PostgreSQL: read rows into staging master"));
        const QList<QPair<QString, double>> staged = phases;
        phases.clear();
        if (options.progress && !options.progress(0.2)) {
            CheckinReport cancelled;
            cancelled.outcome = CheckinReport::Outcome::Cancelled;
            cancelled.checkedInBy =
                options.checkedInBy.isEmpty() ? PackageWriter::loginName() : options.checkedInBy;
            return cancelled;
        }

        // core/sync's check-in, on the staging master.
        CheckinOptions merge = options;
        merge.checkMaster = false; // PostgreSQL guards its own pages
        merge.progress = [&](double fraction) {
            return !options.progress || options.progress(0.2 + 0.7 * fraction);
        };
        CheckinReport report = CheckinMerger::checkin(staging.path(), package, merge);
        fixPaths(report, staging.path(), location, package, shownPackage);
        lap(QStringLiteral("merge (core/sync, staging master)"));
        if (report.repeat || (report.outcome != CheckinReport::Outcome::Merged &&
                              report.outcome != CheckinReport::Outcome::MergedWithConflicts)) {
            report.phases = staged + report.phases;
            return report; // nothing to write: the transaction rolls back
        }

        // Back into PostgreSQL: the rows, then the bookkeeping, the report
        // in the ledger naming the conflicts by their PostgreSQL ids.
        staging.applyDomain();
        const QHash<qint64, qint64> conflictIds = staging.applyVerbatim(QStringLiteral("sync_conflicts"));
        for (QList<CheckinItem>* list : {&report.applied, &report.merged, &report.unchanged,
                                         &report.conflicts, &report.decided, &report.refused})
            for (CheckinItem& item : *list)
                for (qint64& id : item.conflictIds)
                    id = conflictIds.value(id, id);
        {
            SqliteStatement ledger(staging.db(),
                                   QStringLiteral("UPDATE sync_ledger SET report = ? WHERE package_id = ?"));
            ledger.bind(1, QString::fromUtf8(QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact)))
                .bind(2, meta.packageId)
                .execute();
        }
        for (const QString& table : {QStringLiteral("sync_provenance"), QStringLiteral("sync_tombstones"),
                                     QStringLiteral("sync_ledger"), QStringLiteral("sync_checkouts")})
            staging.applyVerbatim(table);
        lap(QStringLiteral("PostgreSQL: write merged rows"));
        tx.commit();
        lap(QStringLiteral("PostgreSQL: commit"));
        report.phases = staged + report.phases + phases;
        return report;
    });
}

QList<SyncConflict> PgMasterSync::conflicts(bool includeResolved) {
    PgConnection& pg = mStore.connection();
    const std::unique_ptr<QTemporaryDir> scratch = scratchDirectory(QString());
    PgTransaction read(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    StagingMaster staging(mStore, scratch->path());
    staging.stage(QStringLiteral("sync_conflicts"),
                  includeResolved ? QStringLiteral("true") : QStringLiteral("t.status = 'open'"));
    QHash<QString, QSet<QString>> rows;
    {
        SqliteStatement named(staging.db(),
                              QStringLiteral("SELECT DISTINCT table_name, row_uuid FROM sync_conflicts"));
        while (named.step())
            rows[named.text(0)].insert(named.text(1));
    }
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it)
        if (ArchiveSchema::syncedTable(it.key()))
            staging.stageUuids(it.key(), it.value());
    staging.finish();
    read.commit();
    return ConflictStore(staging.db()).list(includeResolved);
}

SyncConflict PgMasterSync::resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                   const QString& who) {
    PgConnection& pg = mStore.connection();
    const std::unique_ptr<QTemporaryDir> scratch = scratchDirectory(QString());
    return withRetries(mRetry, mLastAttempts, [&](int) -> SyncConflict {
        QDir(scratch->path()).remove(QStringLiteral("staging-master.sqlite"));
        PgTransaction tx(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"));
        StagingMaster staging(mStore, scratch->path());
        staging.stage(QStringLiteral("sync_conflicts"), QStringLiteral("t.id = $1"),
                      {static_cast<qlonglong>(id)}, QStringLiteral(" FOR UPDATE"));
        QString table, uuid;
        {
            SqliteStatement named(staging.db(),
                                  QStringLiteral("SELECT table_name, row_uuid FROM sync_conflicts"));
            if (named.step()) {
                table = named.text(0);
                uuid = named.text(1);
            }
        }
        if (ArchiveSchema::syncedTable(table)) {
            staging.stageUuids(table, {uuid});
            // Parents of the row's values as the conflict holds them (whole
            // rows as JSON): a row written back needs them.
            for (const SyncTableLayout& layout : SyncTables::read(staging.db())) {
                if (layout.name() != table)
                    continue;
                SqliteStatement values(
                    staging.db(),
                    QStringLiteral("SELECT package_value, master_value, base_value FROM sync_conflicts"));
                while (values.step())
                    for (int v = 0; v < 3; ++v) {
                        if (values.isNull(v))
                            continue;
                        const QJsonObject row = QJsonDocument::fromJson(values.text(v).toUtf8()).object();
                        for (const SyncTableLayout::Reference& ref : layout.references) {
                            const QString parent = row.value(ref.column).toString();
                            if (!parent.isEmpty())
                                staging.stageUuids(ref.parentTable, {parent});
                        }
                    }
            }
        }
        staging.finish();
        const SyncConflict resolved = ConflictStore(staging.db()).resolve(id, choice, value, who);
        staging.applyDomain();
        staging.applyVerbatim(QStringLiteral("sync_conflicts"));
        tx.commit();
        return resolved;
    });
}

} // namespace recheck
