#pragma once

#include "MasterStore.h"

#include <QVariant>
#include <QVariantList>

#include <array>
#include <cstdint>

namespace recheck {

/// Builds a TableDigest from rows read in any order: each row's values are
/// hashed with SHA-256 (type-tagged like core/sync's digests: 1 and '1' and
/// 1.0 differ), and the row hashes are added as four 64-bit lanes. Two stores
/// holding the same multiset of rows give the same digest whatever order they
/// return them in (PostgreSQL and SQLite sort text differently) and without
/// holding the rows in memory.
class TableDigestBuilder {
public:
    explicit TableDigestBuilder(QString table);
    /// Values as QVariant: null, qlonglong, double, QString, QByteArray
    /// (geometries as WKB).
    void addRow(const QVariantList& values);
    TableDigest result() const;

private:
    QString mTable;
    std::int64_t mRows = 0;
    std::array<std::uint64_t, 4> mLanes{};
};

} // namespace recheck
