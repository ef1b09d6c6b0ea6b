#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace recheck {

class SqliteDatabase;

/// One row of sync_conflicts. Field conflicts hold the three values as
/// SQLite stored them; whole-row conflicts (update against delete, a row
/// that could not be written) hold each side's row as JSON, NULL for the
/// side that deleted it.
struct SyncConflict {
    qint64 id = 0;
    QString packageId;
    QString otherPackageId; ///< set when the master value came from another package's check-in
    QString table;
    QString uuid;
    QString field; ///< empty for whole-row conflicts
    QString kind;  ///< field, update_delete, delete_update, insert_exists, missing_parent, constraint
    QVariant baseValue;
    QVariant packageValue;
    QVariant masterValue;
    QString policy;
    QString detail;
    QString status; ///< open / resolved
    QString resolution;
    QVariant resolvedValue;
    QString resolvedBy;
    QString resolvedAt;
    QString createdAt;
    bool rowExists = false; ///< the master has the row now
    QVariant currentValue;  ///< the master's value of `field` now

    bool isRowLevel() const { return field.isEmpty(); }
    QJsonObject toJson() const;
};

enum class ConflictChoice { Package, Master, Base, Value };

/// The conflicts kept in a master and their resolution. Resolving writes the
/// chosen value (or row) as a tracked edit stamped with the person's name,
/// and marks the conflict resolved with who and when, in one transaction.
class ConflictStore {
public:
    explicit ConflictStore(SqliteDatabase& master) : mDb(master) {}

    QList<SyncConflict> list(bool includeResolved = false);
    /// Throws RecheckError(InvalidInput) for an unknown id.
    SyncConflict get(qint64 id);
    /// `value` only for ConflictChoice::Value (field conflicts). Throws
    /// RecheckError(InvalidInput) for a resolved conflict, --value on a whole
    /// row, or a write the master refuses (the message says why).
    SyncConflict resolve(qint64 id, ConflictChoice choice, const QVariant& value, const QString& who);

    static QString choiceName(ConflictChoice choice);

private:
    SqliteDatabase& mDb;
};

} // namespace recheck
