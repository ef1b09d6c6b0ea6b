#pragma once

// A package's pending changes as a value: the net difference, row by row,
// between the frozen base copied at check-out and the package's tables now.
// `recheck status` prints it, a check-in hashes and merges it.

#include "BaseDigest.h"
#include "SyncTables.h"

#include <QJsonObject>
#include <QString>
#include <QVariantList>
#include <QVector>

#include <vector>

namespace recheck {

class SqliteDatabase;

enum class ChangeOp { Insert, Update, Delete };
QString changeOpName(ChangeOp op);

/// One row's net change since check-out.
struct RowChange {
    int table = 0; ///< index into ChangeSet::tables
    QString uuid;
    ChangeOp op = ChangeOp::Update;
    qint64 baseFid = 0;        ///< the master's fid at check-out (0 for inserts): a fast first guess
    qint64 baseRowVersion = 0; ///< master row_version at check-out (0 for inserts)
    QVariantList base;         ///< data columns at check-out; empty for inserts
    QVariantList current;      ///< data columns now; empty for deletes
    QVector<int> changed;      ///< data columns that differ from base (every column for inserts)
};

/// A row whose change cannot be trusted: the package is refused.
struct PackageDamage {
    QString table;
    QString uuid;
    QString reason;
};

struct ChangeSet {
    std::vector<SyncTableLayout> tables;
    std::vector<RowChange> rows;       ///< sorted by table (parents first), then uuid
    std::vector<PackageDamage> damage; ///< empty for a sound package

    const SyncTableLayout& layoutOf(const RowChange& row) const {
        return tables[static_cast<std::size_t>(row.table)];
    }
    int count(ChangeOp op) const;
    /// SHA-256 (hex) of the canonical encoding of every row change: the
    /// identity of this change set in the master's ledger.
    QString sha256() const;
    /// For `status --json`: counts and, per row, the changed fields with their
    /// base and current values.
    QJsonObject toJson() const;
    /// For `status`: one line per row, changed fields as base → current.
    QString toText() const;
};

/// Reads the pending changes of an open package (read-only use).
class PackageChangeReader {
public:
    /// Packages whose base holds fewer rows than this are diffed on the
    /// caller's connection alone; larger ones also on a second connection
    /// (read-only, same file) on another thread, table by table.
    static constexpr qint64 kRowsForSecondConnection = 20000;

    explicit PackageChangeReader(SqliteDatabase& package,
                                 qint64 rowsForSecondConnection = kRowsForSecondConnection)
        : mDb(package), mRowsForSecondConnection(rowsForSecondConnection) {}

    /// The net changes, with `damage` filled for rows whose values differ from
    /// the base with no edit recorded by the triggers (change_log), or differ
    /// from what the triggers saw written (the shadow copy): a flipped byte
    /// on disk, or an edit with the triggers dropped. `baseDigest`: also
    /// computes the base's digest (BaseDigest, in `digestFormat`) in the
    /// same pass over the base: a check-in needs both.
    ChangeSet read(QString* baseDigest = nullptr,
                   BaseDigest::Format digestFormat = BaseDigest::Format::PerTable);

private:
    SqliteDatabase& mDb;
    qint64 mRowsForSecondConnection;
};

} // namespace recheck
