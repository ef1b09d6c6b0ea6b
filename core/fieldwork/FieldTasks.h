#pragma once

// What the inspector's Re-check panel reads from a package (or a master):
// whose tasks, which customers of a task in route order, which are done, and
// where the next stop is.

#include "FieldGeodesy.h"

#include "planning/PlanTasks.h"

#include <QString>

#include <optional>
#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::fieldwork {

/// A staff member an inspector can pick as "me".
struct FieldStaff {
    QString uuid, code, name;
};

/// One task of the panel with its progress: a customer of the scope is done
/// once the task has any visit to it (also unreachable or refused: the stop
/// was made), the rule the route planner uses for "pending".
struct FieldTask {
    planning::TaskRecord task;
    int done = 0;
    int pending() const { return task.scopeSize - done; }
};

/// A customer of a task's scope, in route order.
struct StopCustomer {
    QString uuid, accountNo, name, address;
    int routeOrder = 0; ///< task_scope.route_order; 0 = not routed (listed after the routed ones)
    bool located = false;
    double x = 0.0, y = 0.0; ///< archive CRS (lon, lat)
    QString lastResult;      ///< result of the task's latest visit; empty = pending
    bool visited() const { return !lastResult.isEmpty(); }
};

/// The next stop from the current position: the first pending, located
/// customer in route order.
struct NextStop {
    int index = -1;                 ///< into the customers list; -1 = nothing pending with a location
    std::optional<GeodesicLeg> leg; ///< empty without a position
};

class FieldTasks {
public:
    explicit FieldTasks(SqliteDatabase& db) : mDb(db) {}

    /// The package's inspector (package_meta.assignee, a staff code); empty
    /// for a master or a package checked out without one.
    QString packageAssigneeCode() const;
    /// Everyone on the staff table, by code.
    std::vector<FieldStaff> staff() const;
    /// Open tasks (draft, issued, in progress) of one member (by staff code;
    /// empty = everyone's) with their done counts, urgent first, then by
    /// planned start and district code. Throws RecheckError (InvalidInput)
    /// for an unknown staff code.
    std::vector<FieldTask> openTasks(const QString& assigneeCode) const;
    /// The task's scope in route order (unrouted customers after the routed
    /// ones, by account number), visited ones included.
    std::vector<StopCustomer> customers(const QString& taskUuid) const;
    /// The archive's CRS (archive_meta.srid).
    int archiveSrid() const;

private:
    SqliteDatabase& mDb;
};

/// Done and pending counts over a customers list.
struct StopCounts {
    int done = 0, pending = 0;
};
StopCounts countStops(const std::vector<StopCustomer>& customers);

/// The next stop; measured from (lon, lat) WGS 84 when `position` is given.
NextStop nextStop(const std::vector<StopCustomer>& customers, const GeodesicMeter& meter,
                  const std::optional<std::pair<double, double>>& position);

} // namespace recheck::fieldwork
