#include "PgStagingMaster.h"

#include "PgMasterSchema.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "sync/ChangeSet.h"
#include "sync/SyncTables.h"
#include "sync/SyncValue.h"

#include <QDir>
#include <QFile>

#include <mutex>

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

namespace {

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
        db.exec(QStringLiteral("DROP TRIGGER %1").arg(pgQuoteIdentifier(name)));
    db.exec(QStringLiteral("DELETE FROM code_lists; DELETE FROM sync_field_policy"));
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

PgStagingMaster::~PgStagingMaster() {
    if (mCapture) {
        try {
            mCapture.reset();
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
            mDomain[table].insert(key, PgStagedRow{values.value(versionColumn).toLongLong(),
                                                   t.partitioned ? rows.text(r, t.columns.size()) : QString(),
                                                   values});
        else if (t.keyIndex >= 0)
            mVerbatim[table].insert(key, values);
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

void PgStagingMaster::finish() {
    mCapture->resume();
    mCapture.reset();
    mDb->exec(QStringLiteral("COMMIT"));
    mDb->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

PgStagingMaster::Applied PgStagingMaster::applyDomain() {
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
        PgStagedTable& t = info(synced.name);
        if (!t.exists)
            continue;
        applyDomainTable(t, touched.value(synced.name), applied);
    }
    return applied;
}

QHash<qint64, qint64> PgStagingMaster::applyVerbatim(const QString& table, const QString& updateGuard) {
    QHash<qint64, qint64> ids;
    PgStagedTable& t = info(table);
    if (!t.exists || t.keyIndex < 0 || !mTracked.contains(table))
        return ids;
    const QHash<QString, QVariantList> originals = mVerbatim.value(table);
    std::vector<QVariantList> added;
    std::vector<QVariantList> changed;
    QSet<QString> present;
    {
        QStringList select;
        for (const QString& c : t.columns)
            select << pgQuoteIdentifier(c);
        SqliteStatement rows(*mDb, QStringLiteral("SELECT %1 FROM %2")
                                       .arg(select.join(QStringLiteral(", ")), pgQuoteIdentifier(table)));
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
            columns << pgQuoteIdentifier(c);
        mPg.beginCopy(QStringLiteral("COPY %1 (%2) FROM STDIN")
                          .arg(pgQuoteIdentifier(table), columns.join(QStringLiteral(", "))));
        QByteArray buffer;
        for (const QVariantList& values : added) {
            for (int c = 0; c < values.size(); ++c) {
                if (c > 0)
                    buffer.append('\t');
                pgAppendCopyValue(buffer, values[c], t.kinds[static_cast<std::size_t>(c)]);
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
            mPg.query(QStringLiteral("DELETE FROM %1 WHERE %2 = $1")
                          .arg(pgQuoteIdentifier(table), pgQuoteIdentifier(t.key)),
                      {pgParameter(it.value()[t.keyIndex], t.kinds[static_cast<std::size_t>(t.keyIndex)])});
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
    QStringList select;
    for (int c = 0; c < t.columns.size(); ++c)
        select << (t.geometrySrid.contains(c) ? QStringLiteral("AsBinary(%1)") : QStringLiteral("%1"))
                      .arg(pgQuoteIdentifier(t.columns[c]));
    SqliteStatement read(*mDb, QStringLiteral("SELECT %1 FROM %2 WHERE uuid = ?")
                                   .arg(select.join(QStringLiteral(", ")), pgQuoteIdentifier(t.name)));
    struct Row {
        QString op;
        QString uuid;
        QVariantList values; ///< empty for deletes
        PgStagedRow original;
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
                if (c != fidColumn && c != uuidColumn && !sameSqlValue(values[c], original->values.value(c)))
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
        definitions << QStringLiteral("%1 %2").arg(pgQuoteIdentifier(t.columns[c]),
                                                   kind == PgColumnKind::Geometry ? QStringLiteral("bytea")
                                                                                  : pgTypeName(kind));
        names << pgQuoteIdentifier(t.columns[c]);
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
            const QVariant value =
                row.values.isEmpty() ? (c == uuidColumn ? QVariant(row.uuid) : QVariant()) : row.values[c];
            pgAppendCopyValue(buffer, value, t.kinds[static_cast<std::size_t>(c)]);
        }
        buffer.append('\t').append(row.op.toLatin1()).append('\t');
        pgAppendCopyValue(buffer,
                          row.op == QLatin1String("insert") ? QVariant() : QVariant(row.original.rowVersion),
                          PgColumnKind::Integer);
        buffer.append('\t');
        pgAppendCopyValue(buffer,
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
        const QString column = pgQuoteIdentifier(t.columns[c]);
        return t.geometrySrid.contains(c)
                   ? QStringLiteral("ST_GeomFromWKB(s.%1, %2)").arg(column).arg(t.geometrySrid.value(c))
                   : QStringLiteral("s.%1").arg(column);
    };
    const qint64 inserts =
        std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.op == QLatin1String("insert"); });
    if (inserts > 0) {
        QStringList targetColumns, sourceValues;
        for (int c : copied) {
            targetColumns << pgQuoteIdentifier(t.columns[c]);
            sourceValues << sourceOf(c);
        }
        if (t.partitioned) {
            targetColumns << QStringLiteral("county");
            sourceValues << countyExpression(t.name);
        }
        const PgResult result =
            mPg.query(QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4 s WHERE s.recheck_op = 'insert'")
                          .arg(pgQuoteIdentifier(t.name), targetColumns.join(QStringLiteral(", ")),
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
            sets << QStringLiteral("%1 = %2").arg(pgQuoteIdentifier(t.columns[c]), sourceOf(c));
            moves |= t.columns[c] == QLatin1String("district_uuid") ||
                     t.columns[c] == QLatin1String("customer_uuid");
        }
        if (t.partitioned && moves)
            sets << QStringLiteral("county = ") + countyExpression(t.name);
        const PgResult result =
            mPg.query(QStringLiteral("UPDATE %1 t SET %2 FROM %3 s WHERE %4 AND s.recheck_group = %5")
                          .arg(pgQuoteIdentifier(t.name), sets.join(QStringLiteral(", ")), temp,
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
                          .arg(pgQuoteIdentifier(t.name), temp, match(QStringLiteral("delete"))),
                      t.partitioned ? QVariantList{county} : QVariantList{});
        if (result.affectedRows() != expected)
            throwConcurrentChange(mPg.location(), t.name, expected, result.affectedRows(),
                                  QStringLiteral("delete"));
        applied.deleted += result.affectedRows();
    }
    mPg.exec(QStringLiteral("DROP TABLE pg_temp.%1").arg(temp));
}

} // namespace recheck
