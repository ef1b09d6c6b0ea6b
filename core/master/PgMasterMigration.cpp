#include "PgMasterMigration.h"

#include "MasterDigest.h"
#include "PgMasterSchema.h"
#include "PgMasterStore.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>

#include <algorithm>

namespace recheck {

namespace {

// SpatiaLite's own bookkeeping: rebuilt by PostGIS's catalogue, not data.
const char* const kSpatialiteMetadataPrefixes[] = {
    "spatial_ref_sys",
    "geometry_columns",
    "views_geometry_columns",
    "virts_geometry_columns",
    "spatialite_history",
    "sql_statements_log",
    "data_licenses",
    "ElementaryGeometries",
    "KNN",
    "SpatialIndex",
    "sqlite_",
};

// SpatiaLite's geometry_columns.geometry_type codes (XY, XYZ +1000, XYM
// +2000, XYZM +3000) as PostGIS type names.
QString postgisGeometryType(int code) {
    static const char* const names[] = {
        "Geometry",   "Point",           "LineString",   "Polygon",
        "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"};
    const int base = code % 1000;
    const int dims = code / 1000;
    if (base < 0 || base > 7)
        return QStringLiteral("Geometry");
    QString name = QString::fromLatin1(names[base]);
    if (dims == 1)
        name += QLatin1Char('Z');
    else if (dims == 2)
        name += QLatin1Char('M');
    else if (dims == 3)
        name += QStringLiteral("ZM");
    return name;
}

struct SourceColumn {
    QString name;
    QString declaredType;
    int primaryKeyPosition = 0; ///< PRAGMA table_info's pk: 1-based position in the key, 0 = not in it
    bool geometry = false;
    QString geometryType;
    int srid = 0;
};

struct SourceTable {
    QString name;
    std::vector<SourceColumn> columns;
    bool domain = false;
    bool partitioned = false;
    std::int64_t rows = 0;
};

QString quoteIdentifier(const QString& name) {
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// The county a partitioned table's row belongs to, as an SQL expression over
// the archive file (alias t): customers through their district, the rows
// hanging on a customer through the customer's district.
QString countyExpression(const QString& table) {
    if (table == QLatin1String("customers"))
        return QStringLiteral(
            "coalesce((SELECT d.county FROM districts d WHERE d.uuid = t.district_uuid), '')");
    return QStringLiteral(
        "coalesce((SELECT d.county FROM customers c JOIN districts d ON d.uuid = c.district_uuid "
        "WHERE c.uuid = t.customer_uuid), '')");
}

[[noreturn]] void refuseValue(const SourceTable& table, const SourceColumn& column, std::int64_t rowNumber,
                              const char* storedAs, PgColumnKind kind) {
    throw RecheckError(QStringLiteral("%1.%2, row %3: a %4 value where the PostgreSQL master keeps %5; "
                                      "fix the value in the archive first (nothing was migrated)")
                           .arg(table.name, column.name)
                           .arg(rowNumber)
                           .arg(QString::fromLatin1(storedAs), pgTypeName(kind))
                           .toStdString(),
                       RecheckError::Kind::InvalidInput);
}

const char* storageClassName(int type) {
    switch (type) {
    case QMetaType::LongLong:
        return "integer";
    case QMetaType::Double:
        return "real";
    case QMetaType::QByteArray:
        return "blob";
    default:
        return "text";
    }
}

// Appends one value in COPY's text format for a column of `kind`; refuses
// (rather than converts) a value the column cannot hold exactly.
void appendCopyValue(QByteArray& line, const QVariant& value, PgColumnKind kind, const SourceTable& table,
                     const SourceColumn& column, std::int64_t rowNumber) {
    if (value.isNull() || !value.isValid()) {
        line.append("\\N");
        return;
    }
    const int type = value.userType();
    switch (kind) {
    case PgColumnKind::Integer:
        if (type != QMetaType::LongLong)
            refuseValue(table, column, rowNumber, storageClassName(type), kind);
        line.append(QByteArray::number(value.toLongLong()));
        return;
    case PgColumnKind::Real:
        if (type != QMetaType::Double && type != QMetaType::LongLong)
            refuseValue(table, column, rowNumber, storageClassName(type), kind);
        line.append(QByteArray::number(value.toDouble(), 'g', 17));
        return;
    case PgColumnKind::Text:
        if (type == QMetaType::QByteArray)
            refuseValue(table, column, rowNumber, "blob", kind);
        PgConnection::appendCopyField(line, value.toString().toUtf8());
        return;
    case PgColumnKind::Blob:
        if (type != QMetaType::QByteArray)
            refuseValue(table, column, rowNumber, storageClassName(type), kind);
        line.append("\\\\x");
        line.append(value.toByteArray().toHex());
        return;
    case PgColumnKind::Json:
        PgConnection::appendCopyField(line, pgJsonForSqlValue(value));
        return;
    case PgColumnKind::Geometry:
        // Hex EWKB (with the SRID) from SpatiaLite's AsEWKB().
        line.append(value.toString().toLatin1());
        return;
    }
}

std::vector<SourceColumn> sourceColumns(SqliteDatabase& db, const QString& table,
                                        const QHash<QString, SourceColumn>& geometries) {
    std::vector<SourceColumn> out;
    SqliteStatement info(db, QStringLiteral("SELECT name, type, pk FROM pragma_table_info(?)"));
    info.bind(1, table);
    while (info.step()) {
        SourceColumn c;
        c.name = info.text(0);
        c.declaredType = info.text(1);
        c.primaryKeyPosition = static_cast<int>(info.int64(2));
        const auto g = geometries.constFind(table.toLower() + QLatin1Char('.') + c.name.toLower());
        if (g != geometries.constEnd()) {
            c.geometry = true;
            c.geometryType = g->geometryType;
            c.srid = g->srid;
        }
        out.push_back(c);
    }
    return out;
}

// Digest of the archive side, over the same columns and with the same value
// encoding as PgMasterStore::tableDigest (geometries as WKB).
TableDigest sourceDigest(SqliteDatabase& db, const SourceTable& table) {
    QStringList select;
    for (const SourceColumn& c : table.columns)
        select << (c.geometry ? QStringLiteral("AsBinary(%1)").arg(quoteIdentifier(c.name))
                              : quoteIdentifier(c.name));
    SqliteStatement rows(db, QStringLiteral("SELECT %1 FROM %2")
                                 .arg(select.join(QStringLiteral(", ")), quoteIdentifier(table.name)));
    TableDigestBuilder digest(table.name);
    QVariantList values;
    const int n = static_cast<int>(table.columns.size());
    while (rows.step()) {
        values.clear();
        for (int i = 0; i < n; ++i)
            values << rows.value(i);
        digest.addRow(values);
    }
    return digest.result();
}

} // namespace

bool PgMasterMigration::isDerivedTable(const QString& name, const QStringList& virtualTables) {
    for (const char* prefix : kSpatialiteMetadataPrefixes)
        if (name.startsWith(QLatin1String(prefix), Qt::CaseInsensitive))
            return true;
    for (const QString& v : virtualTables)
        if (name.compare(v, Qt::CaseInsensitive) == 0 ||
            name.startsWith(v + QLatin1Char('_'), Qt::CaseInsensitive))
            return true;
    return false;
}

MigrationReport PgMasterMigration::migrate(const QString& spatialiteMaster, PgMasterStore& target,
                                           const Progress& progress) {
    QElapsedTimer clock;
    clock.start();
    // Refuses files that are not archives, newer schemas and (without
    // upgrade) older ones, changing nothing.
    Archive archive = Archive::open(spatialiteMaster, Archive::Access::ReadOnly);
    if (archive.info().role != ArchiveInfo::Role::Master)
        throw RecheckError(
            QStringLiteral("%1 is a package, not a master: check it in to its master, then migrate "
                           "the master")
                .arg(spatialiteMaster)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    SqliteDatabase& db = archive.db();
    // One consistent snapshot of the file while it is read twice (copy,
    // then digests), even if an office user writes meanwhile.
    db.exec(QStringLiteral("BEGIN"));
    struct EndRead {
        SqliteDatabase& db;
        ~EndRead() {
            try {
                db.exec(QStringLiteral("COMMIT"));
            } catch (...) {
            }
        }
    } endRead{db};

    MigrationReport report;
    report.source = spatialiteMaster;
    report.target = target.location();
    report.archiveId = archive.info().id;

    // Which tables: everything but derived ones.
    QStringList virtualTables;
    QStringList names;
    {
        SqliteStatement list(db, QStringLiteral("SELECT name, coalesce(sql, '') FROM sqlite_master "
                                                "WHERE type = 'table' ORDER BY name"));
        while (list.step()) {
            const QString name = list.text(0);
            if (list.text(1).startsWith(QLatin1String("CREATE VIRTUAL TABLE"), Qt::CaseInsensitive))
                virtualTables << name;
            names << name;
        }
    }
    QHash<QString, SourceColumn> geometries;
    {
        SqliteStatement g(db, QStringLiteral("SELECT f_table_name, f_geometry_column, geometry_type, srid "
                                             "FROM geometry_columns"));
        while (g.step()) {
            SourceColumn c;
            c.geometryType = postgisGeometryType(static_cast<int>(g.int64(2)));
            c.srid = static_cast<int>(g.int64(3));
            geometries.insert(g.text(0).toLower() + QLatin1Char('.') + g.text(1).toLower(), c);
        }
    }
    std::vector<SourceTable> tables;
    const QStringList& domain = PgMasterSchema::domainTables();
    for (const QString& name : domain)
        if (names.contains(name))
            tables.push_back({name, {}, true, PgMasterSchema::isCountyPartitioned(name), 0});
    for (const QString& name : names) {
        if (domain.contains(name))
            continue;
        if (isDerivedTable(name, virtualTables)) {
            report.derivedTables << name;
            continue;
        }
        tables.push_back({name, {}, false, false, 0});
    }
    std::int64_t totalRows = 0;
    for (SourceTable& t : tables) {
        t.columns = sourceColumns(db, t.name, geometries);
        t.rows =
            db.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdentifier(t.name))).toLongLong();
        totalRows += t.rows;
    }

    PgConnection& pg = target.connection();
    PgTransaction transaction(pg);
    if (target.hasSchema())
        throw RecheckError(
            QStringLiteral("%1 already holds a Recheck master; migrate needs an empty database "
                           "(nothing was changed)")
                .arg(target.location())
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    // Rows arrive with their row versions and change log as they are: no
    // stamping, no capture while copying (reset at the end of the
    // transaction).
    pg.exec(QStringLiteral("SET LOCAL recheck.capture = 'off'"));
    // Secondary indexes and foreign keys after the rows: built once, and one
    // validating join per key is far cheaper than a queued check per row.
    target.createTables(archive.info().srid, true);

    {
        SqliteStatement counties(db,
                                 QStringLiteral("SELECT DISTINCT county FROM districts "
                                                "WHERE county IS NOT NULL AND county <> '' ORDER BY county"));
        while (counties.step())
            report.counties << counties.text(0);
    }
    target.addCountiesInTransaction(report.counties);

    // Columns: the domain tables' must all have a place in the master; the
    // office tables are created as they are.
    std::vector<std::vector<PgColumnKind>> kinds;
    for (SourceTable& t : tables) {
        std::vector<PgColumnKind> k;
        if (t.domain) {
            const std::vector<PgColumn> pgColumns = target.columns(t.name);
            for (const SourceColumn& c : t.columns) {
                auto it = std::find_if(pgColumns.begin(), pgColumns.end(),
                                       [&](const PgColumn& p) { return p.name == c.name; });
                if (it == pgColumns.end())
                    throw RecheckError(
                        QStringLiteral("%1.%2 of the archive has no column in the PostgreSQL master's "
                                       "schema (this Recheck's PgMasterSchema lags the archive "
                                       "schema); nothing was migrated")
                            .arg(t.name, c.name)
                            .toStdString(),
                        RecheckError::Kind::InvalidInput);
                k.push_back(it->kind);
            }
        } else {
            std::vector<PgColumn> pgColumns;
            std::vector<std::pair<int, QString>> key;
            for (const SourceColumn& c : t.columns) {
                PgColumn p;
                p.name = c.name;
                p.kind = c.geometry ? PgColumnKind::Geometry : pgColumnKindForSqliteType(c.declaredType);
                p.geometryType = c.geometryType;
                p.srid = c.srid;
                pgColumns.push_back(p);
                k.push_back(p.kind);
                if (c.primaryKeyPosition > 0)
                    key.emplace_back(c.primaryKeyPosition, c.name);
            }
            std::sort(key.begin(), key.end());
            QStringList primaryKey;
            for (const auto& [position, name] : key)
                primaryKey << name;
            target.createVerbatimTable(t.name, pgColumns, primaryKey);
        }
        kinds.push_back(std::move(k));
    }

    // Copy.
    std::int64_t done = 0;
    for (std::size_t ti = 0; ti < tables.size(); ++ti) {
        const SourceTable& t = tables[ti];
        if (progress)
            progress(t.name,
                     totalRows > 0 ? static_cast<double>(done) / static_cast<double>(totalRows) : 0.0);
        QStringList select, targetColumns;
        for (const SourceColumn& c : t.columns) {
            select << (c.geometry
                           ? QStringLiteral("AsEWKB(t.%1), t.%1 IS NOT NULL").arg(quoteIdentifier(c.name))
                           : QStringLiteral("t.%1").arg(quoteIdentifier(c.name)));
            targetColumns << quoteIdentifier(c.name);
        }
        if (t.partitioned) {
            select << countyExpression(t.name);
            targetColumns << QStringLiteral("county");
        }
        SqliteStatement rows(db, QStringLiteral("SELECT %1 FROM %2 t")
                                     .arg(select.join(QStringLiteral(", ")), quoteIdentifier(t.name)));
        pg.beginCopy(QStringLiteral("COPY %1 (%2) FROM STDIN")
                         .arg(quoteIdentifier(t.name), targetColumns.join(QStringLiteral(", "))));
        QByteArray buffer;
        std::int64_t rowNumber = 0;
        while (rows.step()) {
            ++rowNumber;
            int col = 0;
            for (std::size_t ci = 0; ci < t.columns.size(); ++ci) {
                const SourceColumn& c = t.columns[ci];
                if (ci > 0)
                    buffer.append('\t');
                QVariant value = rows.value(col++);
                if (c.geometry) {
                    // AsEWKB() gives NULL for a blob that is not a geometry:
                    // refuse it rather than lose it.
                    const bool present = rows.int64(col++) != 0;
                    if (present && value.isNull())
                        throw RecheckError(
                            QStringLiteral("%1.%2, row %3: not a valid SpatiaLite geometry; fix it "
                                           "in the archive first (nothing was migrated)")
                                .arg(t.name, c.name)
                                .arg(rowNumber)
                                .toStdString(),
                            RecheckError::Kind::InvalidInput);
                }
                appendCopyValue(buffer, value, kinds[ti][ci], t, c, rowNumber);
            }
            if (t.partitioned) {
                buffer.append('\t');
                PgConnection::appendCopyField(buffer, rows.text(col).toUtf8());
            }
            buffer.append('\n');
            if (buffer.size() > (1 << 20)) {
                pg.putCopyData(buffer);
                buffer.clear();
            }
            if (progress && (rowNumber % 20000) == 0)
                progress(t.name, static_cast<double>(done + rowNumber) / static_cast<double>(totalRows));
        }
        if (!buffer.isEmpty())
            pg.putCopyData(buffer);
        pg.endCopy();
        done += rowNumber;
    }
    if (progress)
        progress(QString(), 1.0);

    target.resetSequences();
    // A dangling reference fails here, named by PostgreSQL (table, key and
    // value), before the digests are computed.
    target.finishBulkLoad();

    // Verify: counts and digests of both sides, table by table.
    QStringList differing;
    for (const SourceTable& t : tables) {
        MigratedTable m;
        m.table = t.name;
        m.partitioned = t.partitioned;
        m.verbatim = !t.domain;
        m.source = sourceDigest(db, t);
        QStringList columnNames;
        for (const SourceColumn& c : t.columns)
            columnNames << c.name;
        m.target = target.tableDigest(t.name, columnNames);
        if (m.source != m.target)
            differing << QStringLiteral("%1 (%2 rows in the archive, %3 in PostgreSQL)")
                             .arg(t.name)
                             .arg(m.source.rows)
                             .arg(m.target.rows);
        report.rows += m.target.rows;
        report.tables.push_back(m);
    }
    if (!differing.isEmpty())
        throw RecheckError(
            QStringLiteral("migrate %1 → %2: the copy differs from the archive in %3; rolled back, "
                           "nothing was changed")
                .arg(spatialiteMaster, target.location(), differing.join(QStringLiteral(", ")))
                .toStdString(),
            RecheckError::Kind::Database);
    pg.query(QStringLiteral("INSERT INTO recheck_master VALUES ('migrated_from', $1), ('migrated_at', $2)"),
             {spatialiteMaster, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    transaction.commit();
    // Autovacuum analyses the new tables and partitions within a minute,
    // but never a partitioned parent (QGIS would show its feature count as
    // -1): ANALYZE of the tables copied, not a whole-database one.
    std::map<QString, qint64> written;
    for (const MigratedTable& m : report.tables)
        written[m.table] = m.target.rows;
    target.refreshStatistics(written);
    report.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    return report;
}

} // namespace recheck
