#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {

class SqliteDatabase;

/// A table whose rows travel between master and packages: it carries a text
/// UUID (the sync identity), row_version, updated_at and updated_by, and
/// triggers record each change in change_log.
struct SyncedTable {
    QString name;
    QString geometryColumn; ///< empty when the table has no geometry
    QString geometryType;   ///< SpatiaLite type name, e.g. POINT
    bool geometryInArchiveCrs = true; ///< false: WGS 84 (GPS fixes)
    bool insertOnly = false;          ///< visits: UPDATE/DELETE refused
};

/// The archive schema as an ordered list of migrations. A new archive runs
/// them all; an older one runs the missing ones, in one transaction.
class ArchiveSchema {
public:
    /// The schema version this build writes.
    static int currentVersion();

    /// Tables that sync, in dependency order (parents first).
    static const std::vector<SyncedTable>& syncedTables();
    static const SyncedTable* syncedTable(const QString& name);

    /// Brings `db` from `fromVersion` (0 = empty file) to `toVersion`.
    /// `srid` is the archive CRS (used when geometry columns are created).
    /// Runs inside the caller's transaction.
    static void migrate(SqliteDatabase& db, int fromVersion, int toVersion, int srid);

    /// The statements creating the change-capture triggers of one table
    /// (one place: the migration and the bulk loader both use it).
    static QStringList changeCaptureTriggers(const SyncedTable& table);
    static QStringList changeCaptureTriggerNames(const SyncedTable& table);

    /// SQL expression yielding a random RFC 4122 version-4 UUID (lower case).
    static QString uuidSqlExpression();
};

/// Drops the change-capture triggers for a bulk load into a fresh archive and
/// puts them back when it ends; meant for generators and first imports that
/// create rows nobody has synced yet. Use inside a transaction: should the
/// load fail, the rollback restores the triggers with everything else.
class ChangeCaptureSuspension {
public:
    explicit ChangeCaptureSuspension(SqliteDatabase& db);
    ~ChangeCaptureSuspension();
    /// Recreates the triggers; throws on error (the destructor cannot).
    void resume();
    ChangeCaptureSuspension(const ChangeCaptureSuspension&) = delete;
    ChangeCaptureSuspension& operator=(const ChangeCaptureSuspension&) = delete;

private:
    SqliteDatabase& mDb;
    bool mResumed = false;
};

} // namespace recheck
