#pragma once

// What the provider needs to know about one archive table, read from SQLite's
// and SpatiaLite's own catalogues (PRAGMA table_info, geometry_columns) rather
// than from a hard-coded list, so new tables of later schema versions become
// layers without provider changes. Plain Qt + core: no QGIS types here.

#include "common/Sqlite.h"

#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVector>

#include <optional>

namespace recheck::qgis {

/// How SQLite stores a column's values (its type affinity, SQLite §3.1).
enum class ColumnAffinity { Integer, Real, Text, Blob, Numeric };

ColumnAffinity affinityOfDeclaredType(const QString& declaredType);

struct ArchiveColumn {
    QString name;
    QString declaredType;
    ColumnAffinity affinity = ColumnAffinity::Text;
    bool notNull = false;
    bool primaryKey = false;
    QString defaultSql; ///< the DEFAULT clause as written in the schema
};

struct ArchiveGeometryColumn {
    QString name;     ///< empty: the table has no geometry
    int typeCode = 0; ///< SpatiaLite/ISO WKB type code: 1 point … 6 multipolygon, +1000 Z …
    int srid = 0;
    bool spatialIndex = false;

    /// The SpatiaLite R*Tree holding the bounding boxes.
    QString indexTable(const QString& table) const { return QStringLiteral("idx_%1_%2").arg(table, name); }
};

/// A WHERE fragment with its bound values (values are never pasted into SQL).
struct SqlCondition {
    QString sql; ///< empty: no condition
    QVariantList params;

    bool isEmpty() const { return sql.isEmpty(); }
    /// `a AND b`, either may be empty.
    static SqlCondition both(const SqlCondition& a, const SqlCondition& b);
};

/// A bounding box; empty when the table has no geometry rows.
struct ArchiveBounds {
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
    bool empty = true;
};

struct ArchiveTableSchema {
    QString table;
    QVector<ArchiveColumn> columns; ///< every column except the geometry column, in table order
    ArchiveGeometryColumn geometry;
    int keyColumn = -1; ///< index in columns of the INTEGER PRIMARY KEY (the feature id)

    bool hasGeometry() const { return !geometry.name.isEmpty(); }
    int columnIndex(const QString& name) const;
    const ArchiveColumn& key() const { return columns[keyColumn]; }

    /// Reads the description of `table`; throws RecheckError with a message
    /// naming the file and table when the table is missing or has no integer
    /// key to serve as feature id.
    static ArchiveTableSchema read(SqliteDatabase& db, const QString& table);

    /// Tables of the archive a layer can be made of: every table with an
    /// INTEGER PRIMARY KEY except SpatiaLite's and the archive's bookkeeping.
    static QStringList layerTables(SqliteDatabase& db);
};

/// Double-quotes an identifier for SQL.
QString quotedIdentifier(const QString& name);

/// The exact bounding box of the table's geometries where `filter` holds.
/// Without a filter it reads the R*Tree's root node (microseconds at a
/// million rows) and refines its float-rounded edges with a few exact
/// look-ups; with one it scans the filtered rows.
ArchiveBounds computeExtent(SqliteDatabase& db, const ArchiveTableSchema& schema, const SqlCondition& filter);

/// Binds params 1…n of a statement.
void bindAll(SqliteStatement& statement, const QVariantList& params, int firstIndex = 1);

} // namespace recheck::qgis
