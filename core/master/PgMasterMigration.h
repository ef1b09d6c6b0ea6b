#pragma once

#include "MasterStore.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace recheck {

class PgMasterStore;

/// One table moved by a migration: its rows and digests on both sides.
struct MigratedTable {
    QString table;
    bool partitioned = false; ///< LIST-partitioned by county in the master
    bool verbatim = false;    ///< office table copied column for column
    TableDigest source;
    TableDigest target;
};

struct MigrationReport {
    QString source; ///< the SpatiaLite master's path
    QString target; ///< the connection string without password
    QString archiveId;
    QStringList counties; ///< partitions created
    std::vector<MigratedTable> tables;
    QStringList derivedTables; ///< not copied: rebuilt from the rest (indexes, search, SpatiaLite metadata)
    std::int64_t rows = 0;
    double seconds = 0;
};

/// Moves a SpatiaLite master into an empty PostgreSQL master without loss:
/// every table but the derived ones (spatial and search indexes, SpatiaLite's
/// own metadata), every column, geometries as EWKB, untyped values
/// type-tagged. One transaction: the schema, one partition per county of
/// the districts, COPY of every table, foreign keys checked, then row counts
/// and per-table digests of both sides compared; any difference (or error)
/// rolls everything back and says which table.
class PgMasterMigration {
public:
    /// progress(table being copied, fraction of all rows done 0..1).
    using Progress = std::function<void(const QString& table, double fraction)>;

    static MigrationReport migrate(const QString& spatialiteMaster, PgMasterStore& target,
                                   const Progress& progress = {});

    /// Whether a table of an archive file is derived (rebuilt, not copied):
    /// SpatiaLite metadata, virtual tables (R*Tree, FTS5) and their shadow
    /// tables, sqlite_* tables.
    static bool isDerivedTable(const QString& name, const QStringList& virtualTables);
};

} // namespace recheck
