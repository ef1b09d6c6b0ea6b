#pragma once

#include <QString>
#include <QStringList>

namespace recheck {

/// The PostgreSQL master's domain tables: the SpatiaLite archive's concepts
/// (text UUID as sync identity, row_version, updated_at, updated_by, change
/// capture by triggers into change_log) in PostgreSQL + PostGIS, with
/// customers and the tables hanging on them list-partitioned by county.
class PgMasterSchema {
public:
    /// The version of this schema (recheck_master.backend_schema_version).
    static int currentVersion();
    /// Statements bringing a master of schema `fromVersion` (older than
    /// currentVersion()) to the current one, the version number included.
    /// Run inside one transaction (see PgMasterSync::upgradeSchema).
    static QStringList upgradeStatements(int fromVersion);

    /// Statements creating functions, tables, indexes and triggers of an
    /// empty master whose archive CRS is `srid`. Run inside one transaction.
    /// `forBulkLoad` leaves out what afterBulkLoadStatements() adds.
    static QStringList createStatements(int srid, bool forBulkLoad = false);
    /// Secondary and spatial indexes, the foreign keys between domain
    /// tables (DEFERRABLE INITIALLY DEFERRED) and the change capture and
    /// stamping triggers: built once after a bulk load rather than
    /// maintained and checked row by row during it.
    static QStringList afterBulkLoadStatements();

    /// Domain tables created by createStatements(), parents first (the
    /// order migrate copies them in). Other archive tables (office
    /// bookkeeping) are copied column for column by PgMasterMigration.
    static const QStringList& domainTables();

    /// Tables LIST-partitioned by county: customers and the rows hanging on a
    /// customer. Each has a `county` column the archive file does not have.
    static const QStringList& countyPartitionedTables();
    static bool isCountyPartitioned(const QString& table);

    /// Statements adding one county's partition (named <table>_<suffix>) to
    /// every county-partitioned table.
    static QStringList addCountyStatements(const QString& county, const QString& suffix);

    /// A SQL string literal ('…' with quotes doubled) for DDL, where
    /// parameters cannot be bound.
    static QString literal(const QString& value);
};

} // namespace recheck
