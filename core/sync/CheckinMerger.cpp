#include "CheckinMerger.h"

#include "ChangeSet.h"
#include "DeferredSearchIndex.h"
#include "PackageMeta.h"
#include "PackageWriter.h"
#include "PackageZip.h"
#include "PhaseClock.h"
#include "SyncTables.h"
#include "SyncValue.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"

#include <sqlite3.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtEndian>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>

namespace recheck {

namespace {

QString rowJsonText(const SyncTableLayout& layout, const QVariantList& values) {
    return QString::fromUtf8(
        QJsonDocument(sqlRowToJson(layout.dataColumns, values)).toJson(QJsonDocument::Compact));
}

// Thrown when the caller's progress callback says stop; it unwinds through
// the master transaction's guard, which rolls back.
struct CheckinCancelled {};

// Progress of one check-in. Phases map to fixed parts of 0..1; the merge,
// the one phase whose length is known (in rows), gets its own range.
class CheckinProgress {
public:
    explicit CheckinProgress(const std::function<bool(double)>& callback) : mCallback(callback) {}

    /// Reports `fraction`; throws CheckinCancelled when the caller said stop.
    void report(double fraction) {
        if (mCallback && !mCallback(fraction)) {
            mCancelled = true;
            throw CheckinCancelled();
        }
    }
    bool cancelled() const { return mCancelled; }
    /// Reports 1 once the master is committed; too late to stop.
    void finish() {
        if (mCallback)
            mCallback(1.0);
    }

private:
    const std::function<bool(double)>& mCallback;
    bool mCancelled = false;
};

// Up to `limit` lines of an integrity or quick check; empty when "ok".
QStringList checkProblems(SqliteDatabase& db, const QString& pragma, int limit = 5) {
    QStringList problems;
    SqliteStatement check(db, QStringLiteral("PRAGMA %1(%2)").arg(pragma).arg(limit));
    while (check.step()) {
        const QString line = check.text(0);
        if (line != QLatin1String("ok"))
            problems << line;
    }
    return problems;
}

// An integrity or quick check on a read-only connection of its own and a
// thread of its own, so that it runs while the main thread reads the package
// and prepares the merge (the package's check and the master's both read
// their whole file or tables: another core's work). Per table when `tables`
// is given: PRAGMA quick_check(T) covers T and its indexes. Destroying it
// stops a check still running.
class BackgroundCheck {
public:
    BackgroundCheck(const QString& path, const QString& pragma, const QStringList& tables = {}) {
        mResult = std::async(std::launch::async, [this, path, pragma, tables] {
            SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
            sqlite3_progress_handler(
                db.handle(), 100000,
                [](void* stop) { return static_cast<std::atomic<bool>*>(stop)->load() ? 1 : 0; }, &mStop);
            QStringList problems;
            if (tables.isEmpty())
                problems = checkProblems(db, pragma);
            for (const QString& table : tables) {
                SqliteStatement check(db, QStringLiteral("PRAGMA %1(\"%2\")").arg(pragma, table));
                while (check.step() && problems.size() < 5)
                    if (check.text(0) != QLatin1String("ok"))
                        problems << table + QStringLiteral(": ") + check.text(0);
            }
            sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
            return problems;
        });
    }
    ~BackgroundCheck() {
        mStop = true;
        if (mResult.valid())
            mResult.wait();
    }
    BackgroundCheck(const BackgroundCheck&) = delete;
    BackgroundCheck& operator=(const BackgroundCheck&) = delete;

    /// Waits for the check, asking `progress` (which may cancel) meanwhile.
    /// A check that could not run at all (a file too damaged to open) is a
    /// problem too.
    QStringList problems(CheckinProgress& progress, double fraction) {
        if (!mProblems) {
            while (mResult.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
                progress.report(fraction);
            try {
                mProblems = mResult.get();
            } catch (const RecheckError& e) {
                mProblems = QStringList{QString::fromUtf8(e.what())};
            }
        }
        return *mProblems;
    }

    /// The tables a check-in of these changed tables writes, as the master
    /// has them.
    static QStringList writtenTables(SqliteDatabase& master, const QStringList& changedTables) {
        QStringList tables = changedTables;
        for (const QString& table : changedTables)
            for (const char* part : {"node", "parent", "rowid"})
                tables << QStringLiteral("idx_%1_geom_%2").arg(table, QLatin1String(part));
        tables << QStringLiteral("change_log") << QStringLiteral("sync_checkouts")
               << QStringLiteral("sync_ledger") << QStringLiteral("sync_conflicts")
               << QStringLiteral("sync_provenance") << QStringLiteral("sync_tombstones");
        QStringList existing;
        SqliteStatement exists(
            master, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        for (const QString& table : tables) {
            exists.bind(1, table);
            if (exists.step())
                existing << table;
            exists.reset();
        }
        return existing;
    }

private:
    std::atomic<bool> mStop{false};
    std::future<QStringList> mResult;
    std::optional<QStringList> mProblems;
};

// What the file's 100-byte header says against what is on disk: the page
// size is a power of two, and when the header's page count is current (its
// "version valid for" equals the change counter, as every SQLite since 3.7
// writes it) the file holds exactly that many pages. A copy cut short, or a
// file grown by something that is not SQLite, fails here before anything
// reads it. Empty when sound. (With a -wal beside it the file may lag the
// header; the WAL's own checksums guard that case.)
QString headerProblem(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot be read: %1").arg(file.errorString());
    const QByteArray header = file.read(100);
    const qint64 size = file.size();
    if (header.size() < 100 || !header.startsWith(QByteArray("SQLite format 3\0", 16)))
        return QStringLiteral("not an SQLite database (header missing)");
    const auto u16 = [&](int at) { return qFromBigEndian<quint16>(header.constData() + at); };
    const auto u32 = [&](int at) { return qFromBigEndian<quint32>(header.constData() + at); };
    const qint64 pageSize = u16(16) == 1 ? 65536 : u16(16);
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return QStringLiteral("the header gives an impossible page size (%1)").arg(pageSize);
    if (QFileInfo::exists(path + QStringLiteral("-wal")))
        return {};
    if (u32(24) == u32(92) && u32(28) != 0 && static_cast<qint64>(u32(28)) * pageSize != size)
        return QStringLiteral("the header says %1 pages of %2 bytes, the file has %3 bytes (truncated or "
                              "overwritten)")
            .arg(u32(28))
            .arg(pageSize)
            .arg(size);
    return {};
}

// SQLite's verdict on a statement that failed: the file is damaged.
bool isCorruption(SqliteDatabase& db, const RecheckError& e) {
    const int code = sqlite3_extended_errcode(db.handle()) & 0xff;
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ||
           QString::fromUtf8(e.what()).contains(QLatin1String("malformed"));
}

// Which district a changed row belongs to, judged on the package's values.
// Returns false (with `why`) for a row the package may not change.
class ScopeJudge {
public:
    ScopeJudge(SqliteDatabase& package, const QStringList& districtUuids)
        : mDb(package), mScope(districtUuids.begin(), districtUuids.end()) {}

    bool allowed(const ChangeSet& set, const RowChange& row, QString* why) {
        const SyncTableLayout& layout = set.layoutOf(row);
        const QString& table = layout.name();
        if (layout.table->insertOnly && row.op != ChangeOp::Insert) {
            *why = QStringLiteral("%1 are insert-only; the package %2d a recorded row")
                       .arg(table, changeOpName(row.op));
            return false;
        }
        if (row.op == ChangeOp::Delete)
            return true; // a row of the base: checked out, so in scope
        const auto value = [&](const char* column) {
            return row.current.value(layout.dataIndex.value(QString::fromLatin1(column), -1)).toString();
        };
        if (table == QLatin1String("feeders") || table == QLatin1String("staff") ||
            table == QLatin1String("plans") || table == QLatin1String("districts")) {
            if (row.op == ChangeOp::Insert) {
                *why = QStringLiteral("new %1 rows are created in the office, not in a package").arg(table);
                return false;
            }
            return true;
        }
        QString district;
        if (table == QLatin1String("customers") || table == QLatin1String("tasks") ||
            table == QLatin1String("staff_districts"))
            district = value("district_uuid");
        else if (table == QLatin1String("task_scope"))
            district = lookup(QStringLiteral("tasks"), value("task_uuid"));
        else if (table == QLatin1String("visits") || table == QLatin1String("discrepancies"))
            district = lookup(QStringLiteral("customers"), value("customer_uuid"));
        else {
            *why = QStringLiteral("no scope rule for table %1").arg(table);
            return false;
        }
        if (!mScope.contains(district)) {
            *why = district.isEmpty()
                       ? QStringLiteral("belongs to no district of the package's scope")
                       : QStringLiteral("belongs to district %1, outside the package's scope").arg(district);
            return false;
        }
        return true;
    }

private:
    // The lookup goes through the package's uuid index, which the default
    // quick_check does not compare with its table: the row it lands on must
    // carry the uuid asked for, or the package is damaged.
    QString lookup(const QString& table, const QString& uuid) {
        auto& statement = mLookups[table];
        if (!statement)
            statement = std::make_unique<SqliteStatement>(
                mDb, QStringLiteral("SELECT district_uuid, uuid FROM \"%1\" WHERE uuid = ?").arg(table));
        statement->bind(1, uuid);
        QString district;
        if (statement->step()) {
            if (statement->text(1) != uuid) {
                statement->reset();
                throw RecheckError(QStringLiteral("%1: the index on %2.uuid leads %3 to another row "
                                                  "(damaged index)")
                                       .arg(mDb.path(), table, uuid)
                                       .toStdString(),
                                   RecheckError::Kind::Database);
            }
            district = statement->text(0);
        }
        statement->reset();
        return district;
    }

    SqliteDatabase& mDb;
    QSet<QString> mScope;
    std::map<QString, std::unique_ptr<SqliteStatement>> mLookups;
};

// The merge proper, inside the caller's master transaction.
class MergeSession {
public:
    MergeSession(SqliteDatabase& master, const PackageMeta& meta, const ChangeSet& changes,
                 CheckinReport& report, CheckinProgress& progress, double progressFrom, double progressTo)
        : mDb(master), mMeta(meta), mChanges(changes), mReport(report), mNow(report.checkedInAt),
          mEditor(report.editor), mProgress(progress), mProgressFrom(progressFrom), mProgressTo(progressTo) {
        mLayouts = SyncTables::read(master);
        // A master with columns the package does not know (added since the
        // check-out; SyncTables::additiveDifference allowed them) is read and
        // written through the package's columns only.
        for (std::size_t t = 0; t < mLayouts.size(); ++t) {
            SyncTableLayout& layout = mLayouts[t];
            const SyncTableLayout& packageLayout = changes.tables[t];
            if (layout.dataColumns == packageLayout.dataColumns)
                continue;
            for (const QString& column : layout.dataColumns)
                if (!packageLayout.dataIndex.contains(column))
                    mMasterOnlyColumns[layout.name()] << column;
            layout.dataColumns = packageLayout.dataColumns;
            layout.dataIndex = packageLayout.dataIndex;
        }
        SqliteStatement policy(master,
                               QStringLiteral("SELECT table_name, field, prefer FROM sync_field_policy"));
        while (policy.step())
            mPolicy.insert(policy.text(0) + QLatin1Char('.') + policy.text(1), policy.text(2));
        SqliteStatement open(master, QStringLiteral("SELECT table_name, row_uuid, field FROM sync_conflicts "
                                                    "WHERE status = 'open' AND field IS NOT NULL"));
        while (open.step())
            mOpenFields.insert(fieldKey(open.text(0), open.text(1), open.text(2)));
        // Which tables refer to which: a delete must not leave children behind.
        for (const SyncTableLayout& child : mLayouts)
            for (const SyncTableLayout::Reference& ref : child.references)
                mChildren[ref.parentTable].push_back({child.name(), ref.column});
    }

    void run() {
        // Parents before children for inserts and updates, children before
        // parents for deletes.
        std::size_t done = 0;
        const double total = std::max<std::size_t>(1, mChanges.rows.size());
        const auto step = [&] {
            if (++done % kRowsPerReport == 0)
                mProgress.report(mProgressFrom + (mProgressTo - mProgressFrom) * done / total);
        };
        for (const RowChange& row : mChanges.rows) {
            if (row.op == ChangeOp::Insert)
                mergeInsert(row);
            else if (row.op == ChangeOp::Update)
                mergeUpdate(row);
            else
                continue;
            step();
        }
        // The updates decided above, written table by table in a few
        // statements (see flushUpdates), before any delete looks for rows
        // still referring to the row it removes.
        flushUpdates();
        for (auto it = mChanges.rows.rbegin(); it != mChanges.rows.rend(); ++it)
            if (it->op == ChangeOp::Delete) {
                mergeDelete(*it);
                step();
            }
    }

private:
    struct MasterRow {
        qint64 fid = 0;
        qint64 rowVersion = 0;
        QVariantList values;
    };

    static QString fieldKey(const QString& table, const QString& uuid, const QString& field) {
        return table + QLatin1Char('\x1f') + uuid + QLatin1Char('\x1f') + field;
    }

    const SyncTableLayout& layoutOf(const RowChange& row) const {
        return mLayouts[static_cast<std::size_t>(row.table)];
    }

    SqliteStatement& statement(const QString& key, const std::function<QString()>& sql) {
        auto& slot = mStatements[key];
        if (!slot)
            slot = std::make_unique<SqliteStatement>(mDb, sql());
        return *slot;
    }

    // The master's row of `uuid`. `fidHint` (the fid at check-out) makes it a
    // rowid lookup; the uuid index is the fallback (inserts, restored rows).
    std::optional<MasterRow> loadMaster(const SyncTableLayout& layout, const QString& uuid,
                                        qint64 fidHint = 0) {
        std::optional<MasterRow> row;
        const auto read = [&](SqliteStatement& st) {
            if (st.step() && st.text(2) == uuid) {
                row.emplace();
                row->fid = st.int64(0);
                row->rowVersion = st.int64(1);
                for (int c = 0; c < layout.dataColumns.size(); ++c)
                    row->values << st.value(3 + c);
            }
            st.reset();
        };
        if (fidHint > 0) {
            SqliteStatement& byFid = statement(QStringLiteral("select-fid:") + layout.name(), [&] {
                return QStringLiteral("SELECT fid, row_version, uuid, %1 FROM \"%2\" WHERE fid = ?")
                    .arg(layout.columnList(layout.dataColumns), layout.name());
            });
            byFid.bind(1, static_cast<std::int64_t>(fidHint));
            read(byFid);
            if (row)
                return row;
        }
        SqliteStatement& byUuid = statement(QStringLiteral("select-uuid:") + layout.name(), [&] {
            return QStringLiteral("SELECT fid, row_version, uuid, %1 FROM \"%2\" WHERE uuid = ?")
                .arg(layout.columnList(layout.dataColumns), layout.name());
        });
        byUuid.bind(1, uuid);
        read(byUuid);
        return row;
    }

    QString policyFor(const QString& table, const QString& field) const {
        auto it = mPolicy.constFind(table + QLatin1Char('.') + field);
        if (it == mPolicy.constEnd())
            it = mPolicy.constFind(table + QStringLiteral(".*"));
        return it == mPolicy.constEnd() ? QStringLiteral("ask") : *it;
    }

    bool parentExists(const QString& parentTable, const QVariant& uuid) {
        SqliteStatement& st = statement(QStringLiteral("parent:") + parentTable, [&] {
            return QStringLiteral("SELECT 1 FROM \"%1\" WHERE uuid = ?").arg(parentTable);
        });
        st.bind(1, uuid);
        const bool found = st.step();
        st.reset();
        return found;
    }

    // The first reference of the row (among `columns`, or all when empty)
    // whose parent the master does not have.
    QString missingParent(const SyncTableLayout& layout, const QVariantList& values,
                          const QSet<int>* columns) {
        for (const SyncTableLayout::Reference& ref : layout.references) {
            const int c = layout.dataIndex.value(ref.column, -1);
            if (c < 0 || (columns && !columns->contains(c)))
                continue;
            const QVariant& value = values[c];
            if (!value.isNull() && !parentExists(ref.parentTable, value))
                return QStringLiteral("%1 refers to %2 %3, which the master does not have")
                    .arg(ref.column, ref.parentTable, value.toString());
        }
        return {};
    }

    QString childStillReferring(const SyncTableLayout& layout, const QString& uuid) {
        for (const auto& [childTable, column] : mChildren.value(layout.name())) {
            SqliteStatement& st = statement(QStringLiteral("child:%1.%2").arg(childTable, column), [&] {
                return QStringLiteral("SELECT uuid FROM \"%1\" WHERE \"%2\" = ? LIMIT 1")
                    .arg(childTable, column);
            });
            st.bind(1, uuid);
            const QString child = st.step() ? st.text(0) : QString();
            st.reset();
            if (!child.isEmpty())
                return QStringLiteral("%1 %2 in the master still refers to it (%3)")
                    .arg(childTable, child, column);
        }
        return {};
    }

    qint64 recordConflict(const SyncTableLayout& layout, const QString& uuid, const QString& field,
                          const QString& kind, const QVariant& base, const QVariant& package,
                          const QVariant& master, qint64 baseRowVersion, const QString& policy,
                          const QString& detail, const QString& otherPackage = QString(),
                          const QString& resolution = QString(), const QVariant& resolvedValue = QVariant()) {
        SqliteStatement& st = statement(QStringLiteral("conflict"), [] {
            return QStringLiteral("INSERT INTO sync_conflicts (package_id, other_package_id, table_name, "
                                  "row_uuid, field, kind, "
                                  "base_value, package_value, master_value, base_row_version, policy, "
                                  "detail, status, resolution, "
                                  "resolved_value, resolved_by, resolved_at, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        });
        const bool decided = !resolution.isEmpty();
        st.bind(1, mMeta.packageId)
            .bind(2, otherPackage.isEmpty() ? QVariant() : QVariant(otherPackage))
            .bind(3, layout.name())
            .bind(4, uuid)
            .bind(5, field.isEmpty() ? QVariant() : QVariant(field))
            .bind(6, kind)
            .bind(7, base)
            .bind(8, package)
            .bind(9, master)
            .bind(10, baseRowVersion > 0 ? QVariant(baseRowVersion) : QVariant())
            .bind(11, policy)
            .bind(12, detail.isEmpty() ? QVariant() : QVariant(detail))
            .bind(13, decided ? QStringLiteral("resolved") : QStringLiteral("open"))
            .bind(14, decided ? QVariant(resolution) : QVariant())
            .bind(15, decided ? resolvedValue : QVariant())
            .bind(16, decided ? QVariant(QStringLiteral("policy")) : QVariant())
            .bind(17, decided ? QVariant(mNow) : QVariant())
            .bind(18, mNow)
            .execute();
        const qint64 id = mDb.lastInsertRowId();
        if (!decided && !field.isEmpty())
            mOpenFields.insert(fieldKey(layout.name(), uuid, field));
        return id;
    }

    qint64 rowConflict(const SyncTableLayout& layout, const RowChange& row, const QString& kind,
                       const std::optional<MasterRow>& master, const QString& detail,
                       const QString& otherPackage = QString()) {
        return recordConflict(layout, row.uuid, QString(), kind,
                              row.base.isEmpty() ? QVariant() : QVariant(rowJsonText(layout, row.base)),
                              row.current.isEmpty() ? QVariant() : QVariant(rowJsonText(layout, row.current)),
                              master ? QVariant(rowJsonText(layout, master->values)) : QVariant(),
                              row.baseRowVersion, QStringLiteral("ask"), detail, otherPackage);
    }

    CheckinItem item(const SyncTableLayout& layout, const RowChange& row) const {
        CheckinItem i;
        i.table = layout.name();
        i.uuid = row.uuid;
        i.op = changeOpName(row.op);
        return i;
    }

    // Runs a write that may break a unique key of the master (an account
    // number another package took meanwhile). SQLite undoes the failed
    // statement only; returns the message, or empty on success.
    QString tryWrite(SqliteStatement& st) {
        try {
            st.step();
            st.reset();
            return {};
        } catch (const RecheckError& e) {
            const int code = sqlite3_extended_errcode(mDb.handle()) & 0xff;
            st.reset();
            if (code != SQLITE_CONSTRAINT)
                throw;
            return QString::fromUtf8(sqlite3_errmsg(mDb.handle()));
        }
    }

    QString insertRow(const SyncTableLayout& layout, const QString& uuid, const QVariantList& values) {
        SqliteStatement& st = statement(QStringLiteral("insert:") + layout.name(), [&] {
            QStringList marks;
            for (int i = 0; i < layout.dataColumns.size(); ++i)
                marks << QStringLiteral("?");
            return QStringLiteral("INSERT INTO \"%1\" (uuid, %2, row_version, updated_at, updated_by) "
                                  "VALUES (?, %3, 1, ?, ?)")
                .arg(layout.name(), layout.columnList(layout.dataColumns), marks.join(QStringLiteral(", ")));
        });
        int index = 1;
        st.bind(index++, uuid);
        for (const QVariant& v : values)
            st.bind(index++, v);
        st.bind(index++, mNow);
        st.bind(index, mEditor);
        return tryWrite(st);
    }

    QString updateRow(const SyncTableLayout& layout, qint64 fid, const std::map<int, QVariant>& writes) {
        QString key = QStringLiteral("update:") + layout.name();
        for (const auto& w : writes)
            key += QLatin1Char(',') + QString::number(w.first);
        SqliteStatement& st = statement(key, [&] {
            QStringList sets;
            for (const auto& w : writes)
                sets << QStringLiteral("\"%1\" = ?").arg(layout.dataColumns[w.first]);
            return QStringLiteral("UPDATE \"%1\" SET %2, row_version = row_version + 1, updated_at = ?, "
                                  "updated_by = ? WHERE fid = ?")
                .arg(layout.name(), sets.join(QStringLiteral(", ")));
        });
        int index = 1;
        for (const auto& w : writes)
            st.bind(index++, w.second);
        st.bind(index++, mNow);
        st.bind(index++, mEditor);
        st.bind(index, static_cast<std::int64_t>(fid));
        return tryWrite(st);
    }

    void recordProvenance(const SyncTableLayout& layout, const QString& uuid, int column,
                          const QVariant& previous, const QVariant& applied) {
        SqliteStatement& st = statement(QStringLiteral("provenance"), [] {
            return QStringLiteral("INSERT INTO sync_provenance (package_id, table_name, row_uuid, field, "
                                  "previous_value, applied_value) VALUES (?, ?, ?, ?, ?, ?)");
        });
        st.bind(1, mMeta.packageId)
            .bind(2, layout.name())
            .bind(3, uuid)
            .bind(4, layout.dataColumns[column])
            .bind(5, previous)
            .bind(6, applied)
            .execute();
    }

    struct Provenance {
        QString packageId;
        QVariant previous;
        QVariant applied;
    };
    std::optional<Provenance> latestProvenance(const SyncTableLayout& layout, const QString& uuid,
                                               int column) {
        SqliteStatement& st = statement(QStringLiteral("provenance?"), [] {
            return QStringLiteral(
                "SELECT package_id, previous_value, applied_value FROM sync_provenance "
                "WHERE table_name = ? AND row_uuid = ? AND field = ? ORDER BY id DESC LIMIT 1");
        });
        st.bind(1, layout.name()).bind(2, uuid).bind(3, layout.dataColumns[column]);
        std::optional<Provenance> p;
        if (st.step())
            p = Provenance{st.text(0), st.value(1), st.value(2)};
        st.reset();
        return p;
    }

    struct Tombstone {
        QString packageId;
        QVariantList values;
    };
    std::optional<Tombstone> latestTombstone(const SyncTableLayout& layout, const QString& uuid) {
        SqliteStatement& st = statement(QStringLiteral("tombstone?"), [] {
            return QStringLiteral(
                "SELECT package_id, row_values FROM sync_tombstones WHERE table_name = ? AND "
                "row_uuid = ? ORDER BY id DESC LIMIT 1");
        });
        st.bind(1, layout.name()).bind(2, uuid);
        std::optional<Tombstone> t;
        if (st.step())
            t = Tombstone{st.text(0), sqlRowFromJson(layout.dataColumns,
                                                     QJsonDocument::fromJson(st.text(1).toUtf8()).object())};
        st.reset();
        return t;
    }

    void mergeInsert(const RowChange& row) {
        const SyncTableLayout& layout = layoutOf(row);
        CheckinItem result = item(layout, row);
        const std::optional<MasterRow> master = loadMaster(layout, row.uuid);
        if (master) {
            // The same UUID twice is the same row: equal values are no news,
            // different ones are held per field.
            for (int c = 0; c < layout.dataColumns.size(); ++c) {
                if (sameSqlValue(row.current[c], master->values[c]))
                    continue;
                result.fields << layout.dataColumns[c];
                result.conflictIds << recordConflict(
                    layout, row.uuid, layout.dataColumns[c], QStringLiteral("insert_exists"), QVariant(),
                    row.current[c], master->values[c], 0, policyFor(layout.name(), layout.dataColumns[c]),
                    QStringLiteral("the master already has a row with this uuid"));
            }
            if (result.conflictIds.isEmpty()) {
                result.detail = QStringLiteral("the master already has this row");
                mReport.unchanged << result;
            } else {
                mReport.conflicts << result;
            }
            return;
        }
        QString problem = missingParent(layout, row.current, nullptr);
        const QString kind =
            problem.isEmpty() ? QStringLiteral("constraint") : QStringLiteral("missing_parent");
        if (problem.isEmpty())
            problem = insertRow(layout, row.uuid, row.current);
        if (!problem.isEmpty()) {
            result.detail = problem;
            result.conflictIds << rowConflict(layout, row, kind, std::nullopt, problem);
            mReport.conflicts << result;
            return;
        }
        mReport.applied << result;
    }

    void mergeUpdate(const RowChange& row) {
        const SyncTableLayout& layout = layoutOf(row);
        CheckinItem result = item(layout, row);
        std::optional<MasterRow> master = loadMaster(layout, row.uuid, row.baseFid);
        bool restored = false;
        if (!master) {
            const std::optional<Tombstone> tomb = latestTombstone(layout, row.uuid);
            if (!tomb || tomb->packageId == mMeta.packageId) {
                // Deleted in the office: it stays deleted until a person
                // decides; the package's row is kept in the conflict.
                result.detail = QStringLiteral("deleted in the master since check-out");
                result.conflictIds << rowConflict(layout, row, QStringLiteral("update_delete"), std::nullopt,
                                                  result.detail);
                mReport.conflicts << result;
                return;
            }
            // Deleted by another package's check-in: an update beats a
            // delete until a person decides, whichever came back first.
            const QString problem = insertRow(layout, row.uuid, tomb->values);
            if (!problem.isEmpty()) {
                result.detail = problem;
                result.conflictIds << rowConflict(layout, row, QStringLiteral("update_delete"), std::nullopt,
                                                  problem, tomb->packageId);
                mReport.conflicts << result;
                return;
            }
            restored = true;
            master = MasterRow{mDb.lastInsertRowId(), 1, tomb->values};
            result.detail =
                QStringLiteral("deleted by the check-in of package %1; restored with this package's "
                               "changes until a person decides")
                    .arg(tomb->packageId);
            result.conflictIds << rowConflict(layout, row, QStringLiteral("update_delete"), std::nullopt,
                                              result.detail, tomb->packageId);
        }

        std::map<int, QVariant> writes;
        QSet<int> fromPackage;
        std::vector<std::pair<int, QVariant>> provenance; // column, previous value
        bool decidedByPolicy = false;
        QStringList decidedFields;
        for (int c : row.changed) {
            const QString& field = layout.dataColumns[c];
            const QVariant& p = row.current[c];
            const QVariant& b = row.base[c];
            const QVariant& m = master->values[c];
            if (sameSqlValue(p, m))
                continue; // identical edit
            const QString policy = policyFor(layout.name(), field);
            if (mOpenFields.contains(fieldKey(layout.name(), row.uuid, field))) {
                // Already disputed: a new value joins the dispute rather than
                // settling it.
                result.fields << field;
                result.conflictIds << recordConflict(layout, row.uuid, field, QStringLiteral("field"), b, p,
                                                     m, row.baseRowVersion, policy,
                                                     QStringLiteral("the field has an open conflict"));
                continue;
            }
            if (sameSqlValue(m, b)) {
                writes[c] = p;
                fromPackage.insert(c);
                provenance.emplace_back(c, m);
                continue;
            }
            const std::optional<Provenance> prov = latestProvenance(layout, row.uuid, c);
            if (prov && prov->packageId != mMeta.packageId && sameSqlValue(prov->applied, m)) {
                // Two packages disagree: back to the value before either.
                if (!sameSqlValue(prov->previous, m))
                    writes[c] = prov->previous;
                if (policy == QLatin1String("office")) {
                    decidedByPolicy = true;
                    decidedFields << field;
                    recordConflict(layout, row.uuid, field, QStringLiteral("field"), b, p, m,
                                   row.baseRowVersion, policy,
                                   QStringLiteral("package %1 wrote another value").arg(prov->packageId),
                                   prov->packageId, QStringLiteral("office"), prov->previous);
                } else {
                    result.fields << field;
                    result.conflictIds << recordConflict(
                        layout, row.uuid, field, QStringLiteral("field"), b, p, m, row.baseRowVersion, policy,
                        QStringLiteral(
                            "package %1 wrote another value; the field keeps its value from before "
                            "both until a person decides")
                            .arg(prov->packageId),
                        prov->packageId);
                }
                continue;
            }
            if (policy == QLatin1String("field")) {
                writes[c] = p;
                fromPackage.insert(c);
                provenance.emplace_back(c, m);
                decidedByPolicy = true;
                decidedFields << field;
                recordConflict(layout, row.uuid, field, QStringLiteral("field"), b, p, m, row.baseRowVersion,
                               policy, QString(), QString(), QStringLiteral("package"), p);
            } else if (policy == QLatin1String("office")) {
                decidedByPolicy = true;
                decidedFields << field;
                recordConflict(layout, row.uuid, field, QStringLiteral("field"), b, p, m, row.baseRowVersion,
                               policy, QString(), QString(), QStringLiteral("master"), m);
            } else {
                result.fields << field;
                result.conflictIds << recordConflict(layout, row.uuid, field, QStringLiteral("field"), b, p,
                                                     m, row.baseRowVersion, policy, QString());
            }
        }

        // A reference the package set to a row the master no longer has.
        QVariantList proposed = master->values;
        for (const auto& w : writes)
            proposed[w.first] = w.second;
        const QString orphan = missingParent(layout, proposed, &fromPackage);
        if (!orphan.isEmpty()) {
            result.detail = orphan;
            result.conflictIds << rowConflict(layout, row, QStringLiteral("missing_parent"), master, orphan);
            mReport.conflicts << result;
            return;
        }
        PendingUpdate pending{&row,
                              std::move(*master),
                              std::move(writes),
                              std::move(provenance),
                              std::move(result),
                              std::move(fromPackage),
                              restored,
                              decidedByPolicy,
                              std::move(decidedFields)};
        if (pending.writes.empty())
            finishUpdate(pending, QString());
        else
            mPending.push_back(std::move(pending));
    }

    // An update decided by mergeUpdate whose values are not written yet.
    struct PendingUpdate {
        const RowChange* row = nullptr;
        MasterRow master;
        std::map<int, QVariant> writes;                   ///< data column -> value
        std::vector<std::pair<int, QVariant>> provenance; ///< column, previous value
        CheckinItem result;
        QSet<int> fromPackage;
        bool restored = false;
        bool decidedByPolicy = false;
        QStringList decidedFields;
    };

    // Why updates are written in batches: every statement that writes the
    // customer search index (FTS5, through the triggers on customers) ends
    // with SQLite's statement savepoint, at which FTS5 flushes what it holds
    // in memory into a new index segment. One UPDATE per row meant one
    // segment per row (half of the merge's time at 5 000 rows). One UPDATE
    // per table and set of changed columns fires the same triggers for the
    // same rows, and FTS5 flushes once. A batch that breaks a constraint
    // (an account number another package took meanwhile) is undone to its
    // savepoint and written row by row, so each failing row becomes the
    // conflict it was before.
    void flushUpdates() {
        std::map<QString, std::vector<std::size_t>> groups; // ordered: the same writes in the same order
        for (std::size_t i = 0; i < mPending.size(); ++i) {
            const PendingUpdate& p = mPending[i];
            QString key = QString::number(p.row->table).rightJustified(4, QLatin1Char('0'));
            for (const auto& w : p.writes)
                key += QLatin1Char(',') + QString::number(w.first);
            groups[key].push_back(i);
        }
        std::vector<QString> problems(mPending.size());
        for (const auto& [key, members] : groups) {
            const PendingUpdate& first = mPending[members.front()];
            const SyncTableLayout& layout = layoutOf(*first.row);
            if (members.size() < kBatchRows || !updateBatch(layout, members)) {
                for (std::size_t i : members)
                    problems[i] = updateRow(layout, mPending[i].master.fid, mPending[i].writes);
            }
        }
        for (std::size_t i = 0; i < mPending.size(); ++i)
            finishUpdate(mPending[i], problems[i]);
        mPending.clear();
    }

    // Writes the pending updates `members` (one table, one set of columns)
    // with one UPDATE. false, with nothing written, when a constraint failed.
    bool updateBatch(const SyncTableLayout& layout, const std::vector<std::size_t>& members) {
        const std::map<int, QVariant>& shape = mPending[members.front()].writes;
        const int width = static_cast<int>(shape.size());
        const QString values = QStringLiteral("merge_batch_%1").arg(width);
        if (!mBatchTables.contains(width)) {
            QStringList columns{QStringLiteral("fid INTEGER PRIMARY KEY")};
            for (int v = 0; v < width; ++v)
                columns << QStringLiteral("v%1").arg(v); // no type: values kept as bound
            mDb.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1 (%2)")
                         .arg(values, columns.join(QStringLiteral(", "))));
            mBatchTables.insert(width);
        }
        mDb.exec(QStringLiteral("DELETE FROM temp.%1").arg(values));
        SqliteStatement& fill = statement(QStringLiteral("batch-fill:") + values, [&] {
            QStringList marks;
            for (int v = 0; v <= width; ++v)
                marks << QStringLiteral("?");
            return QStringLiteral("INSERT INTO temp.%1 VALUES (%2)")
                .arg(values, marks.join(QStringLiteral(", ")));
        });
        for (std::size_t i : members) {
            int index = 1;
            fill.bind(index++, static_cast<std::int64_t>(mPending[i].master.fid));
            for (const auto& w : mPending[i].writes)
                fill.bind(index++, w.second);
            fill.execute();
        }
        QString key = QStringLiteral("batch-update:") + layout.name();
        QStringList targets, sources;
        for (const auto& w : shape) {
            key += QLatin1Char(',') + QString::number(w.first);
            targets << QLatin1Char('"') + layout.dataColumns[w.first] + QLatin1Char('"');
            sources << QStringLiteral("w.v%1").arg(sources.size());
        }
        SqliteStatement& update = statement(key, [&] {
            // Row by row through the fids (the target's rowid): a join
            // written as UPDATE … FROM would scan the whole table.
            return QStringLiteral(
                       "UPDATE \"%1\" SET %2 = (SELECT %3 FROM temp.%4 w WHERE w.fid = \"%1\".fid), "
                       "row_version = row_version + 1, updated_at = ?, updated_by = ? "
                       "WHERE fid IN (SELECT fid FROM temp.%4)")
                .arg(layout.name(),
                     width == 1 ? targets.first()
                                : QLatin1Char('(') + targets.join(QStringLiteral(", ")) + QLatin1Char(')'),
                     sources.join(QStringLiteral(", ")), values);
        });
        update.bind(1, mNow).bind(2, mEditor);
        mDb.exec(QStringLiteral("SAVEPOINT merge_batch"));
        try {
            update.step();
            update.reset();
        } catch (const RecheckError&) {
            const int code = sqlite3_extended_errcode(mDb.handle()) & 0xff;
            update.reset();
            if (code != SQLITE_CONSTRAINT)
                throw;
            mDb.exec(QStringLiteral("ROLLBACK TO merge_batch; RELEASE merge_batch"));
            return false;
        }
        mDb.exec(QStringLiteral("RELEASE merge_batch"));
        return true;
    }

    // The bookkeeping of an update once its values are written (or failed
    // with `problem`): provenance, and where the row goes in the report.
    void finishUpdate(PendingUpdate& p, const QString& problem) {
        const RowChange& row = *p.row;
        const SyncTableLayout& layout = layoutOf(row);
        CheckinItem& result = p.result;
        if (!p.writes.empty()) {
            if (!problem.isEmpty()) {
                result.detail = problem;
                result.conflictIds << rowConflict(layout, row, QStringLiteral("constraint"), p.master,
                                                  problem);
                mReport.conflicts << result;
                return;
            }
            for (const auto& [c, previous] : p.provenance)
                recordProvenance(layout, row.uuid, c, previous, p.writes[c]);
        }
        if (p.decidedByPolicy) {
            CheckinItem decided = item(layout, row);
            decided.fields = p.decidedFields;
            mReport.decided << decided;
        }
        if (!result.conflictIds.isEmpty()) {
            mReport.conflicts << result;
            return;
        }
        for (int c : p.fromPackage)
            result.fields << layout.dataColumns[c];
        if (p.fromPackage.isEmpty() && !p.restored) {
            if (!p.decidedByPolicy) {
                result.detail = QStringLiteral("the master already has these values");
                mReport.unchanged << result;
            }
            return;
        }
        std::sort(result.fields.begin(), result.fields.end());
        if (p.master.rowVersion == row.baseRowVersion)
            mReport.applied << result;
        else
            mReport.merged << result;
    }

    // The columns the package does not know that hold a value in the
    // master's row: a delete from the package would lose them unseen.
    QStringList masterOnlyValues(const SyncTableLayout& layout, qint64 fid) {
        const QStringList columns = mMasterOnlyColumns.value(layout.name());
        if (columns.isEmpty())
            return {};
        SqliteStatement& st = statement(QStringLiteral("master-only:") + layout.name(), [&] {
            return QStringLiteral("SELECT %1 FROM \"%2\" WHERE fid = ?")
                .arg(layout.columnList(columns), layout.name());
        });
        st.bind(1, static_cast<std::int64_t>(fid));
        QStringList holding;
        if (st.step())
            for (int c = 0; c < columns.size(); ++c)
                if (!st.isNull(c))
                    holding << columns[c];
        st.reset();
        return holding;
    }

    void mergeDelete(const RowChange& row) {
        const SyncTableLayout& layout = layoutOf(row);
        CheckinItem result = item(layout, row);
        const std::optional<MasterRow> master = loadMaster(layout, row.uuid, row.baseFid);
        if (!master) {
            result.detail = QStringLiteral("already deleted in the master");
            mReport.unchanged << result;
            return;
        }
        QStringList changedInMaster;
        for (int c = 0; c < layout.dataColumns.size(); ++c)
            if (!sameSqlValue(master->values[c], row.base[c]))
                changedInMaster << layout.dataColumns[c];
        QString problem;
        changedInMaster << masterOnlyValues(layout, master->fid);
        if (!changedInMaster.isEmpty())
            problem =
                QStringLiteral("changed in the master since check-out (%1); the row is kept until a person "
                               "decides")
                    .arg(changedInMaster.join(QStringLiteral(", ")));
        else
            problem = childStillReferring(layout, row.uuid);
        if (problem.isEmpty()) {
            SqliteStatement& st = statement(QStringLiteral("delete:") + layout.name(), [&] {
                return QStringLiteral("DELETE FROM \"%1\" WHERE fid = ?").arg(layout.name());
            });
            st.bind(1, static_cast<std::int64_t>(master->fid));
            problem = tryWrite(st);
        }
        if (!problem.isEmpty()) {
            result.detail = problem;
            result.fields = changedInMaster;
            result.conflictIds << rowConflict(layout, row, QStringLiteral("delete_update"), master, problem);
            mReport.conflicts << result;
            return;
        }
        SqliteStatement& tomb = statement(QStringLiteral("tombstone"), [] {
            return QStringLiteral(
                "INSERT INTO sync_tombstones (package_id, table_name, row_uuid, row_values, "
                "deleted_at) VALUES (?, ?, ?, ?, ?)");
        });
        tomb.bind(1, mMeta.packageId)
            .bind(2, layout.name())
            .bind(3, row.uuid)
            .bind(4, rowJsonText(layout, master->values))
            .bind(5, mNow)
            .execute();
        mReport.applied << result;
    }

    SqliteDatabase& mDb;
    const PackageMeta& mMeta;
    const ChangeSet& mChanges;
    CheckinReport& mReport;
    const QString mNow;
    const QString mEditor;
    std::vector<SyncTableLayout> mLayouts;
    QHash<QString, QString> mPolicy;
    QSet<QString> mOpenFields;
    QHash<QString, std::vector<std::pair<QString, QString>>> mChildren;
    QHash<QString, QStringList> mMasterOnlyColumns; ///< per table: columns the package lacks
    std::map<QString, std::unique_ptr<SqliteStatement>> mStatements;
    std::vector<PendingUpdate> mPending; ///< decided, written by flushUpdates()
    QSet<int> mBatchTables;              ///< widths of the temp.merge_batch_N tables made
    CheckinProgress& mProgress;
    const double mProgressFrom;
    const double mProgressTo;
    static constexpr std::size_t kRowsPerReport = 256;
    static constexpr std::size_t kBatchRows = 2; ///< fewer: the one-row UPDATE
};

} // namespace

namespace {

CheckinReport runCheckin(const QString& masterPath, const QString& packagePath, const CheckinOptions& options,
                         CheckinProgress& progress) {
    CheckinReport report;
    PhaseClock clock(report.phases);
    report.checkedInBy = options.checkedInBy.isEmpty() ? PackageWriter::loginName() : options.checkedInBy;
    const auto refuse = [&](const QString& detail, const QString& table = QString(),
                            const QString& uuid = QString()) {
        CheckinItem item;
        item.table = table;
        item.uuid = uuid;
        item.detail = detail;
        report.refused << item;
        report.outcome = CheckinReport::Outcome::Refused;
        return report;
    };

    // The package first, read-only: a damaged or foreign file never gets as
    // far as a write to the master.
    if (!QFileInfo(packagePath).isFile())
        return refuse(QStringLiteral("%1: no such file").arg(packagePath));
    std::unique_ptr<SqliteDatabase> package;
    PackageMeta meta;
    QStringList changedTables;
    std::future<QString> baseDigest;
    std::unique_ptr<BackgroundCheck> packageCheck;
    // The package's structural check, on a thread of its own. quick_check
    // by default: every page, the freelist, record formats and NOT NULL, in
    // one pass (O(N)). integrity_check also looks every row up in every
    // index (O(N log N), twice the time); the check-in reads the package's
    // tables and base by rowid only, and verifies the rows its index lookups
    // land on (ScopeJudge), so index-only damage cannot mislead it.
    const auto startPackageCheck = [&] {
        if (!packageCheck)
            packageCheck = std::make_unique<BackgroundCheck>(
                packagePath,
                options.fullPackageCheck ? QStringLiteral("integrity_check") : QStringLiteral("quick_check"));
    };
    // A damaged package refuses with what its check found: the root cause,
    // rather than whichever read ran into the damage first.
    const auto refuseDamagedPackage = [&](const QString& fallback) {
        startPackageCheck();
        const QStringList problems = packageCheck->problems(progress, 0.1);
        if (problems.isEmpty())
            return refuse(fallback);
        return refuse(QStringLiteral("%1: the package is damaged (%2: %3)")
                          .arg(packagePath,
                               options.fullPackageCheck ? QStringLiteral("integrity check")
                                                        : QStringLiteral("quick check"),
                               problems.join(QStringLiteral("; "))));
    };
    try {
        const QString header = headerProblem(packagePath);
        if (!header.isEmpty())
            return refuse(QStringLiteral("%1: the package is damaged: %2").arg(packagePath, header));
        Archive::schemaVersionOf(packagePath); // not an archive / newer: throws
        // The package is read by the diff (two connections, two threads,
        // the frozen base digested on the way) and then checked page by page
        // on a thread while this one merges: the diff and the check each
        // keep both cores busy, the merge only one. The verdict is the same
        // as when the check ran first and alone, it only comes later -- and
        // nothing is written to the master before it is in.
        package = std::make_unique<SqliteDatabase>(packagePath, SqliteDatabase::Mode::ReadOnly);
        // Every page the diff reads is checked as it is loaded. SQLite's
        // small default page cache: the diff reads each table once, in
        // order, and a large private cache cost more to allocate and zero
        // than the reads it saved. (No memory map either: a package on a
        // USB stick pulled out mid-read must fail with an error, not a
        // SIGBUS that takes QGIS down.)
        package->exec(QStringLiteral("PRAGMA cell_size_check = ON"));
        progress.report(0.0);
        meta = PackageMeta::read(*package);
        // Which synced tables the package changed: the change capture's
        // record (a changed row without one is refused as damage below).
        SqliteStatement changed(*package, QStringLiteral("SELECT DISTINCT table_name FROM change_log"));
        QSet<QString> logged;
        while (changed.step())
            logged.insert(changed.text(0));
        for (const SyncedTable& table : ArchiveSchema::syncedTables())
            if (logged.contains(table.name))
                changedTables << table.name;
        if (package->scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = 'role'")).toString() !=
            QLatin1String("package"))
            return refuse(QStringLiteral("%1: not a package (role is not 'package')").arg(packagePath));
    } catch (const RecheckError& e) {
        return refuseDamagedPackage(
            QStringLiteral("%1: cannot be read as a package (damaged, or not a package): %2")
                .arg(packagePath, QString::fromUtf8(e.what())));
    }
    report.packageId = meta.packageId;
    clock.lap(QStringLiteral("open package, start its checks"));
    progress.report(0.05);

    if (options.checkMaster && QFileInfo(masterPath).isFile()) {
        const QString header = headerProblem(masterPath);
        if (!header.isEmpty())
            return refuse(
                QStringLiteral("%1: the master is damaged: %2; repair it before checking packages in")
                    .arg(masterPath, header));
    }
    Archive master = Archive::open(masterPath, Archive::Access::ReadWrite);
    report.masterId = master.info().id;
    if (master.info().role != ArchiveInfo::Role::Master)
        return refuse(QStringLiteral("%1: is not a master archive").arg(masterPath));
    std::unique_ptr<BackgroundCheck> masterCheck;
    if (options.checkMaster) {
        // The merge's own connection checks every page it loads (see
        // MasterCheckScope::Touched): the cost is a few comparisons per
        // page, against reading the whole file for a quick_check.
        master.db().exec(QStringLiteral("PRAGMA cell_size_check = ON"));
        if (options.masterCheck != MasterCheckScope::Touched)
            masterCheck = std::make_unique<BackgroundCheck>(
                masterPath, QStringLiteral("quick_check"),
                options.masterCheck == MasterCheckScope::WholeFile
                    ? QStringList()
                    : BackgroundCheck::writtenTables(master.db(), changedTables));
    }
    // The merge probes rows all over a large file: a bigger page cache than
    // SQLite's 2 MB default keeps the upper B-tree levels in memory.
    // Temporary tables and statement journals (the deferred search index's
    // notes, each UPDATE's undo record) stay in memory: they are small, and
    // in files they cost tens of thousands of writes per check-in.
    master.db().exec(QStringLiteral("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY"));
    if (options.scratchMaster)
        master.db().exec(QStringLiteral(
            "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; PRAGMA mmap_size = 268435456"));
    clock.lap(QStringLiteral("open master"));
    progress.report(0.1);

    // Identity and schema.
    if (meta.formatVersion != PackageMeta::kFormatVersion)
        return refuse(QStringLiteral("%1: package format %2, this Recheck reads format %3")
                          .arg(packagePath)
                          .arg(meta.formatVersion)
                          .arg(PackageMeta::kFormatVersion));
    if (meta.masterId != master.info().id)
        return refuse(QStringLiteral("%1: package %2 was checked out of master %3 (%4), not of %5 (%6)")
                          .arg(packagePath, meta.packageId, meta.masterId, meta.masterName, master.info().id,
                               master.info().name));
    // The schema: what the merge reads and writes are the synced tables'
    // columns, so they decide, not the version number. A master upgraded
    // while the package was out (a new table, or a nullable column added to
    // a synced table) takes the package; the added columns keep their
    // master values (NULL or the default for new rows).
    const int packageSchema = package->scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (packageSchema > master.info().schemaVersion)
        return refuse(QStringLiteral("%1: package schema v%2 is newer than the master's v%3; upgrade the "
                                     "master (recheck upgrade) first")
                          .arg(packagePath)
                          .arg(packageSchema)
                          .arg(master.info().schemaVersion));
    if (SyncTables::columnHash(*package) != meta.columnHash)
        return refuse(QStringLiteral("%1: the columns of the synced tables changed since check-out (schema "
                                     "mismatch)")
                          .arg(packagePath));
    if (meta.columnHash != SyncTables::columnHash(master.db())) {
        const QString difference = SyncTables::additiveDifference(*package, master.db());
        if (!difference.isEmpty())
            return refuse(
                QStringLiteral("%1: the columns of the synced tables differ from the master's (schema "
                               "mismatch): %2")
                    .arg(packagePath, difference));
    }

    clock.lap(QStringLiteral("identity and schema"));

    // The master's own record of the check-out.
    QString recordedDigest;
    QStringList recordedScope;
    {
        SqliteStatement record(master.db(),
                               QStringLiteral("SELECT base_digest, district_uuids FROM sync_checkouts "
                                              "WHERE package_id = ?"));
        record.bind(1, meta.packageId);
        if (!record.step())
            return refuse(QStringLiteral("%1: this master has no record of checking out package %2")
                              .arg(packagePath, meta.packageId));
        recordedDigest = record.text(0);
        for (const QJsonValue& v : QJsonDocument::fromJson(record.text(1).toUtf8()).array())
            recordedScope << v.toString();
    }
    if (recordedScope != meta.districtUuids)
        return refuse(
            QStringLiteral("%1: the package's scope differs from the master's record of the check-out")
                .arg(packagePath));

    ChangeSet changes;
    try {
        // The base digest in the format of the master's record (packages
        // checked out by older builds carry the single-stream one).
        const BaseDigest::Format digestFormat = BaseDigest::formatOf(recordedDigest);
        if (options.changes) {
            // Read by the caller, the base digest too if in the record's
            // format; else the digest gets a thread of its own.
            changes = *options.changes;
            startPackageCheck();
            if (!options.changesBaseDigest.isEmpty() && options.changesBaseDigestFormat == digestFormat) {
                std::promise<QString> read;
                read.set_value(options.changesBaseDigest);
                baseDigest = read.get_future();
            } else {
                baseDigest = std::async(std::launch::async, [packagePath, digestFormat] {
                    SqliteDatabase db(packagePath, SqliteDatabase::Mode::ReadOnly);
                    db.exec(QStringLiteral("PRAGMA cell_size_check = ON"));
                    return BaseDigest::compute(db, digestFormat);
                });
            }
        } else {
            QString digest;
            changes = PackageChangeReader(*package).read(&digest, digestFormat);
            std::promise<QString> read;
            read.set_value(digest);
            baseDigest = read.get_future();
            startPackageCheck();
        }
        clock.lap(QStringLiteral("read changes"));
        progress.report(0.3);
    } catch (const RecheckError& e) {
        return refuseDamagedPackage(QStringLiteral("%1: cannot read the package's changes: %2")
                                        .arg(packagePath, QString::fromUtf8(e.what())));
    }
    // The package's structural check and base digest, still running on
    // their threads. Whatever the merge did before this is in the master's
    // open transaction only: a refusal here rolls it back, byte for byte.
    // The structural verdict comes first: a damaged page explains a digest
    // that does not add up.
    std::optional<QString> packageVerdict;
    const auto packageChecks = [&](double fraction) -> QString {
        if (!packageVerdict) {
            if (!packageCheck->problems(progress, fraction).isEmpty()) {
                packageVerdict = QString(); // refused below with the problems
            } else {
                while (baseDigest.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
                    progress.report(fraction);
                QString digest;
                try {
                    digest = baseDigest.get();
                } catch (const RecheckError& e) {
                    digest = QString::fromUtf8(e.what());
                }
                packageVerdict = digest == recordedDigest
                                     ? QStringLiteral("ok")
                                     : QStringLiteral("%1: the frozen base copy differs from what was "
                                                      "checked out (damaged file): its digest does not "
                                                      "match the master's record")
                                           .arg(packagePath);
            }
        }
        return *packageVerdict;
    };
    const auto refuseUnlessPackageSound = [&](double fraction) -> bool {
        const QString verdict = packageChecks(fraction);
        if (verdict == QLatin1String("ok"))
            return false;
        if (verdict.isEmpty())
            refuseDamagedPackage(QString());
        else
            refuse(verdict);
        return true;
    };
    if (!changes.damage.empty()) {
        if (packageChecks(0.3).isEmpty())
            return refuseDamagedPackage(QString()); // the pages behind the odd rows
        for (const PackageDamage& d : changes.damage)
            refuse(d.reason, d.table, d.uuid);
        return report;
    }
    report.changesetSha256 = changes.sha256();
    clock.lap(QStringLiteral("change set hash"));

    // The ledger: the same change set again is a no-op with the same report.
    {
        SqliteStatement ledger(master.db(),
                               QStringLiteral("SELECT changeset_sha256, report, checked_in_at FROM "
                                              "sync_ledger WHERE package_id = ?"));
        ledger.bind(1, meta.packageId);
        if (ledger.step()) {
            if (ledger.text(0) == report.changesetSha256) {
                if (refuseUnlessPackageSound(0.3))
                    return report;
                CheckinReport first =
                    CheckinReport::fromJson(QJsonDocument::fromJson(ledger.text(1).toUtf8()).object());
                first.repeat = true;
                return first;
            }
            return refuse(
                QStringLiteral("%1: package %2 was edited after check-in: it was checked in at %3 with "
                               "change set SHA-256 %4, it now has %5")
                    .arg(packagePath, meta.packageId, ledger.text(2), ledger.text(0),
                         report.changesetSha256));
        }
    }

    // Scope: every change must belong to the package's districts.
    try {
        ScopeJudge judge(*package, recordedScope);
        for (const RowChange& row : changes.rows) {
            QString why;
            if (!judge.allowed(changes, row, &why))
                refuse(QStringLiteral("%1 outside the package's scope: %2").arg(changeOpName(row.op), why),
                       changes.layoutOf(row).name(), row.uuid);
        }
        if (!report.refused.isEmpty())
            return report;
    } catch (const RecheckError& e) {
        return refuse(
            QStringLiteral("%1: the package is damaged: %2").arg(packagePath, QString::fromUtf8(e.what())));
    }
    package.reset();
    clock.lap(QStringLiteral("ledger, scope"));
    progress.report(0.45);
    if (masterCheck) {
        const QStringList problems = masterCheck->problems(progress, 0.45);
        if (!problems.isEmpty())
            return refuse(
                QStringLiteral("%1: the master is damaged (quick check: %2); repair it before checking "
                               "packages in")
                    .arg(masterPath, problems.join(QStringLiteral("; "))));
        masterCheck.reset();
        clock.lap(QStringLiteral("master quick check (rest of)"));
    }
    progress.report(0.5);

    // One master transaction: all of it or none of it.
    report.checkedInAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    report.editor = meta.editor();
    {
        SqliteTransaction tx(master.db());
        try {
            // The search index is brought up to date once after the merge
            // (see DeferredSearchIndex), not by its triggers row by row.
            DeferredSearchIndex searchIndex(master.db());
            MergeSession(master.db(), meta, changes, report, progress, 0.5, 0.95).run();
            clock.lap(QStringLiteral("merge"));
            searchIndex.finish();
            clock.lap(QStringLiteral("search index"));
        } catch (const RecheckError& e) {
            // A damaged page the merge ran into (cell_size_check, SQLite's
            // own checks): the guard rolls back, the master keeps its bytes.
            if (progress.cancelled() || !options.checkMaster || !isCorruption(master.db(), e))
                throw;
            CheckinReport refused;
            refused.packageId = report.packageId;
            refused.masterId = report.masterId;
            refused.checkedInBy = report.checkedInBy;
            refused.changesetSha256 = report.changesetSha256;
            report = refused;
            return refuse(QStringLiteral("%1: the master is damaged where this check-in writes (%2); nothing "
                                         "was written; repair it before checking packages in")
                              .arg(masterPath, QString::fromUtf8(e.what())));
        }
        // The last chance to stop: past this point the master is written.
        progress.report(0.95);
        if (refuseUnlessPackageSound(0.95)) {
            CheckinReport refused = report;
            refused.applied.clear();
            refused.merged.clear();
            refused.unchanged.clear();
            refused.conflicts.clear();
            refused.decided.clear();
            report = refused;
            return report; // the guard rolls the merge back
        }
        clock.lap(QStringLiteral("package checks (rest of)"));
        report.outcome = report.conflicts.isEmpty() ? CheckinReport::Outcome::Merged
                                                    : CheckinReport::Outcome::MergedWithConflicts;
        SqliteStatement ledger(
            master.db(), QStringLiteral("INSERT INTO sync_ledger (package_id, changeset_sha256, "
                                        "checked_in_at, checked_in_by, report) VALUES (?, ?, ?, ?, ?)"));
        const QByteArray reportJson = report.toCompactJson();
        ledger.bind(1, meta.packageId)
            .bind(2, report.changesetSha256)
            .bind(3, report.checkedInAt)
            .bind(4, report.checkedInBy)
            .bind(5, reportJson.constData(), reportJson.size())
            .execute();
        SqliteStatement checkout(
            master.db(), QStringLiteral("UPDATE sync_checkouts SET status = 'checked_in', checked_in_at = ?, "
                                        "row_version = row_version + 1, updated_at = ?, updated_by = ? "
                                        "WHERE package_id = ?"));
        checkout.bind(1, report.checkedInAt)
            .bind(2, report.checkedInAt)
            .bind(3, report.checkedInBy)
            .bind(4, meta.packageId)
            .execute();
        try {
            tx.commit();
        } catch (const RecheckError& e) {
            // Deferred foreign keys are checked at COMMIT; the transaction
            // rolls back with the guard.
            CheckinReport refused;
            refused.packageId = report.packageId;
            refused.masterId = report.masterId;
            refused.checkedInBy = report.checkedInBy;
            refused.changesetSha256 = report.changesetSha256;
            report = refused;
            return refuse(
                QStringLiteral("the merge would leave the master inconsistent, nothing was written: %1")
                    .arg(QString::fromUtf8(e.what())));
        }
        clock.lap(QStringLiteral("ledger, commit"));
    }
    progress.finish();
    return report;
}

} // namespace

CheckinReport CheckinMerger::checkin(const QString& masterPath, const QString& packagePath,
                                     const CheckinOptions& options) {
    CheckinProgress progress(options.progress);
    const auto cancelled = [&] {
        CheckinReport report;
        report.outcome = CheckinReport::Outcome::Cancelled;
        report.checkedInBy = options.checkedInBy.isEmpty() ? PackageWriter::loginName() : options.checkedInBy;
        return report;
    };
    // A zipped package (checkout --zip) is checked in from a private copy
    // taken out of the zip; what is said about the file names the zip.
    QString package = packagePath;
    std::unique_ptr<QTemporaryDir> unzipped;
    QString zipEntry;
    if (PackageZip::isZip(packagePath)) {
        unzipped =
            std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("recheck-checkin-XXXXXX")));
        try {
            if (!unzipped->isValid())
                throw RecheckError(QStringLiteral("cannot create a temporary folder to unzip %1 into: %2")
                                       .arg(packagePath, unzipped->errorString())
                                       .toStdString(),
                                   RecheckError::Kind::Io);
            package = PackageZip::extractPackage(packagePath, unzipped->path(), &zipEntry);
        } catch (const RecheckError& e) {
            CheckinReport refused;
            refused.checkedInBy =
                options.checkedInBy.isEmpty() ? PackageWriter::loginName() : options.checkedInBy;
            CheckinItem item;
            item.detail = QString::fromUtf8(e.what());
            refused.refused << item;
            return refused;
        }
    }
    try {
        CheckinReport report = runCheckin(masterPath, package, options, progress);
        if (unzipped)
            for (CheckinItem& item : report.refused)
                item.detail.replace(package, packagePath + QLatin1Char(':') + zipEntry);
        // An interrupted integrity check ends as a refusal of the file it
        // was reading; it was the caller who stopped it.
        if (progress.cancelled() && report.outcome == CheckinReport::Outcome::Refused)
            return cancelled();
        return report;
    } catch (const CheckinCancelled&) {
        return cancelled();
    } catch (const RecheckError&) {
        // A statement interrupted by the cancel: the transaction guard has
        // rolled the master back.
        if (progress.cancelled())
            return cancelled();
        throw;
    }
}

} // namespace recheck
