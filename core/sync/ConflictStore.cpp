#include "ConflictStore.h"

#include "SyncTables.h"
#include "SyncValue.h"
#include "common/Sqlite.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace recheck {

namespace {

const char* kSelect =
    "SELECT id, package_id, other_package_id, table_name, row_uuid, field, kind, base_value, "
    "package_value, master_value, policy, detail, status, resolution, resolved_value, "
    "resolved_by, resolved_at, created_at FROM sync_conflicts";

SyncConflict conflictFrom(SqliteStatement& st) {
    SyncConflict c;
    c.id = st.int64(0);
    c.packageId = st.text(1);
    c.otherPackageId = st.text(2);
    c.table = st.text(3);
    c.uuid = st.text(4);
    c.field = st.text(5);
    c.kind = st.text(6);
    c.baseValue = st.value(7);
    c.packageValue = st.value(8);
    c.masterValue = st.value(9);
    c.policy = st.text(10);
    c.detail = st.text(11);
    c.status = st.text(12);
    c.resolution = st.text(13);
    c.resolvedValue = st.value(14);
    c.resolvedBy = st.text(15);
    c.resolvedAt = st.text(16);
    c.createdAt = st.text(17);
    return c;
}

const SyncTableLayout& layoutFor(const std::vector<SyncTableLayout>& layouts, const QString& table) {
    for (const SyncTableLayout& layout : layouts)
        if (layout.name() == table)
            return layout;
    throw RecheckError(QStringLiteral("conflict refers to unknown table %1").arg(table).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

QVariantList rowFromJsonText(const SyncTableLayout& layout, const QVariant& json) {
    return sqlRowFromJson(layout.dataColumns, QJsonDocument::fromJson(json.toString().toUtf8()).object());
}

QJsonValue rowOrValueToJson(const SyncConflict& c, const QVariant& v) {
    if (c.isRowLevel() && !v.isNull())
        return QJsonDocument::fromJson(v.toString().toUtf8()).object();
    return sqlValueToJson(v);
}

} // namespace

QJsonObject SyncConflict::toJson() const {
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("package_id"), packageId},
                  {QStringLiteral("table"), table},
                  {QStringLiteral("uuid"), uuid},
                  {QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonValue(field)},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("base"), rowOrValueToJson(*this, baseValue)},
                  {QStringLiteral("package"), rowOrValueToJson(*this, packageValue)},
                  {QStringLiteral("master"), rowOrValueToJson(*this, masterValue)},
                  {QStringLiteral("current"), field.isEmpty() ? QJsonValue() : sqlValueToJson(currentValue)},
                  {QStringLiteral("row_exists"), rowExists},
                  {QStringLiteral("policy"), policy},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("created_at"), createdAt}};
    if (!otherPackageId.isEmpty())
        o.insert(QStringLiteral("other_package_id"), otherPackageId);
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (status == QLatin1String("resolved")) {
        o.insert(QStringLiteral("resolution"), resolution);
        o.insert(QStringLiteral("resolved_value"), rowOrValueToJson(*this, resolvedValue));
        o.insert(QStringLiteral("resolved_by"), resolvedBy);
        o.insert(QStringLiteral("resolved_at"), resolvedAt);
    }
    return o;
}

QString ConflictStore::choiceName(ConflictChoice choice) {
    switch (choice) {
    case ConflictChoice::Package:
        return QStringLiteral("package");
    case ConflictChoice::Master:
        return QStringLiteral("master");
    case ConflictChoice::Base:
        return QStringLiteral("base");
    case ConflictChoice::Value:
        return QStringLiteral("value");
    }
    return {};
}

QList<SyncConflict> ConflictStore::list(bool includeResolved) {
    QList<SyncConflict> conflicts;
    {
        SqliteStatement st(mDb, QString::fromLatin1(kSelect) +
                                    (includeResolved ? QString() : QStringLiteral(" WHERE status = 'open'")) +
                                    QStringLiteral(" ORDER BY id"));
        while (st.step())
            conflicts << conflictFrom(st);
    }
    // The master's value now, beside the three recorded ones.
    for (SyncConflict& c : conflicts) {
        const QString column = c.field.isEmpty() ? QStringLiteral("uuid") : c.field;
        SqliteStatement now(mDb,
                            QStringLiteral("SELECT \"%1\" FROM \"%2\" WHERE uuid = ?").arg(column, c.table));
        now.bind(1, c.uuid);
        c.rowExists = now.step();
        if (c.rowExists && !c.field.isEmpty())
            c.currentValue = now.value(0);
    }
    return conflicts;
}

SyncConflict ConflictStore::get(qint64 id) {
    for (const SyncConflict& c : list(true))
        if (c.id == id)
            return c;
    throw RecheckError(QStringLiteral("%1: no conflict with id %2").arg(mDb.path()).arg(id).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

SyncConflict ConflictStore::resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                    const QString& who) {
    SqliteTransaction tx(mDb);
    SyncConflict c = get(id);
    if (c.status != QLatin1String("open"))
        throw RecheckError(QStringLiteral("conflict %1 was already resolved by %2 at %3 (%4)")
                               .arg(id)
                               .arg(c.resolvedBy, c.resolvedAt, c.resolution)
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    const std::vector<SyncTableLayout> layouts = SyncTables::read(mDb);
    const SyncTableLayout& layout = layoutFor(layouts, c.table);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);

    // Writes `values` (all data columns) into the row, creating it if the
    // master has none.
    const auto writeRow = [&](const QVariantList& values) {
        QStringList marks, sets;
        for (const QString& column : layout.dataColumns) {
            marks << QStringLiteral("?");
            sets << QStringLiteral("\"%1\" = ?").arg(column);
        }
        const QString sql =
            c.rowExists
                ? QStringLiteral(
                      "UPDATE \"%1\" SET %2, row_version = row_version + 1, updated_at = ?, updated_by = ? "
                      "WHERE uuid = ?")
                      .arg(layout.name(), sets.join(QStringLiteral(", ")))
                : QStringLiteral("INSERT INTO \"%1\" (%2, updated_at, updated_by, uuid) VALUES (%3, ?, ?, ?)")
                      .arg(layout.name(), layout.columnList(layout.dataColumns),
                           marks.join(QStringLiteral(", ")));
        SqliteStatement st(mDb, sql);
        int index = 1;
        for (const QVariant& v : values)
            st.bind(index++, v);
        st.bind(index++, now);
        st.bind(index++, who);
        st.bind(index, c.uuid);
        st.execute();
    };
    const auto deleteRow = [&]() {
        if (!c.rowExists)
            return;
        SqliteStatement current(mDb, QStringLiteral("SELECT %1 FROM \"%2\" WHERE uuid = ?")
                                         .arg(layout.columnList(layout.dataColumns), layout.name()));
        current.bind(1, c.uuid);
        QVariantList values;
        if (current.step())
            for (int i = 0; i < layout.dataColumns.size(); ++i)
                values << current.value(i);
        SqliteStatement tomb(mDb,
                             QStringLiteral("INSERT INTO sync_tombstones (package_id, table_name, row_uuid, "
                                            "row_values, deleted_at) VALUES (?, ?, ?, ?, ?)"));
        tomb.bind(1, c.packageId)
            .bind(2, c.table)
            .bind(3, c.uuid)
            .bind(4,
                  QString::fromUtf8(
                      QJsonDocument(sqlRowToJson(layout.dataColumns, values)).toJson(QJsonDocument::Compact)))
            .bind(5, now)
            .execute();
        SqliteStatement del(mDb, QStringLiteral("DELETE FROM \"%1\" WHERE uuid = ?").arg(layout.name()));
        del.bind(1, c.uuid).execute();
    };

    QVariant resolvedValue;
    if (!c.isRowLevel()) {
        if (!c.rowExists)
            throw RecheckError(
                QStringLiteral("conflict %1: %2 %3 is no longer in the master; nothing to write %4 to")
                    .arg(id)
                    .arg(c.table, c.uuid, c.field)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        switch (choice) {
        case ConflictChoice::Package:
            resolvedValue = c.packageValue;
            break;
        case ConflictChoice::Master:
            resolvedValue = c.masterValue;
            break;
        case ConflictChoice::Base:
            resolvedValue = c.baseValue;
            break;
        case ConflictChoice::Value:
            resolvedValue = value;
            break;
        }
        if (!layout.dataIndex.contains(c.field))
            throw RecheckError(
                QStringLiteral("conflict %1: %2 has no field %3").arg(id).arg(c.table, c.field).toStdString(),
                RecheckError::Kind::InvalidInput);
        if (!sameSqlValue(resolvedValue, c.currentValue)) {
            SqliteStatement st(mDb,
                               QStringLiteral("UPDATE \"%1\" SET \"%2\" = ?, row_version = row_version + 1, "
                                              "updated_at = ?, updated_by = ? WHERE uuid = ?")
                                   .arg(c.table, c.field));
            st.bind(1, resolvedValue).bind(2, now).bind(3, who).bind(4, c.uuid).execute();
        }
    } else {
        if (choice == ConflictChoice::Value)
            throw RecheckError(
                QStringLiteral("conflict %1 is about a whole row (%2); choose --take package, master "
                               "or base")
                    .arg(id)
                    .arg(c.kind)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        const QVariant& chosen = choice == ConflictChoice::Package  ? c.packageValue
                                 : choice == ConflictChoice::Master ? c.masterValue
                                                                    : c.baseValue;
        resolvedValue = chosen;
        // The master's side of a row a package could not write is "as it is".
        const bool keepAsIs =
            choice == ConflictChoice::Master &&
            (c.kind == QLatin1String("missing_parent") || c.kind == QLatin1String("constraint") ||
             c.kind == QLatin1String("delete_update"));
        if (!keepAsIs) {
            if (chosen.isNull())
                deleteRow();
            else
                writeRow(rowFromJsonText(layout, chosen));
        }
    }
    SqliteStatement mark(mDb,
                         QStringLiteral("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                                        "resolved_value = ?, resolved_by = ?, resolved_at = ? WHERE id = ?"));
    mark.bind(1, choiceName(choice))
        .bind(2, resolvedValue)
        .bind(3, who)
        .bind(4, now)
        .bind(5, static_cast<std::int64_t>(id))
        .execute();
    tx.commit();
    return get(id);
}

} // namespace recheck
