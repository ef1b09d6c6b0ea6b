#pragma once

#include "MasterStore.h"
#include "PgConnection.h"

#include <map>

namespace recheck {

/// How a column is stored in the PostgreSQL master, as far as copying and
/// digests care.
enum class PgColumnKind { Integer, Real, Text, Blob, Json, Geometry };

struct PgColumn {
    QString name;
    PgColumnKind kind = PgColumnKind::Text;
    QString geometryType; ///< PostGIS type name (Point, MultiPolygon …) for Geometry
    int srid = 0;         ///< for Geometry
};

/// The office master on PostgreSQL 15 + PostGIS 3 (see MasterStore). Tables
/// live in the connection's default schema (search_path); customers and the
/// tables hanging on them are LIST-partitioned by county (PgMasterSchema).
class PgMasterStore : public MasterStore {
public:
    /// Connects; throws RecheckError (InvalidInput: not a connection string;
    /// Io: server unreachable or login refused).
    explicit PgMasterStore(const QString& conninfo);

    QString backend() const override { return QStringLiteral("postgresql"); }
    QString location() const override { return mConnection.location(); }

    bool hasSchema() override;
    /// Creates the schema with the code lists, rules and settings a new
    /// SpatiaLite master gets: an empty SpatiaLite master is made in a
    /// temporary folder and migrated (one source for that seed data).
    void createSchema(const MasterSchemaOptions& options) override;
    int schemaVersion() override;
    QStringList counties() override;
    void addCounties(const QStringList& counties) override;
    TableDigest tableDigest(const QString& table, const QStringList& columns = {}) override;
    QString meta(const QString& key) override;
    /// Through PgMasterSync: core/sync's code on a staging copy of the rows
    /// it reads, written back in one REPEATABLE READ transaction.
    CheckoutResult checkout(const QString& packagePath, const CheckoutOptions& options) override;
    CheckinReport checkin(const QString& packagePath, const CheckinOptions& options = {}) override;
    QList<SyncConflict> conflicts(bool includeResolved = false) override;
    SyncConflict resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                         const QString& who) override;
    /// Through PgMasterOffice: core/planning, core/reminders and core/io on
    /// a staging copy of the rows they read, written back like a check-in.
    planning::GenerationReport generatePlan(const planning::GenerationOptions& options) override;
    std::vector<planning::TaskProgress> progress(const planning::ProgressOptions& options) override;
    planning::PlanTasks::Reschedule reschedule(const QString& taskUuid, const QDate& start, const QDate& end,
                                               const QString& user) override;
    RemindResult remind(const RemindRequest& request) override;
    io::ImportResult importFile(const QString& file, const io::ImportOptions& options) override;
    io::ExportResult exportCustomers(const QString& path, const io::ExportOptions& options) override;

    // PostgreSQL specifics used by PgMasterMigration and the tests.

    /// addCounties() inside the caller's transaction. Rows of a county
    /// already in the default partitions move into its new partition
    /// unchanged (same row versions, nothing in change_log).
    void addCountiesInTransaction(const QStringList& counties);
    /// The domain tables, functions and triggers only (no rows); inside the
    /// caller's transaction.
    /// `forBulkLoad`: without secondary indexes and foreign keys, which
    /// finishBulkLoad() adds once the rows are in.
    void createTables(int srid, bool forBulkLoad = false);
    void finishBulkLoad();
    /// The columns of `table` in the master (empty when it does not exist).
    std::vector<PgColumn> columns(const QString& table);
    /// The same for several tables in one catalog query.
    std::map<QString, std::vector<PgColumn>> columnsOf(const QStringList& tables);
    /// Creates an office table that PgMasterSchema does not define (import
    /// runs, reminders, sync bookkeeping …) column for column; the first
    /// columns named in `primaryKey` form its primary key (none when empty). A single integer
    /// key gets a sequence, like SQLite's INTEGER PRIMARY KEY.
    void createVerbatimTable(const QString& table, const std::vector<PgColumn>& columns,
                             const QStringList& primaryKey);
    /// Moves every fid/id sequence past the largest id in its table (after a
    /// bulk copy).
    void resetSequences();
    /// Brings the planner statistics (pg_class.reltuples, pg_stats) of the
    /// tables a bulk write filled up to date: ANALYZE of each table named
    /// in `writtenRows` (a partitioned table with its partitions) that was
    /// never analysed or got more rows written than a tenth of its
    /// estimated size (autovacuum's own default threshold). Autovacuum
    /// analyses plain tables and partitions by itself, but never a
    /// partitioned parent: its reltuples stays -1 and QGIS's postgres
    /// provider then shows a feature count of -1. Migrate, import and plan
    /// generation call it after their commit. Outside any transaction;
    /// returns the tables analysed. A refresh that fails (a lock held by a
    /// long DDL, a lost connection) is given up silently: the data written
    /// stands, only estimates wait for the next one.
    QStringList refreshStatistics(const std::map<QString, qint64>& writtenRows);

    PgConnection& connection() { return mConnection; }

private:
    void moveIntoNewPartition(const QString& county, const QString& suffix);

    PgConnection mConnection;
};

/// A column's type in PostgreSQL for a SQLite declared type (affinity
/// rules: INT → bigint, REAL/FLOA/DOUB → double precision, CHAR/CLOB/TEXT →
/// text, BLOB → bytea, no type → jsonb holding the value type-tagged).
PgColumnKind pgColumnKindForSqliteType(const QString& declaredType);
QString pgTypeName(PgColumnKind kind);

/// Appends `utf8` as a JSON string (quoted, escaped) to `json`.
void pgAppendJsonString(QByteArray& json, const QByteArray& utf8);
/// A SQLite value of any storage class as the jsonb of an untyped column:
/// integers as numbers, text as strings, reals as {"real": "1.5"} (so 1.0
/// stays a real and NaN/inf survive), blobs as {"hex": "…"}.
QByteArray pgJsonForSqlValue(const QVariant& value);
QVariant sqlValueFromPgJson(const QByteArray& json);
/// A value of `result` in libpq's text format, back to what SQLite would
/// hold for a column of `kind` (geometries: selected as ST_AsBinary, WKB).
QVariant sqlValueFromPg(const PgResult& result, int row, int col, PgColumnKind kind);

} // namespace recheck
