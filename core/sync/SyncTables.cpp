#include "SyncTables.h"

#include <algorithm>
#include <functional>

#include "common/Sqlite.h"

#include "common/Sha256.h"

#include <QSet>

namespace recheck {

QString SyncTableLayout::columnList(const QStringList& columns, const QString& prefix) const {
    QStringList quoted;
    quoted.reserve(columns.size());
    for (const QString& c : columns)
        quoted << prefix + QLatin1Char('"') + c + QLatin1Char('"');
    return quoted.join(QStringLiteral(", "));
}

bool SyncTables::isStampColumn(const QString& column) {
    return column == QLatin1String("fid") || column == QLatin1String("uuid") ||
           column == QLatin1String("row_version") || column == QLatin1String("updated_at") ||
           column == QLatin1String("updated_by");
}

std::vector<SyncTableLayout> SyncTables::read(SqliteDatabase& db) {
    std::vector<SyncTableLayout> layouts;
    int order = 0;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        SyncTableLayout layout;
        layout.table = &table;
        layout.order = order++;
        SqliteStatement info(db, QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
        info.bind(1, table.name);
        while (info.step()) {
            const QString column = info.text(0);
            layout.allColumns << column;
            if (!isStampColumn(column)) {
                layout.dataIndex.insert(column, layout.dataColumns.size());
                layout.dataColumns << column;
            }
        }
        if (layout.allColumns.isEmpty())
            throw RecheckError(
                QStringLiteral("%1: synced table %2 is missing").arg(db.path(), table.name).toStdString(),
                RecheckError::Kind::NotAnArchive);
        SqliteStatement keys(db,
                             QStringLiteral("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)"));
        keys.bind(1, table.name);
        while (keys.step())
            layout.references.push_back({keys.text(0), keys.text(1)});
        layouts.push_back(std::move(layout));
    }
    return layouts;
}

QString SyncTables::columnHash(SqliteDatabase& db) {
    Sha256 hash;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        hash.addData(table.name.toUtf8());
        hash.addData("(", 1);
        SqliteStatement info(
            db, QStringLiteral("SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid"));
        info.bind(1, table.name);
        while (info.step()) {
            hash.addData(info.text(0).toUtf8());
            hash.addData(" ", 1);
            hash.addData(info.text(1).toUtf8());
            hash.addData(",", 1);
        }
        hash.addData(")", 1);
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString SyncTables::additiveDifference(SqliteDatabase& package, SqliteDatabase& master) {
    struct Column {
        QString type;
        bool optional = true; ///< may be left out of an INSERT
    };
    const auto columnsOf = [](SqliteDatabase& db, const QString& table) {
        std::vector<std::pair<QString, Column>> columns;
        SqliteStatement info(db,
                             QStringLiteral("SELECT name, upper(type), \"notnull\", dflt_value IS NOT NULL "
                                            "FROM pragma_table_info(?) ORDER BY cid"));
        info.bind(1, table);
        while (info.step())
            columns.push_back({info.text(0), Column{info.text(1), info.int64(2) == 0 || info.int64(3) != 0}});
        return columns;
    };
    QStringList problems;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        const auto inPackage = columnsOf(package, table.name);
        const auto inMaster = columnsOf(master, table.name);
        QHash<QString, Column> masterByName;
        for (const auto& [name, column] : inMaster)
            masterByName.insert(name, column);
        QSet<QString> packageNames;
        for (const auto& [name, column] : inPackage) {
            packageNames.insert(name);
            const auto it = masterByName.constFind(name);
            if (it == masterByName.constEnd())
                problems << QStringLiteral("%1.%2: the master has no such column (upgrade the master first)")
                                .arg(table.name, name);
            else if (it->type != column.type)
                problems << QStringLiteral("%1.%2: %3 in the package, %4 in the master")
                                .arg(table.name, name, column.type, it->type);
        }
        for (const auto& [name, column] : inMaster)
            if (!packageNames.contains(name) && !column.optional)
                problems << QStringLiteral("%1.%2: the master's added column is NOT NULL without a default")
                                .arg(table.name, name);
    }
    return problems.join(QStringLiteral("; "));
}

std::vector<bool> SyncTables::splitInTwo(const std::vector<qint64>& costs) {
    std::vector<std::pair<qint64, std::size_t>> order;
    for (std::size_t i = 0; i < costs.size(); ++i)
        order.emplace_back(costs[i], i);
    std::sort(order.begin(), order.end(), std::greater<>());
    std::vector<bool> second(costs.size(), false);
    qint64 here = 0, there = 0;
    for (const auto& [cost, i] : order) {
        if (there < here) {
            second[i] = true;
            there += cost;
        } else {
            here += cost;
        }
    }
    return second;
}

} // namespace recheck
