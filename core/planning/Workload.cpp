#include "Workload.h"

#include "PlanCalendar.h"

namespace recheck::planning {

void MemberWorkload::addTask(const QDate& start, const QDate& end, int customers) {
    const int days = workingDays(start, end);
    if (days == 0 || customers <= 0)
        return; // a span of weekends only is not a pace anyone can be held to
    const double perDay = static_cast<double>(customers) / days;
    for (QDate day = start; day <= end; day = day.addDays(1))
        if (isWorkingDay(day))
            mDays[day] += perDay;
}

double MemberWorkload::customersOn(const QDate& day) const {
    const auto it = mDays.find(day);
    return it == mDays.end() ? 0.0 : it->second;
}

double MemberWorkload::customersWithin(const QDate& from, const QDate& to) const {
    double sum = 0;
    for (auto it = mDays.lower_bound(from); it != mDays.end() && it->first <= to; ++it)
        sum += it->second;
    return sum;
}

MemberWorkload::Peak MemberWorkload::peak(int capacityPerDay) const {
    Peak result;
    // A small tolerance: 3 customers over 3 days is 1.0 per day, not 1.0000001.
    constexpr double kTolerance = 1e-9;
    for (const auto& [day, customers] : mDays) {
        if (customers > result.customers + kTolerance) {
            result.customers = customers;
            result.day = day;
        }
        if (customers > capacityPerDay + kTolerance)
            ++result.daysOver;
    }
    return result;
}

} // namespace recheck::planning
