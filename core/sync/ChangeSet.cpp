#include "ChangeSet.h"

#include "SyncValue.h"
#include "common/Sqlite.h"

#include "common/Sha256.h"
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
    Sha256 hash;
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

    // Base, shadow and table share fid as rowid (the base keeps the master's
    // fids): every comparison below is a rowid join. A row that left and came
    // back under another fid shows as a delete plus an insert of one uuid and
    // is folded into an update afterwards.
    for (const SyncTableLayout& layout : set.tables) {
        const QString t = QLatin1Char('"') + layout.name() + QLatin1Char('"');
        const QString base = QLatin1Char('"') + SyncTables::baseTable(layout.name()) + QLatin1Char('"');
        const QString shadow = QLatin1Char('"') + SyncTables::shadowTable(layout.name()) + QLatin1Char('"');
        const int n = layout.dataColumns.size();
        const QString shadowDiffers =
            QStringLiteral("CASE WHEN s.fid IS NULL OR s.uuid IS NOT l.uuid THEN 1 WHEN %1 THEN 1 ELSE 0 END")
                .arg(anyColumnDiffers(layout, QStringLiteral("l"), QStringLiteral("s")));
        std::vector<RowChange> rows;
        std::vector<QString> damage; // per row, empty when sound

        SqliteStatement updated(
            mDb, QStringLiteral(
                     "SELECT l.uuid, b.fid, b.row_version, %1, %2, %3 FROM %4 l JOIN %5 b ON b.fid = l.fid "
                     "LEFT JOIN %6 s ON s.fid = l.fid WHERE b.uuid = l.uuid AND (%7)")
                     .arg(layout.columnList(layout.dataColumns, QStringLiteral("l.")),
                          layout.columnList(layout.dataColumns, QStringLiteral("b.")), shadowDiffers, t, base,
                          shadow, anyColumnDiffers(layout, QStringLiteral("l"), QStringLiteral("b"))));
        while (updated.step()) {
            RowChange row;
            row.table = layout.order;
            row.op = ChangeOp::Update;
            row.uuid = updated.text(0);
            row.baseFid = updated.int64(1);
            row.baseRowVersion = updated.int64(2);
            row.current.reserve(n);
            row.base.reserve(n);
            for (int c = 0; c < n; ++c)
                row.current << updated.value(3 + c);
            for (int c = 0; c < n; ++c)
                row.base << updated.value(3 + n + c);
            for (int c = 0; c < n; ++c)
                if (!sameSqlValue(row.current[c], row.base[c]))
                    row.changed << c;
            const int evidence = logged.value(rowKey(layout.name(), row.uuid));
            if (!(evidence & (UpdateBit | InsertBit)))
                damage.push_back(
                    QStringLiteral("values differ from the checked-out base but no edit was recorded "
                                   "(damaged file, or edited with the triggers off)"));
            else if (updated.int64(3 + 2 * n) != 0)
                damage.push_back(
                    QStringLiteral("values differ from what the recorded edit wrote (damaged file)"));
            else
                damage.push_back(QString());
            rows.push_back(std::move(row));
        }

        QHash<QString, std::size_t> deletedAt;
        SqliteStatement deleted(
            mDb, QStringLiteral("SELECT b.uuid, b.fid, b.row_version, %1 FROM %2 b LEFT JOIN %3 l "
                                "ON l.fid = b.fid WHERE l.fid IS NULL OR l.uuid IS NOT b.uuid")
                     .arg(layout.columnList(layout.dataColumns, QStringLiteral("b.")), base, t));
        while (deleted.step()) {
            RowChange row;
            row.table = layout.order;
            row.op = ChangeOp::Delete;
            row.uuid = deleted.text(0);
            row.baseFid = deleted.int64(1);
            row.baseRowVersion = deleted.int64(2);
            row.base.reserve(n);
            for (int c = 0; c < n; ++c)
                row.base << deleted.value(3 + c);
            damage.push_back(
                logged.value(rowKey(layout.name(), row.uuid)) & DeleteBit
                    ? QString()
                    : QStringLiteral("row of the checked-out base is missing but no delete was "
                                     "recorded (damaged file, or deleted with the triggers off)"));
            deletedAt.insert(row.uuid, rows.size());
            rows.push_back(std::move(row));
        }

        SqliteStatement inserted(
            mDb, QStringLiteral("SELECT l.uuid, %1, %2 FROM %3 l LEFT JOIN %4 b ON b.fid = l.fid "
                                "LEFT JOIN %5 s ON s.fid = l.fid WHERE b.fid IS NULL OR b.uuid IS NOT l.uuid")
                     .arg(layout.columnList(layout.dataColumns, QStringLiteral("l.")), shadowDiffers, t, base,
                          shadow));
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
            QString verdict;
            if (!(logged.value(rowKey(layout.name(), row.uuid)) & InsertBit))
                verdict = QStringLiteral("row is not in the checked-out base and its insert was not recorded "
                                         "(damaged file, or inserted with the triggers off)");
            else if (inserted.int64(1 + n) != 0)
                verdict = QStringLiteral("values differ from what the recorded insert wrote (damaged file)");
            const auto gone = deletedAt.constFind(row.uuid);
            if (gone == deletedAt.constEnd()) {
                damage.push_back(verdict);
                rows.push_back(std::move(row));
                continue;
            }
            // Deleted and inserted again under the same uuid: an update.
            RowChange& update = rows[*gone];
            update.op = ChangeOp::Update;
            update.current = row.current;
            for (int c = 0; c < n; ++c)
                if (!sameSqlValue(update.current[c], update.base[c]))
                    update.changed << c;
            if (damage[*gone].isEmpty())
                damage[*gone] = verdict;
        }

        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!damage[i].isEmpty())
                set.damage.push_back({layout.name(), rows[i].uuid, damage[i]});
            // An update that ended where it began is no change.
            if (rows[i].op != ChangeOp::Update || !rows[i].changed.isEmpty())
                set.rows.push_back(std::move(rows[i]));
        }
    }
    std::sort(set.rows.begin(), set.rows.end(), [](const RowChange& a, const RowChange& b) {
        return a.table != b.table ? a.table < b.table : a.uuid < b.uuid;
    });
    return set;
}

QString PackageChangeReader::baseDigest(SqliteDatabase& db, qint64* rowCount) {
    Sha256 hash;
    addTextToDigest(hash, QStringLiteral("recheck-base-1"));
    qint64 rows = 0;
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        addTextToDigest(hash, table.name);
        // fid is the base table's rowid: a sequential scan.
        SqliteStatement st(
            db, QStringLiteral("SELECT * FROM \"%1\" ORDER BY fid").arg(SyncTables::baseTable(table.name)));
        const int columns = st.columnCount();
        QByteArray row;
        while (st.step()) {
            ++rows;
            row.resize(0);
            for (int c = 0; c < columns; ++c)
                appendSqlColumnForDigest(row, st.handle(), c);
            hash.addData(row);
        }
    }
    if (rowCount)
        *rowCount = rows;
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace recheck
