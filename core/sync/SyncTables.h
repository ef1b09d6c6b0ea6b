#pragma once

// The column layout of the synced tables as one database has it, and the
// names of the package-side tables the sync adds beside them.

#include "archive/ArchiveSchema.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {

class SqliteDatabase;

/// One synced table: its data columns (what a merge compares and writes) and
/// its references to other synced tables.
struct SyncTableLayout {
    const SyncedTable* table = nullptr;
    int order = 0;           ///< position in ArchiveSchema::syncedTables() (parents first)
    QStringList allColumns;  ///< every column, in table order
    QStringList dataColumns; ///< allColumns minus fid, uuid and the row stamps
    QHash<QString, int> dataIndex;
    struct Reference {
        QString column; ///< data column holding the parent's uuid
        QString parentTable;
    };
    std::vector<Reference> references;

    const QString& name() const { return table->name; }
    /// "c1", "c2" … quoted and joined with ", " (prefix e.g. "l." for an alias).
    QString columnList(const QStringList& columns, const QString& prefix = QString()) const;
};

class SyncTables {
public:
    /// Reads the layout of every synced table from `db`.
    static std::vector<SyncTableLayout> read(SqliteDatabase& db);

    /// SHA-256 (hex) over the names and declared types of every column of the
    /// synced tables: master and package must agree on it.
    static QString columnHash(SqliteDatabase& db);

    /// Whether a package's synced tables can be merged into a master whose
    /// schema moved on by added columns only: every package column exists in
    /// the master with the same declared type, and every master column the
    /// package lacks may be left out of an INSERT (nullable, or with a
    /// default). Empty when they can; else why not, column by column
    /// ("customers.extra: the master has no such column").
    static QString additiveDifference(SqliteDatabase& package, SqliteDatabase& master);

    /// Work split over two connections: true for the items the second one
    /// takes, so that both get about the same total cost (the largest items
    /// first, each to the less loaded side).
    static std::vector<bool> splitInTwo(const std::vector<qint64>& costs);

    /// Row-identity and stamp columns every synced table carries; never data.
    static bool isStampColumn(const QString& column);

    /// Package side: the frozen copy of each row as it was checked out, and
    /// the copy the package's triggers keep of each row they saw written.
    static QString baseTable(const QString& table) { return QStringLiteral("sync_base_") + table; }
    static QString shadowTable(const QString& table) { return QStringLiteral("sync_shadow_") + table; }
    static QString shadowTriggerName(const QString& table, const QString& event) {
        return table + QStringLiteral("_sync_shadow_") + event;
    }
};

} // namespace recheck
