#include "BaseDigest.h"

#include "SyncTables.h"
#include "SyncValue.h"
#include "archive/ArchiveSchema.h"
#include "common/Sha256.h"
#include "common/Sqlite.h"

#include <sqlite3.h>

#include <future>

namespace recheck {

namespace {

const QString kPerTablePrefix = QStringLiteral("2:");

// The rows of one base table, fid order (its rowid: a sequential scan).
void addTable(SqliteDatabase& db, const QString& table, BaseDigest::TablePart& part) {
    SqliteStatement st(db,
                       QStringLiteral("SELECT * FROM \"%1\" ORDER BY fid").arg(SyncTables::baseTable(table)));
    while (st.step())
        part.addRow(st.handle());
}

QStringList syncedTableNames() {
    QStringList names;
    for (const SyncedTable& table : ArchiveSchema::syncedTables())
        names << table.name;
    return names;
}

} // namespace

BaseDigest::Format BaseDigest::formatOf(const QString& digest) {
    return digest.startsWith(kPerTablePrefix) ? Format::PerTable : Format::SingleStream;
}

BaseDigest::TablePart::TablePart(Format format) : mFormat(format) {
    if (format == Format::PerTable)
        mHash = std::make_unique<Sha256>();
}

BaseDigest::TablePart::~TablePart() = default;
BaseDigest::TablePart::TablePart(TablePart&&) noexcept = default;
BaseDigest::TablePart& BaseDigest::TablePart::operator=(TablePart&&) noexcept = default;

void BaseDigest::TablePart::addRow(sqlite3_stmt* statement) {
    ++mRows;
    const int columns = sqlite3_column_count(statement);
    // Straight into the hash's own buffer (the same encoding).
    if (mFormat == Format::PerTable) {
        for (int c = 0; c < columns; ++c)
            addSqlColumnToDigest(*mHash, statement, c);
        return;
    }
    for (int c = 0; c < columns; ++c)
        appendSqlColumnForDigest(mStream, statement, c);
}

QString BaseDigest::combine(Format format, const QStringList& names, std::vector<TablePart>& parts) {
    Sha256 hash;
    addTextToDigest(hash, format == Format::PerTable ? QStringLiteral("recheck-base-2")
                                                     : QStringLiteral("recheck-base-1"));
    for (std::size_t t = 0; t < parts.size(); ++t) {
        addTextToDigest(hash, names.at(static_cast<int>(t)));
        if (format == Format::PerTable) {
            hash.addData(parts[t].mHash->result());
        } else {
            hash.addData(parts[t].mStream);
            parts[t].mStream = QByteArray();
        }
    }
    const QString hex = QString::fromLatin1(hash.result().toHex());
    return format == Format::PerTable ? kPerTablePrefix + hex : hex;
}

QString BaseDigest::compute(SqliteDatabase& db, Format format, qint64* rows) {
    const QStringList names = syncedTableNames();
    std::vector<TablePart> parts;
    qint64 total = 0;
    for (const QString& name : names) {
        parts.emplace_back(format);
        addTable(db, name, parts.back());
        total += parts.back().rows();
    }
    if (rows)
        *rows = total;
    return combine(format, names, parts);
}

QString BaseDigest::computeOnTwoConnections(const QString& path, const QHash<QString, qint64>& rowsPerTable,
                                            qint64* rows) {
    const QStringList names = syncedTableNames();
    std::vector<qint64> costs;
    for (const QString& name : names)
        costs.push_back(rowsPerTable.value(name));
    const std::vector<bool> second = SyncTables::splitInTwo(costs);
    std::vector<TablePart> parts;
    for (int t = 0; t < names.size(); ++t)
        parts.emplace_back(Format::PerTable);
    const auto digestShare = [&](bool share) {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        for (int t = 0; t < names.size(); ++t)
            if (second[static_cast<std::size_t>(t)] == share)
                addTable(db, names.at(t), parts[static_cast<std::size_t>(t)]);
    };
    std::future<void> other = std::async(std::launch::async, digestShare, true);
    try {
        digestShare(false);
    } catch (...) {
        other.wait();
        throw;
    }
    other.get();
    qint64 total = 0;
    for (const TablePart& part : parts)
        total += part.rows();
    if (rows)
        *rows = total;
    return combine(Format::PerTable, names, parts);
}

} // namespace recheck
