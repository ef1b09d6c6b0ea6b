#include "SyncTables.h"

#include "common/Sqlite.h"

#include "common/Sha256.h"

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

} // namespace recheck
