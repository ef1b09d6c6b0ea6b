#pragma once

#include "PlanCalendar.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>
#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::planning {

/// tasks.status. The archive keeps the code; the order is the lifecycle's.
enum class TaskStatus { Draft, Issued, InProgress, Done, Cancelled };

QString taskStatusCode(TaskStatus status);
std::optional<TaskStatus> parseTaskStatus(const QString& code);
/// draft → issued → in_progress → done; any open status → cancelled.
bool canTransition(TaskStatus from, TaskStatus to);

/// One task with the names a person reads (district, assignee, plan).
struct TaskRecord {
    QString uuid;
    QString planUuid, planCode, planKind;
    QString districtUuid, districtCode, districtName;
    QString assigneeUuid, assigneeCode, assigneeName;
    int assigneeCapacityPerDay = 0; ///< 0 when unassigned
    TaskStatus status = TaskStatus::Draft;
    bool urgent = false;
    QString periodKey;
    QDate plannedStart, plannedEnd, baselineStart, baselineEnd, actualStart, actualEnd;
    int scopeSize = 0; ///< task_scope rows

    /// Planned end passed and not done (cancelled work is never overdue).
    bool isOverdue(const QDate& today) const;
    /// Days the planned end lies after the baseline end (negative: ahead);
    /// 0 without a baseline.
    int slipDays() const;
};

struct TaskFilter {
    QDate from, to;                   ///< tasks whose planned span touches [from, to]; invalid = open
    QString assigneeUuid;             ///< empty = everyone
    QString districtUuid;             ///< empty = all
    std::vector<TaskStatus> statuses; ///< empty = all
};

/// Reading and changing tasks. Every write stamps row_version, updated_at and
/// updated_by in the same UPDATE (the change-capture trigger then logs it as
/// Recheck's edit, not an external one).
class PlanTasks {
    Q_DECLARE_TR_FUNCTIONS(recheck::planning::PlanTasks)

public:
    explicit PlanTasks(SqliteDatabase& db) : mDb(db) {}

    /// Whether load() counts each task's scope: a count per task over
    /// task_scope, the costliest part of reading 10 000 tasks (a chart that
    /// shows a screenful asks ProgressReport::countsOf for those).
    enum class ScopeSize { Counted, NotCounted };
    /// Tasks ordered by assignee code, planned start, district code.
    std::vector<TaskRecord> load(const TaskFilter& filter = {}, ScopeSize scope = ScopeSize::Counted) const;
    /// One task; throws RecheckError (InvalidInput) when there is none.
    TaskRecord task(const QString& uuid) const;

    /// Moves a task along its lifecycle. Starting work stamps actual_start
    /// (unless already set), finishing stamps actual_end; issuing refreshes
    /// the frozen scope to the district's customers at that moment. Throws
    /// RecheckError (InvalidInput) for a transition the lifecycle forbids.
    void transition(const QString& uuid, TaskStatus to, const QString& user, const QDate& today);

    struct Reschedule {
        int startSlipDays = 0; ///< new planned start − baseline start
        int endSlipDays = 0;   ///< new planned end − baseline end
    };
    /// Writes new planned dates. The first planned dates become the baseline
    /// (kept from then on), so the slip against the original plan stays
    /// visible. Refuses finished or cancelled tasks and end < start.
    Reschedule reschedule(const QString& uuid, const QDate& start, const QDate& end, const QString& user);

    /// Freezes the scope of a task: the district's customers that are not
    /// closed, added if missing; customers that left the district and were
    /// not visited for this task are dropped. Returns the scope size.
    int freezeScope(const QString& uuid, const QString& user);

private:
    SqliteDatabase& mDb;
};

} // namespace recheck::planning
