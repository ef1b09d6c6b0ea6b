#include "PlanGenerator.h"

#include "PlanTasks.h"
#include "Workload.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>

namespace recheck::planning {

namespace {

struct PlanRow {
    QString uuid, code, kind;
    int cycleMonths = 0;
    QDate cycleStart;
    int durationDays = 14;
};

struct Member {
    QString uuid, code, name;
    int capacityPerDay = 0;
};

struct DistrictRow {
    QString uuid, code;
};

// A (plan, district, cycle) due in the period.
struct Due {
    const PlanRow* plan = nullptr;
    DistrictRow district;
    QDate cycleStart;
    QString periodKey;
};

std::vector<PlanRow> activePlans(SqliteDatabase& db) {
    SqliteStatement select(db,
                           QStringLiteral("SELECT uuid, code, kind, cycle_months, cycle_start, duration_days "
                                          "FROM plans WHERE status = 'active' ORDER BY code"));
    std::vector<PlanRow> plans;
    while (select.step()) {
        PlanRow plan;
        plan.uuid = select.text(0);
        plan.code = select.text(1);
        plan.kind = select.text(2);
        plan.cycleMonths = select.isNull(3) ? 0 : static_cast<int>(select.int64(3));
        plan.cycleStart = parseIsoDate(select.text(4));
        plan.durationDays = std::max<int>(1, static_cast<int>(select.int64(5)));
        plans.push_back(plan);
    }
    return plans;
}

// The responsible member of each district; with several, the lowest staff
// code, so the choice does not depend on row order.
QHash<QString, Member> responsibleMembers(SqliteDatabase& db) {
    SqliteStatement select(
        db, QStringLiteral("SELECT sd.district_uuid, s.uuid, s.code, s.name, s.capacity_per_day "
                           "FROM staff_districts sd JOIN staff s ON s.uuid = sd.staff_uuid "
                           "WHERE sd.role = 'responsible' ORDER BY sd.district_uuid, s.code"));
    QHash<QString, Member> members;
    while (select.step()) {
        const QString district = select.text(0);
        if (members.contains(district))
            continue;
        members.insert(district, Member{select.text(1), select.text(2), select.text(3),
                                        static_cast<int>(select.int64(4))});
    }
    return members;
}

} // namespace

QString PlanGenerator::periodicPeriodKey(const QDate& cycleStart, int cycleMonths) {
    const int month = cycleStart.month();
    if (cycleStart.day() == 1) {
        if (cycleMonths == 12 && month == 1)
            return QString::number(cycleStart.year());
        if (cycleMonths == 6 && (month == 1 || month == 7))
            return QStringLiteral("%1H%2").arg(cycleStart.year()).arg(month == 1 ? 1 : 2);
        if (cycleMonths == 3 && (month - 1) % 3 == 0)
            return QStringLiteral("%1Q%2").arg(cycleStart.year()).arg((month - 1) / 3 + 1);
        if (cycleMonths == 1)
            return cycleStart.toString(QStringLiteral("yyyy-MM"));
    }
    return isoDate(cycleStart);
}

std::vector<QDate> PlanGenerator::cycleStartsWithin(const QDate& cycleStart, int cycleMonths,
                                                    const QDate& from, const QDate& to) {
    std::vector<QDate> starts;
    if (!cycleStart.isValid() || cycleMonths <= 0)
        return starts;
    // Always counted from the plan's own start: chaining (start + N, then + N
    // again) would lose the 31st for good after the first short month.
    for (int k = 0;; ++k) {
        const QDate start = addMonthsClamped(cycleStart, k * cycleMonths);
        if (start > to)
            break;
        if (start >= from)
            starts.push_back(start);
    }
    return starts;
}

GenerationReport PlanGenerator::generate(const GenerationOptions& options) {
    if (!options.from.isValid() || !options.to.isValid() || options.to < options.from)
        throw RecheckError(tr("the period %1 … %2 is not a valid date range")
                               .arg(isoDate(options.from), isoDate(options.to))
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    SqliteTransaction transaction(mDb);
    GenerationReport report;
    const std::vector<PlanRow> plans = activePlans(mDb);
    const QHash<QString, Member> responsible = responsibleMembers(mDb);

    std::vector<DistrictRow> allDistricts;
    {
        SqliteStatement select(mDb, QStringLiteral("SELECT uuid, code FROM districts ORDER BY code"));
        while (select.step())
            allDistricts.push_back({select.text(0), select.text(1)});
    }
    QHash<QString, QString> districtCodes;
    for (const DistrictRow& d : allDistricts)
        districtCodes.insert(d.uuid, d.code);

    SqliteStatement listed(mDb, QStringLiteral("SELECT district_uuid, start_date FROM plan_districts "
                                               "WHERE plan_uuid = ? ORDER BY district_uuid"));
    std::vector<Due> due;
    for (const PlanRow& plan : plans) {
        std::vector<std::pair<DistrictRow, QDate>> covered; // district, its own start (ad hoc)
        listed.bind(1, plan.uuid);
        while (listed.step()) {
            const QString uuid = listed.text(0);
            if (!districtCodes.contains(uuid))
                continue;
            const QDate start = listed.isNull(1) ? plan.cycleStart : parseIsoDate(listed.text(1));
            covered.push_back({DistrictRow{uuid, districtCodes.value(uuid)}, start});
        }
        listed.reset();
        if (plan.kind == QLatin1String("periodic")) {
            if (!plan.cycleStart.isValid() || plan.cycleMonths <= 0) {
                report.notes << tr("plan %1 is periodic but has no cycle start or cycle length: skipped")
                                    .arg(plan.code);
                continue;
            }
            const std::vector<QDate> starts =
                cycleStartsWithin(plan.cycleStart, plan.cycleMonths, options.from, options.to);
            std::vector<DistrictRow> districts;
            if (covered.empty())
                districts = allDistricts;
            else
                for (const auto& c : covered)
                    districts.push_back(c.first);
            for (const QDate& start : starts)
                for (const DistrictRow& district : districts)
                    due.push_back({&plan, district, start, periodicPeriodKey(start, plan.cycleMonths)});
        } else {
            for (const auto& [district, start] : covered) {
                if (!start.isValid()) {
                    report.notes
                        << tr("plan %1, district %2: no start date: skipped").arg(plan.code, district.code);
                    continue;
                }
                if (start >= options.from && start <= options.to)
                    due.push_back({&plan, district, start, isoDate(start)});
            }
        }
    }

    SqliteStatement exists(mDb,
                           QStringLiteral("SELECT 1 FROM tasks WHERE plan_uuid = ? AND district_uuid = ? "
                                          "AND period_key = ? LIMIT 1"));
    SqliteStatement customers(mDb, QStringLiteral("SELECT count(*) FROM customers WHERE district_uuid = ? "
                                                  "AND status <> 'closed'"));
    for (const Due& d : due) {
        exists.bind(1, d.plan->uuid).bind(2, d.district.uuid).bind(3, d.periodKey);
        const bool present = exists.step();
        exists.reset();
        if (present) {
            ++report.alreadyPresent;
            continue;
        }
        GeneratedTask task;
        task.planCode = d.plan->code;
        task.periodKey = d.periodKey;
        task.districtUuid = d.district.uuid;
        task.districtCode = d.district.code;
        const auto member = responsible.constFind(d.district.uuid);
        if (member != responsible.constEnd()) {
            task.assigneeUuid = member->uuid;
            task.assigneeCode = member->code;
        } else {
            report.notes
                << tr("district %1 has no responsible member: its task is unassigned").arg(d.district.code);
        }
        task.urgent = d.plan->kind == QLatin1String("urgent");
        task.plannedStart = nextWorkingDay(d.cycleStart);
        task.plannedEnd = task.plannedStart.addDays(d.plan->durationDays - 1);
        customers.bind(1, d.district.uuid);
        customers.step();
        task.scopeSize = static_cast<int>(customers.int64(0));
        customers.reset();
        report.created.push_back(task);
    }

    // Capacity per member: the new tasks plus the member's open ones.
    std::map<QString, std::vector<int>> newByMember;
    for (int k = 0; k < static_cast<int>(report.created.size()); ++k)
        if (!report.created[k].assigneeUuid.isEmpty())
            newByMember[report.created[k].assigneeUuid].push_back(k);
    QHash<QString, Member> members;
    for (const Member& m : responsible)
        members.insert(m.uuid, m);
    PlanTasks tasks(mDb);
    for (const auto& [memberUuid, indices] : newByMember) {
        const Member& member = members[memberUuid];
        MemberWorkload workload;
        QDate first = report.created[indices.front()].plannedStart, last = first;
        for (int k : indices) {
            const GeneratedTask& t = report.created[k];
            workload.addTask(t.plannedStart, t.plannedEnd, t.scopeSize);
            first = std::min(first, t.plannedStart);
            last = std::max(last, t.plannedEnd);
        }
        TaskFilter open;
        open.from = first;
        open.to = last;
        open.assigneeUuid = memberUuid;
        open.statuses = {TaskStatus::Draft, TaskStatus::Issued, TaskStatus::InProgress};
        for (const TaskRecord& t : tasks.load(open))
            workload.addTask(t.plannedStart, t.plannedEnd, t.scopeSize);
        const MemberWorkload::Peak peak = workload.peak(member.capacityPerDay);
        if (peak.daysOver == 0)
            continue;
        CapacityWarning warning;
        warning.assigneeUuid = member.uuid;
        warning.assigneeCode = member.code;
        warning.assigneeName = member.name;
        warning.capacityPerDay = member.capacityPerDay;
        warning.peakCustomersPerDay = peak.customers;
        warning.peakDay = peak.day;
        warning.daysOverCapacity = peak.daysOver;
        // The spread: the member's new tasks one after another, each given the
        // working days it needs at capacity. That is the shortest sequence
        // that fits; a task then starts later and may last longer or shorter
        // than planned (the planned durations are what overlapped).
        std::vector<int> order = indices;
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const GeneratedTask &x = report.created[a], &y = report.created[b];
            return std::tie(x.plannedStart, x.districtCode) < std::tie(y.plannedStart, y.districtCode);
        });
        QDate cursor = report.created[order.front()].plannedStart;
        for (int k : order) {
            const GeneratedTask& t = report.created[k];
            const int needed = std::max(1, static_cast<int>(std::ceil(static_cast<double>(t.scopeSize) /
                                                                      std::max(1, member.capacityPerDay))));
            const QDate start = nextWorkingDay(std::max(cursor, t.plannedStart));
            const QDate end = endAfterWorkingDays(start, needed);
            warning.proposedSpread.push_back({t.districtCode, k, start, end});
            cursor = end.addDays(1);
        }
        if (options.applySpread) {
            for (const CapacityWarning::Proposal& p : warning.proposedSpread) {
                report.created[p.taskIndex].plannedStart = p.start;
                report.created[p.taskIndex].plannedEnd = p.end;
            }
            warning.spreadApplied = true;
        }
        report.capacityWarnings.push_back(std::move(warning));
    }

    if (options.dryRun)
        return report; // the transaction rolls back: nothing was written anyway

    SqliteStatement insert(mDb, QStringLiteral("INSERT INTO tasks (updated_by, plan_uuid, district_uuid, "
                                               "assignee_uuid, status, priority, period_key, planned_start, "
                                               "planned_end, baseline_start, baseline_end) "
                                               "VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)"));
    SqliteStatement uuidOf(mDb, QStringLiteral("SELECT uuid FROM tasks WHERE fid = ?"));
    QHash<QString, QString> planUuids;
    for (const PlanRow& plan : plans)
        planUuids.insert(plan.code, plan.uuid);
    for (GeneratedTask& task : report.created) {
        insert.bind(1, options.user).bind(2, planUuids.value(task.planCode)).bind(3, task.districtUuid);
        insert.bind(4, task.assigneeUuid.isEmpty() ? QVariant() : QVariant(task.assigneeUuid));
        insert.bind(5, task.urgent ? "urgent" : "normal");
        insert.bind(6, task.periodKey);
        // The generated dates are the first plan: they are the baseline too.
        insert.bind(7, isoDate(task.plannedStart)).bind(8, isoDate(task.plannedEnd));
        insert.bind(9, isoDate(task.plannedStart)).bind(10, isoDate(task.plannedEnd));
        insert.execute();
        uuidOf.bind(1, static_cast<std::int64_t>(mDb.lastInsertRowId()));
        uuidOf.step();
        task.uuid = uuidOf.text(0);
        uuidOf.reset();
        task.scopeSize = tasks.freezeScope(task.uuid, options.user);
    }
    transaction.commit();
    return report;
}

} // namespace recheck::planning
