#include "ArchiveTableSchema.h"

#include "archive/ArchiveSchema.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace recheck::qgis {

ColumnAffinity affinityOfDeclaredType(const QString& declaredType) {
    // The rules of SQLite's "Determination Of Column Affinity", in order.
    const QString type = declaredType.toUpper();
    if (type.contains(QLatin1String("INT")))
        return ColumnAffinity::Integer;
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) ||
        type.contains(QLatin1String("TEXT")))
        return ColumnAffinity::Text;
    if (type.isEmpty() || type.contains(QLatin1String("BLOB")))
        return ColumnAffinity::Blob;
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) ||
        type.contains(QLatin1String("DOUB")))
        return ColumnAffinity::Real;
    return ColumnAffinity::Numeric;
}

SqlCondition SqlCondition::both(const SqlCondition& a, const SqlCondition& b) {
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return {QStringLiteral("(%1) AND (%2)").arg(a.sql, b.sql), a.params + b.params};
}

QString quotedIdentifier(const QString& name) {
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void bindAll(SqliteStatement& statement, const QVariantList& params, int firstIndex) {
    for (int i = 0; i < params.size(); ++i)
        statement.bind(firstIndex + i, params[i]);
}

QString ArchiveColumn::selectSql() const {
    return expression.isEmpty() ? quotedIdentifier(name) : QLatin1Char('(') + expression + QLatin1Char(')');
}

bool ArchiveTableSchema::isReadOnlyColumn(int index) const {
    if (index < 0 || index >= columns.size())
        return true;
    const ArchiveColumn& column = columns[index];
    if (column.isDerived() || index == keyColumn)
        return true;
    if (!stamped)
        return false;
    static const QSet<QString> syncColumns = {QStringLiteral("uuid"), QStringLiteral("row_version"),
                                              QStringLiteral("updated_at"), QStringLiteral("updated_by")};
    return syncColumns.contains(column.name.toLower());
}

namespace {

bool hasTables(SqliteDatabase& db, const QStringList& tables) {
    SqliteStatement st(db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    for (const QString& table : tables) {
        st.reset();
        st.bind(1, table);
        if (!st.step())
            return false;
    }
    return true;
}

// A customer's current task is the latest non-cancelled task whose scope holds
// it; its status is the result of its latest visit for that task. One probe
// of task_scope_customer (+ the tasks' uuid index) and, for customers in a
// scope, one of visits_customer per row. The unary + keeps SQLite off
// visits_task, which it otherwise picks: that scans all of a task's visits
// for every customer (over 5 minutes instead of ~10 s on the 1M demo county).
QString recheckStatusSql(const QString& table) {
    return QStringLiteral(
               "coalesce((SELECT coalesce((SELECT CASE v.result WHEN 'ok' THEN 'checked_ok' "
               "WHEN 'discrepancy' THEN 'discrepancy' ELSE 'unreachable' END "
               "FROM visits v WHERE v.customer_uuid = s.customer_uuid AND +v.task_uuid = s.task_uuid "
               "ORDER BY v.visited_at DESC, v.fid DESC LIMIT 1), 'pending') "
               "FROM task_scope s JOIN tasks t ON t.uuid = s.task_uuid "
               "WHERE s.customer_uuid = %1.uuid AND t.status <> 'cancelled' "
               "ORDER BY t.planned_start DESC, t.fid DESC LIMIT 1), 'not_planned')")
        .arg(quotedIdentifier(table));
}

// A district's progress: visited customers of its current (latest
// non-cancelled) task's scope, in per cent of that scope; NULL without a task
// or with an empty scope.
QString progressPctSql(const QString& table) {
    return QStringLiteral(
               "(SELECT round(100.0 * (SELECT count(DISTINCT v.customer_uuid) FROM visits v "
               "JOIN task_scope s ON s.task_uuid = v.task_uuid AND s.customer_uuid = v.customer_uuid "
               "WHERE v.task_uuid = t.uuid) "
               "/ nullif((SELECT count(*) FROM task_scope s WHERE s.task_uuid = t.uuid), 0), 1) "
               "FROM tasks t WHERE t.district_uuid = %1.uuid AND t.status <> 'cancelled' "
               "ORDER BY t.planned_start DESC, t.fid DESC LIMIT 1)")
        .arg(quotedIdentifier(table));
}

void addDerivedColumns(SqliteDatabase& db, ArchiveTableSchema& schema) {
    const QString table = schema.table.toLower();
    if (schema.columnIndex(QStringLiteral("uuid")) < 0 ||
        (table != QLatin1String("customers") && table != QLatin1String("districts")) ||
        !hasTables(db, {QStringLiteral("tasks"), QStringLiteral("task_scope"), QStringLiteral("visits")}))
        return;
    ArchiveColumn column;
    if (table == QLatin1String("customers")) {
        column.name = QStringLiteral("recheck_status");
        column.declaredType = QStringLiteral("text");
        column.affinity = ColumnAffinity::Text;
        column.expression = recheckStatusSql(schema.table);
    } else {
        column.name = QStringLiteral("progress_pct");
        column.declaredType = QStringLiteral("real");
        column.affinity = ColumnAffinity::Real;
        column.expression = progressPctSql(schema.table);
    }
    if (schema.columnIndex(column.name) < 0)
        schema.columns.push_back(column);
}

} // namespace

int ArchiveTableSchema::columnIndex(const QString& name) const {
    for (int i = 0; i < columns.size(); ++i)
        if (columns[i].name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

ArchiveTableSchema ArchiveTableSchema::read(SqliteDatabase& db, const QString& table) {
    ArchiveTableSchema schema;
    {
        SqliteStatement exists(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                  "lower(name) = lower(?)"));
        exists.bind(1, table);
        if (!exists.step())
            throw RecheckError(
                QStringLiteral("%1: the archive has no table \"%2\"").arg(db.path(), table).toStdString(),
                RecheckError::Kind::InvalidInput);
        schema.table = exists.text(0);
    }
    {
        SqliteStatement geometry(db, QStringLiteral("SELECT f_geometry_column, geometry_type, srid, "
                                                    "spatial_index_enabled FROM geometry_columns "
                                                    "WHERE lower(f_table_name) = lower(?) LIMIT 1"));
        geometry.bind(1, schema.table);
        if (geometry.step()) {
            schema.geometry.name = geometry.text(0);
            schema.geometry.typeCode = static_cast<int>(geometry.int64(1));
            schema.geometry.srid = static_cast<int>(geometry.int64(2));
            schema.geometry.spatialIndex = geometry.int64(3) == 1;
        }
    }
    if (schema.geometry.spatialIndex) {
        // geometry_columns may claim an index that was dropped by hand.
        SqliteStatement index(
            db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        index.bind(1, schema.geometry.indexTable(schema.table));
        schema.geometry.spatialIndex = index.step();
    }
    SqliteStatement info(db, QStringLiteral("PRAGMA table_info(%1)").arg(quotedIdentifier(schema.table)));
    int primaryKeyParts = 0;
    while (info.step()) {
        ArchiveColumn column;
        column.name = info.text(1);
        if (column.name.compare(schema.geometry.name, Qt::CaseInsensitive) == 0)
            continue;
        column.declaredType = info.text(2);
        column.affinity = affinityOfDeclaredType(column.declaredType);
        column.notNull = info.int64(3) != 0;
        column.defaultSql = info.isNull(4) ? QString() : info.text(4);
        column.primaryKey = info.int64(5) != 0;
        if (column.primaryKey) {
            ++primaryKeyParts;
            if (column.declaredType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                schema.keyColumn = schema.columns.size();
        }
        schema.columns.push_back(column);
    }
    // Only an INTEGER PRIMARY KEY is the rowid: a stable, indexed feature id.
    if (primaryKeyParts != 1 || schema.keyColumn < 0)
        throw RecheckError(
            QStringLiteral("%1: table \"%2\" has no INTEGER PRIMARY KEY to serve as feature id")
                .arg(db.path(), schema.table)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    {
        // Single-column unique indexes (UNIQUE constraints create them too):
        // QGIS shows them as field constraints.
        SqliteStatement indexes(db,
                                QStringLiteral("PRAGMA index_list(%1)").arg(quotedIdentifier(schema.table)));
        QStringList uniqueIndexes;
        while (indexes.step())
            if (indexes.int64(2) != 0)
                uniqueIndexes << indexes.text(1);
        for (const QString& index : uniqueIndexes) {
            SqliteStatement parts(db, QStringLiteral("PRAGMA index_info(%1)").arg(quotedIdentifier(index)));
            QStringList columns;
            while (parts.step())
                columns << parts.text(2);
            if (columns.size() == 1) {
                const int column = schema.columnIndex(columns.first());
                if (column >= 0)
                    schema.columns[column].unique = true;
            }
        }
    }
    if (const SyncedTable* synced = ArchiveSchema::syncedTable(schema.table.toLower())) {
        schema.insertOnly = synced->insertOnly;
        schema.stamped = schema.columnIndex(QStringLiteral("uuid")) >= 0 &&
                         schema.columnIndex(QStringLiteral("row_version")) >= 0 &&
                         schema.columnIndex(QStringLiteral("updated_at")) >= 0 &&
                         schema.columnIndex(QStringLiteral("updated_by")) >= 0;
    }
    addDerivedColumns(db, schema);
    return schema;
}

QStringList ArchiveTableSchema::layerTables(SqliteDatabase& db) {
    // Bookkeeping of the archive and of SpatiaLite: not layers.
    static const QSet<QString> internal = {QStringLiteral("archive_meta"),
                                           QStringLiteral("code_lists"),
                                           QStringLiteral("change_log"),
                                           QStringLiteral("spatial_ref_sys"),
                                           QStringLiteral("spatial_ref_sys_aux"),
                                           QStringLiteral("spatialite_history"),
                                           QStringLiteral("sql_statements_log"),
                                           QStringLiteral("data_licenses"),
                                           QStringLiteral("ElementaryGeometries"),
                                           QStringLiteral("SpatialIndex"),
                                           QStringLiteral("KNN"),
                                           QStringLiteral("KNN2")};
    QStringList tables;
    SqliteStatement st(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                          "AND name NOT LIKE 'idx\\_%' ESCAPE '\\' "
                                          "AND name NOT LIKE '%geometry\\_columns%' ESCAPE '\\' "
                                          "AND name NOT LIKE 'vector\\_layers%' ESCAPE '\\' "
                                          "AND name NOT LIKE 'views\\_%' ESCAPE '\\' "
                                          "AND name NOT LIKE 'virts\\_%' ESCAPE '\\' ORDER BY name"));
    while (st.step()) {
        const QString name = st.text(0);
        if (internal.contains(name))
            continue;
        try {
            ArchiveTableSchema::read(db, name);
            tables << name;
        } catch (const RecheckError&) {
            // No integer key (WITHOUT ROWID tables): not a layer.
        }
    }
    return tables;
}

namespace {

float bigEndianFloat(const unsigned char* p) {
    const std::uint32_t bits = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) |
                               (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// The union of the cells of the R*Tree's root node: the whole tree's extent,
// with float32 coordinates rounded outwards by SQLite. nullopt when the node
// cannot be read; an empty bounds for an empty tree.
std::optional<ArchiveBounds> rtreeRootBounds(SqliteDatabase& db, const QString& indexTable) {
    SqliteStatement st(db, QStringLiteral("SELECT data FROM %1 WHERE nodeno = 1")
                               .arg(quotedIdentifier(indexTable + QStringLiteral("_node"))));
    if (!st.step())
        return std::nullopt;
    const QByteArray node = st.blob(0);
    if (node.size() < 4)
        return std::nullopt;
    const auto* data = reinterpret_cast<const unsigned char*>(node.constData());
    const int cells = (data[2] << 8) | data[3];
    constexpr int kCellBytes = 8 + 4 * 4; // rowid + xmin, xmax, ymin, ymax
    if (node.size() < 4 + cells * kCellBytes)
        return std::nullopt;
    ArchiveBounds bounds;
    for (int i = 0; i < cells; ++i) {
        const unsigned char* cell = data + 4 + i * kCellBytes + 8;
        const double xMin = bigEndianFloat(cell), xMax = bigEndianFloat(cell + 4);
        const double yMin = bigEndianFloat(cell + 8), yMax = bigEndianFloat(cell + 12);
        if (bounds.empty) {
            bounds = {xMin, yMin, xMax, yMax, false};
        } else {
            bounds.xMin = std::min(bounds.xMin, xMin);
            bounds.yMin = std::min(bounds.yMin, yMin);
            bounds.xMax = std::max(bounds.xMax, xMax);
            bounds.yMax = std::max(bounds.yMax, yMax);
        }
    }
    return bounds;
}

// The exact value of one edge: only rows whose R*Tree box reaches within a
// float32 rounding step of the edge can hold it.
double refineEdge(SqliteDatabase& db, const ArchiveTableSchema& schema, const char* aggregate,
                  const char* mbrFunction, const char* rtreeColumn, const char* comparison,
                  double rtreeEdge) {
    const double slack = std::max(1.0, std::abs(rtreeEdge)) * 1e-6;
    const double bound = comparison[0] == '<' ? rtreeEdge + slack : rtreeEdge - slack;
    const QString sql =
        QStringLiteral("SELECT %1(%2(%3)) FROM %4 WHERE %5 IN (SELECT pkid FROM %6 WHERE %7 %8 ?)")
            .arg(QLatin1String(aggregate), QLatin1String(mbrFunction), quotedIdentifier(schema.geometry.name),
                 quotedIdentifier(schema.table), quotedIdentifier(schema.key().name),
                 quotedIdentifier(schema.geometry.indexTable(schema.table)), QLatin1String(rtreeColumn),
                 QLatin1String(comparison));
    SqliteStatement st(db, sql);
    st.bind(1, bound);
    if (st.step() && !st.isNull(0))
        return st.real(0);
    return rtreeEdge;
}

} // namespace

ArchiveBounds computeExtent(SqliteDatabase& db, const ArchiveTableSchema& schema,
                            const SqlCondition& filter) {
    ArchiveBounds bounds;
    if (!schema.hasGeometry())
        return bounds;
    if (filter.isEmpty() && schema.geometry.spatialIndex) {
        if (const auto root = rtreeRootBounds(db, schema.geometry.indexTable(schema.table))) {
            if (root->empty)
                return *root;
            bounds.empty = false;
            bounds.xMin = refineEdge(db, schema, "min", "MbrMinX", "xmin", "<=", root->xMin);
            bounds.yMin = refineEdge(db, schema, "min", "MbrMinY", "ymin", "<=", root->yMin);
            bounds.xMax = refineEdge(db, schema, "max", "MbrMaxX", "xmax", ">=", root->xMax);
            bounds.yMax = refineEdge(db, schema, "max", "MbrMaxY", "ymax", ">=", root->yMax);
            return bounds;
        }
    }
    const QString geom = quotedIdentifier(schema.geometry.name);
    QString sql =
        QStringLiteral("SELECT min(MbrMinX(%1)), min(MbrMinY(%1)), max(MbrMaxX(%1)), max(MbrMaxY(%1)) "
                       "FROM %2")
            .arg(geom, quotedIdentifier(schema.table));
    if (!filter.isEmpty())
        sql += QStringLiteral(" WHERE ") + filter.sql;
    SqliteStatement st(db, sql);
    bindAll(st, filter.params);
    if (st.step() && !st.isNull(0)) {
        bounds = {st.real(0), st.real(1), st.real(2), st.real(3), false};
    }
    return bounds;
}

} // namespace recheck::qgis
