#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace recheck {

class SqliteDatabase;

/// What a package says about itself (table package_meta), written once at
/// check-out. The master keeps its own record of the same check-out
/// (sync_checkouts); a check-in trusts the master's record, not this one.
struct PackageMeta {
    /// Version of the package layout (base/shadow tables, digests) this build
    /// writes; a check-in refuses any other.
    static constexpr int kFormatVersion = 1;

    int formatVersion = 0;
    QString packageId; ///< the package archive's own archive_id
    QString masterId;  ///< archive_id of the master it came from
    QString masterName;
    int schemaVersion = 0;
    QString columnHash; ///< SyncTables::columnHash() at check-out
    QStringList districtCodes;
    QStringList districtUuids;
    QString assignee; ///< staff code of the inspector, may be empty
    QString checkedOutBy;
    QString checkedOutAt;
    QString host;
    int srid = 0;
    QString appVersion;
    QString baseDigest; ///< SHA-256 of the frozen base rows
    qint64 baseRows = 0;
    /// Rows per base table at check-out: a hint that lets a check-in split
    /// its diff over two connections without counting the tables first
    /// (nothing depends on it being right but the split).
    QHash<QString, qint64> baseRowsPerTable;

    /// Who the master's rows written at check-in are stamped with.
    QString editor() const { return assignee.isEmpty() ? QStringLiteral("checkin:") + packageId : assignee; }

    /// Throws RecheckError(NotAnArchive) when the file has no package metadata.
    static PackageMeta read(SqliteDatabase& db);
    void write(SqliteDatabase& db) const;
};

} // namespace recheck
