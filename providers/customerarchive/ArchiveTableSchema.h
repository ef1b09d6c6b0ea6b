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
    bool unique = false; ///< a single-column UNIQUE constraint or index
    QString defaultSql;  ///< the DEFAULT clause as written in the schema
    /// SQL computing a derived, read-only column (recheck_status, progress_pct)
    /// from other tables; empty for a stored column. It refers to the layer's
    /// table by its quoted name.
    QString expression;

    bool isDerived() const { return !expression.isEmpty(); }
    /// What a SELECT on the table reads for this column.
    QString selectSql() const;
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
    /// A synced table carrying row_version, updated_at and updated_by, which
    /// Recheck's writers stamp in the same statement as the change.
    bool stamped = false;
    /// Rows are recorded once and never changed (visits).
    bool insertOnly = false;

    bool hasGeometry() const { return !geometry.name.isEmpty(); }
    int columnIndex(const QString& name) const;
    const ArchiveColumn& key() const { return columns[keyColumn]; }

    /// Columns nobody edits by hand: the key, the sync identity and stamps,
    /// and derived columns.
    bool isReadOnlyColumn(int index) const;

    /// Reads the description of `table` (stored columns, then the derived
    /// ones: customers.recheck_status, districts.progress_pct); throws RecheckError with a message
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
