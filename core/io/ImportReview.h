#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::io {

/// One MIS value an import held back (table import_review) because the
/// archive's value had been verified in the field or changed by someone since.
struct ImportReviewItem {
    qint64 id = 0;
    qint64 runId = 0;
    QString table; ///< customers
    QString rowUuid;
    QString naturalKey;     ///< the account number
    QString field;          ///< archive column (district_uuid/feeder_uuid hold uuids, geom a WKT point)
    QVariant archiveValue;  ///< the archive's (field-verified) value when the import held the MIS value back
    QVariant incomingValue; ///< the MIS value
    QString reason;
    QString status; ///< open, accepted, rejected
    QString reviewedBy;
    QString reviewedAt;
    QString source; ///< the import's source file
    QString heldAt; ///< when the import ran
    bool rowExists = false;
    QVariant currentValue; ///< the archive's value now
    /// Codes as people know them, for district_uuid/feeder_uuid (empty otherwise).
    QString archiveDisplay, incomingDisplay, currentDisplay;

    bool isOpen() const { return status == QLatin1String("open"); }
    QJsonObject toJson() const;
};

/// Which held values to list.
struct ImportReviewFilter {
    bool includeDecided = false;
    QString naturalKey; ///< only this account (empty: all)
};

/// What happens to held MIS values. Accepting writes the MIS value through
/// the archive's normal edit path (row_version + 1, updated_at, updated_by =
/// the person; the change-capture triggers record it in change_log) and marks
/// the item accepted; rejecting keeps the archive's value and marks the item
/// rejected. Both record who and when, each in one transaction. A rejected
/// MIS value is not held again by later imports of the same value.
class ImportReviewStore {
public:
    explicit ImportReviewStore(SqliteDatabase& db) : mDb(db) {}

    using Filter = ImportReviewFilter;
    QList<ImportReviewItem> list(const Filter& filter);
    QList<ImportReviewItem> list() { return list(Filter()); }
    /// Throws RecheckError(InvalidInput) for an unknown id.
    ImportReviewItem get(qint64 id);

    /// Throws RecheckError(InvalidInput) for an unknown or already decided
    /// item, a customer deleted since, or a value the archive refuses (the
    /// message says why); nothing is written then.
    ImportReviewItem accept(qint64 id, const QString& who);
    ImportReviewItem reject(qint64 id, const QString& who);
    /// Decides several items in one transaction: all or none.
    QList<ImportReviewItem> acceptAll(const QList<qint64>& ids, const QString& who);
    QList<ImportReviewItem> rejectAll(const QList<qint64>& ids, const QString& who);

    /// The ids of the open items (matching `filter`), oldest first.
    QList<qint64> openIds(const Filter& filter = Filter());

private:
    enum class Decision { Accept, Reject };
    QList<ImportReviewItem> decide(const QList<qint64>& ids, Decision decision, const QString& who);
    void decideOne(qint64 id, Decision decision, const QString& who, const QString& now);

    SqliteDatabase& mDb;
};

} // namespace recheck::io
