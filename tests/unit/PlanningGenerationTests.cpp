// Plan generation: cycles across month ends and leap years, assignment to the
// responsible member, frozen scope, idempotence and the capacity warning.

#include "PlanningFixture.h"

#include "common/RecheckError.h"
#include "planning/PlanCalendar.h"
#include "planning/PlanGenerator.h"
#include "planning/PlanTasks.h"
#include "planning/Workload.h"

using namespace recheck;
using namespace recheck::planning;
using recheck::test::PlanningArchive;
using recheck::test::uuidOf;

namespace {

GenerationOptions period(const QDate& from, const QDate& to) {
    GenerationOptions options;
    options.from = from;
    options.to = to;
    options.user = QStringLiteral("planner");
    return options;
}

const GeneratedTask* find(const GenerationReport& report, const QString& district, const QString& periodKey) {
    for (const GeneratedTask& t : report.created)
        if (t.districtCode == district && t.periodKey == periodKey)
            return &t;
    return nullptr;
}

} // namespace

TEST_CASE("Calendar: month arithmetic clamps at month ends, leap years included", "[planning]") {
    CHECK(addMonthsClamped(QDate(2024, 1, 31), 1) == QDate(2024, 2, 29));
    CHECK(addMonthsClamped(QDate(2023, 1, 31), 1) == QDate(2023, 2, 28));
    CHECK(addMonthsClamped(QDate(2100, 1, 31), 1) == QDate(2100, 2, 28)); // not a leap year
    CHECK(addMonthsClamped(QDate(2000, 1, 31), 1) == QDate(2000, 2, 29)); // a leap year
    CHECK(addMonthsClamped(QDate(2024, 1, 31), 2) == QDate(2024, 3, 31));
    CHECK(addMonthsClamped(QDate(2024, 11, 30), 3) == QDate(2025, 2, 28));
    CHECK(addMonthsClamped(QDate(2024, 2, 29), 12) == QDate(2025, 2, 28));
    CHECK(addMonthsClamped(QDate(2024, 3, 31), -1) == QDate(2024, 2, 29));

    // Counted from the plan's start each time: the 31st comes back in March.
    const std::vector<QDate> starts =
        PlanGenerator::cycleStartsWithin(QDate(2024, 1, 31), 1, QDate(2024, 1, 1), QDate(2024, 5, 31));
    const std::vector<QDate> expected = {QDate(2024, 1, 31), QDate(2024, 2, 29), QDate(2024, 3, 31),
                                         QDate(2024, 4, 30), QDate(2024, 5, 31)};
    CHECK(starts == expected);
    CHECK(PlanGenerator::cycleStartsWithin(QDate(2024, 1, 1), 6, QDate(2024, 2, 1), QDate(2024, 6, 30))
              .empty());

    CHECK(workingDays(QDate(2024, 3, 4), QDate(2024, 3, 10)) == 5); // Monday to Sunday
    CHECK(workingDays(QDate(2024, 2, 29), QDate(2024, 3, 9)) == 7); // Thursday to the next Saturday
    CHECK(workingDays(QDate(2024, 3, 9), QDate(2024, 3, 10)) == 0); // a weekend
    CHECK(workingDays(QDate(2024, 3, 10), QDate(2024, 3, 9)) == 0);
    CHECK(nextWorkingDay(QDate(2024, 3, 31)) == QDate(2024, 4, 1));
    CHECK(endAfterWorkingDays(QDate(2024, 2, 29), 7) == QDate(2024, 3, 8));

    CHECK(periodKeyOf(QDate(2027, 1, 1), PeriodUnit::Week) == QStringLiteral("2026-W53"));
    CHECK(periodKeyOf(QDate(2024, 2, 29), PeriodUnit::Week) == QStringLiteral("2024-W09"));
    CHECK(periodKeyOf(QDate(2024, 2, 29), PeriodUnit::Month) == QStringLiteral("2024-02"));
    CHECK(periodKeyOf(QDate(2024, 10, 1), PeriodUnit::Quarter) == QStringLiteral("2024-Q4"));

    CHECK(PlanGenerator::periodicPeriodKey(QDate(2026, 7, 1), 6) == QStringLiteral("2026H2"));
    CHECK(PlanGenerator::periodicPeriodKey(QDate(2026, 4, 1), 3) == QStringLiteral("2026Q2"));
    CHECK(PlanGenerator::periodicPeriodKey(QDate(2024, 2, 29), 1) == QStringLiteral("2024-02-29"));
}

TEST_CASE("Calendar: archive dates parse by hand exactly as Qt's ISO parser reads them", "[planning]") {
    for (const char* text :
         {"2026-11-02", "2024-02-29", "2026-11-02T08:30:00Z", "2026-11-02 08:30", "1999-12-31"}) {
        INFO(text);
        CHECK(parseIsoDate(QString::fromLatin1(text)) ==
              QDate::fromString(QString::fromLatin1(text).left(10), Qt::ISODate));
        CHECK(parseIsoDate(QString::fromLatin1(text)).isValid());
    }
    CHECK(parseIsoDate(QStringLiteral("2026-11-02")) == QDate(2026, 11, 2));
    // A day that does not exist, wrong separators, letters, short or empty text.
    for (const char* text :
         {"2026-02-29", "2026-13-01", "2026/11/02", "2026-1a-02", "2026-11-2", "", "20261102"})
        CHECK_FALSE(parseIsoDate(QString::fromLatin1(text)).isValid());
}

TEST_CASE("Generation: periodic cycles per district, responsible member, frozen scope", "[planning]") {
    PlanningArchive a;
    a.addPlan(1, QStringLiteral("periodic"), QStringLiteral("2024-01-31"), 1, 10);
    const GenerationReport report =
        PlanGenerator(a.archive.db()).generate(period(QDate(2024, 2, 1), QDate(2024, 3, 31)));

    // Cycles start 2024-02-29 and 2024-03-31, three districts each.
    REQUIRE(report.created.size() == 6);
    CHECK(report.alreadyPresent == 0);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM tasks")) == 6);

    const GeneratedTask* feb = find(report, QStringLiteral("D1"), QStringLiteral("2024-02-29"));
    REQUIRE(feb);
    CHECK(feb->assigneeCode == QStringLiteral("S1"));
    CHECK(feb->plannedStart == QDate(2024, 2, 29));
    CHECK(feb->plannedEnd == QDate(2024, 3, 9));
    CHECK(feb->scopeSize == 29); // the closed customer is not re-checked
    const GeneratedTask* march = find(report, QStringLiteral("D3"), QStringLiteral("2024-03-31"));
    REQUIRE(march);
    CHECK(march->assigneeCode == QStringLiteral("S2"));
    CHECK(march->plannedStart == QDate(2024, 4, 1)); // the 31st is a Sunday
    CHECK(march->plannedEnd == QDate(2024, 4, 10));
    CHECK(march->scopeSize == 5);

    // Rows as written: draft, baseline = first plan, stamped by the planner,
    // scope rows per district's open customers.
    CHECK(
        a.count(QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'draft' AND updated_by = 'planner' "
                               "AND baseline_start = planned_start AND baseline_end = planned_end")) == 6);
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM task_scope")) == 2 * (29 + 20 + 5));
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM task_scope s JOIN tasks t ON t.uuid = s.task_uuid "
                                 "JOIN customers c ON c.uuid = s.customer_uuid "
                                 "WHERE c.district_uuid <> t.district_uuid OR c.status = 'closed'")) == 0);
    CHECK(a.text(QStringLiteral("SELECT assignee_uuid FROM tasks WHERE uuid = '%1'").arg(feb->uuid)) ==
          uuidOf('5', 1));

    SECTION("running again creates nothing") {
        const long long changes = a.count(QStringLiteral("SELECT count(*) FROM change_log"));
        const GenerationReport again =
            PlanGenerator(a.archive.db()).generate(period(QDate(2024, 2, 1), QDate(2024, 3, 31)));
        CHECK(again.created.empty());
        CHECK(again.alreadyPresent == 6);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM tasks")) == 6);
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM change_log")) == changes);
    }
    SECTION("an overlapping period adds only the new cycle") {
        const GenerationReport next =
            PlanGenerator(a.archive.db()).generate(period(QDate(2024, 3, 1), QDate(2024, 4, 30)));
        CHECK(next.created.size() == 3);
        CHECK(next.alreadyPresent == 3);
        CHECK(find(next, QStringLiteral("D2"), QStringLiteral("2024-04-30")));
    }
    SECTION("a dry run writes nothing") {
        GenerationOptions options = period(QDate(2024, 4, 1), QDate(2024, 4, 30));
        options.dryRun = true;
        const GenerationReport dry = PlanGenerator(a.archive.db()).generate(options);
        CHECK(dry.created.size() == 3);
        CHECK(dry.created.front().uuid.isEmpty());
        CHECK(a.count(QStringLiteral("SELECT count(*) FROM tasks")) == 6);
    }
    SECTION("a bad period is refused") {
        CHECK_THROWS_AS(PlanGenerator(a.archive.db()).generate(period(QDate(2024, 4, 1), QDate(2024, 3, 1))),
                        RecheckError);
    }
}

TEST_CASE("Generation: ad hoc and urgent plans cover their listed districts", "[planning]") {
    PlanningArchive a;
    a.addPlan(2, QStringLiteral("adhoc"), QString(), 0, 14);
    a.addPlanDistrict(2, 2, QStringLiteral("2024-03-05"));
    a.addPlanDistrict(2, 1, QStringLiteral("2024-06-03")); // outside the period
    a.addPlan(3, QStringLiteral("urgent"), QStringLiteral("2024-03-10"), 0, 3);
    a.addPlanDistrict(3, 3); // from the plan's start
    // A periodic plan restricted to one district.
    a.addPlan(4, QStringLiteral("periodic"), QStringLiteral("2024-01-01"), 3, 20);
    a.addPlanDistrict(4, 3);
    // S3 becomes responsible for D3 too: the lower staff code (S2) keeps it.
    a.responsible(3, 3);

    const GenerationReport report =
        PlanGenerator(a.archive.db()).generate(period(QDate(2024, 3, 1), QDate(2024, 4, 30)));
    REQUIRE(report.created.size() == 3);
    const GeneratedTask* adhoc = find(report, QStringLiteral("D2"), QStringLiteral("2024-03-05"));
    REQUIRE(adhoc);
    CHECK(adhoc->planCode == QStringLiteral("P2"));
    CHECK(adhoc->plannedEnd == QDate(2024, 3, 18));
    CHECK_FALSE(adhoc->urgent);
    const GeneratedTask* urgent = find(report, QStringLiteral("D3"), QStringLiteral("2024-03-10"));
    REQUIRE(urgent);
    CHECK(urgent->urgent);
    CHECK(urgent->assigneeCode == QStringLiteral("S2"));
    CHECK(urgent->plannedStart == QDate(2024, 3, 11)); // Sunday → Monday
    CHECK(urgent->plannedEnd == QDate(2024, 3, 13));
    const GeneratedTask* quarterly = find(report, QStringLiteral("D3"), QStringLiteral("2024Q2"));
    REQUIRE(quarterly);
    CHECK(quarterly->plannedStart == QDate(2024, 4, 1));
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM tasks WHERE priority = 'urgent'")) == 1);
}

TEST_CASE("Generation: a district without a responsible member gets an unassigned task and a note",
          "[planning]") {
    PlanningArchive a;
    a.exec(QStringLiteral("INSERT INTO districts (uuid, code, name) VALUES ('%1', 'D9', 'Orphan')")
               .arg(uuidOf('d', 9)));
    a.addPlan(1, QStringLiteral("periodic"), QStringLiteral("2024-05-01"), 12, 5);
    const GenerationReport report =
        PlanGenerator(a.archive.db()).generate(period(QDate(2024, 5, 1), QDate(2024, 5, 31)));
    const GeneratedTask* orphan = find(report, QStringLiteral("D9"), QStringLiteral("2024-05-01"));
    REQUIRE(orphan);
    CHECK(orphan->assigneeUuid.isEmpty());
    CHECK(report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("D9")));
    CHECK(a.count(QStringLiteral("SELECT count(*) FROM tasks WHERE assignee_uuid IS NULL")) == 1);
}

TEST_CASE("Generation: a member over capacity gets a warning and a spread that fits", "[planning]") {
    PlanningArchive a;
    a.addPlan(1, QStringLiteral("periodic"), QStringLiteral("2024-01-31"), 1, 10);
    GenerationOptions options = period(QDate(2024, 2, 1), QDate(2024, 2, 29));

    // S1: D1 (29) and D2 (20) over the same 7 working days: 7 a day against 5.
    // S2: D3 (5) is far below 40.
    SECTION("warning only") {
        const GenerationReport report = PlanGenerator(a.archive.db()).generate(options);
        REQUIRE(report.capacityWarnings.size() == 1);
        const CapacityWarning& w = report.capacityWarnings.front();
        CHECK(w.assigneeCode == QStringLiteral("S1"));
        CHECK(w.capacityPerDay == 5);
        CHECK(w.peakCustomersPerDay == Approx(7.0));
        CHECK(w.daysOverCapacity == 7);
        REQUIRE(w.proposedSpread.size() == 2);
        // D1 first: ceil(29 / 5) = 6 working days at capacity.
        CHECK(w.proposedSpread[0].districtCode == QStringLiteral("D1"));
        CHECK(w.proposedSpread[0].start == QDate(2024, 2, 29));
        CHECK(w.proposedSpread[0].end == QDate(2024, 3, 7));
        // D2 after it, from the next working day: ceil(20 / 5) = 4 days.
        CHECK(w.proposedSpread[1].districtCode == QStringLiteral("D2"));
        CHECK(w.proposedSpread[1].start == QDate(2024, 3, 8));
        CHECK(w.proposedSpread[1].end == QDate(2024, 3, 13));
        CHECK_FALSE(w.spreadApplied);
        CHECK(a.text(QStringLiteral(
                  "SELECT planned_start FROM tasks t JOIN districts d ON d.uuid = t.district_uuid "
                  "WHERE d.code = 'D2'")) == QStringLiteral("2024-02-29"));
    }
    SECTION("spread applied: the member's load fits") {
        options.applySpread = true;
        const GenerationReport report = PlanGenerator(a.archive.db()).generate(options);
        REQUIRE(report.capacityWarnings.size() == 1);
        CHECK(report.capacityWarnings.front().spreadApplied);
        CHECK(a.text(QStringLiteral("SELECT planned_start || '/' || planned_end FROM tasks t "
                                    "JOIN districts d ON d.uuid = t.district_uuid WHERE d.code = 'D2'")) ==
              QStringLiteral("2024-03-08/2024-03-13"));
        TaskFilter mine;
        mine.assigneeUuid = uuidOf('5', 1);
        MemberWorkload load;
        for (const TaskRecord& t : PlanTasks(a.archive.db()).load(mine))
            load.addTask(t.plannedStart, t.plannedEnd, t.scopeSize);
        CHECK(load.peak(5).daysOver == 0);
        CHECK(load.peak(5).customers == Approx(5.0));
        CHECK(load.customersOn(QDate(2024, 3, 7)) == Approx(29.0 / 6));
        CHECK(load.customersOn(QDate(2024, 3, 11)) == Approx(5.0));
    }
    SECTION("a higher capacity: no warning") {
        a.exec(QStringLiteral("UPDATE staff SET capacity_per_day = 7 WHERE code = 'S1'"));
        CHECK(PlanGenerator(a.archive.db()).generate(options).capacityWarnings.empty());
    }
}
