#include "PgMasterSync.h"

#include "PgMasterSchema.h"
#include "PgMasterStore.h"
#include "PgStagingMaster.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "common/Sqlite.h"
#include "sync/ChangeSet.h"
#include "sync/PackageMeta.h"
#include "sync/PackageZip.h"
#include "sync/SyncTables.h"
#include "sync/SyncValue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace recheck {

namespace {

QStringList sorted(const QSet<QString>& set) {
    QStringList list(set.begin(), set.end());
    list.removeAll(QString());
    std::sort(list.begin(), list.end());
    return list;
}

// The tables a check-out copies whole (reference data and settings).
const char* const kWholeTables[] = {"code_lists", "discrepancy_rules", "discrepancy_rule_values",
                                    "basemap_sources", "basemap_settings"};

QString redactStaging(QString text, const QString& stagingPath, const QString& location) {
    return text.replace(stagingPath, location);
}

// Returns whether any item's detail changed.
bool fixPaths(CheckinReport& report, const QString& stagingPath, const QString& location,
              const QString& package, const QString& shownPackage) {
    bool changed = false;
    for (QList<CheckinItem>* list : {&report.refused, &report.conflicts, &report.merged, &report.applied,
                                     &report.unchanged, &report.decided})
        for (CheckinItem& item : *list) {
            if (!item.detail.contains(stagingPath) &&
                (package == shownPackage || !item.detail.contains(package)))
                continue;
            item.detail = redactStaging(item.detail, stagingPath, location);
            if (package != shownPackage)
                item.detail.replace(package, shownPackage);
            changed = true;
        }
    return changed;
}

} // namespace

PgMasterSync::PgMasterSync(PgMasterStore& store, PgRetryPolicy retry) : mStore(store), mRetry(retry) {}

bool PgMasterSync::isRetryable(const RecheckError& error) {
    const QString message = QString::fromUtf8(error.what());
    return message.contains(QLatin1String("[SQLSTATE 40001]")) ||
           message.contains(QLatin1String("[SQLSTATE 40P01]"));
}

namespace {

// Serialisation failures a check-in takes optimistically before it locks
// the rows it writes first (see PgMasterSync::checkin).
constexpr int kOptimisticAttempts = 3;

} // namespace

void PgMasterSync::upgradeSchema(PgMasterStore& store) {
    PgConnection& pg = store.connection();
    const auto version = [&] {
        return pg
            .scalar(QStringLiteral("SELECT value FROM recheck_master WHERE key = 'backend_schema_version'"))
            .toInt();
    };
    const auto refuseNewer = [&](int found) {
        if (found > PgMasterSchema::currentVersion())
            throw RecheckError(
                QStringLiteral("%1: the PostgreSQL master's schema is version %2, newer than "
                               "this Recheck's (%3); use a newer Recheck (nothing was changed)")
                    .arg(store.location())
                    .arg(found)
                    .arg(PgMasterSchema::currentVersion())
                    .toStdString(),
                RecheckError::Kind::NewerSchema);
    };
    if (!store.hasSchema())
        return; // not a master: the operation says so
    const int found = version();
    refuseNewer(found);
    if (found == PgMasterSchema::currentVersion())
        return;
    // One client upgrades; the others wait on the lock, then find the new
    // version. DDL is transactional: all of it or none.
    PgTransaction upgrade(pg);
    pg.exec(QStringLiteral("LOCK TABLE recheck_master IN SHARE ROW EXCLUSIVE MODE"));
    const int locked = version();
    refuseNewer(locked);
    if (locked < PgMasterSchema::currentVersion())
        for (const QString& sql : PgMasterSchema::upgradeStatements(locked))
            pg.exec(sql);
    upgrade.commit();
}

CheckoutResult PgMasterSync::checkout(const QString& packagePath, const CheckoutOptions& options) {
    upgradeSchema(mStore);
    if (options.districtCodes.isEmpty())
        throw RecheckError("check-out: name at least one district", RecheckError::Kind::InvalidInput);
    if (QFileInfo::exists(packagePath))
        throw RecheckError(
            QStringLiteral("%1: file exists; refusing to overwrite it").arg(packagePath).toStdString(),
            RecheckError::Kind::Io);
    QElapsedTimer timer;
    timer.start();
    PgConnection& pg = mStore.connection();
    const QString location = mStore.location();
    const auto progress = [&](double fraction) { return !options.progress || options.progress(fraction); };

    const QFileInfo target(packagePath);
    const std::unique_ptr<QTemporaryDir> scratch = pgScratchDirectory(target.absolutePath());
    std::unique_ptr<PgStagingMaster> staging;
    double stageSeconds = 0;
    {
        // One snapshot for the whole scope.
        PgTransaction read(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        const PgResult districts = pg.query(
            QStringLiteral(
                "SELECT code, uuid, coalesce(county, '') FROM districts WHERE code = ANY($1::text[])"),
            {pgTextArray(options.districtCodes)});
        QStringList uuids, missing;
        QSet<QString> counties;
        QSet<QString> found;
        for (int r = 0; r < districts.rows(); ++r) {
            found.insert(districts.text(r, 0));
            uuids << districts.text(r, 1);
            counties.insert(districts.text(r, 2));
        }
        for (const QString& code : options.districtCodes)
            if (!found.contains(code) && !missing.contains(code))
                missing << code;
        if (!missing.isEmpty())
            throw RecheckError(QStringLiteral("%1: no district with code %2")
                                   .arg(location, missing.join(QStringLiteral(", ")))
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        if (!options.assignee.isEmpty() &&
            pg.scalar(QStringLiteral("SELECT count(*) FROM staff WHERE code = $1"), {options.assignee})
                    .toInt() == 0)
            throw RecheckError(QStringLiteral("%1: no staff member with code %2")
                                   .arg(location, options.assignee)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        staging = std::make_unique<PgStagingMaster>(mStore, scratch->path());
        // A superset of what PackageWriter's scope rules pick, read by
        // county so that PostgreSQL touches the scope's partitions only.
        const QVariantList scope{pgTextArray(uuids), pgTextArray(sorted(counties))};
        const QString scopeCustomers = QStringLiteral(
            "SELECT uuid FROM customers WHERE county = ANY($2::text[]) AND district_uuid = ANY($1::text[])");
        const QString scopeTasks =
            QStringLiteral("SELECT uuid FROM tasks WHERE district_uuid = ANY($1::text[])");
        staging->stage(QStringLiteral("districts"), QStringLiteral("t.uuid = ANY($1::text[])"), {scope[0]});
        staging->stage(QStringLiteral("customers"),
                       QStringLiteral("t.county = ANY($2::text[]) AND t.district_uuid = ANY($1::text[])"),
                       scope);
        staging->stage(
            QStringLiteral("feeders"),
            QStringLiteral("t.uuid IN (SELECT feeder_uuid FROM districts WHERE uuid = ANY($1::text[]) UNION "
                           "SELECT feeder_uuid FROM customers WHERE county = ANY($2::text[]) AND "
                           "district_uuid = ANY($1::text[]))"),
            scope);
        staging->stage(QStringLiteral("staff"), QStringLiteral("true"));
        staging->stage(QStringLiteral("staff_districts"), QStringLiteral("t.district_uuid = ANY($1::text[])"),
                       {scope[0]});
        staging->stage(QStringLiteral("tasks"), QStringLiteral("t.district_uuid = ANY($1::text[])"),
                       {scope[0]});
        staging->stage(
            QStringLiteral("plans"),
            QStringLiteral("t.uuid IN (SELECT plan_uuid FROM tasks WHERE district_uuid = ANY($1::text[]))"),
            {scope[0]});
        staging->stage(
            QStringLiteral("task_scope"),
            QStringLiteral("t.county = ANY($2::text[]) AND t.task_uuid IN (%1) AND t.customer_uuid IN (%2)")
                .arg(scopeTasks, scopeCustomers),
            scope);
        for (const QString& table : {QStringLiteral("visits"), QStringLiteral("discrepancies")})
            staging->stage(
                table,
                QStringLiteral("t.county = ANY($2::text[]) AND t.customer_uuid IN (%1)").arg(scopeCustomers),
                scope);
        for (const char* table : kWholeTables)
            staging->stageWhole(QString::fromLatin1(table));
        // None staged: the one PackageWriter adds is written back.
        staging->stage(QStringLiteral("sync_checkouts"), QStringLiteral("false"));
        staging->finish();
        read.commit();
        stageSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    }
    if (!progress(0.15))
        return CheckoutResult();

    // PackageWriter on the staging master writes the package (into the
    // scratch folder) and its record in the staging master.
    const QString scratchPackage = QDir(scratch->path()).filePath(target.fileName());
    CheckoutOptions writerOptions = options;
    writerOptions.progress = [&](double fraction) { return progress(0.15 + 0.75 * fraction); };
    CheckoutResult result = PackageWriter::checkout(staging->path(), scratchPackage, writerOptions);
    if (result.packagePath.isEmpty())
        return result; // cancelled; nothing left behind
    QElapsedTimer record;
    record.start();
    {
        // The master's record of the check-out, before the package appears
        // where it was asked for (a crash in between leaves a record of a
        // package nobody has, never a package the master does not know).
        SqliteStatement name(
            staging->db(), QStringLiteral("UPDATE sync_checkouts SET package_name = ? WHERE package_id = ?"));
        name.bind(1, target.fileName()).bind(2, result.meta.packageId).execute();
        PgTransaction write(pg);
        staging->applyVerbatim(QStringLiteral("sync_checkouts"));
        write.commit();
    }
    const auto moveIntoPlace = [&](const QString& from, const QString& to) {
        if (!QFile::rename(from, to))
            throw RecheckError(QStringLiteral("cannot move %1 to %2").arg(from, to).toStdString(),
                               RecheckError::Kind::Io);
    };
    moveIntoPlace(scratchPackage, packagePath);
    if (!result.basemap.path.isEmpty()) {
        const QString basemap = target.dir().filePath(QFileInfo(result.basemap.path).fileName());
        moveIntoPlace(result.basemap.path, basemap);
        result.basemap.path = basemap;
    }
    result.packagePath = packagePath;
    result.phases.prepend({QStringLiteral("PostgreSQL: read scope into staging master"), stageSeconds});
    result.phases.append({QStringLiteral("PostgreSQL: record check-out, move into place"),
                          static_cast<double>(record.nsecsElapsed()) / 1e9});
    result.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    progress(1.0);
    return result;
}

CheckinReport PgMasterSync::checkin(const QString& packagePath, const CheckinOptions& options) {
    upgradeSchema(mStore);
    PgConnection& pg = mStore.connection();
    const QString location = mStore.location();
    const std::unique_ptr<QTemporaryDir> scratch = pgScratchDirectory(QString());

    // A zipped package is read from a private copy.
    QString package = packagePath;
    QString shownPackage = packagePath;
    if (PackageZip::isZip(packagePath)) {
        QString entry;
        try {
            package = PackageZip::extractPackage(packagePath, scratch->path(), &entry);
            shownPackage = packagePath + QLatin1Char(':') + entry;
        } catch (const RecheckError&) {
            package = packagePath; // CheckinMerger refuses it with the reason
        }
    }

    // What the package changed: the rows to stage. A package that cannot be
    // read is staged without rows; CheckinMerger refuses it. The merge below
    // gets this same change set (CheckinOptions::changes): the package is
    // read once, and the rows merged are exactly the rows staged for.
    QElapsedTimer readClock;
    readClock.start();
    PackageMeta meta;
    auto changeSet = std::make_shared<ChangeSet>();
    bool changesRead = false;
    // The base digest in the same pass, in the format the package recorded
    // (the master's record should be in it too; CheckinMerger reads the
    // base again when it is not).
    QString baseDigest;
    BaseDigest::Format baseDigestFormat = BaseDigest::Format::PerTable;
    qint64 scopeCustomers = 0; // the customers of the package's districts
    try {
        SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
        db.exec(QStringLiteral("PRAGMA cell_size_check = ON")); // as CheckinMerger reads a package
        meta = PackageMeta::read(db);
        baseDigestFormat = BaseDigest::formatOf(meta.baseDigest);
        *changeSet = PackageChangeReader(db).read(&baseDigest, baseDigestFormat);
        changesRead = true;
        scopeCustomers = db.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong();
    } catch (const RecheckError&) {
    }
    const ChangeSet& changes = *changeSet;
    const QPair<QString, double> readPhase{QStringLiteral("read package changes (once)"),
                                           static_cast<double>(readClock.nsecsElapsed()) / 1e9};

    return pgWithRetries(mRetry, mLastAttempts, [&](int attempt) -> CheckinReport {
        QElapsedTimer clock;
        clock.start();
        QList<QPair<QString, double>> phases;
        const auto lap = [&](const QString& phase) {
            phases.append({phase, static_cast<double>(clock.nsecsElapsed()) / 1e9});
            clock.restart();
        };
        QDir(scratch->path()).remove(QStringLiteral("staging-master.sqlite"));
        // Optimistic first: one REPEATABLE READ snapshot, PostgreSQL aborting
        // the transaction (40001) when another connection changed a row it
        // writes. A row edited over and over could make every attempt fail:
        // after kOptimisticAttempts the check-in locks the rows it may write
        // first (in uuid order) at READ COMMITTED, where a lock waits for the
        // other transaction instead of failing, and reads them after.
        const bool lockFirst = attempt > kOptimisticAttempts;
        PgTransaction tx(pg, lockFirst ? QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")
                                       : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"));
        if (lockFirst) {
            QHash<QString, QStringList> byTable;
            for (const RowChange& row : changes.rows)
                if (row.op != ChangeOp::Insert)
                    byTable[changes.layoutOf(row).name()] << row.uuid;
            for (const SyncedTable& table : ArchiveSchema::syncedTables()) {
                QStringList uuids = byTable.value(table.name);
                if (uuids.isEmpty())
                    continue;
                std::sort(uuids.begin(), uuids.end());
                pg.query(
                    QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ANY($1::text[]) ORDER BY uuid FOR UPDATE")
                        .arg(pgQuoteIdentifier(table.name)),
                    {pgTextArray(uuids)});
            }
        }
        PgStagingMaster staging(mStore, scratch->path());
        lap(QStringLiteral("PostgreSQL: staging master created"));
        QStringList scopeCounties;
        {
            const PgResult counties = pg.query(
                QStringLiteral(
                    "SELECT DISTINCT coalesce(county, '') FROM districts WHERE uuid = ANY($1::text[])"),
                {pgTextArray(meta.districtUuids)});
            for (int r = 0; r < counties.rows(); ++r)
                scopeCounties << counties.text(r, 0);
        }
        staging.setLikelyCounties(scopeCounties);
        staging.setLikelyDistricts(meta.districtUuids, scopeCustomers);
        // The record first, locked: a second check-in of the same package
        // waits here, then retries and finds the ledger entry.
        staging.stage(QStringLiteral("sync_checkouts"), QStringLiteral("t.package_id = $1"), {meta.packageId},
                      QStringLiteral(" FOR UPDATE"));
        staging.stage(QStringLiteral("sync_ledger"), QStringLiteral("t.package_id = $1"), {meta.packageId});
        staging.stage(QStringLiteral("sync_field_policy"), QStringLiteral("true"));

        QHash<QString, QSet<QString>> wanted;
        QSet<QString> changedUuids, changedTables;
        QHash<QString, std::vector<std::pair<QString, QString>>> children; // parent → (child, column)
        for (const SyncTableLayout& layout : changes.tables)
            for (const SyncTableLayout::Reference& ref : layout.references)
                children[ref.parentTable].push_back({layout.name(), ref.column});
        const auto wantParents = [&](const SyncTableLayout& layout, const QVariantList& values) {
            for (const SyncTableLayout::Reference& ref : layout.references) {
                const int c = layout.dataIndex.value(ref.column, -1);
                if (c >= 0 && c < values.size() && !values[c].isNull())
                    wanted[ref.parentTable].insert(values[c].toString());
            }
        };
        QHash<QString, QStringList> deleted;
        for (const RowChange& row : changes.rows) {
            const SyncTableLayout& layout = changes.layoutOf(row);
            wanted[layout.name()].insert(row.uuid);
            changedUuids.insert(row.uuid);
            changedTables.insert(layout.name());
            wantParents(layout, row.current);
            wantParents(layout, row.base);
            if (row.op == ChangeOp::Delete)
                deleted[layout.name()] << row.uuid;
        }
        // Rows holding a unique key a changed row also holds: the merge
        // turns the clash into a conflict instead of a failed commit.
        for (const SyncTableLayout& layout : changes.tables) {
            SqliteStatement indexes(
                staging.db(),
                QStringLiteral("SELECT name FROM pragma_index_list(?) WHERE \"unique\" AND origin <> 'pk'"));
            indexes.bind(1, layout.name());
            QStringList names;
            while (indexes.step())
                names << indexes.text(0);
            for (const QString& index : names) {
                QStringList keyColumns;
                SqliteStatement info(staging.db(),
                                     QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"));
                info.bind(1, index);
                while (info.step())
                    keyColumns << info.text(0);
                if (keyColumns.contains(QStringLiteral("uuid")) || keyColumns.contains(QStringLiteral("fid")))
                    continue;
                std::vector<QStringList> tuples(static_cast<std::size_t>(keyColumns.size()));
                for (const RowChange& row : changes.rows) {
                    if (&changes.layoutOf(row) != &layout || row.current.isEmpty())
                        continue;
                    // An update that keeps the key cannot clash with anyone.
                    if (row.op == ChangeOp::Update &&
                        std::none_of(keyColumns.begin(), keyColumns.end(), [&](const QString& column) {
                            return row.changed.contains(layout.dataIndex.value(column, -1));
                        }))
                        continue;
                    QStringList tuple;
                    for (const QString& column : keyColumns) {
                        const int c = layout.dataIndex.value(column, -1);
                        if (c < 0 || row.current[c].isNull())
                            break;
                        tuple << row.current[c].toString();
                    }
                    if (tuple.size() != keyColumns.size())
                        continue;
                    for (int k = 0; k < tuple.size(); ++k)
                        tuples[static_cast<std::size_t>(k)] << tuple[k];
                }
                if (tuples.front().isEmpty())
                    continue;
                QStringList left, arrays;
                QVariantList params;
                for (int k = 0; k < keyColumns.size(); ++k) {
                    left << QStringLiteral("t.%1").arg(pgQuoteIdentifier(keyColumns[k]));
                    params << pgTextArray(tuples[static_cast<std::size_t>(k)]);
                    arrays << QStringLiteral("$%1::text[]").arg(k + 1);
                }
                // PostgreSQL's keys of partitioned tables are unique per
                // county: the neighbours that count are in the scope's.
                QString where = QStringLiteral("(%1) IN (SELECT * FROM unnest(%2))")
                                    .arg(left.join(QStringLiteral(", ")), arrays.join(QStringLiteral(", ")));
                if (PgMasterSchema::isCountyPartitioned(layout.name())) {
                    params << pgTextArray(scopeCounties);
                    where += QStringLiteral(" AND t.county = ANY($%1::text[])").arg(params.size());
                }
                staging.stage(layout.name(), where, params);
            }
        }
        lap(QStringLiteral("PostgreSQL: stage unique-key neighbours"));
        // The package's rows are in its districts' counties unless the office
        // moved them since: those partitions first.
        QHash<QString, QSet<QString>> inserted;
        for (const RowChange& row : changes.rows)
            if (row.op == ChangeOp::Insert)
                inserted[changes.layoutOf(row).name()].insert(row.uuid);
        for (const SyncedTable& table : ArchiveSchema::syncedTables())
            staging.stageUuids(table.name, wanted.value(table.name), inserted.value(table.name));
        lap(QStringLiteral("PostgreSQL: stage changed rows and parents"));
        // The bookkeeping the merge reads, of the rows that need it:
        // - open conflicts of every changed row (a new value joins a dispute);
        // - the latest provenance only of rows the master changed since the
        //   check-out: the merge asks for it only where the master's value is
        //   no longer the base's, and a row still at the row_version checked
        //   out holds every field as it was (most rows of a check-in: the
        //   10 000 records of a 5 000-row package were fetched and staged for
        //   nothing);
        // - tombstones only of updated rows the master no longer has.
        QSet<QString> changedSinceCheckout, gone;
        for (const RowChange& row : changes.rows) {
            if (row.op == ChangeOp::Insert)
                continue;
            const QString& table = changes.layoutOf(row).name();
            if (!staging.isStaged(table, row.uuid)) {
                if (row.op == ChangeOp::Update)
                    gone.insert(row.uuid);
            } else if (staging.stagedRows(table).value(row.uuid).rowVersion != row.baseRowVersion) {
                changedSinceCheckout.insert(row.uuid);
            }
        }
        // Found through each table's (table_name, row_uuid) index: one probe
        // per row however long the history grows. The uuids go in as an
        // InitPlan's value ((SELECT $1)): seeing 5 000 of them, PostgreSQL's
        // planner would read the whole table instead (40 ms at 90 000
        // provenance records, and they only grow); unseen, it probes the
        // index with them in order, which also beat one LATERAL probe per
        // uuid (2 ms against 30-40 ms when the rows have no history yet).
        const QString tables = pgTextArray(sorted(changedTables));
        const auto stageOf = [&](const QString& table, const QSet<QString>& uuids, const QString& filter,
                                 const QString& latestPer) {
            if (uuids.isEmpty()) {
                // Nothing to read, but the table is staged (empty): what the
                // merge adds to it is written back.
                staging.stage(table, QStringLiteral("false"));
                return;
            }
            staging.stage(
                table,
                QStringLiteral("t.id = ANY(ARRAY(SELECT %1 FROM %2 p WHERE p.table_name = ANY($2::text[]) AND "
                               "p.row_uuid = ANY((SELECT $1::text[])::text[])%3%4))")
                    .arg(latestPer.isEmpty()
                             ? QStringLiteral("p.id")
                             : QStringLiteral("DISTINCT ON (p.row_uuid, %1) p.id").arg(latestPer),
                         table, filter,
                         latestPer.isEmpty()
                             ? QString()
                             : QStringLiteral(" ORDER BY p.row_uuid, %1, p.id DESC").arg(latestPer)),
                {pgTextArray(sorted(uuids)), tables});
        };
        stageOf(QStringLiteral("sync_conflicts"), changedUuids,
                QStringLiteral(" AND p.status = 'open' AND p.field IS NOT NULL"), QString());
        // Of each field's provenance only the latest record: the merge asks
        // for no other (ORDER BY id DESC LIMIT 1), and a district checked in
        // week after week would otherwise bring its whole history along.
        stageOf(QStringLiteral("sync_provenance"), changedSinceCheckout, QString(),
                QStringLiteral("p.table_name, p.field"));
        stageOf(QStringLiteral("sync_tombstones"), gone, QString(), QString());
        if (!gone.isEmpty()) {
            // A row restored from a tombstone needs its parents too.
            wanted.clear();
            SqliteStatement tombs(staging.db(),
                                  QStringLiteral("SELECT table_name, row_values FROM sync_tombstones"));
            while (tombs.step())
                for (const SyncTableLayout& layout : changes.tables)
                    if (layout.name() == tombs.text(0))
                        wantParents(layout,
                                    sqlRowFromJson(layout.dataColumns,
                                                   QJsonDocument::fromJson(tombs.text(1).toUtf8()).object()));
            for (const SyncedTable& table : ArchiveSchema::syncedTables())
                staging.stageUuids(table.name, wanted.value(table.name));
        }
        lap(QStringLiteral("PostgreSQL: stage bookkeeping of the changed rows"));
        // Children still referring to a row the package deleted; a child of
        // a partitioned row sits in its parent's county (the foreign key
        // includes it).
        for (auto it = deleted.constBegin(); it != deleted.constEnd(); ++it) {
            QSet<QString> parentCounties;
            for (const QString& uuid : it.value())
                if (staging.isStaged(it.key(), uuid))
                    parentCounties.insert(staging.stagedRows(it.key()).value(uuid).county);
            for (const auto& [child, column] : children.value(it.key())) {
                const bool byCounty = PgMasterSchema::isCountyPartitioned(child) &&
                                      PgMasterSchema::isCountyPartitioned(it.key());
                if (byCounty && parentCounties.isEmpty())
                    continue; // none of the parents is left: nothing refers to them
                staging.stage(child,
                              QStringLiteral("t.%1 = ANY($1::text[])").arg(pgQuoteIdentifier(column)) +
                                  (byCounty ? QStringLiteral(" AND t.county = ANY($2::text[])") : QString()),
                              byCounty
                                  ? QVariantList{pgTextArray(it.value()), pgTextArray(sorted(parentCounties))}
                                  : QVariantList{pgTextArray(it.value())});
            }
        }
        // Without change capture: the merge stamps every row it writes
        // (row_version + 1), and a trigger per written row (a lookup and a
        // change_log row each) was half the time of its 5 000-row UPDATE
        // (65 ms against 35 ms).
        staging.finish(false);
        lap(QStringLiteral("PostgreSQL: stage children of deleted rows"));
        const QList<QPair<QString, double>> staged = phases;
        phases.clear();
        if (options.progress && !options.progress(0.2)) {
            CheckinReport cancelled;
            cancelled.outcome = CheckinReport::Outcome::Cancelled;
            cancelled.checkedInBy =
                options.checkedInBy.isEmpty() ? PackageWriter::loginName() : options.checkedInBy;
            return cancelled;
        }

        // core/sync's check-in, on the staging master.
        CheckinOptions merge = options;
        merge.checkMaster = false; // PostgreSQL guards its own pages
        merge.scratchMaster = true;
        if (changesRead) {
            merge.changes = changeSet;
            merge.changesBaseDigest = baseDigest;
            merge.changesBaseDigestFormat = baseDigestFormat;
        }
        merge.progress = [&](double fraction) {
            return !options.progress || options.progress(0.2 + 0.7 * fraction);
        };
        CheckinReport report = CheckinMerger::checkin(staging.path(), package, merge);
        bool reportChanged = fixPaths(report, staging.path(), location, package, shownPackage);
        lap(QStringLiteral("merge (core/sync, staging master)"));
        if (report.repeat || (report.outcome != CheckinReport::Outcome::Merged &&
                              report.outcome != CheckinReport::Outcome::MergedWithConflicts)) {
            report.phases = QList<QPair<QString, double>>{readPhase} + staged + report.phases;
            return report; // nothing to write: the transaction rolls back
        }

        // Back into PostgreSQL: the rows, then the bookkeeping, the report
        // in the ledger naming the conflicts by their PostgreSQL ids.
        staging.applyDomain();
        lap(QStringLiteral("PostgreSQL: write merged rows"));
        const QHash<qint64, qint64> conflictIds = staging.applyVerbatim(QStringLiteral("sync_conflicts"));
        for (QList<CheckinItem>* list : {&report.applied, &report.merged, &report.unchanged,
                                         &report.conflicts, &report.decided, &report.refused})
            for (CheckinItem& item : *list)
                for (qint64& id : item.conflictIds) {
                    const qint64 mapped = conflictIds.value(id, id);
                    reportChanged |= mapped != id;
                    id = mapped;
                }
        // The report core/sync wrote into the ledger, rewritten only when it
        // names the staging file or staging ids (the JSON of every item: 4 %
        // of the CPU of a 5 000-change check-in to build again).
        if (reportChanged) {
            SqliteStatement ledger(staging.db(),
                                   QStringLiteral("UPDATE sync_ledger SET report = ? WHERE package_id = ?"));
            const QByteArray reportJson = report.toCompactJson();
            ledger.bind(1, reportJson.constData(), reportJson.size()).bind(2, meta.packageId).execute();
        }
        // Provenance and tombstones are found by row, never by id: their
        // ids come from PostgreSQL's sequences as the rows are copied.
        for (const QString& table : {QStringLiteral("sync_provenance"), QStringLiteral("sync_tombstones"),
                                     QStringLiteral("sync_ledger"), QStringLiteral("sync_checkouts")})
            staging.applyVerbatim(table, QString(), false);
        lap(QStringLiteral("PostgreSQL: write conflicts, provenance, ledger"));
        tx.commit();
        lap(QStringLiteral("PostgreSQL: commit"));
        report.phases = QList<QPair<QString, double>>{readPhase} + staged + report.phases + phases;
        return report;
    });
}

QList<SyncConflict> PgMasterSync::conflicts(bool includeResolved) {
    upgradeSchema(mStore);
    PgConnection& pg = mStore.connection();
    const std::unique_ptr<QTemporaryDir> scratch = pgScratchDirectory(QString());
    PgTransaction read(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    PgStagingMaster staging(mStore, scratch->path());
    staging.stage(QStringLiteral("sync_conflicts"),
                  includeResolved ? QStringLiteral("true") : QStringLiteral("t.status = 'open'"));
    QHash<QString, QSet<QString>> rows;
    {
        SqliteStatement named(staging.db(),
                              QStringLiteral("SELECT DISTINCT table_name, row_uuid FROM sync_conflicts"));
        while (named.step())
            rows[named.text(0)].insert(named.text(1));
    }
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it)
        if (ArchiveSchema::syncedTable(it.key()))
            staging.stageUuids(it.key(), it.value());
    staging.finish();
    read.commit();
    return ConflictStore(staging.db()).list(includeResolved);
}

SyncConflict PgMasterSync::resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                   const QString& who) {
    upgradeSchema(mStore);
    PgConnection& pg = mStore.connection();
    const std::unique_ptr<QTemporaryDir> scratch = pgScratchDirectory(QString());
    return pgWithRetries(mRetry, mLastAttempts, [&](int) -> SyncConflict {
        QDir(scratch->path()).remove(QStringLiteral("staging-master.sqlite"));
        PgTransaction tx(pg, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"));
        PgStagingMaster staging(mStore, scratch->path());
        staging.stage(QStringLiteral("sync_conflicts"), QStringLiteral("t.id = $1"),
                      {static_cast<qlonglong>(id)}, QStringLiteral(" FOR UPDATE"));
        QString table, uuid;
        {
            SqliteStatement named(staging.db(),
                                  QStringLiteral("SELECT table_name, row_uuid FROM sync_conflicts"));
            if (named.step()) {
                table = named.text(0);
                uuid = named.text(1);
            }
        }
        if (ArchiveSchema::syncedTable(table)) {
            staging.stageUuids(table, {uuid});
            // Parents of the row's values as the conflict holds them (whole
            // rows as JSON): a row written back needs them.
            for (const SyncTableLayout& layout : SyncTables::read(staging.db())) {
                if (layout.name() != table)
                    continue;
                SqliteStatement values(
                    staging.db(),
                    QStringLiteral("SELECT package_value, master_value, base_value FROM sync_conflicts"));
                while (values.step())
                    for (int v = 0; v < 3; ++v) {
                        if (values.isNull(v))
                            continue;
                        const QJsonObject row = QJsonDocument::fromJson(values.text(v).toUtf8()).object();
                        for (const SyncTableLayout::Reference& ref : layout.references) {
                            const QString parent = row.value(ref.column).toString();
                            if (!parent.isEmpty())
                                staging.stageUuids(ref.parentTable, {parent});
                        }
                    }
            }
        }
        staging.finish();
        const SyncConflict resolved = ConflictStore(staging.db()).resolve(id, choice, value, who);
        staging.applyDomain();
        staging.applyVerbatim(QStringLiteral("sync_conflicts"));
        tx.commit();
        return resolved;
    });
}

} // namespace recheck
