#pragma once

#include <QDate>

#include <map>

namespace recheck::planning {

/// Scheduled customers per working day of one member. A task's customers are
/// spread evenly over the working days of its planned span: that is the pace
/// the plan asks for, compared with staff.capacity_per_day.
class MemberWorkload {
public:
    void addTask(const QDate& start, const QDate& end, int customers);
    double customersOn(const QDate& day) const;
    /// Sum over [from, to] (a week of the Gantt's workload row).
    double customersWithin(const QDate& from, const QDate& to) const;
    const std::map<QDate, double>& days() const { return mDays; }

    struct Peak {
        QDate day;
        double customers = 0;
        int daysOver = 0; ///< working days above the capacity given
    };
    Peak peak(int capacityPerDay) const;

private:
    std::map<QDate, double> mDays;
};

} // namespace recheck::planning
