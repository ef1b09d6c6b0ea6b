#include "PlanTasks.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"

namespace recheck::planning {

namespace {

struct StatusName {
    TaskStatus status;
    const char* code;
};
constexpr StatusName kStatusNames[] = {{TaskStatus::Draft, "draft"},
                                       {TaskStatus::Issued, "issued"},
                                       {TaskStatus::InProgress, "in_progress"},
                                       {TaskStatus::Done, "done"},
                                       {TaskStatus::Cancelled, "cancelled"}};

const QString kStamp = QStringLiteral(
    "row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), updated_by = ?");

bool isOpen(TaskStatus status) {
    return status != TaskStatus::Done && status != TaskStatus::Cancelled;
}

} // namespace

QString taskStatusCode(TaskStatus status) {
    for (const StatusName& name : kStatusNames)
        if (name.status == status)
            return QString::fromLatin1(name.code);
    return {};
}

std::optional<TaskStatus> parseTaskStatus(const QString& code) {
    for (const StatusName& name : kStatusNames)
        if (code == QLatin1String(name.code))
            return name.status;
    return std::nullopt;
}

bool canTransition(TaskStatus from, TaskStatus to) {
    switch (to) {
    case TaskStatus::Issued:
        return from == TaskStatus::Draft;
    case TaskStatus::InProgress:
        return from == TaskStatus::Issued;
    case TaskStatus::Done:
        return from == TaskStatus::InProgress;
    case TaskStatus::Cancelled:
        return isOpen(from);
    case TaskStatus::Draft:
        return false;
    }
    return false;
}

bool TaskRecord::isOverdue(const QDate& today) const {
    return isOpen(status) && plannedEnd.isValid() && plannedEnd < today;
}

int TaskRecord::slipDays() const {
    if (!baselineEnd.isValid() || !plannedEnd.isValid())
        return 0;
    return static_cast<int>(baselineEnd.daysTo(plannedEnd));
}

std::vector<TaskRecord> PlanTasks::load(const TaskFilter& filter, ScopeSize scope) const {
    QString sql =
        QStringLiteral(
            "SELECT t.uuid, t.plan_uuid, p.code, p.kind, t.district_uuid, d.code, d.name, t.assignee_uuid, "
            "s.code, "
            "s.name, s.capacity_per_day, t.status, t.priority, t.period_key, t.planned_start, t.planned_end, "
            "t.baseline_start, t.baseline_end, t.actual_start, t.actual_end, "
            "%1 "
            "FROM tasks t LEFT JOIN plans p ON p.uuid = t.plan_uuid LEFT JOIN districts d ON d.uuid = "
            "t.district_uuid "
            "LEFT JOIN staff s ON s.uuid = t.assignee_uuid WHERE 1")
            .arg(scope == ScopeSize::Counted
                     ? QStringLiteral("(SELECT count(*) FROM task_scope ts WHERE ts.task_uuid = t.uuid)")
                     : QStringLiteral("0"));
    QVariantList binds;
    if (filter.from.isValid()) {
        sql += QStringLiteral(" AND coalesce(t.planned_end, t.planned_start) >= ?");
        binds << isoDate(filter.from);
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral(" AND coalesce(t.planned_start, t.planned_end) <= ?");
        binds << isoDate(filter.to);
    }
    if (!filter.assigneeUuid.isEmpty()) {
        sql += QStringLiteral(" AND t.assignee_uuid = ?");
        binds << filter.assigneeUuid;
    }
    if (!filter.districtUuid.isEmpty()) {
        sql += QStringLiteral(" AND t.district_uuid = ?");
        binds << filter.districtUuid;
    }
    if (!filter.statuses.empty()) {
        QStringList marks;
        for (TaskStatus status : filter.statuses) {
            marks << QStringLiteral("?");
            binds << taskStatusCode(status);
        }
        sql += QStringLiteral(" AND t.status IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY s.code IS NULL, s.code, t.planned_start, d.code, t.uuid");
    SqliteStatement select(mDb, sql);
    for (int k = 0; k < binds.size(); ++k)
        select.bind(k + 1, binds[k]);
    std::vector<TaskRecord> tasks;
    while (select.step()) {
        TaskRecord t;
        t.uuid = select.text(0);
        t.planUuid = select.text(1);
        t.planCode = select.text(2);
        t.planKind = select.text(3);
        t.districtUuid = select.text(4);
        t.districtCode = select.text(5);
        t.districtName = select.text(6);
        t.assigneeUuid = select.text(7);
        t.assigneeCode = select.text(8);
        t.assigneeName = select.text(9);
        t.assigneeCapacityPerDay = static_cast<int>(select.int64(10));
        t.status = parseTaskStatus(select.text(11)).value_or(TaskStatus::Draft);
        t.urgent = select.text(12) == QLatin1String("urgent");
        t.periodKey = select.text(13);
        t.plannedStart = parseIsoDate(select.text(14));
        t.plannedEnd = parseIsoDate(select.text(15));
        t.baselineStart = parseIsoDate(select.text(16));
        t.baselineEnd = parseIsoDate(select.text(17));
        t.actualStart = parseIsoDate(select.text(18));
        t.actualEnd = parseIsoDate(select.text(19));
        t.scopeSize = static_cast<int>(select.int64(20));
        tasks.push_back(std::move(t));
    }
    return tasks;
}

TaskRecord PlanTasks::task(const QString& uuid) const {
    SqliteStatement exists(mDb,
                           QStringLiteral("SELECT assignee_uuid, district_uuid FROM tasks WHERE uuid = ?"));
    exists.bind(1, uuid);
    if (!exists.step())
        throw RecheckError(tr("%1: no task %2").arg(mDb.path(), uuid).toStdString(),
                           RecheckError::Kind::InvalidInput);
    TaskFilter filter;
    filter.assigneeUuid = exists.text(0);
    filter.districtUuid = exists.text(1);
    for (TaskRecord& t : load(filter))
        if (t.uuid == uuid)
            return t;
    throw RecheckError(tr("%1: no task %2").arg(mDb.path(), uuid).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

void PlanTasks::transition(const QString& uuid, TaskStatus to, const QString& user, const QDate& today) {
    SqliteTransaction transaction(mDb);
    const TaskRecord current = task(uuid);
    if (!canTransition(current.status, to))
        throw RecheckError(
            tr("task %1 (%2): cannot go from %3 to %4")
                .arg(uuid, current.districtCode, taskStatusCode(current.status), taskStatusCode(to))
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    SqliteStatement update(mDb,
                           QStringLiteral("UPDATE tasks SET status = ?, actual_start = ?, actual_end = ?, %1 "
                                          "WHERE uuid = ?")
                               .arg(kStamp));
    QDate actualStart = current.actualStart;
    QDate actualEnd = current.actualEnd;
    if (to == TaskStatus::InProgress && !actualStart.isValid())
        actualStart = today;
    if (to == TaskStatus::Done) {
        if (!actualStart.isValid())
            actualStart = today;
        actualEnd = today;
    }
    update.bind(1, taskStatusCode(to));
    update.bind(2, actualStart.isValid() ? QVariant(isoDate(actualStart)) : QVariant());
    update.bind(3, actualEnd.isValid() ? QVariant(isoDate(actualEnd)) : QVariant());
    update.bind(4, user).bind(5, uuid).execute();
    if (to == TaskStatus::Issued)
        freezeScope(uuid, user);
    transaction.commit();
}

PlanTasks::Reschedule PlanTasks::reschedule(const QString& uuid, const QDate& start, const QDate& end,
                                            const QString& user) {
    if (!start.isValid() || !end.isValid() || end < start)
        throw RecheckError(tr("task %1: the planned end (%2) must not come before the start (%3)")
                               .arg(uuid, isoDate(end), isoDate(start))
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    SqliteTransaction transaction(mDb);
    const TaskRecord current = task(uuid);
    if (!isOpen(current.status))
        throw RecheckError(tr("task %1 (%2) is %3: its dates can no longer change")
                               .arg(uuid, current.districtCode, taskStatusCode(current.status))
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    // The baseline is the first plan: set once, from the dates being replaced.
    const QDate baselineStart =
        current.baselineStart.isValid() ? current.baselineStart : current.plannedStart;
    const QDate baselineEnd = current.baselineEnd.isValid() ? current.baselineEnd : current.plannedEnd;
    SqliteStatement update(mDb, QStringLiteral("UPDATE tasks SET planned_start = ?, planned_end = ?, "
                                               "baseline_start = ?, baseline_end = ?, %1 WHERE uuid = ?")
                                    .arg(kStamp));
    update.bind(1, isoDate(start)).bind(2, isoDate(end));
    update.bind(3, baselineStart.isValid() ? QVariant(isoDate(baselineStart)) : QVariant());
    update.bind(4, baselineEnd.isValid() ? QVariant(isoDate(baselineEnd)) : QVariant());
    update.bind(5, user).bind(6, uuid).execute();
    transaction.commit();
    Reschedule result;
    if (baselineStart.isValid())
        result.startSlipDays = static_cast<int>(baselineStart.daysTo(start));
    if (baselineEnd.isValid())
        result.endSlipDays = static_cast<int>(baselineEnd.daysTo(end));
    return result;
}

int PlanTasks::freezeScope(const QString& uuid, const QString& user) {
    SqliteStatement add(mDb, QStringLiteral("INSERT INTO task_scope (task_uuid, customer_uuid, updated_by) "
                                            "SELECT t.uuid, c.uuid, ? FROM tasks t "
                                            "JOIN customers c ON c.district_uuid = t.district_uuid "
                                            "WHERE t.uuid = ? AND c.status <> 'closed' AND NOT EXISTS ("
                                            "  SELECT 1 FROM task_scope s WHERE s.task_uuid = t.uuid "
                                            "  AND s.customer_uuid = c.uuid) ORDER BY c.account_no"));
    add.bind(1, user).bind(2, uuid).execute();
    SqliteStatement drop(mDb,
                         QStringLiteral("DELETE FROM task_scope WHERE task_uuid = ?1 AND NOT EXISTS ("
                                        "  SELECT 1 FROM customers c JOIN tasks t ON t.uuid = ?1 "
                                        "  WHERE c.uuid = task_scope.customer_uuid "
                                        "  AND c.district_uuid = t.district_uuid AND c.status <> 'closed') "
                                        "AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.task_uuid = ?1 "
                                        "  AND v.customer_uuid = task_scope.customer_uuid)"));
    drop.bind(1, uuid).execute();
    SqliteStatement size(mDb, QStringLiteral("SELECT count(*) FROM task_scope WHERE task_uuid = ?"));
    size.bind(1, uuid).step();
    return static_cast<int>(size.int64(0));
}

} // namespace recheck::planning
