#pragma once

#include "PlanCalendar.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::planning {

struct GenerationOptions {
    QDate from, to;      ///< the period: tasks are created for cycles starting in [from, to]
    QString user;        ///< updated_by of the rows written
    bool dryRun = false; ///< report what would be created, write nothing
    /// Write the proposed spread (see CapacityWarning) instead of the
    /// plain planned dates for members over capacity.
    bool applySpread = false;
};

struct GeneratedTask {
    QString uuid; ///< empty in a dry run
    QString planCode, periodKey;
    QString districtUuid, districtCode;
    QString assigneeUuid, assigneeCode; ///< empty when the district has no responsible member
    bool urgent = false;
    QDate plannedStart, plannedEnd;
    int scopeSize = 0;
};

/// A member whose scheduled customers per working day exceed their capacity,
/// with a spread that fits: the member's new tasks one after another, each
/// long enough at capacity (later starts, longer durations).
struct CapacityWarning {
    QString assigneeUuid, assigneeCode, assigneeName;
    int capacityPerDay = 0;
    double peakCustomersPerDay = 0; ///< the busiest working day, open tasks included
    QDate peakDay;
    int daysOverCapacity = 0;
    struct Proposal {
        QString districtCode;
        int taskIndex = -1; ///< into GenerationReport::created
        QDate start, end;
    };
    std::vector<Proposal> proposedSpread;
    bool spreadApplied = false;
};

struct GenerationReport {
    std::vector<GeneratedTask> created;
    int alreadyPresent = 0; ///< (plan, district, period) found: nothing created
    std::vector<CapacityWarning> capacityWarnings;
    QStringList notes; ///< e.g. a district without a responsible member
};

/// Turns the active plans into tasks for a period. Periodic plans repeat every
/// cycle_months from cycle_start (clamped at month ends, counted from the
/// start each time so Jan 31 stays the 31st where the month has one); each
/// covers the districts listed in plan_districts, or every district when none
/// are listed. Ad hoc and urgent plans cover the districts listed in
/// plan_districts from their start_date (default the plan's cycle_start).
///
/// For each (plan, district, cycle) due in the period, one task: assigned to
/// the district's responsible member (staff_districts role 'responsible'),
/// planned from the cycle start (next working day) for duration_days, status
/// draft, period_key naming the cycle, scope frozen to the district's
/// customers. A task already present for the same plan, district and
/// period_key is left alone, so running again creates nothing.
class PlanGenerator {
    Q_DECLARE_TR_FUNCTIONS(recheck::planning::PlanGenerator)

public:
    explicit PlanGenerator(SqliteDatabase& db) : mDb(db) {}

    /// One transaction; throws RecheckError (InvalidInput) for a bad period.
    GenerationReport generate(const GenerationOptions& options);

    /// The name a periodic cycle starting at `cycleStart` gets: "2026H2" for
    /// half-years from January or July, "2026Q3" for quarters, "2026-08" for
    /// months, "2026" for years from January, else the start date.
    static QString periodicPeriodKey(const QDate& cycleStart, int cycleMonths);
    /// Cycle starts of a periodic plan within [from, to].
    static std::vector<QDate> cycleStartsWithin(const QDate& cycleStart, int cycleMonths, const QDate& from,
                                                const QDate& to);

private:
    SqliteDatabase& mDb;
};

} // namespace recheck::planning
