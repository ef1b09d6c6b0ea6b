#pragma once

#include "PlanCalendar.h"
#include "PlanTasks.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::planning {

struct ProgressOptions {
    QDate today;    ///< for overdue and for which tasks are due; invalid = the current date
    QDate from, to; ///< tasks due (planned end) in [from, to]; invalid = open
    /// A visit proves presence when its fix was this accurate and this close
    /// to the customer's recorded location.
    double gpsMaxAccuracyM = 30;
    double gpsMaxDistanceM = 50;
};

/// The figures of one task.
struct TaskProgress {
    TaskRecord task;
    int checked = 0; ///< scope customers with an 'ok' or 'discrepancy' visit for this task
    int visits = 0;  ///< visits recorded for this task (any result)
    int gpsProofVisits = 0;
    int discrepancies = 0; ///< discrepancy rows raised by this task's visits
    bool overdue = false;
    /// Finished no later than its planned end; only meaningful when done.
    bool onTime = false;

    double checkedShare() const {
        return task.scopeSize > 0 ? static_cast<double>(checked) / task.scopeSize : 0;
    }
};

/// Figures summed over a group of tasks (a district, a member, a period).
struct ProgressGroup {
    QString key;   ///< district code, staff code or period key
    QString label; ///< district or member name; the period key again
    int tasks = 0, done = 0, cancelled = 0, overdue = 0;
    long long scope = 0, checked = 0, visits = 0, gpsProofVisits = 0, discrepancies = 0;
    /// Tasks that had to be finished by now (done, or planned end passed and
    /// not cancelled) and how many of those were done by their planned end.
    int due = 0, onTime = 0;

    double checkedShare() const { return scope > 0 ? static_cast<double>(checked) / scope : 0; }
    double gpsProofShare() const { return visits > 0 ? static_cast<double>(gpsProofVisits) / visits : 0; }
    /// onTime ÷ due; 0 when nothing was due yet.
    double onTimeRate() const { return due > 0 ? static_cast<double>(onTime) / due : 0; }
};

enum class ProgressGrouping { District, Member, Period };

/// The counted figures of one task (TaskProgress without the record).
struct TaskCounts {
    int scope = 0, checked = 0, visits = 0, gpsProofVisits = 0, discrepancies = 0;
};

/// Progress figures from the archive: the heavy counting (scope, visits, GPS
/// proof, discrepancies) is done by SQLite in a few grouped scans using the
/// task indexes; the per-task rows are then summed here.
class ProgressReport {
    Q_DECLARE_TR_FUNCTIONS(recheck::planning::ProgressReport)

public:
    explicit ProgressReport(SqliteDatabase& db) : mDb(db) {}

    std::vector<TaskProgress> tasks(const ProgressOptions& options) const;

    /// The figures of the given tasks only, by task uuid, counted with index
    /// lookups: what a view needs for the rows it shows, in milliseconds,
    /// where tasks() scans every visit. Tasks with nothing counted are
    /// absent. Same rules as tasks().
    QHash<QString, TaskCounts> countsOf(const QStringList& taskUuids,
                                        const ProgressOptions& options = {}) const;

    /// Groups ordered by key; tasks without an assignee (member grouping) or
    /// planned end (period grouping) are grouped under an empty key.
    static std::vector<ProgressGroup> group(const std::vector<TaskProgress>& tasks, ProgressGrouping grouping,
                                            PeriodUnit unit = PeriodUnit::Month);

private:
    SqliteDatabase& mDb;
};

} // namespace recheck::planning
