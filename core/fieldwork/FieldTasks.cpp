#include "FieldTasks.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"
#include "sync/PackageMeta.h"

#include <QHash>

#include <algorithm>

namespace recheck::fieldwork {

QString FieldTasks::packageAssigneeCode() const {
    const QVariant hasTable = mDb.scalar(
        QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'package_meta'"));
    if (hasTable.isNull())
        return {};
    SqliteStatement st(mDb, QStringLiteral("SELECT value FROM package_meta WHERE key = 'assignee'"));
    return st.step() ? st.text(0) : QString();
}

std::vector<FieldStaff> FieldTasks::staff() const {
    SqliteStatement st(mDb, QStringLiteral("SELECT uuid, code, name FROM staff ORDER BY code"));
    std::vector<FieldStaff> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

std::vector<FieldTask> FieldTasks::openTasks(const QString& assigneeCode) const {
    planning::TaskFilter filter;
    filter.statuses = {planning::TaskStatus::Draft, planning::TaskStatus::Issued,
                       planning::TaskStatus::InProgress};
    if (!assigneeCode.isEmpty()) {
        SqliteStatement who(mDb, QStringLiteral("SELECT uuid FROM staff WHERE code = ?"));
        who.bind(1, assigneeCode);
        if (!who.step())
            throw RecheckError(QStringLiteral("%1: there is no staff member with the code %2")
                                   .arg(mDb.path(), assigneeCode)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        filter.assigneeUuid = who.text(0);
    }
    std::vector<planning::TaskRecord> records = planning::PlanTasks(mDb).load(filter);

    // Done customers per task in one pass: distinct visited customers that
    // are in the task's scope.
    QHash<QString, int> done;
    SqliteStatement visited(mDb,
                            QStringLiteral("SELECT s.task_uuid, count(*) FROM task_scope s "
                                           "WHERE EXISTS (SELECT 1 FROM visits v WHERE v.customer_uuid = "
                                           "s.customer_uuid AND +v.task_uuid = s.task_uuid) "
                                           "GROUP BY s.task_uuid"));
    while (visited.step())
        done.insert(visited.text(0), static_cast<int>(visited.int64(1)));

    std::vector<FieldTask> tasks;
    tasks.reserve(records.size());
    for (planning::TaskRecord& record : records) {
        FieldTask t;
        t.done = done.value(record.uuid);
        t.task = std::move(record);
        tasks.push_back(std::move(t));
    }
    std::stable_sort(tasks.begin(), tasks.end(), [](const FieldTask& a, const FieldTask& b) {
        if (a.task.urgent != b.task.urgent)
            return a.task.urgent;
        if (a.task.plannedStart != b.task.plannedStart)
            return a.task.plannedStart < b.task.plannedStart;
        return a.task.districtCode < b.task.districtCode;
    });
    return tasks;
}

std::vector<StopCustomer> FieldTasks::customers(const QString& taskUuid) const {
    // The latest visit of the task decides the customer's result (as the
    // provider's recheck_status does).
    SqliteStatement st(
        mDb,
        QStringLiteral("SELECT c.uuid, c.account_no, c.name, c.address, s.route_order, "
                       "c.geom IS NOT NULL, ST_X(c.geom), ST_Y(c.geom), "
                       "(SELECT v.result FROM visits v WHERE v.customer_uuid = c.uuid AND +v.task_uuid = "
                       "s.task_uuid ORDER BY v.visited_at DESC, v.fid DESC LIMIT 1) "
                       "FROM task_scope s JOIN customers c ON c.uuid = s.customer_uuid WHERE s.task_uuid = ? "
                       "ORDER BY s.route_order IS NULL, s.route_order, c.account_no"));
    st.bind(1, taskUuid);
    std::vector<StopCustomer> out;
    while (st.step()) {
        StopCustomer c;
        c.uuid = st.text(0);
        c.accountNo = st.text(1);
        c.name = st.text(2);
        c.address = st.isNull(3) ? QString() : st.text(3);
        c.routeOrder = st.isNull(4) ? 0 : static_cast<int>(st.int64(4));
        c.located = st.int64(5) != 0 && !st.isNull(6) && !st.isNull(7);
        if (c.located) {
            c.x = st.real(6);
            c.y = st.real(7);
        }
        c.lastResult = st.isNull(8) ? QString() : st.text(8);
        out.push_back(std::move(c));
    }
    return out;
}

int FieldTasks::archiveSrid() const {
    const QVariant srid = mDb.scalar(QStringLiteral("SELECT value FROM archive_meta WHERE key = 'srid'"));
    bool ok = false;
    const int value = srid.toString().toInt(&ok);
    return ok && value > 0 ? value : 4490;
}

StopCounts countStops(const std::vector<StopCustomer>& customers) {
    StopCounts counts;
    for (const StopCustomer& c : customers)
        ++(c.visited() ? counts.done : counts.pending);
    return counts;
}

NextStop nextStop(const std::vector<StopCustomer>& customers, const GeodesicMeter& meter,
                  const std::optional<std::pair<double, double>>& position) {
    NextStop next;
    for (std::size_t i = 0; i < customers.size(); ++i) {
        if (customers[i].visited() || !customers[i].located)
            continue;
        next.index = static_cast<int>(i);
        if (position)
            next.leg = meter.measure(position->first, position->second, customers[i].x, customers[i].y);
        break;
    }
    return next;
}

} // namespace recheck::fieldwork
