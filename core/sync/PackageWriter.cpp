#include "PackageWriter.h"

#include "BaseDigest.h"

#include "BasemapClipper.h"
#include "ChangeSet.h"
#include "PhaseClock.h"
#include "SyncTables.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "archive/SpatialIndexLoader.h"
#include "common/Sqlite.h"
#include "search/SearchIndex.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSysInfo>

#include <sqlite3.h>

#include <atomic>
#include <fcntl.h>
#include <future>
#include <unistd.h>
#include <utility>
#include <vector>

namespace recheck {

namespace {

struct Cancelled {};

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

void removeDatabaseFiles(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// Which master rows belong to the scope, per synced table. temp.scope_*
// hold the uuids of the districts, their customers and their tasks. Staff is
// copied whole: it is small, and supervisors, assignees and visit authors may
// sit outside the districts.
QString scopeCondition(const QString& table) {
    static const QHash<QString, QString> conditions = {
        {QStringLiteral("feeders"),
         QStringLiteral(
             "uuid IN (SELECT feeder_uuid FROM m.districts WHERE uuid IN temp.scope_districts "
             "UNION SELECT feeder_uuid FROM m.customers WHERE district_uuid IN temp.scope_districts)")},
        {QStringLiteral("districts"), QStringLiteral("uuid IN temp.scope_districts")},
        {QStringLiteral("staff"), QStringLiteral("1")},
        {QStringLiteral("staff_districts"), QStringLiteral("district_uuid IN temp.scope_districts")},
        {QStringLiteral("customers"), QStringLiteral("district_uuid IN temp.scope_districts")},
        {QStringLiteral("plans"),
         QStringLiteral(
             "uuid IN (SELECT plan_uuid FROM m.tasks WHERE district_uuid IN temp.scope_districts)")},
        {QStringLiteral("tasks"), QStringLiteral("district_uuid IN temp.scope_districts")},
        {QStringLiteral("task_scope"),
         // The unary + keeps the planner from probing every task × customer
         // pair: the task index drives, the customer test filters.
         QStringLiteral("task_uuid IN temp.scope_tasks AND +customer_uuid IN temp.scope_customers")},
        {QStringLiteral("visits"),
         QStringLiteral("customer_uuid IN temp.scope_customers AND (task_uuid IS NULL OR +task_uuid IN "
                        "temp.scope_tasks)")},
        {QStringLiteral("discrepancies"),
         QStringLiteral("customer_uuid IN temp.scope_customers AND (visit_uuid IS NULL OR +visit_uuid IN "
                        "(SELECT uuid FROM m.visits WHERE customer_uuid IN temp.scope_customers AND "
                        "(task_uuid IS NULL OR +task_uuid IN temp.scope_tasks)))")},
    };
    const auto it = conditions.constFind(table);
    if (it == conditions.constEnd())
        throw RecheckError(
            QStringLiteral("check-out: no scope rule for synced table %1").arg(table).toStdString());
    return *it;
}

// SpatiaLite guards each geometry column with per-row triggers (type check,
// R*Tree maintenance through RTreeAlign, timestamps). Rows copied from the
// master already passed the type check; the R*Trees are bulk-loaded
// afterwards instead of one R*Tree insert per row.
class SpatialTriggerSuspension {
public:
    explicit SpatialTriggerSuspension(SqliteDatabase& db) : mDb(db) {
        SqliteStatement triggers(
            db, QStringLiteral(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL AND "
                    "tbl_name IN (SELECT f_table_name FROM geometry_columns) AND "
                    "name NOT LIKE '%\\_capture\\_%' ESCAPE '\\' ORDER BY name"));
        while (triggers.step())
            mTriggers.emplace_back(triggers.text(0), triggers.text(1));
        for (const auto& trigger : mTriggers)
            mDb.exec(QStringLiteral("DROP TRIGGER \"%1\"").arg(trigger.first));
    }

    void resume() {
        for (const auto& trigger : mTriggers)
            mDb.exec(trigger.second);
        std::vector<std::pair<QString, QString>> indexed;
        SqliteStatement tables(mDb,
                               QStringLiteral("SELECT f_table_name, f_geometry_column FROM geometry_columns "
                                              "WHERE spatial_index_enabled = 1 ORDER BY f_table_name"));
        while (tables.step())
            indexed.emplace_back(tables.text(0), tables.text(1));
        for (const auto& [table, column] : indexed)
            SpatialIndexLoader::load(mDb, table, column);
    }

private:
    SqliteDatabase& mDb;
    std::vector<std::pair<QString, QString>> mTriggers;
};

// The secondary indexes of the synced tables, dropped while the rows are
// copied and created again afterwards: CREATE INDEX sorts the keys once and
// writes each index page once, where a row-by-row copy inserts every key
// into its B-tree at a random place (uuids), page splits and all. The
// UNIQUE constraints' own indexes stay: they are part of the tables and
// keep checking every row. Inside the caller's transaction, so a failed
// copy rolls the drop back with the rest.
class IndexSuspension {
public:
    explicit IndexSuspension(SqliteDatabase& db) : mDb(db) {
        SqliteStatement indexes(
            db, QStringLiteral("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' "
                               "AND sql IS NOT NULL AND tbl_name = ? ORDER BY name"));
        for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
            indexes.bind(1, table.name);
            while (indexes.step())
                mIndexes.emplace_back(indexes.text(0), indexes.text(1));
            indexes.reset();
        }
        for (const auto& index : mIndexes)
            mDb.exec(QStringLiteral("DROP INDEX main.\"%1\"").arg(index.first));
    }

    void resume() {
        for (const auto& index : mIndexes)
            mDb.exec(index.second);
        mIndexes.clear();
    }

private:
    SqliteDatabase& mDb;
    std::vector<std::pair<QString, QString>> mIndexes;
};

// What can be checked of a package whose rows and base are written, on a
// connection of its own (another core) while the check-out's connection
// builds the search index: that the scope is self-contained, and the base
// digest the master will hold the package to.
struct WrittenPackageChecks {
    QString danglingReference; ///< empty when every reference holds
};

WrittenPackageChecks checkWrittenPackage(const QString& path, const QString& masterPath) {
    WrittenPackageChecks checks;
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    {
        SqliteStatement check(db, QStringLiteral("PRAGMA main.foreign_key_check"));
        if (check.step()) {
            checks.danglingReference =
                QStringLiteral("%1: the scope is not self-contained: a row of %2 refers to %3, which is not "
                               "in the package")
                    .arg(masterPath, check.text(0), check.text(2));
            return checks;
        }
    }
    return checks;
}

// The package's customer search index, built on a thread of its own while
// the check-out copies the rows (it was 1.4 s of a 3.8 s check-out of 50 000
// customers when built afterwards). It is made in a scratch file from the
// master's customers of the scope -- the rows the package gets, under the
// same fids -- with SearchIndex's own statements and rebuild, so its tables
// hold what a rebuild in the package would write; SearchIndex::copyIndex()
// then moves them into the package. Returns the scratch file.
QString buildSearchIndex(const QString& masterPath, const QStringList& districtUuids,
                         const QString& scratchPath, std::atomic<bool>& stop) {
    removeDatabaseFiles(scratchPath);
    SqliteDatabase db(scratchPath, SqliteDatabase::Mode::Create);
    sqlite3_progress_handler(
        db.handle(), 100000, [](void* flag) { return static_cast<std::atomic<bool>*>(flag)->load() ? 1 : 0; },
        &stop);
    // A scratch file: nothing to keep after a crash.
    db.exec(QStringLiteral("PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF"));
    {
        SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS m"));
        attach.bind(1, QFileInfo(masterPath).absoluteFilePath());
        attach.step();
    }
    {
        // A deferred transaction: BEGIN IMMEDIATE (SqliteTransaction) would
        // take the attached master's write lock too, and the check-out's own
        // transaction on its package connection (the master attached there
        // as well) would wait for this build to end.
        db.exec(QStringLiteral("BEGIN"));
        db.exec(QStringLiteral("CREATE TEMP TABLE scope_districts (uuid TEXT PRIMARY KEY) WITHOUT ROWID"));
        SqliteStatement add(db, QStringLiteral("INSERT INTO temp.scope_districts VALUES (?)"));
        for (const QString& uuid : districtUuids)
            add.bind(1, uuid).execute();
        // Only the columns the index reads; the content table of the
        // trigram table must be called customers, with fid as its rowid.
        db.exec(QStringLiteral("CREATE TABLE main.customers (fid INTEGER PRIMARY KEY, account_no, "
                               "meter_asset_no, phone, name, address); "
                               "INSERT INTO main.customers SELECT fid, account_no, meter_asset_no, phone, "
                               "name, address FROM m.customers WHERE %1 ORDER BY fid")
                    .arg(scopeCondition(QStringLiteral("customers"))));
        for (const QString& sql : SearchIndex::createStatements())
            db.exec(sql);
        SearchIndex::rebuild(db);
        db.exec(QStringLiteral("COMMIT"));
    }
    db.exec(QStringLiteral("DETACH DATABASE m"));
    return scratchPath;
}

// The search index being built beside the check-out (buildSearchIndex);
// however the check-out ends, the build is stopped or waited for and its
// scratch file removed.
class SearchIndexBuild {
public:
    SearchIndexBuild(const QString& masterPath, const QStringList& districtUuids, const QString& scratchPath)
        : mScratch(scratchPath) {
        mBuilt = std::async(std::launch::async, [this, masterPath, districtUuids] {
            return buildSearchIndex(masterPath, districtUuids, mScratch, mStop);
        });
    }
    ~SearchIndexBuild() {
        mStop = true;
        if (mBuilt.valid())
            mBuilt.wait();
        removeDatabaseFiles(mScratch);
    }
    SearchIndexBuild(const SearchIndexBuild&) = delete;
    SearchIndexBuild& operator=(const SearchIndexBuild&) = delete;

    /// Waits for the build and attaches its file to `db` as `s` (outside a
    /// transaction); rethrows what failed the build.
    void attachTo(SqliteDatabase& db) {
        SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS s"));
        attach.bind(1, mBuilt.get());
        attach.step();
    }
    /// Replaces `db`'s (empty) index with the attached one, in the caller's
    /// transaction, before anything on that connection used the index
    /// through FTS5 (which caches its structure per connection).
    void copyInto(SqliteDatabase& db) { SearchIndex::copyIndex(db, QStringLiteral("s")); }

private:
    const QString mScratch;
    std::atomic<bool> mStop{false};
    std::future<QString> mBuilt;
};

// The frozen base and the shadow copy with the triggers that keep it: what
// a check-in needs to tell an edit from a damaged byte. Both keep the
// table's columns and declared types (the same affinity, so values copy
// unchanged) with fid as their rowid: a diff is then a rowid join and a
// digest a sequential scan.
void createBaseAndShadow(SqliteDatabase& db) {
    for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
        QStringList columns;
        {
            SqliteStatement info(db,
                                 QStringLiteral("SELECT name, type FROM pragma_table_info(?) ORDER BY cid"));
            info.bind(1, table.name);
            while (info.step())
                columns << (info.text(0) == QLatin1String("fid")
                                ? QStringLiteral("\"fid\" INTEGER PRIMARY KEY")
                                : QStringLiteral("\"%1\" %2").arg(info.text(0), info.text(1)));
        }
        const QString base = SyncTables::baseTable(table.name);
        const QString shadow = SyncTables::shadowTable(table.name);
        db.exec(QStringLiteral("CREATE TABLE \"%1\" (%2)").arg(base, columns.join(QStringLiteral(", "))));
        db.exec(QStringLiteral("INSERT INTO \"%1\" SELECT * FROM \"%2\" ORDER BY fid").arg(base, table.name));
        db.exec(QStringLiteral("CREATE TABLE \"%1\" (%2)").arg(shadow, columns.join(QStringLiteral(", "))));
        // After the row is written (whatever the order of the other AFTER
        // triggers, the data columns are final by then); the stamp columns
        // are not compared.
        for (const QString& event : {QStringLiteral("insert"), QStringLiteral("update")}) {
            if (event == QLatin1String("update") && table.insertOnly)
                continue;
            db.exec(
                QStringLiteral("CREATE TRIGGER \"%1\" AFTER %2 ON \"%3\" BEGIN\n"
                               "  INSERT OR REPLACE INTO \"%4\" SELECT * FROM \"%3\" WHERE fid = NEW.fid;\n"
                               "END")
                    .arg(SyncTables::shadowTriggerName(table.name, event), event.toUpper(), table.name,
                         shadow));
        }
    }
}

void syncToDisk(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

QString PackageWriter::loginName() {
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

QString PackageWriter::defaultFileName(const QStringList& districtCodes) {
    QStringList shown = districtCodes.mid(0, 3);
    QString name = shown.join(QLatin1Char('_'));
    if (districtCodes.size() > 3)
        name += QStringLiteral("+%1").arg(districtCodes.size() - 3);
    name.replace(QRegularExpression(QStringLiteral("[^\\w+-]")), QStringLiteral("_"));
    return name + QLatin1Char('-') +
           QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
           QStringLiteral(".sqlite");
}

CheckoutResult PackageWriter::checkout(const QString& masterPath, const QString& packagePath,
                                       const CheckoutOptions& options) {
    QElapsedTimer timer;
    timer.start();
    CheckoutResult result;
    PhaseClock clock(result.phases);
    const auto progress = [&](double fraction) {
        if (options.progress && !options.progress(fraction))
            throw Cancelled();
    };
    if (options.districtCodes.isEmpty())
        throw RecheckError("check-out: name at least one district", RecheckError::Kind::InvalidInput);
    if (QFileInfo::exists(packagePath))
        throw RecheckError(
            QStringLiteral("%1: file exists; refusing to overwrite it").arg(packagePath).toStdString(),
            RecheckError::Kind::Io);

    Archive master = Archive::open(masterPath, Archive::Access::ReadWrite);
    if (master.info().role != ArchiveInfo::Role::Master)
        throw RecheckError(QStringLiteral("%1: is a package; check out from the office master")
                               .arg(masterPath)
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);

    PackageMeta meta;
    meta.formatVersion = PackageMeta::kFormatVersion;
    meta.masterId = master.info().id;
    meta.masterName = master.info().name;
    meta.schemaVersion = master.info().schemaVersion;
    meta.srid = master.info().srid;
    meta.columnHash = SyncTables::columnHash(master.db());
    meta.checkedOutBy = options.checkedOutBy.isEmpty() ? loginName() : options.checkedOutBy;
    meta.checkedOutAt = nowUtc();
    meta.host = QSysInfo::machineHostName();
    meta.appVersion = QStringLiteral(RECHECK_VERSION);
    meta.assignee = options.assignee;

    QStringList missing;
    {
        SqliteStatement district(master.db(), QStringLiteral("SELECT uuid FROM districts WHERE code = ?"));
        for (const QString& code : options.districtCodes) {
            if (meta.districtCodes.contains(code))
                continue;
            district.bind(1, code);
            if (district.step()) {
                meta.districtCodes << code;
                meta.districtUuids << district.text(0);
            } else {
                missing << code;
            }
            district.reset();
        }
    }
    if (!missing.isEmpty())
        throw RecheckError(QStringLiteral("%1: no district with code %2")
                               .arg(masterPath, missing.join(QStringLiteral(", ")))
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    if (!options.assignee.isEmpty()) {
        SqliteStatement staff(master.db(), QStringLiteral("SELECT count(*) FROM staff WHERE code = ?"));
        staff.bind(1, options.assignee);
        if (!staff.step() || staff.int64(0) == 0)
            throw RecheckError(QStringLiteral("%1: no staff member with code %2")
                                   .arg(masterPath, options.assignee)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
    }

    const QString partial = packagePath + QStringLiteral(".partial");
    removeDatabaseFiles(partial); // a killed earlier run's remains, never a package
    clock.lap(QStringLiteral("open master, resolve scope"));
    try {
        // Built on another core while the rows are copied; copied into the
        // package before its rows are committed.
        SearchIndexBuild searchIndex(masterPath, meta.districtUuids, partial + QStringLiteral("-search"));
        progress(0.0);
        Archive::CreateOptions create;
        create.role = ArchiveInfo::Role::Package;
        create.srid = meta.srid;
        create.name =
            QStringLiteral("%1 (%2)").arg(meta.masterName, meta.districtCodes.join(QStringLiteral(", ")));
        create.createdBy = meta.checkedOutBy;
        Archive package = Archive::create(partial, create);
        meta.packageId = package.info().id;
        clock.lap(QStringLiteral("create package"));
        SqliteDatabase& db = package.db();
        // Not a package until renamed: per-statement durability buys nothing
        // here (the rename below comes after an fsync).
        db.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        db.exec(QStringLiteral("PRAGMA journal_mode = MEMORY"));
        db.exec(QStringLiteral("PRAGMA cache_size = -131072"));
        // Rows come from a master whose references hold; checked once at the
        // end with foreign_key_check instead of one probe per row.
        db.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
        {
            SqliteStatement attach(db, QStringLiteral("ATTACH DATABASE ? AS m"));
            attach.bind(1, QFileInfo(masterPath).absoluteFilePath());
            attach.step();
        }
        {
            SqliteTransaction tx(db);
            db.exec(
                QStringLiteral("CREATE TEMP TABLE scope_districts (uuid TEXT PRIMARY KEY) WITHOUT ROWID"));
            {
                SqliteStatement add(db, QStringLiteral("INSERT INTO temp.scope_districts VALUES (?)"));
                for (const QString& uuid : meta.districtUuids)
                    add.bind(1, uuid).execute();
            }
            db.exec(QStringLiteral("CREATE TEMP TABLE scope_customers (uuid TEXT PRIMARY KEY) WITHOUT ROWID; "
                                   "INSERT INTO temp.scope_customers SELECT uuid FROM m.customers "
                                   "WHERE district_uuid IN temp.scope_districts; "
                                   "CREATE TEMP TABLE scope_tasks (uuid TEXT PRIMARY KEY) WITHOUT ROWID; "
                                   "INSERT INTO temp.scope_tasks SELECT uuid FROM m.tasks "
                                   "WHERE district_uuid IN temp.scope_districts"));
            clock.lap(QStringLiteral("scope tables"));
            ChangeCaptureSuspension capture(db);
            SpatialTriggerSuspension spatial(db);
            IndexSuspension indexes(db);
            const std::vector<SyncTableLayout> layouts = SyncTables::read(db);
            for (const SyncTableLayout& layout : layouts) {
                const QString columns = layout.columnList(layout.allColumns);
                db.exec(QStringLiteral(
                            "INSERT INTO main.\"%1\" (%2) SELECT %2 FROM m.\"%1\" WHERE %3 ORDER BY fid")
                            .arg(layout.name(), columns, scopeCondition(layout.name())));
                const qint64 copied = db.changes();
                result.rowsPerTable.append({layout.name(), copied});
                result.rows += copied;
                clock.lap(QStringLiteral("copy ") + layout.name());
                progress(0.1 + 0.5 * (layout.order + 1) / static_cast<double>(layouts.size()));
            }
            indexes.resume();
            clock.lap(QStringLiteral("indexes"));
            db.exec(QStringLiteral("DELETE FROM main.code_lists; "
                                   "INSERT INTO main.code_lists SELECT * FROM m.code_lists"));
            // The office's discrepancy rules travel with the package (reference
            // data like the code lists; the laptop evaluates them offline).
            db.exec(QStringLiteral(
                "DELETE FROM main.discrepancy_rule_values; DELETE FROM main.discrepancy_rules; "
                "INSERT INTO main.discrepancy_rules SELECT * FROM m.discrepancy_rules; "
                "INSERT INTO main.discrepancy_rule_values SELECT * FROM m.discrepancy_rule_values"));
            spatial.resume();
            capture.resume();
            clock.lap(QStringLiteral("code lists, spatial indexes"));
            createBaseAndShadow(db);
            clock.lap(QStringLiteral("base and shadow"));
            tx.commit();
            clock.lap(QStringLiteral("commit rows"));
        }
        progress(0.7);
        // The rows and the base are final from here. Other connections
        // check the references and digest the base (two of them, table by
        // table) while this one copies the search index in. The file is
        // still the .partial: nothing is a package before the rename below,
        // so a crash in between leaves nothing.
        searchIndex.attachTo(db);
        std::future<WrittenPackageChecks> written = std::async(
            std::launch::async, [partial, masterPath] { return checkWrittenPackage(partial, masterPath); });
        QHash<QString, qint64> rowsPerTable;
        for (const auto& [table, rows] : result.rowsPerTable)
            rowsPerTable.insert(table, rows);
        std::future<QString> digest = std::async(std::launch::async, [partial, rowsPerTable] {
            return BaseDigest::computeOnTwoConnections(partial, rowsPerTable);
        });
        {
            SqliteTransaction tx(db);
            // The copy ran without the search triggers (dropped with the
            // spatial ones); the index built beside it covers the same rows.
            searchIndex.copyInto(db);
            clock.lap(QStringLiteral("search index (rest of), copied in"));
            const WrittenPackageChecks checks = written.get();
            meta.baseDigest = digest.get();
            if (!checks.danglingReference.isEmpty())
                throw RecheckError(checks.danglingReference.toStdString(), RecheckError::Kind::Database);
            meta.baseRows = 0;
            for (const auto& [table, rows] : result.rowsPerTable)
                meta.baseRows += rows;
            meta.baseRowsPerTable = rowsPerTable;
            clock.lap(QStringLiteral("references, base digest (rest of)"));
            meta.write(db);
            tx.commit();
            clock.lap(QStringLiteral("commit package"));
        }
        db.exec(QStringLiteral("DETACH DATABASE s; DETACH DATABASE m"));
        db.exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
        db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        result.basemap = BasemapClipper::writeForPackage(master.db(), db, meta.srid, packagePath, partial);
        clock.lap(QStringLiteral("basemap"));
        progress(0.9);

        // The master's record, written before the package appears: a crash
        // in between leaves a record of a package nobody has (harmless),
        // never a package the master does not know.
        {
            SqliteTransaction tx(master.db());
            SqliteStatement record(
                master.db(),
                QStringLiteral(
                    "INSERT INTO sync_checkouts (package_id, row_version, updated_at, updated_by, scope, "
                    "district_uuids, assignee, checked_out_by, checked_out_at, host, package_name, "
                    "base_digest, base_rows) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            record.bind(1, meta.packageId)
                .bind(2, meta.checkedOutAt)
                .bind(3, meta.checkedOutBy)
                .bind(4, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(meta.districtCodes))
                                               .toJson(QJsonDocument::Compact)))
                .bind(5, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(meta.districtUuids))
                                               .toJson(QJsonDocument::Compact)))
                .bind(6, meta.assignee.isEmpty() ? QVariant() : QVariant(meta.assignee))
                .bind(7, meta.checkedOutBy)
                .bind(8, meta.checkedOutAt)
                .bind(9, meta.host)
                .bind(10, QFileInfo(packagePath).fileName())
                .bind(11, meta.baseDigest)
                .bind(12, static_cast<std::int64_t>(meta.baseRows))
                .execute();
            tx.commit();
        }
        clock.lap(QStringLiteral("record in master"));
    } catch (const Cancelled&) {
        removeDatabaseFiles(partial);
        BasemapClipper::discard(packagePath);
        return CheckoutResult();
    } catch (...) {
        removeDatabaseFiles(partial);
        BasemapClipper::discard(packagePath);
        throw;
    }
    syncToDisk(partial);
    BasemapClipper::finish(packagePath);
    if (!QFile::rename(partial, packagePath)) {
        removeDatabaseFiles(partial);
        throw RecheckError(
            QStringLiteral("%1: cannot move the package into place").arg(packagePath).toStdString(),
            RecheckError::Kind::Io);
    }
    syncToDisk(QFileInfo(packagePath).absolutePath());
    clock.lap(QStringLiteral("fsync, rename"));
    progress(1.0);
    result.meta = meta;
    result.packagePath = packagePath;
    result.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace recheck
