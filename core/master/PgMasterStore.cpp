#include "PgMasterStore.h"

#include "MasterDigest.h"
#include "PgMasterMigration.h"
#include "PgMasterOffice.h"
#include "PgMasterSchema.h"
#include "PgMasterSync.h"
#include "PgStagingMaster.h"
#include "SpatiaLiteMasterStore.h"
#include "archive/Archive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>

namespace recheck {

PgColumnKind pgColumnKindForSqliteType(const QString& declaredType) {
    // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), in
    // their order.
    const QString t = declaredType.toUpper();
    if (t.contains(QLatin1String("INT")))
        return PgColumnKind::Integer;
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) ||
        t.contains(QLatin1String("TEXT")))
        return PgColumnKind::Text;
    if (t.contains(QLatin1String("BLOB")))
        return PgColumnKind::Blob;
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) ||
        t.contains(QLatin1String("DOUB")))
        return PgColumnKind::Real;
    // No type (values kept exactly as written) or NUMERIC affinity: any
    // storage class may occur, so the value travels type-tagged.
    return PgColumnKind::Json;
}

QString pgTypeName(PgColumnKind kind) {
    switch (kind) {
    case PgColumnKind::Integer:
        return QStringLiteral("bigint");
    case PgColumnKind::Real:
        return QStringLiteral("double precision");
    case PgColumnKind::Text:
        return QStringLiteral("text");
    case PgColumnKind::Blob:
        return QStringLiteral("bytea");
    case PgColumnKind::Json:
        return QStringLiteral("jsonb");
    case PgColumnKind::Geometry:
        return QStringLiteral("geometry");
    }
    return QStringLiteral("text");
}

void pgAppendJsonString(QByteArray& json, const QByteArray& utf8) {
    json.reserve(json.size() + utf8.size() + 2);
    json.append('"');
    // Runs of plain bytes in one append; quotes, backslashes and control
    // characters escaped (UTF-8 above ASCII passes through as it is).
    const char* data = utf8.constData();
    int run = 0;
    for (int i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        json.append(data + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            json.append("\\\"");
            break;
        case '\\':
            json.append("\\\\");
            break;
        case '\n':
            json.append("\\n");
            break;
        case '\r':
            json.append("\\r");
            break;
        case '\t':
            json.append("\\t");
            break;
        default: {
            static const char hex[] = "0123456789abcdef";
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            json.append(escaped, 6);
        }
        }
    }
    json.append(data + run, utf8.size() - run);
    json.append('"');
}

QByteArray pgJsonForSqlValue(const QVariant& value) {
    if (value.isNull() || !value.isValid())
        return QByteArrayLiteral("null");
    switch (value.userType()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return QByteArray::number(value.toLongLong());
    case QMetaType::Double:
        // JSON has one number type; a real keeps its kind (and NaN/inf,
        // which JSON cannot hold) as text under "real".
        return QByteArrayLiteral("{\"real\": \"") + QByteArray::number(value.toDouble(), 'g', 17) +
               QByteArrayLiteral("\"}");
    case QMetaType::QByteArray:
        return QByteArrayLiteral("{\"hex\": \"") + value.toByteArray().toHex() + QByteArrayLiteral("\"}");
    default: {
        QByteArray json;
        pgAppendJsonString(json, value.toString().toUtf8());
        return json;
    }
    }
}

QVariant sqlValueFromPgJson(const QByteArray& json) {
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArrayLiteral("[") + json + QByteArrayLiteral("]"));
    const QJsonValue v = doc.array().at(0);
    switch (v.type()) {
    case QJsonValue::Double:
        return QVariant(static_cast<qlonglong>(QByteArray(json).trimmed().toLongLong()));
    case QJsonValue::String:
        return QVariant(v.toString());
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("real")))
            return QVariant(
                std::strtod(o.value(QStringLiteral("real")).toString().toLatin1().constData(), nullptr));
        return QVariant(QByteArray::fromHex(o.value(QStringLiteral("hex")).toString().toLatin1()));
    }
    default:
        return {};
    }
}

QVariant sqlValueFromPg(const PgResult& result, int row, int col, PgColumnKind kind) {
    if (result.isNull(row, col))
        return {};
    const QByteArray bytes = result.bytes(row, col);
    switch (kind) {
    case PgColumnKind::Integer:
        return QVariant(static_cast<qlonglong>(bytes.toLongLong()));
    case PgColumnKind::Real:
        // strtod reads PostgreSQL's shortest exact form and Infinity/NaN.
        return QVariant(std::strtod(bytes.constData(), nullptr));
    case PgColumnKind::Text:
        return QVariant(QString::fromUtf8(bytes));
    case PgColumnKind::Blob:
    case PgColumnKind::Geometry:
        // bytea in hex output: \x0102…
        return QVariant(QByteArray::fromHex(bytes.mid(2)));
    case PgColumnKind::Json:
        return sqlValueFromPgJson(bytes);
    }
    return {};
}

namespace {

// A value of a one-row result (single-row mode).
QVariant sqlValueFromPgText(const PgResult& row, int col, PgColumnKind kind) {
    return sqlValueFromPg(row, 0, col, kind);
}

QString quoteIdentifier(const QString& name) {
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

PgMasterStore::PgMasterStore(const QString& conninfo) : mConnection(conninfo) {}

bool PgMasterStore::hasSchema() {
    return mConnection.scalar(QStringLiteral("SELECT to_regclass('recheck_master') IS NOT NULL"))
               .toString() == QLatin1String("t");
}

int PgMasterStore::schemaVersion() {
    if (!hasSchema())
        return 0;
    return mConnection
        .scalar(QStringLiteral("SELECT value FROM recheck_master WHERE key = 'backend_schema_version'"))
        .toInt();
}

void PgMasterStore::createTables(int srid, bool forBulkLoad) {
    for (const QString& sql : PgMasterSchema::createStatements(srid, forBulkLoad))
        mConnection.exec(sql);
}

void PgMasterStore::finishBulkLoad() {
    for (const QString& sql : PgMasterSchema::afterBulkLoadStatements())
        mConnection.exec(sql);
}

void PgMasterStore::createSchema(const MasterSchemaOptions& options) {
    if (hasSchema())
        throw RecheckError(
            QStringLiteral("%1 already holds a Recheck master (schema v%2); nothing was changed")
                .arg(location())
                .arg(schemaVersion())
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    QTemporaryDir scratch;
    if (!scratch.isValid())
        throw RecheckError(
            QStringLiteral("cannot create a temporary folder: %1").arg(scratch.errorString()).toStdString(),
            RecheckError::Kind::Io);
    Archive::CreateOptions create;
    create.srid = options.srid;
    create.name = options.name;
    create.createdBy = options.createdBy;
    const QString seedPath = scratch.filePath(QStringLiteral("seed.sqlite"));
    {
        Archive seed = Archive::create(seedPath, create);
        if (!options.archiveId.isEmpty())
            seed.setMeta(QStringLiteral("archive_id"), options.archiveId);
    }
    PgMasterMigration::migrate(seedPath, *this, {});
}

QStringList PgMasterStore::counties() {
    QStringList out;
    if (!hasSchema())
        return out;
    const PgResult result =
        mConnection.query(QStringLiteral("SELECT county FROM county_partitions ORDER BY county"));
    for (int r = 0; r < result.rows(); ++r)
        out << result.text(r, 0);
    return out;
}

void PgMasterStore::addCounties(const QStringList& counties) {
    PgTransaction transaction(mConnection);
    addCountiesInTransaction(counties);
    transaction.commit();
}

void PgMasterStore::addCountiesInTransaction(const QStringList& counties) {
    QStringList existing = this->counties();
    int next = mConnection.scalar(QStringLiteral("SELECT count(*) FROM county_partitions")).toInt() + 1;
    for (const QString& county : counties) {
        if (county.isEmpty() || existing.contains(county))
            continue;
        qlonglong waiting = 0;
        for (const QString& table : PgMasterSchema::countyPartitionedTables())
            waiting +=
                mConnection
                    .scalar(QStringLiteral("SELECT count(*) FROM %1_default WHERE county = $1").arg(table),
                            {county})
                    .toLongLong();
        // Suffixes are numbered: county names are free text, partition
        // names are identifiers.
        QString suffix;
        do
            suffix = QStringLiteral("c%1").arg(next++, 3, 10, QLatin1Char('0'));
        while (
            mConnection
                .scalar(QStringLiteral("SELECT count(*) FROM county_partitions WHERE suffix = $1"), {suffix})
                .toInt() > 0);
        if (waiting == 0) {
            for (const QString& sql : PgMasterSchema::addCountyStatements(county, suffix))
                mConnection.exec(sql);
        } else {
            moveIntoNewPartition(county, suffix);
        }
        existing << county;
    }
}

void PgMasterStore::moveIntoNewPartition(const QString& county, const QString& suffix) {
    // The county's rows already sit in the default partitions (written
    // before the county had a partition of its own). PostgreSQL refuses a
    // new partition while the default one holds rows for it, and refuses to
    // change a table's partitions while trigger events (deferred foreign-key
    // checks) are pending on it. So: park the rows in temporary tables,
    // delete them from the defaults (dependents first, checked at once, so
    // nothing stays pending), create the partitions, put the rows back
    // (customers first). Moving is not an edit: no stamping, no change log.
    const QString literal = PgMasterSchema::literal(county);
    const QString previousCapture =
        mConnection.scalar(QStringLiteral("SELECT coalesce(current_setting('recheck.capture', true), '')"))
            .toString();
    mConnection.exec(QStringLiteral("SET CONSTRAINTS ALL IMMEDIATE"));
    mConnection.exec(QStringLiteral("SET LOCAL recheck.capture = 'off'"));
    const QStringList& tables = PgMasterSchema::countyPartitionedTables(); // customers first
    for (const QString& table : tables)
        mConnection.exec(QStringLiteral("CREATE TEMPORARY TABLE recheck_moving_%1 ON COMMIT DROP AS "
                                        "SELECT * FROM %1_default WHERE county = %2")
                             .arg(table, literal));
    // visits are insert-only for everyone, so their trigger is switched off
    // for this move only (as the tables' owner; undone by a rollback).
    for (auto it = tables.crbegin(); it != tables.crend(); ++it) {
        mConnection.exec(QStringLiteral("ALTER TABLE %1_default DISABLE TRIGGER USER").arg(*it));
        mConnection.exec(QStringLiteral("DELETE FROM %1_default WHERE county = %2").arg(*it, literal));
        mConnection.exec(QStringLiteral("ALTER TABLE %1_default ENABLE TRIGGER USER").arg(*it));
    }
    for (const QString& sql : PgMasterSchema::addCountyStatements(county, suffix))
        mConnection.exec(sql);
    for (const QString& table : tables) {
        mConnection.exec(QStringLiteral("INSERT INTO %1 SELECT * FROM recheck_moving_%1").arg(table));
        mConnection.exec(QStringLiteral("DROP TABLE recheck_moving_%1").arg(table));
    }
    // Back to the schema's INITIALLY DEFERRED keys and the caller's capture.
    mConnection.exec(QStringLiteral("SET CONSTRAINTS ALL DEFERRED"));
    mConnection.query(QStringLiteral("SELECT set_config('recheck.capture', $1, true)"), {previousCapture});
}

std::vector<PgColumn> PgMasterStore::columns(const QString& table) {
    return columnsOf({table})[table];
}

std::map<QString, std::vector<PgColumn>> PgMasterStore::columnsOf(const QStringList& tables) {
    // format_type gives geometry(Point,4490) for typed geometry columns.
    QStringList names;
    for (QString t : tables) {
        t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        t.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        names << QLatin1Char('"') + t + QLatin1Char('"');
    }
    const PgResult result =
        mConnection.query(QStringLiteral("SELECT w.name, a.attname, t.typname\n"
                                         "FROM unnest($1::text[]) AS w(name)\n"
                                         "JOIN pg_attribute a ON a.attrelid = to_regclass(w.name)\n"
                                         "JOIN pg_type t ON t.oid = a.atttypid\n"
                                         "WHERE a.attnum > 0 AND NOT a.attisdropped\n"
                                         "ORDER BY w.name, a.attnum"),
                          {QLatin1Char('{') + names.join(QLatin1Char(',')) + QLatin1Char('}')});
    std::map<QString, std::vector<PgColumn>> out;
    for (int r = 0; r < result.rows(); ++r) {
        PgColumn c;
        c.name = result.text(r, 1);
        const QString type = result.text(r, 2);
        if (type == QLatin1String("int8") || type == QLatin1String("int4") || type == QLatin1String("int2"))
            c.kind = PgColumnKind::Integer;
        else if (type == QLatin1String("float8") || type == QLatin1String("float4"))
            c.kind = PgColumnKind::Real;
        else if (type == QLatin1String("bytea"))
            c.kind = PgColumnKind::Blob;
        else if (type == QLatin1String("jsonb"))
            c.kind = PgColumnKind::Json;
        else if (type == QLatin1String("geometry"))
            c.kind = PgColumnKind::Geometry;
        else
            c.kind = PgColumnKind::Text;
        out[result.text(r, 0)].push_back(c);
    }
    return out;
}

void PgMasterStore::createVerbatimTable(const QString& table, const std::vector<PgColumn>& columns,
                                        const QStringList& primaryKey) {
    QStringList definitions;
    const bool sequenceKey = primaryKey.size() == 1;
    for (const PgColumn& c : columns) {
        QString type = pgTypeName(c.kind);
        if (c.kind == PgColumnKind::Geometry)
            type = QStringLiteral("geometry(%1, %2)").arg(c.geometryType).arg(c.srid);
        QString definition = QStringLiteral("%1 %2").arg(quoteIdentifier(c.name), type);
        if (sequenceKey && c.name == primaryKey.first() && c.kind == PgColumnKind::Integer) {
            mConnection.exec(
                QStringLiteral("CREATE SEQUENCE %1")
                    .arg(quoteIdentifier(table + QLatin1Char('_') + c.name + QStringLiteral("_seq"))));
            definition +=
                QStringLiteral(" DEFAULT nextval(%1)")
                    .arg(PgMasterSchema::literal(table + QLatin1Char('_') + c.name + QStringLiteral("_seq")));
        }
        definitions << definition;
    }
    if (!primaryKey.isEmpty()) {
        QStringList quoted;
        for (const QString& k : primaryKey)
            quoted << quoteIdentifier(k);
        definitions << QStringLiteral("PRIMARY KEY (%1)").arg(quoted.join(QStringLiteral(", ")));
    }
    mConnection.exec(QStringLiteral("CREATE TABLE %1 (\n  %2)")
                         .arg(quoteIdentifier(table), definitions.join(QStringLiteral(",\n  "))));
    for (const PgColumn& c : columns)
        if (c.kind == PgColumnKind::Geometry)
            mConnection.exec(QStringLiteral("CREATE INDEX %1 ON %2 USING gist (%3)")
                                 .arg(quoteIdentifier(table + QLatin1Char('_') + c.name),
                                      quoteIdentifier(table), quoteIdentifier(c.name)));
}

void PgMasterStore::resetSequences() {
    // Every sequence owned by a column default of ours: <table>_<column>_seq.
    const PgResult sequences = mConnection.query(
        QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
                       "WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY 1"));
    for (int r = 0; r < sequences.rows(); ++r) {
        const QString sequence = sequences.text(r, 0);
        // Which table and column use it: the column whose default names it.
        const PgResult users = mConnection.query(
            QStringLiteral("SELECT c.relname, a.attname FROM pg_attrdef d\n"
                           "JOIN pg_class c ON c.oid = d.adrelid\n"
                           "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n"
                           "WHERE pg_get_expr(d.adbin, d.adrelid) LIKE '%' || $1 || '%'\n"
                           "  AND c.relkind IN ('r', 'p') AND NOT c.relispartition"),
            {QStringLiteral("'%1'").arg(sequence)});
        for (int u = 0; u < users.rows(); ++u)
            mConnection.query(
                QStringLiteral("SELECT setval(%1, greatest((SELECT max(%2) FROM %3), 0) + 1, false)")
                    .arg(PgMasterSchema::literal(sequence), quoteIdentifier(users.text(u, 1)),
                         quoteIdentifier(users.text(u, 0))));
    }
}

QStringList PgMasterStore::refreshStatistics(const std::map<QString, qint64>& writtenRows) {
    QStringList analysed;
    try {
        QStringList tables;
        for (const auto& [table, rows] : writtenRows)
            tables << table;
        // Only the tables themselves (parents), not partitions named alike.
        const PgResult estimates = mConnection.query(
            QStringLiteral(
                "SELECT c.relname, c.reltuples FROM pg_class c WHERE c.oid = ANY(ARRAY(SELECT "
                "to_regclass(quote_ident(n)) FROM unnest($1::text[]) AS n)) AND NOT c.relispartition"),
            {pgTextArray(tables)});
        for (int r = 0; r < estimates.rows(); ++r) {
            const QString table = estimates.text(r, 0);
            const double reltuples = estimates.text(r, 1).toDouble();
            const qint64 written = writtenRows.at(table);
            // -1: never analysed (PostgreSQL 14 and later).
            if (reltuples < 0 || static_cast<double>(written) * 10.0 > reltuples)
                analysed << table;
        }
        std::sort(analysed.begin(), analysed.end());
        if (!analysed.isEmpty()) {
            QStringList quoted;
            for (const QString& table : analysed)
                quoted << pgQuoteIdentifier(table);
            mConnection.exec(QStringLiteral("ANALYZE %1").arg(quoted.join(QStringLiteral(", "))));
        }
    } catch (const RecheckError&) {
        return {};
    }
    return analysed;
}

TableDigest PgMasterStore::tableDigest(const QString& table, const QStringList& wanted) {
    const std::vector<PgColumn> all = columns(table);
    if (all.empty())
        throw RecheckError(
            QStringLiteral("%1: the master has no table %2").arg(location(), table).toStdString(),
            RecheckError::Kind::InvalidInput);
    std::vector<PgColumn> used;
    if (wanted.isEmpty()) {
        used = all;
    } else {
        for (const QString& name : wanted) {
            auto it = std::find_if(all.begin(), all.end(), [&](const PgColumn& c) { return c.name == name; });
            if (it == all.end())
                throw RecheckError(QStringLiteral("%1: table %2 has no column %3")
                                       .arg(location(), table, name)
                                       .toStdString(),
                                   RecheckError::Kind::InvalidInput);
            used.push_back(*it);
        }
    }
    QStringList select;
    for (const PgColumn& c : used)
        select << (c.kind == PgColumnKind::Geometry
                       ? QStringLiteral("ST_AsBinary(%1)").arg(quoteIdentifier(c.name))
                       : quoteIdentifier(c.name));
    TableDigestBuilder digest(table);
    QVariantList values;
    mConnection.forEachRow(
        QStringLiteral("SELECT %1 FROM %2").arg(select.join(QStringLiteral(", ")), quoteIdentifier(table)),
        [&](const PgResult& row) {
            values.clear();
            for (int i = 0; i < static_cast<int>(used.size()); ++i)
                values << sqlValueFromPgText(row, i, used[static_cast<std::size_t>(i)].kind);
            digest.addRow(values);
        });
    return digest.result();
}

QString PgMasterStore::meta(const QString& key) {
    return mConnection.scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = $1"), {key})
        .toString();
}

CheckoutResult PgMasterStore::checkout(const QString& packagePath, const CheckoutOptions& options) {
    return PgMasterSync(*this).checkout(packagePath, options);
}

CheckinReport PgMasterStore::checkin(const QString& packagePath, const CheckinOptions& options) {
    return PgMasterSync(*this).checkin(packagePath, options);
}

QList<SyncConflict> PgMasterStore::conflicts(bool includeResolved) {
    return PgMasterSync(*this).conflicts(includeResolved);
}

SyncConflict PgMasterStore::resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                    const QString& who) {
    return PgMasterSync(*this).resolve(id, choice, value, who);
}

planning::GenerationReport PgMasterStore::generatePlan(const planning::GenerationOptions& options) {
    return PgMasterOffice(*this).generatePlan(options);
}

std::vector<planning::TaskProgress> PgMasterStore::progress(const planning::ProgressOptions& options) {
    return PgMasterOffice(*this).progress(options);
}

planning::PlanTasks::Reschedule PgMasterStore::reschedule(const QString& taskUuid, const QDate& start,
                                                          const QDate& end, const QString& user) {
    return PgMasterOffice(*this).reschedule(taskUuid, start, end, user);
}

RemindResult PgMasterStore::remind(const RemindRequest& request) {
    return PgMasterOffice(*this).remind(request);
}

io::ImportResult PgMasterStore::importFile(const QString& file, const io::ImportOptions& options) {
    return PgMasterOffice(*this).importFile(file, options);
}

io::ExportResult PgMasterStore::exportCustomers(const QString& path, const io::ExportOptions& options) {
    return PgMasterOffice(*this).exportCustomers(path, options);
}

bool isPostgresMaster(const QString& location) {
    return PgConnection::isConnectionString(location);
}

std::unique_ptr<MasterStore> openMasterStore(const QString& location) {
    if (isPostgresMaster(location))
        return std::make_unique<PgMasterStore>(location);
    return std::make_unique<SpatiaLiteMasterStore>(location);
}

} // namespace recheck
