#pragma once

// customers.recheck_status for every customer at once. The column's SQL
// (ArchiveTableSchema) is a correlated subquery: two index probes per
// customer, 12.7 s instead of 2.2 s for a full read of a 1M-customer demo
// county, and the default style makes the renderer read it for every
// feature. Instead, one pass over tasks, task_scope and visits computes every
// in-scope customer's status into a hash table keyed by the customer's uuid,
// and the iterator fills the field while it streams the customers.

#include "common/Sqlite.h"

#include <QMutex>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace recheck::qgis {

/// Every customer's status, immutable once built (shared by iterators on
/// several threads).
class RecheckStatusTable {
public:
    /// Computes the statuses on `db` (within one read transaction of the
    /// caller's). nullptr when some uuid is not in the canonical lowercase
    /// 8-4-4-4-12 form the table keys on: the caller then keeps to the SQL.
    static std::shared_ptr<const RecheckStatusTable> build(SqliteDatabase& db);

    /// The status of the customer with this uuid (UTF-8 text as read from
    /// SQLite); not_planned when no current task's scope holds it.
    const QString& statusOf(const char* uuid, int size) const;

    std::size_t size() const { return mCount; }

    /// The values, in the order of the Status enum of the .cpp.
    static const QString& name(int status);

private:
    struct Slot {
        std::uint64_t hi = 0, lo = 0;
        std::uint8_t status = 0; ///< 0: empty slot
    };
    std::vector<Slot> mSlots; ///< open addressing, a power of two, sized for task_scope at 70%
    std::size_t mCount = 0;

    friend class RecheckStatusBuilder;
};

/// The statuses of one archive, shared by a provider and its feature source
/// snapshots. The table is built on first use and dropped when the provider's
/// data changes (invalidate(), called after edits and on reloadData) or when
/// another connection commits to the file (PRAGMA data_version of a watch
/// connection of its own, checked each time an iterator asks).
class RecheckStatusCache {
public:
    explicit RecheckStatusCache(QString path) : mPath(std::move(path)) {}

    /// The current table; when there is none and `build` is false, nullptr
    /// (a few rows are cheaper through the SQL). nullptr as well when the
    /// archive cannot be tabled (see RecheckStatusTable::build). Throws
    /// RecheckError on a database error.
    std::shared_ptr<const RecheckStatusTable> table(bool build);
    void invalidate();

private:
    QMutex mMutex;
    QString mPath;
    std::unique_ptr<SqliteDatabase> mWatch; ///< never writes, so data_version sees every commit
    qint64 mDataVersion = -1;
    std::shared_ptr<const RecheckStatusTable> mTable;
    bool mUntabled = false; ///< the last build found non-canonical uuids
};

} // namespace recheck::qgis
