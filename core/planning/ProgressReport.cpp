#include "ProgressReport.h"

#include "common/Sqlite.h"

#include <QHash>

#include <map>
#include <memory>

namespace recheck::planning {

namespace {

struct VisitCounts {
    int visits = 0, checked = 0, gpsProof = 0, discrepancies = 0;
};

} // namespace

std::vector<TaskProgress> ProgressReport::tasks(const ProgressOptions& options) const {
    const QDate today = options.today.isValid() ? options.today : QDate::currentDate();
    TaskFilter filter;
    // load() filters on the planned span; the report wants the due date
    // (planned end) inside the period, checked below.
    filter.from = options.from;
    std::vector<TaskRecord> records = PlanTasks(mDb).load(filter);

    QHash<QString, VisitCounts> counts;
    counts.reserve(static_cast<int>(records.size()));
    // One pass over the visits. A customer counts as checked once, and only
    // when it is in the task's frozen scope (a visit outside it is extra work,
    // not progress); the scope lookup uses task_scope's (task, customer) index.
    SqliteStatement visits(
        mDb, QStringLiteral("SELECT v.task_uuid, count(*), "
                            "count(DISTINCT CASE WHEN v.result IN ('ok', 'discrepancy') AND EXISTS ("
                            "  SELECT 1 FROM task_scope s WHERE s.task_uuid = v.task_uuid "
                            "  AND s.customer_uuid = v.customer_uuid) THEN v.customer_uuid END), "
                            "sum(v.gps_accuracy_m IS NOT NULL AND v.gps_accuracy_m <= ?1 "
                            "  AND v.distance_m IS NOT NULL AND v.distance_m <= ?2) "
                            "FROM visits v WHERE v.task_uuid IS NOT NULL GROUP BY v.task_uuid"));
    visits.bind(1, options.gpsMaxAccuracyM).bind(2, options.gpsMaxDistanceM);
    while (visits.step()) {
        VisitCounts& c = counts[visits.text(0)];
        c.visits = static_cast<int>(visits.int64(1));
        c.checked = static_cast<int>(visits.int64(2));
        c.gpsProof = static_cast<int>(visits.int64(3));
    }
    SqliteStatement discrepancies(mDb, QStringLiteral("SELECT v.task_uuid, count(*) FROM discrepancies d "
                                                      "JOIN visits v ON v.uuid = d.visit_uuid "
                                                      "WHERE v.task_uuid IS NOT NULL GROUP BY v.task_uuid"));
    while (discrepancies.step())
        counts[discrepancies.text(0)].discrepancies = static_cast<int>(discrepancies.int64(1));

    std::vector<TaskProgress> result;
    result.reserve(records.size());
    for (TaskRecord& record : records) {
        if (options.from.isValid() && (!record.plannedEnd.isValid() || record.plannedEnd < options.from))
            continue;
        if (options.to.isValid() && (!record.plannedEnd.isValid() || record.plannedEnd > options.to))
            continue;
        TaskProgress p;
        const VisitCounts c = counts.value(record.uuid);
        p.checked = c.checked;
        p.visits = c.visits;
        p.gpsProofVisits = c.gpsProof;
        p.discrepancies = c.discrepancies;
        p.overdue = record.isOverdue(today);
        p.onTime = record.status == TaskStatus::Done && record.actualEnd.isValid() &&
                   record.plannedEnd.isValid() && record.actualEnd <= record.plannedEnd;
        p.task = std::move(record);
        result.push_back(std::move(p));
    }
    return result;
}

QHash<QString, TaskCounts> ProgressReport::countsOf(const QStringList& taskUuids,
                                                    const ProgressOptions& options) const {
    QHash<QString, TaskCounts> counts;
    counts.reserve(taskUuids.size());
    // In chunks below SQLite's bound-parameter limit; each query walks the
    // task indexes of task_scope and visits for just these tasks.
    constexpr int kChunk = 500;
    for (int first = 0; first < taskUuids.size(); first += kChunk) {
        const QStringList chunk = taskUuids.mid(first, kChunk);
        // The chunk's uuids bind to ?3, ?4 …: ?1 and ?2 are the GPS limits.
        QStringList marks;
        for (int k = 0; k < chunk.size(); ++k)
            marks << QStringLiteral("?%1").arg(k + 3);
        const QString in = marks.join(QLatin1Char(','));
        auto prepare = [&](const QString& sql) {
            auto statement = std::make_unique<SqliteStatement>(mDb, sql.arg(in));
            statement->bind(1, options.gpsMaxAccuracyM).bind(2, options.gpsMaxDistanceM);
            for (int k = 0; k < chunk.size(); ++k)
                statement->bind(k + 3, chunk[k]);
            return statement;
        };
        auto scope = prepare(QStringLiteral("SELECT task_uuid, count(*), ?1, ?2 FROM task_scope "
                                            "WHERE task_uuid IN (%1) GROUP BY task_uuid"));
        while (scope->step())
            counts[scope->text(0)].scope = static_cast<int>(scope->int64(1));
        auto visits =
            prepare(QStringLiteral("SELECT v.task_uuid, count(*), "
                                   "count(DISTINCT CASE WHEN v.result IN ('ok', 'discrepancy') AND EXISTS ("
                                   "  SELECT 1 FROM task_scope s WHERE s.task_uuid = v.task_uuid "
                                   "  AND s.customer_uuid = v.customer_uuid) THEN v.customer_uuid END), "
                                   "sum(v.gps_accuracy_m IS NOT NULL AND v.gps_accuracy_m <= ?1 "
                                   "  AND v.distance_m IS NOT NULL AND v.distance_m <= ?2) "
                                   "FROM visits v WHERE v.task_uuid IN (%1) GROUP BY v.task_uuid"));
        while (visits->step()) {
            TaskCounts& c = counts[visits->text(0)];
            c.visits = static_cast<int>(visits->int64(1));
            c.checked = static_cast<int>(visits->int64(2));
            c.gpsProofVisits = static_cast<int>(visits->int64(3));
        }
        // Through the customer index of discrepancies: it has none on
        // visit_uuid, and a join on that alone scans every discrepancy.
        auto discrepancies = prepare(QStringLiteral(
            "SELECT v.task_uuid, count(*), ?1, ?2 FROM visits v JOIN discrepancies d ON d.customer_uuid = "
            "v.customer_uuid AND d.visit_uuid = v.uuid WHERE v.task_uuid IN (%1) GROUP BY v.task_uuid"));
        while (discrepancies->step())
            counts[discrepancies->text(0)].discrepancies = static_cast<int>(discrepancies->int64(1));
    }
    return counts;
}

std::vector<ProgressGroup> ProgressReport::group(const std::vector<TaskProgress>& tasks,
                                                 ProgressGrouping grouping, PeriodUnit unit) {
    std::map<QString, ProgressGroup> groups;
    for (const TaskProgress& p : tasks) {
        QString key, label;
        switch (grouping) {
        case ProgressGrouping::District:
            key = p.task.districtCode;
            label = p.task.districtName;
            break;
        case ProgressGrouping::Member:
            key = p.task.assigneeCode;
            label = p.task.assigneeName;
            break;
        case ProgressGrouping::Period:
            key = label = periodKeyOf(p.task.plannedEnd, unit);
            break;
        }
        ProgressGroup& g = groups[key];
        g.key = key;
        g.label = label;
        ++g.tasks;
        const bool done = p.task.status == TaskStatus::Done;
        const bool cancelled = p.task.status == TaskStatus::Cancelled;
        g.done += done ? 1 : 0;
        g.cancelled += cancelled ? 1 : 0;
        g.overdue += p.overdue ? 1 : 0;
        g.scope += p.task.scopeSize;
        g.checked += p.checked;
        g.visits += p.visits;
        g.gpsProofVisits += p.gpsProofVisits;
        g.discrepancies += p.discrepancies;
        if (done || p.overdue) {
            ++g.due;
            g.onTime += p.onTime ? 1 : 0;
        }
    }
    std::vector<ProgressGroup> out;
    out.reserve(groups.size());
    for (auto& [key, g] : groups)
        out.push_back(std::move(g));
    return out;
}

} // namespace recheck::planning
