// Task lifecycle, rescheduling against the baseline, and progress figures
// compared with numbers worked out by hand for a small hand-made archive.

#include "PlanningFixture.h"

#include "common/RecheckError.h"
#include "planning/PlanGenerator.h"
#include "planning/PlanTasks.h"
#include "planning/ProgressReport.h"

using namespace recheck;
using namespace recheck::planning;
using recheck::test::PlanningArchive;
using recheck::test::uuidOf;

namespace {

// One task for D1 from a monthly plan: 2024-02-29 … 2024-03-09, draft.
QString generateOneTask(PlanningArchive& a) {
    a.addPlan(1, QStringLiteral("periodic"), QStringLiteral("2024-01-31"), 1, 10);
    a.addPlanDistrict(1, 1);
    GenerationOptions options;
    options.from = QDate(2024, 2, 1);
    options.to = QDate(2024, 2, 29);
    options.user = QStringLiteral("planner");
    const GenerationReport report = PlanGenerator(a.archive.db()).generate(options);
    REQUIRE(report.created.size() == 1);
    return report.created.front().uuid;
}

const ProgressGroup& groupOf(const std::vector<ProgressGroup>& groups, const QString& key) {
    for (const ProgressGroup& g : groups)
        if (g.key == key)
            return g;
    FAIL("no group " << key.toStdString());
    throw 0;
}

} // namespace

TEST_CASE("Lifecycle: draft → issued → in progress → done, stamped — wrong moves refused", "[planning]") {
    PlanningArchive a;
    const QString task = generateOneTask(a);
    PlanTasks tasks(a.archive.db());
    auto field = [&](const char* column) {
        return a.text(
            QStringLiteral("SELECT %1 FROM tasks WHERE uuid = '%2'").arg(QLatin1String(column), task));
    };
    const long long version = field("row_version").toLongLong();

    CHECK_THROWS_AS(tasks.transition(task, TaskStatus::Done, QStringLiteral("u"), QDate(2024, 3, 1)),
                    RecheckError);
    CHECK_THROWS_AS(tasks.transition(task, TaskStatus::InProgress, QStringLiteral("u"), QDate(2024, 3, 1)),
                    RecheckError);
    CHECK(field("status") == QStringLiteral("draft"));
    CHECK(field("row_version").toLongLong() == version);

    // A customer moves into D1 after generation: issuing freezes the scope as
    // it is at issue time.
    a.addCustomer(100, 1);
    tasks.transition(task, TaskStatus::Issued, QStringLiteral("dispatcher"), QDate(2024, 2, 28));
    CHECK(field("status") == QStringLiteral("issued"));
    CHECK(field("updated_by") == QStringLiteral("dispatcher"));
    CHECK(field("row_version").toLongLong() == version + 1);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM task_scope WHERE task_uuid = '%1'").arg(task)) == 30);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM change_log WHERE row_uuid = '%1' AND op = 'update' "
                                 "AND changed_by = 'dispatcher'")
                      .arg(task)) == 1);

    tasks.transition(task, TaskStatus::InProgress, QStringLiteral("inspector"), QDate(2024, 3, 1));
    CHECK(field("actual_start") == QStringLiteral("2024-03-01"));
    CHECK(tasks.task(task).isOverdue(QDate(2024, 3, 10)));
    CHECK_FALSE(tasks.task(task).isOverdue(QDate(2024, 3, 9)));
    tasks.transition(task, TaskStatus::Done, QStringLiteral("inspector"), QDate(2024, 3, 12));
    CHECK(field("actual_start") == QStringLiteral("2024-03-01"));
    CHECK(field("actual_end") == QStringLiteral("2024-03-12"));
    CHECK_FALSE(tasks.task(task).isOverdue(QDate(2024, 3, 20)));
    CHECK_THROWS_AS(tasks.transition(task, TaskStatus::Cancelled, QStringLiteral("u"), QDate(2024, 3, 13)),
                    RecheckError);
    CHECK(field("status") == QStringLiteral("done"));

    CHECK(canTransition(TaskStatus::Draft, TaskStatus::Cancelled));
    CHECK(canTransition(TaskStatus::InProgress, TaskStatus::Cancelled));
    CHECK_FALSE(canTransition(TaskStatus::Cancelled, TaskStatus::Issued));
    CHECK_FALSE(canTransition(TaskStatus::Issued, TaskStatus::Draft));
}

TEST_CASE("Rescheduling keeps the baseline and reports the slip", "[planning]") {
    PlanningArchive a;
    const QString task = generateOneTask(a);
    PlanTasks tasks(a.archive.db());

    PlanTasks::Reschedule slip =
        tasks.reschedule(task, QDate(2024, 3, 4), QDate(2024, 3, 15), QStringLiteral("o"));
    CHECK(slip.startSlipDays == 4);
    CHECK(slip.endSlipDays == 6);
    slip = tasks.reschedule(task, QDate(2024, 3, 1), QDate(2024, 3, 10), QStringLiteral("o"));
    CHECK(slip.startSlipDays == 1);
    CHECK(slip.endSlipDays == 1);
    const TaskRecord record = tasks.task(task);
    CHECK(record.baselineStart == QDate(2024, 2, 29));
    CHECK(record.baselineEnd == QDate(2024, 3, 9));
    CHECK(record.plannedStart == QDate(2024, 3, 1));
    CHECK(record.slipDays() == 1);
    CHECK(a.text(QStringLiteral("SELECT updated_by FROM tasks WHERE uuid = '%1'").arg(task)) ==
          QStringLiteral("o"));

    SECTION("a task without a baseline gets its planned dates as baseline") {
        a.exec(QStringLiteral("UPDATE tasks SET baseline_start = NULL, baseline_end = NULL"));
        slip = tasks.reschedule(task, QDate(2024, 2, 26), QDate(2024, 3, 8), QStringLiteral("o"));
        CHECK(slip.startSlipDays == -4);
        CHECK(slip.endSlipDays == -2);
        CHECK(tasks.task(task).baselineStart == QDate(2024, 3, 1));
    }
    SECTION("end before start, and finished work, are refused") {
        CHECK_THROWS_AS(tasks.reschedule(task, QDate(2024, 3, 5), QDate(2024, 3, 4), QStringLiteral("o")),
                        RecheckError);
        tasks.transition(task, TaskStatus::Cancelled, QStringLiteral("o"), QDate(2024, 3, 1));
        CHECK_THROWS_AS(tasks.reschedule(task, QDate(2024, 3, 5), QDate(2024, 3, 8), QStringLiteral("o")),
                        RecheckError);
        CHECK(tasks.task(task).plannedStart == QDate(2024, 3, 1));
    }
}

namespace {

void addTask(PlanningArchive& a, int n, int district, int staff, const char* status, const char* plannedEnd,
             const char* actualEnd, std::initializer_list<int> scope) {
    a.exec(
        QStringLiteral("INSERT INTO tasks (uuid, district_uuid, assignee_uuid, status, planned_start, "
                       "planned_end, actual_end) VALUES ('%1', '%2', '%3', '%4', '2024-02-01', '%5', %6)")
            .arg(uuidOf('e', n), uuidOf('d', district), uuidOf('5', staff), QLatin1String(status),
                 QLatin1String(plannedEnd),
                 actualEnd ? QStringLiteral("'%1'").arg(QLatin1String(actualEnd)) : QStringLiteral("NULL")));
    for (int customer : scope)
        a.exec(QStringLiteral("INSERT INTO task_scope (task_uuid, customer_uuid) VALUES ('%1', '%2')")
                   .arg(uuidOf('e', n), uuidOf('c', customer)));
}

int visitCount = 0;

QString addVisit(PlanningArchive& a, int task, int customer, const char* result, const char* accuracy,
                 const char* distance) {
    const QString uuid = uuidOf('f', ++visitCount);
    a.exec(QStringLiteral(
               "INSERT INTO visits (uuid, task_uuid, customer_uuid, visited_at, result, gps_accuracy_m, "
               "distance_m) VALUES ('%1', '%2', '%3', '2024-03-01T09:00:00Z', '%4', %5, %6)")
               .arg(uuid, uuidOf('e', task), uuidOf('c', customer), QLatin1String(result),
                    QLatin1String(accuracy), QLatin1String(distance)));
    return uuid;
}

void addDiscrepancy(PlanningArchive& a, const QString& visit, int customer, const char* field) {
    a.exec(QStringLiteral("INSERT INTO discrepancies (visit_uuid, customer_uuid, field, archive_value, "
                          "observed_value) VALUES ('%1', '%2', '%3', 'a', 'b')")
               .arg(visit, uuidOf('c', customer), QLatin1String(field)));
}

} // namespace

TEST_CASE("Progress: per task, by member, district and period, against hand-computed figures", "[planning]") {
    PlanningArchive a;
    // Customers: D1 = 1..30, D2 = 31..50, D3 = 51..55.
    // T1: D1, S1, done on time (end 03-10, finished 03-08), scope c2..c5.
    addTask(a, 1, 1, 1, "done", "2024-03-10", "2024-03-08", {2, 3, 4, 5});
    addVisit(a, 1, 2, "ok", "5", "10");                            // checked, GPS proof
    const QString d = addVisit(a, 1, 3, "discrepancy", "50", "5"); // checked, fix too vague
    addDiscrepancy(a, d, 3, "phone");
    addDiscrepancy(a, d, 3, "address");
    addVisit(a, 1, 3, "ok", "10", "80");        // same customer again, fix too far
    addVisit(a, 1, 4, "unreachable", "5", "5"); // not checked, but GPS proof
    addVisit(a, 1, 9, "ok", "NULL", "NULL");    // outside the scope: not progress
    // T2: D2, S1, issued, end 03-05 passed: overdue. Scope c31, c32.
    addTask(a, 2, 2, 1, "issued", "2024-03-05", nullptr, {31, 32});
    // T3: D3, S2, done late (end 04-10, finished 04-12), scope c51..c53 all checked with proof.
    addTask(a, 3, 3, 2, "done", "2024-04-10", "2024-04-12", {51, 52, 53});
    for (int c : {51, 52, 53})
        addVisit(a, 3, c, "ok", "4", "3");
    // T4: D3, S2, cancelled, end passed: neither due nor overdue.
    addTask(a, 4, 3, 2, "cancelled", "2024-03-01", nullptr, {54});
    // T5: D1, S2, in progress, end in the future. Scope c6, c7; c6 checked.
    addTask(a, 5, 1, 2, "in_progress", "2024-05-01", nullptr, {6, 7});
    addVisit(a, 5, 6, "ok", "30", "50"); // exactly at the thresholds: proof

    ProgressOptions options;
    options.today = QDate(2024, 4, 20);
    ProgressReport report(a.archive.db());
    const std::vector<TaskProgress> tasks = report.tasks(options);
    REQUIRE(tasks.size() == 5);
    auto taskOf = [&](int n) -> const TaskProgress& {
        for (const TaskProgress& p : tasks)
            if (p.task.uuid == uuidOf('e', n))
                return p;
        FAIL("no task " << n);
        throw 0;
    };
    const TaskProgress& t1 = taskOf(1);
    CHECK(t1.task.scopeSize == 4);
    CHECK(t1.checked == 2);
    CHECK(t1.visits == 5);
    CHECK(t1.gpsProofVisits == 2);
    CHECK(t1.discrepancies == 2);
    CHECK(t1.checkedShare() == Approx(0.5));
    CHECK(t1.onTime);
    CHECK_FALSE(t1.overdue);
    CHECK(taskOf(2).overdue);
    CHECK_FALSE(taskOf(3).onTime);
    CHECK_FALSE(taskOf(4).overdue);
    CHECK(taskOf(5).gpsProofVisits == 1);

    SECTION("by member") {
        const auto groups = ProgressReport::group(tasks, ProgressGrouping::Member);
        REQUIRE(groups.size() == 2);
        const ProgressGroup& s1 = groupOf(groups, QStringLiteral("S1"));
        CHECK(s1.label == QStringLiteral("Member 1"));
        CHECK(s1.tasks == 2);
        CHECK(s1.scope == 6);
        CHECK(s1.checked == 2);
        CHECK(s1.overdue == 1);
        CHECK(s1.due == 2);
        CHECK(s1.onTime == 1);
        CHECK(s1.onTimeRate() == Approx(0.5));
        CHECK(s1.checkedShare() == Approx(2.0 / 6));
        const ProgressGroup& s2 = groupOf(groups, QStringLiteral("S2"));
        CHECK(s2.tasks == 3);
        CHECK(s2.scope == 6);
        CHECK(s2.checked == 4);
        CHECK(s2.visits == 4);
        CHECK(s2.gpsProofVisits == 4);
        CHECK(s2.cancelled == 1);
        CHECK(s2.due == 1);
        CHECK(s2.onTime == 0);
        CHECK(s2.onTimeRate() == Approx(0.0));
    }
    SECTION("by district") {
        const auto groups = ProgressReport::group(tasks, ProgressGrouping::District);
        REQUIRE(groups.size() == 3);
        const ProgressGroup& d1 = groupOf(groups, QStringLiteral("D1"));
        CHECK(d1.tasks == 2);
        CHECK(d1.scope == 6);
        CHECK(d1.checked == 3);
        CHECK(d1.visits == 6);
        CHECK(d1.gpsProofVisits == 3);
        CHECK(d1.discrepancies == 2);
        CHECK(groupOf(groups, QStringLiteral("D3")).done == 1);
    }
    SECTION("by period: month and quarter of the planned end") {
        const auto months = ProgressReport::group(tasks, ProgressGrouping::Period, PeriodUnit::Month);
        REQUIRE(months.size() == 3);
        CHECK(months[0].key == QStringLiteral("2024-03"));
        CHECK(months[0].tasks == 3);
        CHECK(months[0].due == 2);
        CHECK(months[0].onTime == 1);
        CHECK(months[1].key == QStringLiteral("2024-04"));
        CHECK(months[2].key == QStringLiteral("2024-05"));
        const auto quarters = ProgressReport::group(tasks, ProgressGrouping::Period, PeriodUnit::Quarter);
        REQUIRE(quarters.size() == 2);
        CHECK(quarters[0].key == QStringLiteral("2024-Q1"));
        CHECK(quarters[0].scope == 7);
        CHECK(quarters[1].key == QStringLiteral("2024-Q2"));
        CHECK(quarters[1].checked == 4);
        const auto weeks = ProgressReport::group(tasks, ProgressGrouping::Period, PeriodUnit::Week);
        CHECK(weeks.front().key == QStringLiteral("2024-W09")); // T4 ends Friday 2024-03-01
    }
    SECTION("a period filter on the due date") {
        ProgressOptions april = options;
        april.from = QDate(2024, 4, 1);
        april.to = QDate(2024, 4, 30);
        const std::vector<TaskProgress> inApril = report.tasks(april);
        REQUIRE(inApril.size() == 1);
        CHECK(inApril.front().task.uuid == uuidOf('e', 3));
    }
    SECTION("the counts of a few tasks alone are the full report's") {
        // What the Gantt asks for the rows it shows: T1 (every kind of
        // visit), T2 (nothing counted yet) and T5.
        const QHash<QString, TaskCounts> counts =
            report.countsOf({uuidOf('e', 1), uuidOf('e', 2), uuidOf('e', 5)}, options);
        CHECK_FALSE(counts.contains(uuidOf('e', 3)));
        for (int n : {1, 2, 5}) {
            INFO("task " << n);
            const TaskProgress& p = taskOf(n);
            const TaskCounts c = counts.value(uuidOf('e', n));
            CHECK(c.scope == p.task.scopeSize);
            CHECK(c.checked == p.checked);
            CHECK(c.visits == p.visits);
            CHECK(c.gpsProofVisits == p.gpsProofVisits);
            CHECK(c.discrepancies == p.discrepancies);
        }
        CHECK(counts.value(uuidOf('e', 1)).discrepancies == 2);
        CHECK(counts.value(uuidOf('e', 2)).scope == 2);
        CHECK(report.countsOf({}, options).isEmpty());
    }
}
