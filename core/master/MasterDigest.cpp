#include "MasterDigest.h"

#include "common/Sha256.h"
#include "sync/SyncValue.h"

#include <QtEndian>

namespace recheck {

TableDigestBuilder::TableDigestBuilder(QString table) : mTable(std::move(table)) {}

void TableDigestBuilder::addRow(const QVariantList& values) {
    Sha256 hash;
    for (const QVariant& value : values)
        addSqlValueToDigest(hash, value);
    const QByteArray digest = hash.result();
    for (int lane = 0; lane < 4; ++lane)
        mLanes[static_cast<std::size_t>(lane)] += qFromBigEndian<quint64>(digest.constData() + 8 * lane);
    ++mRows;
}

TableDigest TableDigestBuilder::result() const {
    QByteArray bytes(32, '\0');
    for (int lane = 0; lane < 4; ++lane)
        qToBigEndian<quint64>(mLanes[static_cast<std::size_t>(lane)], bytes.data() + 8 * lane);
    return {mTable, mRows, QString::fromLatin1(bytes.toHex())};
}

} // namespace recheck
