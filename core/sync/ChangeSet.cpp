#include "ChangeSet.h"

#include "SyncValue.h"
#include "common/Sqlite.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>

namespace recheck {

namespace {

// "a.c1 IS NOT b.c1 OR …" over the data columns.
QString anyColumnDiffers(const SyncTableLayout& layout, const QString& a, const QString& b) {
    QStringList terms;
    for (const QString& c : layout.dataColumns)
        terms << QStringLiteral("%1.\"%3\" IS NOT %2.\"%3\"").arg(a, b, c);
    return terms.join(QStringLiteral(" OR "));
}

enum OpBits { InsertBit = 1, UpdateBit = 2, DeleteBit = 4 };

QString rowKey(const QString& table, const QString& uuid) {
    return table + QLatin1Char('\x1f') + uuid;
}

} // namespace

QString changeOpName(ChangeOp op) {
    switch (op) {
    case ChangeOp::Insert:
        return QStringLiteral("insert");
    case ChangeOp::Update:
        return QStringLiteral("update");
    case ChangeOp::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

int ChangeSet::count(ChangeOp op) const {
    return static_cast<int>(
        std::count_if(rows.begin(), rows.end(), [op](const RowChange& r) { return r.op == op; }));
}

QString ChangeSet::sha256() const {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addTextToDigest(hash, QStringLiteral("recheck-changeset-1"));
    for (const RowChange& row : rows) {
        const SyncTableLayout& layout = layoutOf(row);
        addTextToDigest(hash, layout.name());
        addTextToDigest(hash, row.uuid);
        addTextToDigest(hash, changeOpName(row.op));
        addSqlValueToDigest(hash, QVariant(row.baseRowVersion));
        for (int c : row.changed) {
            addTextToDigest(hash, layout.dataColumns[c]);
            addSqlValueToDigest(hash, row.current.value(c));
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

QJsonObject ChangeSet::toJson() const {
    QJsonArray changes;
    for (const RowChange& row : rows) {
        const SyncTableLayout& layout = layoutOf(row);
        QJsonObject o{{QStringLiteral("table"), layout.name()},
                      {QStringLiteral("uuid"), row.uuid},
                      {QStringLiteral("op"), changeOpName(row.op)}};
        if (row.op == ChangeOp::Update) {
            QJsonObject fields;
            for (int c : row.changed)
                fields.insert(layout.dataColumns[c],
                              QJsonObject{{QStringLiteral("base"), sqlValueToJson(row.base[c])},
                                          {QStringLiteral("current"), sqlValueToJson(row.current[c])}});
            o.insert(QStringLiteral("fields"), fields);
            o.insert(QStringLiteral("base_row_version"), row.baseRowVersion);
        } else if (row.op == ChangeOp::Insert) {
            o.insert(QStringLiteral("values"), sqlRowToJson(layout.dataColumns, row.current));
        } else {
            o.insert(QStringLiteral("base_row_version"), row.baseRowVersion);
        }
        changes.append(o);
    }
    QJsonArray damaged;
    for (const PackageDamage& d : damage)
        damaged.append(QJsonObject{{QStringLiteral("table"), d.table},
                                   {QStringLiteral("uuid"), d.uuid},
                                   {QStringLiteral("reason"), d.reason}});
    return QJsonObject{{QStringLiteral("pending"), static_cast<int>(rows.size())},
                       {QStringLiteral("inserts"), count(ChangeOp::Insert)},
                       {QStringLiteral("updates"), count(ChangeOp::Update)},
                       {QStringLiteral("deletes"), count(ChangeOp::Delete)},
                       {QStringLiteral("changeset_sha256"), sha256()},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("damaged"), damaged}};
}

QString ChangeSet::toText() const {
    QString text;
    QTextStream out(&text);
    for (const RowChange& row : rows) {
        const SyncTableLayout& layout = layoutOf(row);
        out << changeOpName(row.op) << ' ' << layout.name() << ' ' << row.uuid;
        if (row.op == ChangeOp::Update) {
            QStringList fields;
            for (int c : row.changed)
                fields << QStringLiteral("%1: %2 → %3")
                              .arg(layout.dataColumns[c], displaySqlValue(row.base[c]),
                                   displaySqlValue(row.current[c]));
            out << "  " << fields.join(QStringLiteral("; "));
        }
        out << '\n';
    }
    return text;
}

ChangeSet PackageChangeReader::read() {
    ChangeSet set;
    set.tables = SyncTables::read(mDb);

    // Evidence that an edit went through the triggers.
    QHash<QString, int> logged;
    {
        SqliteStatement log(mDb, QStringLiteral("SELECT table_name, row_uuid, op FROM change_log"));
        while (log.step()) {
            const QString op = log.text(2);
            const int bit = op == QLatin1String("insert")   ? InsertBit
                            : op == QLatin1String("update") ? UpdateBit
                                                            : DeleteBit;
            logged[rowKey(log.text(0), log.text(1))] |= bit;
        }
    }

    for (const SyncTableLayout& layout : set.tables) {
        const QString t = QLatin1Char('"') + layout.name() + QLatin1Char('"');
        const QString base = QLatin1Char('"') + SyncTables::baseTable(layout.name()) + QLatin1Char('"');
        const QString shadow = QLatin1Char('"') + SyncTables::shadowTable(layout.name()) + QLatin1Char('"');
        const int n = layout.dataColumns.size();
        const QString shadowDiffers =
            QStringLiteral("CASE WHEN s.uuid IS NULL THEN 1 WHEN %1 THEN 1 ELSE 0 END")
                .arg(anyColumnDiffers(layout, QStringLiteral("l"), QStringLiteral("s")));

        SqliteStatement updated(
            mDb,
            QStringLiteral("SELECT l.uuid, b.row_version, %1, %2, %3 FROM %4 l JOIN %5 b ON b.uuid = l.uuid "
                           "LEFT JOIN %6 s ON s.uuid = l.uuid WHERE %7")
                .arg(layout.columnList(layout.dataColumns, QStringLiteral("l.")),
                     layout.columnList(layout.dataColumns, QStringLiteral("b.")), shadowDiffers, t, base,
                     shadow, anyColumnDiffers(layout, QStringLiteral("l"), QStringLiteral("b"))));
        while (updated.step()) {
            RowChange row;
            row.table = layout.order;
            row.op = ChangeOp::Update;
            row.uuid = updated.text(0);
            row.baseRowVersion = updated.int64(1);
            row.current.reserve(n);
            row.base.reserve(n);
            for (int c = 0; c < n; ++c)
                row.current << updated.value(2 + c);
            for (int c = 0; c < n; ++c)
                row.base << updated.value(2 + n + c);
            for (int c = 0; c < n; ++c)
                if (!sameSqlValue(row.current[c], row.base[c]))
                    row.changed << c;
            const int evidence = logged.value(rowKey(layout.name(), row.uuid));
            if (!(evidence & (UpdateBit | InsertBit)))
                set.damage.push_back(
                    {layout.name(), row.uuid,
                     QStringLiteral("values differ from the checked-out base but no edit was "
                                    "recorded (damaged file, or edited with the triggers off)")});
            else if (updated.int64(2 + 2 * n) != 0)
                set.damage.push_back(
                    {layout.name(), row.uuid,
                     QStringLiteral("values differ from what the recorded edit wrote (damaged "
                                    "file)")});
            set.rows.push_back(std::move(row));
        }

        SqliteStatement inserted(
            mDb, QStringLiteral("SELECT l.uuid, %1, %2 FROM %3 l LEFT JOIN %4 s ON s.uuid = l.uuid "
                                "WHERE NOT EXISTS (SELECT 1 FROM %5 b WHERE b.uuid = l.uuid)")
                     .arg(layout.columnList(layout.dataColumns, QStringLiteral("l.")), shadowDiffers, t,
                          shadow, base));
        while (inserted.step()) {
            RowChange row;
            row.table = layout.order;
            row.op = ChangeOp::Insert;
            row.uuid = inserted.text(0);
            row.current.reserve(n);
            for (int c = 0; c < n; ++c) {
                row.current << inserted.value(1 + c);
                row.changed << c;
            }
            const int evidence = logged.value(rowKey(layout.name(), row.uuid));
            if (!(evidence & InsertBit))
                set.damage.push_back(
                    {layout.name(), row.uuid,
                     QStringLiteral("row is not in the checked-out base and its insert was not "
                                    "recorded (damaged file, or inserted with the triggers off)")});
            else if (inserted.int64(1 + n) != 0)
                set.damage.push_back(
                    {layout.name(), row.uuid,
                     QStringLiteral("values differ from what the recorded insert wrote (damaged "
                                    "file)")});
            set.rows.push_back(std::move(row));
        }

        SqliteStatement deleted(
            mDb, QStringLiteral("SELECT b.uuid, b.row_version, %1 FROM %2 b "
                                "WHERE NOT EXISTS (SELECT 1 FROM %3 l WHERE l.uuid = b.uuid)")
                     .arg(layout.columnList(layout.dataColumns, QStringLiteral("b.")), base, t));
        while (deleted.step()) {
            RowChange row;
            row.table = layout.order;
            row.op = ChangeOp::Delete;
            row.uuid = deleted.text(0);
            row.baseRowVersion = deleted.int64(1);
            row.base.reserve(n);
            for (int c = 0; c < n; ++c)
                row.base << deleted.value(2 + c);
            if (!(logged.value(rowKey(layout.name(), row.uuid)) & DeleteBit))
                set.damage.push_back(
                    {layout.name(), row.uuid,
                     QStringLiteral("row of the checked-out base is missing but no delete was "
                                    "recorded (damaged file, or deleted with the triggers off)")});
            set.rows.push_back(std::move(row));
        }
    }
    std::sort(set.rows.begin(), set.rows.end(), [](const RowChange& a, const RowChange& b) {
        return a.table != b.table ? a.table < b.table : a.uuid < b.uuid;
    });
    return set;
}

QString PackageChangeReader::baseDigest(SqliteDatabase& db, qint64* rowCount) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addTextToDigest(hash, QStringLiteral("recheck-base-1"));
    qint64 rows = 0;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        addTextToDigest(hash, table.name);
        SqliteStatement st(
            db, QStringLiteral("SELECT * FROM \"%1\" ORDER BY uuid").arg(SyncTables::baseTable(table.name)));
        const int columns = st.columnCount();
        while (st.step()) {
            ++rows;
            for (int c = 0; c < columns; ++c)
                addSqlColumnToDigest(hash, st.handle(), c);
        }
    }
    if (rowCount)
        *rowCount = rows;
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace recheck
