#include "ChangeSet.h"

#include "BaseDigest.h"
#include "PackageMeta.h"
#include "SyncValue.h"
#include "common/Sqlite.h"

#include "common/Sha256.h"
#include <QHash>
#include <QJsonArray>
#include <QTextStream>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <future>
#include <limits>
#include <optional>

namespace recheck {

namespace {

enum OpBits { InsertBit = 1, UpdateBit = 2, DeleteBit = 4 };

// Whether two result columns hold the same value, by sameSqlValue's rules
// (NULL equals NULL; numbers compare as numbers, an integer and a real
// included; text and blobs byte for byte and never equal to each other),
// read without converting anything.
bool sameStoredValue(sqlite3_stmt* a, int ca, sqlite3_stmt* b, int cb) {
    // One column lookup per side; the sqlite3_value_* calls read the cell
    // in place (a few hundred thousand comparisons per check-in).
    sqlite3_value* const x = sqlite3_column_value(a, ca);
    sqlite3_value* const y = sqlite3_column_value(b, cb);
    const int tx = sqlite3_value_type(x);
    const int ty = sqlite3_value_type(y);
    const auto isNumber = [](int type) { return type == SQLITE_INTEGER || type == SQLITE_FLOAT; };
    if (tx != ty) {
        if (!isNumber(tx) || !isNumber(ty))
            return false;
        return sqlite3_value_double(x) == sqlite3_value_double(y);
    }
    switch (tx) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_value_int64(x) == sqlite3_value_int64(y);
    case SQLITE_FLOAT:
        return sqlite3_value_double(x) == sqlite3_value_double(y);
    case SQLITE_TEXT: {
        const unsigned char* textX = sqlite3_value_text(x);
        const unsigned char* textY = sqlite3_value_text(y);
        const int bytes = sqlite3_value_bytes(x);
        return bytes == sqlite3_value_bytes(y) &&
               std::memcmp(textX, textY, static_cast<std::size_t>(bytes)) == 0;
    }
    default: {
        const void* blobX = sqlite3_value_blob(x);
        const void* blobY = sqlite3_value_blob(y);
        const int bytes = sqlite3_value_bytes(x);
        return bytes == sqlite3_value_bytes(y) &&
               (bytes == 0 || std::memcmp(blobX, blobY, static_cast<std::size_t>(bytes)) == 0);
    }
    }
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

namespace {

// One synced table's net changes, with the damage verdict per row (empty
// when sound). `logged`: the change capture's op bits per uuid of the table.
struct TableDiff {
    std::vector<RowChange> rows;
    std::vector<PackageDamage> damage;
    std::optional<BaseDigest::TablePart> digest; ///< of the base rows, when asked for
};

// Where each wanted column sits in a `SELECT *` of a base table (created at
// check-out with the table's columns, but found by name, not assumed).
struct BaseColumns {
    int fid = -1, uuid = -1, rowVersion = -1;
    std::vector<int> data; ///< per data column of the layout
};

BaseColumns baseColumns(sqlite3_stmt* st, const SyncTableLayout& layout) {
    BaseColumns at;
    QHash<QString, int> position;
    for (int c = 0; c < sqlite3_column_count(st); ++c)
        position.insert(QString::fromUtf8(sqlite3_column_name(st, c)), c);
    at.fid = position.value(QStringLiteral("fid"), -1);
    at.uuid = position.value(QStringLiteral("uuid"), -1);
    at.rowVersion = position.value(QStringLiteral("row_version"), -1);
    for (const QString& column : layout.dataColumns)
        at.data.push_back(position.value(column, -1));
    if (at.fid < 0 || at.uuid < 0 || at.rowVersion < 0 ||
        std::find(at.data.begin(), at.data.end(), -1) != at.data.end())
        throw RecheckError(QStringLiteral("the frozen base of %1 lacks some of the table's columns (damaged "
                                          "package)")
                               .arg(layout.name())
                               .toStdString(),
                           RecheckError::Kind::Database);
    return at;
}

// Base, shadow and table share fid as rowid (the base keeps the master's
// fids): one sequential scan of each, side by side in fid order, finds
// every difference (a merge join; SQLite would probe the base and the
// shadow by rowid for every row of the table instead, and this used to
// take three such passes). Values are compared as SQLite stores them and
// only the rows that differ become QVariants. A row that left and came
// back under another fid shows as a delete plus an insert of one uuid
// and is folded into an update afterwards.
// `digest`: also digest the base rows (BaseDigest::TablePart; the base is
// read here anyway: a check-in then needs no second scan of it).
TableDiff diffTable(SqliteDatabase& db, const SyncTableLayout& layout, const QHash<QString, int>& logged,
                    std::optional<BaseDigest::Format> digest) {
    TableDiff diff;
    if (digest)
        diff.digest.emplace(*digest);
    const QString t = QLatin1Char('"') + layout.name() + QLatin1Char('"');
    const QString base = QLatin1Char('"') + SyncTables::baseTable(layout.name()) + QLatin1Char('"');
    const QString shadow = QLatin1Char('"') + SyncTables::shadowTable(layout.name()) + QLatin1Char('"');
    const int n = layout.dataColumns.size();
    const QString data = layout.columnList(layout.dataColumns);
    // Live and shadow columns: fid, uuid, data…; the base's all of them
    // (what its digest covers), found through `at`.
    SqliteStatement live(db, QStringLiteral("SELECT fid, uuid, %1 FROM %2 ORDER BY fid").arg(data, t));
    SqliteStatement frozen(db, QStringLiteral("SELECT * FROM %1 ORDER BY fid").arg(base));
    SqliteStatement seen(db, QStringLiteral("SELECT fid, uuid, %1 FROM %2 ORDER BY fid").arg(data, shadow));
    sqlite3_stmt* const l = live.handle();
    sqlite3_stmt* const b = frozen.handle();
    sqlite3_stmt* const s = seen.handle();
    constexpr int kLiveData = 2, kShadowData = 2;
    const BaseColumns at = baseColumns(b, layout);

    const auto values = [n](SqliteStatement& st, int first) {
        QVariantList list;
        list.reserve(n);
        for (int c = 0; c < n; ++c)
            list << st.value(first + c);
        return list;
    };
    const auto baseValues = [&] {
        QVariantList list;
        list.reserve(n);
        for (int c = 0; c < n; ++c)
            list << frozen.value(at.data[static_cast<std::size_t>(c)]);
        return list;
    };
    const auto baseData = [&](int c) { return at.data[static_cast<std::size_t>(c)]; };
    // The next base row: digested as it is read.
    const auto stepBase = [&] {
        const bool more = frozen.step();
        if (more && diff.digest)
            diff.digest->addRow(b);
        return more;
    };
    bool shadowRow = seen.step();
    // Whether the live row at `fid` differs from what the triggers saw
    // written (no shadow row, another uuid, or other values).
    const auto differsFromShadow = [&](qint64 fid) {
        while (shadowRow && sqlite3_column_int64(s, 0) < fid)
            shadowRow = seen.step();
        if (!shadowRow || sqlite3_column_int64(s, 0) != fid || !sameStoredValue(l, 1, s, 1))
            return true;
        for (int c = 0; c < n; ++c)
            if (!sameStoredValue(l, kLiveData + c, s, kShadowData + c))
                return true;
        return false;
    };

    std::vector<RowChange> rows;
    std::vector<QString> damage; // per row, empty when sound
    std::vector<RowChange> deletes;
    std::vector<QString> deleteDamage;
    struct Inserted {
        RowChange row;
        bool shadowDiffers = false;
    };
    std::vector<Inserted> inserts;
    const auto takeInsert = [&] {
        RowChange row;
        row.table = layout.order;
        row.op = ChangeOp::Insert;
        row.uuid = live.text(1);
        row.current = values(live, kLiveData);
        for (int c = 0; c < n; ++c)
            row.changed << c;
        inserts.push_back({std::move(row), differsFromShadow(sqlite3_column_int64(l, 0))});
    };
    const auto takeDelete = [&] {
        RowChange row;
        row.table = layout.order;
        row.op = ChangeOp::Delete;
        row.uuid = frozen.text(at.uuid);
        row.baseFid = frozen.int64(at.fid);
        row.baseRowVersion = frozen.int64(at.rowVersion);
        row.base = baseValues();
        deleteDamage.push_back(logged.value(row.uuid) & DeleteBit
                                   ? QString()
                                   : QStringLiteral("row of the checked-out base is missing but no delete "
                                                    "was recorded (damaged file, or deleted with the "
                                                    "triggers off)"));
        deletes.push_back(std::move(row));
    };

    bool liveRow = live.step();
    bool baseRow = stepBase();
    while (liveRow || baseRow) {
        const qint64 lf = liveRow ? sqlite3_column_int64(l, 0) : std::numeric_limits<qint64>::max();
        const qint64 bf = baseRow ? sqlite3_column_int64(b, at.fid) : std::numeric_limits<qint64>::max();
        if (lf < bf) {
            takeInsert();
            liveRow = live.step();
            continue;
        }
        if (bf < lf) {
            takeDelete();
            baseRow = stepBase();
            continue;
        }
        if (!sameStoredValue(l, 1, b, at.uuid)) {
            // Another row under the base row's fid: that one is gone,
            // this one is new.
            takeDelete();
            takeInsert();
        } else {
            bool differs = false;
            for (int c = 0; c < n && !differs; ++c)
                differs = !sameStoredValue(l, kLiveData + c, b, baseData(c));
            if (differs) {
                RowChange row;
                row.table = layout.order;
                row.op = ChangeOp::Update;
                row.uuid = live.text(1);
                row.baseFid = bf;
                row.baseRowVersion = frozen.int64(at.rowVersion);
                row.base = baseValues();
                // Most columns of an edited row are as they were: those
                // share the base's value (one conversion, not two).
                row.current.reserve(n);
                for (int c = 0; c < n; ++c) {
                    if (sameStoredValue(l, kLiveData + c, b, baseData(c))) {
                        row.current << row.base[c];
                    } else {
                        row.current << live.value(kLiveData + c);
                        row.changed << c;
                    }
                }
                const int evidence = logged.value(row.uuid);
                if (!(evidence & (UpdateBit | InsertBit)))
                    damage.push_back(
                        QStringLiteral("values differ from the checked-out base but no edit was recorded "
                                       "(damaged file, or edited with the triggers off)"));
                else if (differsFromShadow(lf))
                    damage.push_back(
                        QStringLiteral("values differ from what the recorded edit wrote (damaged file)"));
                else
                    damage.push_back(QString());
                rows.push_back(std::move(row));
            }
        }
        liveRow = live.step();
        baseRow = stepBase();
    }

    QHash<QString, std::size_t> deletedAt;
    for (std::size_t i = 0; i < deletes.size(); ++i) {
        deletedAt.insert(deletes[i].uuid, rows.size());
        damage.push_back(deleteDamage[i]);
        rows.push_back(std::move(deletes[i]));
    }

    for (Inserted& insert : inserts) {
        RowChange& row = insert.row;
        QString verdict;
        if (!(logged.value(row.uuid) & InsertBit))
            verdict = QStringLiteral("row is not in the checked-out base and its insert was not recorded "
                                     "(damaged file, or inserted with the triggers off)");
        else if (insert.shadowDiffers)
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
            diff.damage.push_back({layout.name(), rows[i].uuid, damage[i]});
        // An update that ended where it began is no change.
        if (rows[i].op != ChangeOp::Update || !rows[i].changed.isEmpty())
            diff.rows.push_back(std::move(rows[i]));
    }
    return diff;
}

// Which tables a second connection diffs (true), so that the two threads
// get about the same work: rows times columns per table, the largest first
// to the less loaded side. All false for a small package (a thread and a
// connection cost more than they save) or a database without a file.
std::vector<bool> tablesForSecondConnection(SqliteDatabase& db, const std::vector<SyncTableLayout>& tables,
                                            qint64 minimumRows) {
    std::vector<bool> elsewhere(tables.size(), false);
    const QString path = db.path();
    if (path.isEmpty() || path == QLatin1String(":memory:") || path.startsWith(QLatin1String("file:")))
        return elsewhere;
    // The check-out's count of each base table, or (an older package) a
    // count: that reads every page of the base, before the threads start.
    QHash<QString, qint64> recorded;
    try {
        recorded = PackageMeta::read(db).baseRowsPerTable;
    } catch (const RecheckError&) {
        // not a package: count
    }
    std::vector<qint64> costs;
    qint64 rows = 0;
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const auto known = recorded.constFind(tables[t].name());
        const qint64 count = known != recorded.constEnd()
                                 ? *known
                                 : db.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"")
                                                 .arg(SyncTables::baseTable(tables[t].name())))
                                       .toLongLong();
        rows += count;
        costs.push_back(count * (tables[t].dataColumns.size() + 4));
    }
    if (rows < minimumRows)
        return elsewhere;
    return SyncTables::splitInTwo(costs);
}

} // namespace

ChangeSet PackageChangeReader::read(QString* baseDigest, BaseDigest::Format digestFormat) {
    ChangeSet set;
    set.tables = SyncTables::read(mDb);

    // Evidence that an edit went through the triggers.
    QHash<QString, QHash<QString, int>> loggedByTable; // table -> uuid -> op bits
    {
        SqliteStatement log(mDb, QStringLiteral("SELECT table_name, row_uuid, op FROM change_log"));
        while (log.step()) {
            const QString op = log.text(2);
            const int bit = op == QLatin1String("insert")   ? InsertBit
                            : op == QLatin1String("update") ? UpdateBit
                                                            : DeleteBit;
            loggedByTable[log.text(0)][log.text(1)] |= bit;
        }
    }

    // The tables are independent: the largest ones go to a second
    // connection on another thread (a sequential scan of every row of
    // table and base is most of the work; see diffTable).
    std::vector<TableDiff> diffs(set.tables.size());
    std::optional<BaseDigest::Format> digest;
    if (baseDigest)
        digest = digestFormat;
    const std::vector<bool> elsewhere = tablesForSecondConnection(mDb, set.tables, mRowsForSecondConnection);
    std::future<void> second;
    if (std::find(elsewhere.begin(), elsewhere.end(), true) != elsewhere.end()) {
        const QString path = mDb.path();
        // The second connection reads the way the first does.
        const bool checkCells = mDb.scalar(QStringLiteral("PRAGMA cell_size_check")).toInt() != 0;
        second = std::async(std::launch::async, [&, path, checkCells] {
            SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
            if (checkCells)
                db.exec(QStringLiteral("PRAGMA cell_size_check = ON"));
            for (std::size_t t = 0; t < set.tables.size(); ++t)
                if (elsewhere[t])
                    diffs[t] =
                        diffTable(db, set.tables[t], loggedByTable.value(set.tables[t].name()), digest);
        });
    }
    try {
        for (std::size_t t = 0; t < set.tables.size(); ++t)
            if (!elsewhere[t])
                diffs[t] = diffTable(mDb, set.tables[t], loggedByTable.value(set.tables[t].name()), digest);
    } catch (...) {
        if (second.valid())
            second.wait();
        throw;
    }
    if (second.valid())
        second.get();
    if (baseDigest) {
        QStringList names;
        std::vector<BaseDigest::TablePart> parts;
        for (std::size_t t = 0; t < set.tables.size(); ++t) {
            names << set.tables[t].name();
            parts.push_back(std::move(*diffs[t].digest));
        }
        *baseDigest = BaseDigest::combine(digestFormat, names, parts);
    }
    for (TableDiff& diff : diffs) {
        for (RowChange& row : diff.rows)
            set.rows.push_back(std::move(row));
        for (PackageDamage& d : diff.damage)
            set.damage.push_back(std::move(d));
    }
    // Sorted through an index (RowChange is large to move around), table by
    // table: rows were collected table by table already.
    std::vector<std::size_t> order(set.rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&set](std::size_t a, std::size_t b) {
        const RowChange& x = set.rows[a];
        const RowChange& y = set.rows[b];
        return x.table != y.table ? x.table < y.table : x.uuid < y.uuid;
    });
    std::vector<RowChange> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order)
        sorted.push_back(std::move(set.rows[i]));
    set.rows = std::move(sorted);
    return set;
}

} // namespace recheck
