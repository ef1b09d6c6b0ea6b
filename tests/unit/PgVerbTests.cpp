// The office verbs (init, plan, progress, remind, import, export) against
// the PostgreSQL master (core/master's PgMasterOffice), on the throw-away
// server of tests/pg: the demo master migrated into PostgreSQL, each verb
// run on it and on the SpatiaLite master holding the same rows, the results
// and the tables they wrote compared (MasterStore::tableDigest); refusals
// leave PostgreSQL unchanged.

#include "IoTestSupport.h"
#include "MasterBackends.h"
#include "PgTestSupport.h"
#include "RemindFixtures.h"
#include "RemindTestServers.h"
#include "SyncTestSupport.h"
#include "TestSupport.h"

#include "common/Sqlite.h"
#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"
#include "master/SpatiaLiteMasterStore.h"
#include "reminders/ReminderConfig.h"
#include "reminders/ReminderSenders.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace recheck;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;

namespace {

const QString kEast = QStringLiteral("东区");
const QString kWest = QStringLiteral("西区");

// The columns of a master table whose values do not depend on which
// backend wrote the row: all but the local ids, random uuids, clock stamps.
QStringList stableColumns(const QString& spatialite, const QString& table, const QStringList& unstable) {
    SqliteDatabase db(spatialite, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement columns(db, QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
    columns.bind(1, table);
    QStringList out;
    while (columns.step())
        if (!unstable.contains(columns.text(0)))
            out << columns.text(0);
    return out;
}

void requireSameTable(MasterStore& a, MasterStore& b, const QString& table, const QStringList& columns = {}) {
    const TableDigest left = a.tableDigest(table, columns);
    const TableDigest right = b.tableDigest(table, columns);
    INFO(table.toStdString() << ": " << left.rows << " rows in " << a.backend().toStdString() << ", "
                             << right.rows << " in " << b.backend().toStdString());
    CHECK(left == right);
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

QStringList progressLines(const std::vector<planning::TaskProgress>& tasks) {
    QStringList out;
    for (const planning::TaskProgress& t : tasks)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                   .arg(t.task.uuid)
                   .arg(t.task.scopeSize)
                   .arg(t.checked)
                   .arg(t.visits)
                   .arg(t.gpsProofVisits)
                   .arg(t.discrepancies)
                   .arg(t.overdue)
                   .arg(t.onTime);
    out.sort();
    return out;
}

// Two inspectors, each with a task issued and due in June 2024: two SMS
// reminders to queue.
void addTwoIssuedTasks(remindtest::RemindArchive& a) {
    const QString district = a.district(QStringLiteral("TQ100"), QStringLiteral("东关台区"));
    const QString plan = a.plan(QStringLiteral("P100"), QStringLiteral("季度复查"), QStringLiteral("adhoc"));
    const QString li = a.staff(QStringLiteral("S41"), QStringLiteral("李雷"), QStringLiteral("13800000041"),
                               QString(), QStringLiteral("zh_CN"), QStringLiteral("none"));
    const QString ann = a.staff(QStringLiteral("S42"), QStringLiteral("Ann"), QStringLiteral("13800000042"),
                                QString(), QStringLiteral("en"), QStringLiteral("none"));
    a.task(plan, district, li, QStringLiteral("issued"), QStringLiteral("normal"),
           QStringLiteral("2024-06-10"), QStringLiteral("2024-06-12"));
    a.task(plan, district, ann, QStringLiteral("issued"), QStringLiteral("urgent"),
           QStringLiteral("2024-06-11"), QStringLiteral("2024-06-13"));
}

} // namespace

TEST_CASE("PostgreSQL master: recheck init creates an empty master of either kind and refuses a second time",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    const QString file = dir.file(QStringLiteral("new-master.sqlite"));
    const auto init = [&](const QString& master, const QStringList& more = {}) {
        return test::io::runRecheck(QStringList{QStringLiteral("init"), master} + more, dir);
    };
    const test::io::Run pg =
        init(database.conninfo(),
             {QStringLiteral("--counties"), kEast + QLatin1Char(',') + kWest, QStringLiteral("--json")});
    INFO(pg.err.toStdString());
    REQUIRE(pg.status == 0);
    const QJsonObject created = QJsonDocument::fromJson(pg.out.toUtf8()).object();
    CHECK(created.value(QStringLiteral("backend")).toString() == QLatin1String("postgresql"));
    CHECK(created.value(QStringLiteral("county_partitions")).toArray().size() == 2);
    REQUIRE(init(file).status == 0);

    PgMasterStore store(database.conninfo());
    SpatiaLiteMasterStore spatialite(file);
    CHECK(store.hasSchema());
    CHECK(store.counties() == QStringList({kEast, kWest}));
    CHECK(store.meta(QStringLiteral("srid")) == QLatin1String("4490"));
    // The same seed: code lists, rules, settings.
    for (const QString& table : {QStringLiteral("code_lists"), QStringLiteral("discrepancy_rules"),
                                 QStringLiteral("reminder_settings")})
        requireSameTable(store, spatialite, table,
                         stableColumns(file, table,
                                       {QStringLiteral("fid"), QStringLiteral("uuid"),
                                        QStringLiteral("updated_at"), QStringLiteral("id")}));
    CHECK(store.tableDigest(QStringLiteral("customers")).rows == 0);

    // Once there, never again; nothing changed.
    const TableDigest before = store.tableDigest(QStringLiteral("archive_meta"));
    const test::io::Run again = init(database.conninfo());
    CHECK(again.status == 2);
    CHECK(again.err.contains(QLatin1String("already holds a Recheck master")));
    CHECK(store.tableDigest(QStringLiteral("archive_meta")) == before);
    CHECK(init(file).status == 2);
    CHECK_FALSE(again.err.contains(QLatin1String("password")));
}

TEST_CASE("PostgreSQL master: plan generate and progress give the same tasks, scopes and figures as on "
          "SpatiaLite",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    SpatiaLiteMasterStore spatialite(file);

    // Progress of the demo's own tasks, visits and discrepancies.
    planning::ProgressOptions progress;
    progress.today = QDate(2026, 11, 2);
    const QStringList before = progressLines(spatialite.progress(progress));
    REQUIRE(before.size() > 0);
    CHECK(progressLines(store.progress(progress)) == before);
    planning::ProgressOptions window = progress;
    window.from = QDate(2026, 10, 1);
    window.to = QDate(2026, 12, 31);
    CHECK(progressLines(store.progress(window)) == progressLines(spatialite.progress(window)));

    planning::GenerationOptions options;
    options.from = QDate(2027, 1, 1);
    options.to = QDate(2027, 12, 31);
    options.user = QStringLiteral("planner");
    options.dryRun = true;
    const planning::GenerationReport dry = store.generatePlan(options);
    REQUIRE(dry.created.size() > 0);
    const TableDigest tasksBefore = store.tableDigest(QStringLiteral("tasks"));
    CHECK(store.tableDigest(QStringLiteral("tasks")) == tasksBefore); // a dry run writes nothing

    options.dryRun = false;
    const planning::GenerationReport onPg = store.generatePlan(options);
    const planning::GenerationReport onFile = spatialite.generatePlan(options);
    REQUIRE(onPg.created.size() == onFile.created.size());
    CHECK(onPg.created.size() == dry.created.size());
    CHECK(onPg.alreadyPresent == onFile.alreadyPresent);
    CHECK(onPg.capacityWarnings.size() == onFile.capacityWarnings.size());
    QStringList pgTasks, fileTasks;
    for (const auto& t : onPg.created)
        pgTasks << QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(t.planCode, t.periodKey, t.districtCode)
                       .arg(t.scopeSize)
                       .arg(t.urgent);
    for (const auto& t : onFile.created)
        fileTasks << QStringLiteral("%1 %2 %3 %4 %5")
                         .arg(t.planCode, t.periodKey, t.districtCode)
                         .arg(t.scopeSize)
                         .arg(t.urgent);
    pgTasks.sort();
    fileTasks.sort();
    CHECK(pgTasks == fileTasks);
    const QStringList unstable{QStringLiteral("fid"), QStringLiteral("uuid"), QStringLiteral("updated_at"),
                               QStringLiteral("task_uuid"), QStringLiteral("created_at")};
    requireSameTable(store, spatialite, QStringLiteral("tasks"),
                     stableColumns(file, QStringLiteral("tasks"), unstable));
    requireSameTable(store, spatialite, QStringLiteral("task_scope"),
                     stableColumns(file, QStringLiteral("task_scope"), unstable));
    // Each scope row in its customer's county partition.
    PgConnection& pg = store.connection();
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM task_scope s JOIN customers c ON c.uuid = "
                                   "s.customer_uuid WHERE s.county <> c.county"))
              .toInt() == 0);

    // Generating again finds them all present, on both.
    const planning::GenerationReport again = store.generatePlan(options);
    CHECK(again.created.empty());
    CHECK(again.alreadyPresent == spatialite.generatePlan(options).alreadyPresent);
    // Progress now counts the new tasks alike.
    CHECK(progressLines(store.progress(progress)).size() ==
          progressLines(spatialite.progress(progress)).size());

    // The CLI, on the connection string, prints what it prints for the file.
    const auto plan = [&](const QString& master) {
        return test::io::runRecheck({QStringLiteral("progress"), master, QStringLiteral("--by"),
                                     QStringLiteral("district"), QStringLiteral("--today"),
                                     QStringLiteral("2026-11-02"), QStringLiteral("--csv")},
                                    dir);
    };
    const test::io::Run cliPg = plan(database.conninfo());
    const test::io::Run cliFile = plan(file);
    INFO(cliPg.err.toStdString());
    REQUIRE(cliPg.status == 0);
    CHECK(cliPg.out == cliFile.out);
}

TEST_CASE("PostgreSQL master: export writes the same file as from SpatiaLite", "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    SpatiaLiteMasterStore spatialite(file);
    for (const QString& suffix : {QStringLiteral("csv"), QStringLiteral("xlsx")}) {
        io::ExportOptions options;
        const QString fromPg = dir.file(QStringLiteral("pg.") + suffix);
        const QString fromFile = dir.file(QStringLiteral("file.") + suffix);
        const io::ExportResult a = store.exportCustomers(fromPg, options);
        const io::ExportResult b = spatialite.exportCustomers(fromFile, options);
        CHECK(a.rows == b.rows);
        CHECK(a.rows == 4000);
        // A CSV byte for byte (an XLSX carries its creation time).
        if (suffix == QLatin1String("csv"))
            CHECK(fileBytes(fromPg) == fileBytes(fromFile));
    }
    io::ExportOptions verified;
    verified.verifiedOnly = true;
    verified.changedSince = QStringLiteral("2026-01-01");
    CHECK(store.exportCustomers(dir.file(QStringLiteral("v-pg.csv")), verified).rows ==
          spatialite.exportCustomers(dir.file(QStringLiteral("v-file.csv")), verified).rows);
    CHECK(fileBytes(dir.file(QStringLiteral("v-pg.csv"))) ==
          fileBytes(dir.file(QStringLiteral("v-file.csv"))));
}

TEST_CASE("PostgreSQL master: import applies the same rows as on SpatiaLite, and a refused import leaves "
          "PostgreSQL unchanged",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    SpatiaLiteMasterStore spatialite(file);

    // An MIS file: the master's own export with changes, a new customer in
    // a known district, and one whose district is unknown to the master.
    const QString exported = dir.file(QStringLiteral("mis.csv"));
    store.exportCustomers(exported, {});
    QFile in(exported);
    REQUIRE(in.open(QIODevice::ReadOnly));
    QStringList lines = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    in.close();
    const QStringList header = lines.first().split(QLatin1Char(','));
    const int phone = header.indexOf(QStringLiteral("phone"));
    const int account = header.indexOf(QStringLiteral("account_no"));
    const int district = header.indexOf(QStringLiteral("district_code"));
    REQUIRE(phone >= 0);
    REQUIRE(account >= 0);
    REQUIRE(district >= 0);
    QStringList mis{lines.first()};
    for (int i = 1; i <= 30; ++i) {
        QStringList fields = lines[i].split(QLatin1Char(','));
        fields[phone] = QStringLiteral("1390000%1").arg(i, 4, 10, QLatin1Char('0'));
        mis << fields.join(QLatin1Char(','));
    }
    QStringList added = lines[31].split(QLatin1Char(','));
    added[account] = QStringLiteral("NEW-0001");
    mis << added.join(QLatin1Char(','));
    // No district given and a point outside every district: imported with a
    // warning and no district, so no county.
    const int x = header.indexOf(QStringLiteral("x"));
    const int y = header.indexOf(QStringLiteral("y"));
    REQUIRE(x >= 0);
    REQUIRE(y >= 0);
    QStringList nowhere = lines[33].split(QLatin1Char(','));
    nowhere[account] = QStringLiteral("NEW-0002");
    nowhere[district] = QString();
    nowhere[x] = QStringLiteral("100.5");
    nowhere[y] = QStringLiteral("25.5");
    mis << nowhere.join(QLatin1Char(','));
    const QString misFile = dir.file(QStringLiteral("mis-changes.csv"));
    test::io::writeBytes(misFile, (mis.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());

    const QStringList customerColumns =
        stableColumns(file, QStringLiteral("customers"),
                      {QStringLiteral("fid"), QStringLiteral("uuid"), QStringLiteral("updated_at")});
    const auto digests = [&](MasterStore& master) {
        return std::vector<TableDigest>{master.tableDigest(QStringLiteral("customers")),
                                        master.tableDigest(QStringLiteral("import_runs")),
                                        master.tableDigest(QStringLiteral("import_review")),
                                        master.tableDigest(QStringLiteral("change_log"))};
    };

    SECTION("applied: the same customers, reviews and run on both") {
        io::ImportOptions options;
        options.reportBase = dir.file(QStringLiteral("report-pg"));
        const io::ImportResult onPg = store.importFile(misFile, options);
        options.reportBase = dir.file(QStringLiteral("report-file"));
        const io::ImportResult onFile = spatialite.importFile(misFile, options);
        INFO(onPg.reportCsv.toStdString());
        REQUIRE(onPg.applied);
        CHECK(onFile.applied);
        CHECK(onPg.inserted == onFile.inserted);
        CHECK(onPg.inserted == 2);
        CHECK(onPg.warnings == onFile.warnings);
        CHECK(onPg.updated == onFile.updated);
        CHECK(onPg.unchanged == onFile.unchanged);
        CHECK(onPg.forReview == onFile.forReview);
        requireSameTable(store, spatialite, QStringLiteral("customers"), customerColumns);
        requireSameTable(
            store, spatialite, QStringLiteral("import_review"),
            stableColumns(file, QStringLiteral("import_review"),
                          {QStringLiteral("id"), QStringLiteral("run_id"), QStringLiteral("row_uuid"),
                           QStringLiteral("created_at"), QStringLiteral("decided_at")}));
        // The run recorded under PostgreSQL's id, the report naming the
        // master rather than the staging file.
        PgConnection& pg = store.connection();
        CHECK(pg.scalar(QStringLiteral("SELECT source_sha256 FROM import_runs WHERE id = $1"),
                        {static_cast<qlonglong>(onPg.runId)})
                  .toString() == onPg.sha256);
        QFile report(onPg.reportJson);
        REQUIRE(report.open(QIODevice::ReadOnly));
        const QJsonObject summary =
            QJsonDocument::fromJson(report.readAll()).object().value(QStringLiteral("summary")).toObject();
        CHECK(summary.value(QStringLiteral("archive")).toString() == store.location());
        // The new customer sits in its district's county partition.
        CHECK(pg.scalar(
                    QStringLiteral("SELECT c.county = d.county FROM customers c JOIN districts d ON d.uuid = "
                                   "c.district_uuid WHERE c.account_no = 'NEW-0001'"))
                  .toString() == QLatin1String("t"));
        // The one of unknown county waits in the default partition (its
        // county's partition takes it once a district places it).
        CHECK(pg.scalar(QStringLiteral("SELECT tableoid::regclass::text || '|' || county || '|' || "
                                       "coalesce(district_uuid, 'none') FROM customers WHERE account_no = "
                                       "'NEW-0002'"))
                  .toString() == QLatin1String("customers_default||none"));
    }

    SECTION("refused: an invalid row applies nothing; PostgreSQL keeps every row as it was") {
        QStringList bad = mis;
        QStringList broken = lines[32].split(QLatin1Char(','));
        broken[account] = QString(); // the match key missing
        bad << broken.join(QLatin1Char(','));
        const QString badFile = dir.file(QStringLiteral("mis-bad.csv"));
        test::io::writeBytes(badFile, (bad.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        const std::vector<TableDigest> before = digests(store);
        io::ImportOptions options;
        options.reportBase = dir.file(QStringLiteral("report-bad"));
        const io::ImportResult onPg = store.importFile(badFile, options);
        CHECK_FALSE(onPg.applied);
        CHECK(onPg.rejected == spatialite.importFile(badFile, options).rejected);
        CHECK(onPg.rejected >= 1);
        CHECK(digests(store) == before);
        // The CLI says so with its exit status.
        const test::io::Run cli =
            test::io::runRecheck({QStringLiteral("import"), database.conninfo(), badFile,
                                  QStringLiteral("--report"), dir.file(QStringLiteral("report-cli"))},
                                 dir);
        CHECK(cli.status == 4);
        CHECK(digests(store) == before);
        options.dryRun = true;
        CHECK_FALSE(store.importFile(misFile, options).applied);
        CHECK(digests(store) == before);
    }
}

TEST_CASE("PostgreSQL master: remind queues the same reminders as on SpatiaLite and moves the watermark",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    SpatiaLiteMasterStore spatialite(file);

    RemindRequest request;
    request.now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    request.dryRun = true;
    request.send = true;
    const RemindResult dry = store.remind(request);
    const TableDigest outboxBefore = store.tableDigest(QStringLiteral("reminder_outbox"));
    CHECK(dry.queued.queued.size() == spatialite.remind(request).queued.queued.size());
    CHECK(store.tableDigest(QStringLiteral("reminder_outbox")) == outboxBefore);

    request.dryRun = false;
    request.send = false;
    const RemindResult onPg = store.remind(request);
    const RemindResult onFile = spatialite.remind(request);
    REQUIRE(onPg.queued.queued.size() == onFile.queued.queued.size());
    CHECK(onPg.queued.queued.size() == dry.queued.queued.size());
    CHECK(onPg.queued.queued.size() > 0);
    CHECK(onPg.queued.changeLogTo == onFile.queued.changeLogTo);
    const QStringList outboxColumns = stableColumns(
        file, QStringLiteral("reminder_outbox"),
        {QStringLiteral("id"), QStringLiteral("created_at"), QStringLiteral("idempotency_key")});
    requireSameTable(store, spatialite, QStringLiteral("reminder_outbox"), outboxColumns);
    requireSameTable(store, spatialite, QStringLiteral("reminder_state"));
    // Queued under PostgreSQL's ids.
    PgConnection& pg = store.connection();
    for (const OutboxMessage& m : onPg.queued.queued)
        CHECK(pg.scalar(QStringLiteral("SELECT dedupe_key FROM reminder_outbox WHERE id = $1"),
                        {static_cast<qlonglong>(m.id)})
                  .toString() == m.dedupeKey);
    // Again: nothing new, on both.
    CHECK(store.remind(request).queued.queued.size() == spatialite.remind(request).queued.queued.size());
    requireSameTable(store, spatialite, QStringLiteral("reminder_outbox"), outboxColumns);
}

TEST_CASE("PostgreSQL master: recheck remind --send delivers each reminder once through a real gateway, as "
          "from SpatiaLite",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    remindtest::RemindArchive a;
    addTwoIssuedTasks(a);
    const QString file = a.dir().file(QStringLiteral("twin.sqlite"));
    REQUIRE(QFile::copy(a.path(), file));
    PgMasterStore store(database.conninfo());
    PgMasterMigration::migrate(file, store);

    const auto remind = [&](const QString& master, remindtest::HttpGatewayServer& gateway,
                            const QString& now) {
        const QString config = a.dir().file(QStringLiteral("remind-%1.json").arg(gateway.port()));
        QFile out(config);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QStringLiteral(R"({"utc_offset_minutes": 480, "channels": ["sms"],
            "sms_gateway": {"url": "%1", "headers": {"Idempotency-Key": "${idempotency_key}"},
                            "body_template": "{\"to\":\"${phone}\",\"template\":\"${template}\"}",
                            "success": {"json_field": "code", "json_value": "OK"},
                            "message_id_field": "data.message_id", "timeout_seconds": 2}})")
                      .arg(gateway.url())
                      .toUtf8());
        out.close();
        return test::io::runRecheck({QStringLiteral("remind"), master, QStringLiteral("--config"), config,
                                     QStringLiteral("--now"), now, QStringLiteral("--send"),
                                     QStringLiteral("--json")},
                                    a.dir());
    };
    remindtest::HttpGatewayServer pgGateway, fileGateway;
    const QString now = QStringLiteral("2024-06-03T09:00:00+08:00");
    const test::io::Run onPg = remind(database.conninfo(), pgGateway, now);
    const test::io::Run onFile = remind(file, fileGateway, now);
    INFO(onPg.err.toStdString());
    REQUIRE(onPg.status == 0);
    REQUIRE(onFile.status == 0);
    const QJsonObject pgJson = QJsonDocument::fromJson(onPg.out.toUtf8()).object();
    const QJsonObject fileJson = QJsonDocument::fromJson(onFile.out.toUtf8()).object();
    CHECK(pgJson.value(QStringLiteral("queued")).toArray().size() ==
          fileJson.value(QStringLiteral("queued")).toArray().size());
    const int sent =
        pgJson.value(QStringLiteral("delivery")).toObject().value(QStringLiteral("sent")).toInt();
    CHECK(sent > 0);
    CHECK(sent ==
          fileJson.value(QStringLiteral("delivery")).toObject().value(QStringLiteral("sent")).toInt());
    CHECK(pgGateway.requests().size() == sent);
    CHECK(fileGateway.requests().size() == sent);

    SpatiaLiteMasterStore spatialite(file);
    const QStringList outboxColumns{QStringLiteral("kind"),     QStringLiteral("channel"),
                                    QStringLiteral("address"),  QStringLiteral("dedupe_key"),
                                    QStringLiteral("status"),   QStringLiteral("attempts"),
                                    QStringLiteral("task_uuid")};
    requireSameTable(store, spatialite, QStringLiteral("reminder_outbox"), outboxColumns);
    requireSameTable(store, spatialite, QStringLiteral("reminder_deliveries"),
                     {QStringLiteral("attempt"), QStringLiteral("channel"), QStringLiteral("outcome")});
    // Every delivery points at its outbox row in PostgreSQL.
    PgConnection& pg = store.connection();
    CHECK(
        pg.scalar(QStringLiteral("SELECT count(*) FROM reminder_deliveries d LEFT JOIN reminder_outbox o ON "
                                 "o.id = d.outbox_id WHERE o.id IS NULL"))
            .toInt() == 0);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'sent'")).toInt() ==
          sent);

    // The next run sends nothing again.
    const test::io::Run again =
        remind(database.conninfo(), pgGateway, QStringLiteral("2024-06-03T09:30:00+08:00"));
    CHECK(again.status == 0);
    CHECK(pgGateway.requests().size() == sent);
    CHECK(QJsonDocument::fromJson(again.out.toUtf8())
              .object()
              .value(QStringLiteral("queued"))
              .toArray()
              .isEmpty());
}

namespace {

// The office cancelling the other queued reminders while a delivery run is
// sending its first one (a person in the outbox view, on their own
// connection); the message itself goes through the real HTTP sender.
class CancelOthersOnFirstSend : public ReminderSender {
public:
    CancelOthersOnFirstSend(ReminderSender& real, const QString& conninfo)
        : mReal(real), mConninfo(conninfo) {}
    QString channel() const override { return mReal.channel(); }
    bool deduplicatesByIdempotencyKey() const override { return mReal.deduplicatesByIdempotencyKey(); }
    SendResult send(const OutboxMessage& message) override {
        if (!mCancelled) {
            mCancelled = true;
            PgConnection office(mConninfo);
            office.query(QStringLiteral("UPDATE reminder_outbox SET status = 'cancelled' "
                                        "WHERE id <> $1 AND status IN ('queued', 'failed')"),
                         {static_cast<qlonglong>(message.id)});
        }
        return mReal.send(message);
    }

private:
    ReminderSender& mReal;
    QString mConninfo;
    bool mCancelled = false;
};

} // namespace

TEST_CASE("PostgreSQL master: a reminder cancelled in the office while a delivery runs stays cancelled and "
          "unsent",
          "[pg][pgverb]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    remindtest::RemindArchive a;
    addTwoIssuedTasks(a);
    PgMasterStore store(database.conninfo());
    PgMasterMigration::migrate(a.path(), store);

    remindtest::HttpGatewayServer gateway;
    const QString configPath = a.dir().file(QStringLiteral("remind.json"));
    {
        QFile out(configPath);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QStringLiteral(R"({"utc_offset_minutes": 480, "channels": ["sms"],
            "sms_gateway": {"url": "%1", "body_template": "{\"to\":\"${phone}\"}",
                            "success": {"json_field": "code", "json_value": "OK"},
                            "message_id_field": "data.message_id", "timeout_seconds": 2}})")
                      .arg(gateway.url())
                      .toUtf8());
    }
    RemindRequest request;
    request.config = ReminderConfig::load(configPath);
    request.now = QDateTime::fromString(QStringLiteral("2024-06-03T09:00:00+08:00"), Qt::ISODate);
    REQUIRE(request.config.smsGateway);
    HttpSmsSender sms(*request.config.smsGateway);
    CancelOthersOnFirstSend sender(sms, database.conninfo());
    request.senders[sender.channel()] = &sender;
    request.send = true;
    const RemindResult result = store.remind(request);
    REQUIRE(result.queued.queued.size() >= 2);

    PgConnection& pg = store.connection();
    CHECK(gateway.requests().size() == 1);
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'sent'")).toInt() ==
          1);
    // Without the guard the run's own outcome for them ('failed', to be
    // retried) would overwrite the office's decision.
    CHECK(pg.scalar(QStringLiteral("SELECT count(*) FROM reminder_outbox WHERE status = 'cancelled'"))
              .toInt() == static_cast<int>(result.queued.queued.size()) - 1);
}
