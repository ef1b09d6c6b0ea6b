// The PostgreSQL master's office verbs beyond the ones of PgVerbTests
// (issue #12), on the throw-away server of tests/pg: every verb upgrades an
// older master's schema first and refuses a newer one; migrate and import
// leave the tables they wrote analysed (QGIS's postgres provider reads its
// feature counts from there); a Gantt drag's reschedule writes what it
// writes on the SpatiaLite twin and survives, or cleanly refuses, a
// concurrent edit of the same task.

#include "IoTestSupport.h"
#include "MasterBackends.h"
#include "PgTestSupport.h"
#include "SyncTestSupport.h"
#include "TestSupport.h"

#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterOffice.h"
#include "master/PgMasterSchema.h"
#include "master/PgMasterStore.h"
#include "master/SpatiaLiteMasterStore.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QFile>

#include <atomic>
#include <thread>

using namespace recheck;
using recheck::test::PgTestDatabase;
using recheck::test::ScratchDir;

namespace {

// The customers partitions' fillfactors, ';'-joined (schema 5 sets 45).
QString customersFillfactors(PgConnection& pg) {
    const PgResult rows = pg.query(
        QStringLiteral("SELECT DISTINCT array_to_string(c.reloptions, ',') FROM pg_inherits i "
                       "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'customers'::regclass"));
    QStringList options;
    for (int r = 0; r < rows.rows(); ++r)
        options << rows.text(r, 0);
    return options.join(QLatin1Char(';'));
}

// What ANALYZE left in the catalog for a table (a partitioned parent too):
// its estimated rows (-1: never analysed) and how often it was analysed.
struct Statistics {
    double reltuples = -1;
    qlonglong analyses = 0;
};

Statistics statisticsOf(PgConnection& pg, const QString& table) {
    Statistics s;
    s.reltuples =
        pg.scalar(QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = $1::regclass"), {table})
            .toDouble();
    s.analyses = pg.scalar(QStringLiteral("SELECT coalesce(analyze_count, 0) FROM pg_stat_user_tables WHERE "
                                          "relid = $1::regclass"),
                           {table})
                     .toLongLong();
    return s;
}

qlonglong count(PgConnection& pg, const QString& sql, const QVariantList& params = {}) {
    return pg.scalar(sql, params).toLongLong();
}

// An open task of the demo master (its first one by uuid).
QString openTask(PgConnection& pg) {
    return pg
        .scalar(QStringLiteral("SELECT uuid FROM tasks WHERE status IN ('draft', 'issued', 'in_progress') "
                               "ORDER BY baseline_start IS NOT NULL, uuid LIMIT 1"))
        .toString();
}

// Waits until a session of `database` waits for a lock (the reschedule's
// write-back behind the office's uncommitted edit).
bool someoneWaitsForALock(PgConnection& pg, const QString& database) {
    for (int i = 0; i < 1200; ++i) {
        if (count(pg,
                  QStringLiteral(
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = "
                      "'Lock'"),
                  {database}) > 0)
            return true;
        QThread::msleep(25);
    }
    return false;
}

} // namespace

TEST_CASE("PostgreSQL master: the office verbs upgrade an older schema first and refuse a newer one, "
          "changing nothing",
          "[pg][pgoffice]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    planning::ProgressOptions progress;
    progress.today = QDate(2026, 11, 2);

    SECTION("an older master is upgraded by progress") {
        // Back to schema 2: customers partitions filled to 90 %.
        REQUIRE(customersFillfactors(pg) == QLatin1String("fillfactor=45"));
        pg.exec(QStringLiteral(
            "DO $$ DECLARE p regclass; BEGIN FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE "
            "inhparent = 'customers'::regclass LOOP EXECUTE format('ALTER TABLE %s SET (fillfactor = 90)', "
            "p); END LOOP; END $$"));
        pg.exec(QStringLiteral("UPDATE recheck_master SET value = '2' WHERE key = 'backend_schema_version'"));
        REQUIRE(store.schemaVersion() == 2);
        const std::vector<planning::TaskProgress> tasks = PgMasterOffice(store).progress(progress);
        CHECK(store.schemaVersion() == PgMasterSchema::currentVersion());
        CHECK(customersFillfactors(pg) == QLatin1String("fillfactor=45"));
        CHECK(tasks.size() == SpatiaLiteMasterStore(file).progress(progress).size());
    }

    SECTION("a newer master is refused by every office verb, nothing changed") {
        const int newer = PgMasterSchema::currentVersion() + 1;
        pg.query(QStringLiteral("UPDATE recheck_master SET value = $1 WHERE key = 'backend_schema_version'"),
                 {newer});
        const QString task = openTask(pg);
        REQUIRE_FALSE(task.isEmpty());
        const TableDigest tasksBefore = store.tableDigest(QStringLiteral("tasks"));
        const TableDigest customersBefore = store.tableDigest(QStringLiteral("customers"));
        const qlonglong logged = count(pg, QStringLiteral("SELECT count(*) FROM change_log"));
        const auto requireNewerSchema = [&](const char* verb, const std::function<void()>& run) {
            INFO(verb);
            try {
                run();
                FAIL("not refused");
            } catch (const RecheckError& e) {
                CHECK(e.kind() == RecheckError::Kind::NewerSchema);
                CHECK(QString::fromUtf8(e.what()).contains(QStringLiteral("version %1").arg(newer)));
            }
        };
        PgMasterOffice office(store);
        requireNewerSchema("progress", [&] { office.progress(progress); });
        requireNewerSchema("reschedule", [&] {
            office.reschedule(task, QDate(2027, 1, 4), QDate(2027, 1, 8), QStringLiteral("planner"));
        });
        planning::GenerationOptions plan;
        plan.from = QDate(2027, 1, 1);
        plan.to = QDate(2027, 12, 31);
        requireNewerSchema("plan", [&] { office.generatePlan(plan); });
        RemindRequest remind;
        remind.now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
        requireNewerSchema("remind", [&] { office.remind(remind); });
        const QString exported = dir.file(QStringLiteral("refused.csv"));
        requireNewerSchema("export", [&] { office.exportCustomers(exported, {}); });
        CHECK_FALSE(QFile::exists(exported));
        SpatiaLiteMasterStore(file).exportCustomers(exported, {});
        requireNewerSchema("import", [&] { office.importFile(exported, {}); });
        CHECK(store.schemaVersion() == newer);
        CHECK(store.tableDigest(QStringLiteral("tasks")) == tasksBefore);
        CHECK(store.tableDigest(QStringLiteral("customers")) == customersBefore);
        CHECK(count(pg, QStringLiteral("SELECT count(*) FROM change_log")) == logged);
        CHECK(count(pg, QStringLiteral("SELECT count(*) FROM import_runs")) == 0);
    }
}

TEST_CASE("PostgreSQL master: migrate and a large import leave the tables written analysed, the partitioned "
          "parents too, and a small import leaves the statistics to autovacuum",
          "[pg][pgoffice]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;

    SECTION("migrate") {
        PgMasterStore store(database.conninfo());
        const QString file = synctest::migratedTwoCountyMaster(dir, store);
        PgConnection& pg = store.connection();
        // Partitioned parents (autovacuum never analyses them) and plain tables.
        for (const QString& table :
             {QStringLiteral("customers"), QStringLiteral("task_scope"), QStringLiteral("visits"),
              QStringLiteral("districts"), QStringLiteral("tasks")}) {
            INFO(table.toStdString());
            const Statistics s = statisticsOf(pg, table);
            // Small tables: ANALYZE reads every row, the estimate is exact.
            CHECK(s.reltuples ==
                  static_cast<double>(count(pg, QStringLiteral("SELECT count(*) FROM %1").arg(table))));
            CHECK(s.analyses >= 1);
            CHECK(s.reltuples == static_cast<double>(SpatiaLiteMasterStore(file).tableDigest(table).rows));
        }
        CHECK(count(pg, QStringLiteral("SELECT count(*) FROM customers")) > 1000);
    }

    SECTION("a large import, then a small one") {
        PgMasterStore store(database.conninfo());
        synctest::migratedTwoCountyMaster(dir, store);
        PgConnection& pg = store.connection();
        const qlonglong customers = count(pg, QStringLiteral("SELECT count(*) FROM customers"));
        const Statistics migrated = statisticsOf(pg, QStringLiteral("customers"));
        REQUIRE(migrated.reltuples == static_cast<double>(customers));

        // The master's customers again under new account numbers: as many
        // new customers, each in its district's county partition.
        const QString exported = dir.file(QStringLiteral("customers.csv"));
        store.exportCustomers(exported, {});
        QFile in(exported);
        REQUIRE(in.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        in.close();
        const int account = lines.first().split(QLatin1Char(',')).indexOf(QStringLiteral("account_no"));
        REQUIRE(account >= 0);
        const auto renamed = [&](int from, int to, const QString& prefix) {
            QStringList out{lines.first()};
            for (int i = from; i < to; ++i) {
                QStringList fields = lines[i].split(QLatin1Char(','));
                fields[account] = prefix + fields[account];
                out << fields.join(QLatin1Char(','));
            }
            return (out.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
        };
        const QString large = dir.file(QStringLiteral("large.csv"));
        test::io::writeBytes(large, renamed(1, static_cast<int>(lines.size()), QStringLiteral("B-")));
        // (The demo's few malformed phone numbers stay out.)
        io::ImportOptions options;
        options.skipInvalid = true;
        const io::ImportResult first = store.importFile(large, options);
        REQUIRE(first.applied);
        CHECK(first.inserted > customers * 9 / 10);
        const qlonglong afterImport = count(pg, QStringLiteral("SELECT count(*) FROM customers"));
        REQUIRE(afterImport == customers + first.inserted);
        const Statistics afterLarge = statisticsOf(pg, QStringLiteral("customers"));
        CHECK(afterLarge.reltuples == static_cast<double>(afterImport));
        CHECK(afterLarge.analyses > migrated.analyses);

        // One new customer among thousands: not worth an ANALYZE of every
        // partition; the parent's estimate stays as it was.
        const QString small = dir.file(QStringLiteral("small.csv"));
        test::io::writeBytes(small, renamed(1, 2, QStringLiteral("C-")));
        const io::ImportResult second = store.importFile(small, {});
        REQUIRE(second.applied);
        CHECK(second.inserted == 1);
        CHECK(count(pg, QStringLiteral("SELECT count(*) FROM customers")) == afterImport + 1);
        const Statistics afterSmall = statisticsOf(pg, QStringLiteral("customers"));
        CHECK(afterSmall.reltuples == afterLarge.reltuples);
        CHECK(afterSmall.analyses == afterLarge.analyses);
    }
}

TEST_CASE("PostgreSQL master: a plan generated for a new year leaves its tasks and scopes analysed",
          "[pg][pgoffice]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const Statistics tasksBefore = statisticsOf(pg, QStringLiteral("tasks"));
    const Statistics scopeBefore = statisticsOf(pg, QStringLiteral("task_scope"));
    const qlonglong scopeRows = count(pg, QStringLiteral("SELECT count(*) FROM task_scope"));
    REQUIRE(scopeBefore.reltuples == static_cast<double>(scopeRows));

    planning::GenerationOptions options;
    options.from = QDate(2027, 1, 1);
    options.to = QDate(2027, 12, 31);
    options.user = QStringLiteral("planner");
    const planning::GenerationReport report = store.generatePlan(options);
    REQUIRE(report.created.size() > 0);
    const qlonglong scopeAfter = count(pg, QStringLiteral("SELECT count(*) FROM task_scope"));
    // A year's scopes are far more than a tenth of what was there.
    REQUIRE((scopeAfter - scopeRows) * 10 > scopeRows);
    const Statistics scope = statisticsOf(pg, QStringLiteral("task_scope"));
    CHECK(scope.reltuples == static_cast<double>(scopeAfter));
    CHECK(scope.analyses > scopeBefore.analyses);
    CHECK(statisticsOf(pg, QStringLiteral("tasks")).reltuples ==
          static_cast<double>(count(pg, QStringLiteral("SELECT count(*) FROM tasks"))));
    CHECK(statisticsOf(pg, QStringLiteral("tasks")).analyses > tasksBefore.analyses);
}

TEST_CASE("PostgreSQL master: a reschedule writes the task as on SpatiaLite: dates, baseline, row_version, "
          "change_log",
          "[pg][pgoffice]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    const QString file = synctest::migratedTwoCountyMaster(dir, store);
    SpatiaLiteMasterStore spatialite(file);
    PgConnection& pg = store.connection();
    const QString task = openTask(pg);
    REQUIRE_FALSE(task.isEmpty());
    const qlonglong version =
        count(pg, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = $1"), {task});
    const qlonglong seq = count(pg, QStringLiteral("SELECT coalesce(max(seq), 0) FROM change_log"));
    const QString plannedStart =
        pg.scalar(QStringLiteral("SELECT planned_start FROM tasks WHERE uuid = $1"), {task}).toString();
    const QDate start = QDate::fromString(plannedStart, Qt::ISODate).addDays(5);
    REQUIRE(start.isValid());

    // Twice: the first sets the baseline, the second keeps it.
    for (int move = 1; move <= 2; ++move) {
        INFO("move " << move);
        const QDate from = start.addDays(move), to = start.addDays(move + 4);
        PgMasterOffice office(store);
        const planning::PlanTasks::Reschedule onPg =
            office.reschedule(task, from, to, QStringLiteral("gantt"));
        CHECK(office.lastAttempts() == 1);
        const planning::PlanTasks::Reschedule onFile =
            spatialite.reschedule(task, from, to, QStringLiteral("gantt"));
        CHECK(onPg.startSlipDays == onFile.startSlipDays);
        CHECK(onPg.endSlipDays == onFile.endSlipDays);
        CHECK(onPg.startSlipDays == 5 + move);
        const QStringList columns{QStringLiteral("uuid"),           QStringLiteral("status"),
                                  QStringLiteral("planned_start"),  QStringLiteral("planned_end"),
                                  QStringLiteral("baseline_start"), QStringLiteral("baseline_end"),
                                  QStringLiteral("row_version"),    QStringLiteral("updated_by")};
        CHECK(store.tableDigest(QStringLiteral("tasks"), columns) ==
              spatialite.tableDigest(QStringLiteral("tasks"), columns));
        CHECK(count(pg, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = $1"), {task}) ==
              version + move);
        // One change_log entry per move, as the file's trigger writes it.
        const PgResult logged = pg.query(
            QStringLiteral(
                "SELECT table_name, row_uuid, op, row_version, changed_by FROM change_log WHERE seq > $1 "
                "ORDER BY seq"),
            {seq});
        REQUIRE(logged.rows() == move);
        CHECK(logged.text(move - 1, 0) == QLatin1String("tasks"));
        CHECK(logged.text(move - 1, 1) == task);
        CHECK(logged.text(move - 1, 2) == QLatin1String("update"));
        CHECK(logged.text(move - 1, 3).toLongLong() == version + move);
        CHECK(logged.text(move - 1, 4) == QLatin1String("gantt"));
        CHECK(synctest::masterScalar(
                  file, QStringLiteral("SELECT op || ' ' || row_version || ' ' || changed_by FROM "
                                       "change_log WHERE row_uuid = '%1' ORDER BY seq DESC LIMIT 1")
                            .arg(task)) == QStringLiteral("update %1 gantt").arg(version + move));
    }
    // Only the task's row: the other tasks and the scope are untouched.
    CHECK(count(pg, QStringLiteral("SELECT count(*) FROM change_log WHERE seq > $1 AND row_uuid <> $2"),
                {seq, task}) == 0);

    // Refusals: as on the file, nothing written.
    const TableDigest tasksBefore = store.tableDigest(QStringLiteral("tasks"));
    const auto requireRefused = [&](const QString& uuid, const QDate& from, const QDate& to,
                                    const QString& says) {
        try {
            store.reschedule(uuid, from, to, QStringLiteral("gantt"));
            FAIL("not refused");
        } catch (const RecheckError& e) {
            CHECK(e.kind() == RecheckError::Kind::InvalidInput);
            INFO(e.what());
            CHECK(QString::fromUtf8(e.what()).contains(says));
            CHECK_FALSE(QString::fromUtf8(e.what()).contains(QLatin1String("staging-master")));
        }
    };
    requireRefused(task, start, start.addDays(-1), QStringLiteral("must not come before"));
    requireRefused(QStringLiteral("no-such-task"), start, start, QStringLiteral("no task no-such-task"));
    const QString done =
        pg.scalar(QStringLiteral("SELECT uuid FROM tasks WHERE status = 'done' ORDER BY uuid LIMIT 1"))
            .toString();
    if (!done.isEmpty())
        requireRefused(done, start, start.addDays(2), QStringLiteral("done"));
    CHECK(store.tableDigest(QStringLiteral("tasks")) == tasksBefore);
}

TEST_CASE("PostgreSQL master: a reschedule racing an office edit of the task retries on a fresh snapshot, "
          "and refuses cleanly when the task was finished or the retries run out",
          "[pg][pgoffice]") {
    PgTestDatabase database;
    if (!database.available())
        return;
    ScratchDir dir;
    PgMasterStore store(database.conninfo());
    synctest::migratedTwoCountyMaster(dir, store);
    PgConnection& pg = store.connection();
    const QString task = openTask(pg);
    REQUIRE_FALSE(task.isEmpty());
    const qlonglong version =
        count(pg, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = $1"), {task});
    const QString startBefore =
        pg.scalar(QStringLiteral("SELECT planned_start FROM tasks WHERE uuid = $1"), {task}).toString();
    const QDate from(2027, 3, 1), to(2027, 3, 5);

    // The office edits the task and holds its transaction open; the
    // reschedule (its own connection, another thread) reads its snapshot,
    // then waits for the row; the office commits.
    PgConnection office(database.conninfo());
    struct Outcome {
        int attempts = 0;
        QString error;
        RecheckError::Kind kind = RecheckError::Kind::Generic;
    };
    const auto raceWith = [&](const QString& officeEdit, PgRetryPolicy retry) {
        Outcome outcome;
        office.exec(QStringLiteral("BEGIN"));
        office.query(officeEdit, {task});
        std::atomic<bool> finished{false};
        std::thread drag([&] {
            try {
                PgMasterStore own(database.conninfo());
                PgMasterOffice verbs(own, retry);
                try {
                    verbs.reschedule(task, from, to, QStringLiteral("gantt"));
                } catch (const RecheckError& e) {
                    outcome.error = QString::fromUtf8(e.what());
                    outcome.kind = e.kind();
                }
                outcome.attempts = verbs.lastAttempts();
            } catch (const std::exception& e) {
                outcome.error = QString::fromUtf8(e.what());
            }
            finished = true;
        });
        const bool waited = someoneWaitsForALock(pg, database.name());
        office.exec(QStringLiteral("COMMIT"));
        drag.join();
        CHECK(waited);
        CHECK(finished);
        return outcome;
    };

    SECTION("an office edit of another field: retried, both kept") {
        const Outcome outcome =
            raceWith(QStringLiteral(
                         "UPDATE tasks SET priority = 'urgent', row_version = row_version + 1, updated_by = "
                         "'office' WHERE uuid = $1"),
                     {});
        INFO(outcome.error.toStdString());
        CHECK(outcome.error.isEmpty());
        CHECK(outcome.attempts >= 2);
        const PgResult row = pg.query(QStringLiteral("SELECT priority, planned_start, planned_end, "
                                                     "row_version, updated_by FROM tasks WHERE uuid = $1"),
                                      {task});
        CHECK(row.text(0, 0) == QLatin1String("urgent"));
        CHECK(row.text(0, 1) == QLatin1String("2027-03-01"));
        CHECK(row.text(0, 2) == QLatin1String("2027-03-05"));
        CHECK(row.text(0, 3).toLongLong() == version + 2);
        CHECK(row.text(0, 4) == QLatin1String("gantt"));
        CHECK(
            count(pg,
                  QStringLiteral("SELECT count(*) FROM change_log WHERE row_uuid = $1 AND row_version > $2"),
                  {task, version}) == 2);
    }

    SECTION("the office finished the task meanwhile: refused on the retry, nothing written") {
        const Outcome outcome = raceWith(
            QStringLiteral("UPDATE tasks SET status = 'done', actual_end = '2026-11-01', row_version = "
                           "row_version + 1, updated_by = 'office' WHERE uuid = $1"),
            {});
        CHECK(outcome.kind == RecheckError::Kind::InvalidInput);
        CHECK(outcome.error.contains(QLatin1String("done")));
        CHECK(outcome.attempts == 2);
        CHECK(
            pg.scalar(QStringLiteral("SELECT planned_start FROM tasks WHERE uuid = $1"), {task}).toString() ==
            startBefore);
        CHECK(count(pg, QStringLiteral("SELECT row_version FROM tasks WHERE uuid = $1"), {task}) ==
              version + 1);
    }

    SECTION("no retry allowed: the serialisation failure comes back, nothing written") {
        PgRetryPolicy once;
        once.attempts = 1;
        const Outcome outcome =
            raceWith(QStringLiteral(
                         "UPDATE tasks SET priority = 'urgent', row_version = row_version + 1, updated_by = "
                         "'office' WHERE uuid = $1"),
                     once);
        CHECK(outcome.attempts == 1);
        INFO(outcome.error.toStdString());
        CHECK(PgMasterSync::isRetryable(RecheckError(outcome.error.toStdString())));
        const PgResult row = pg.query(
            QStringLiteral(
                "SELECT priority, planned_start, row_version, updated_by FROM tasks WHERE uuid = $1"),
            {task});
        CHECK(row.text(0, 0) == QLatin1String("urgent"));
        CHECK(row.text(0, 1) == startBefore);
        CHECK(row.text(0, 2).toLongLong() == version + 1);
        CHECK(row.text(0, 3) == QLatin1String("office"));
    }
}
