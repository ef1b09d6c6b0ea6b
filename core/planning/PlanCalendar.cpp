#include "PlanCalendar.h"

#include <algorithm>

namespace recheck::planning {

QDate parseIsoDate(const QString& text) {
    // By hand: QDate::fromString costs microseconds a call, and reading
    // 10 000 tasks parses 60 000 dates (a third of the Gantt's load time).
    if (text.size() < 10 ||
        (text.size() > 10 && text.at(10) != QLatin1Char('T') && text.at(10) != QLatin1Char(' ')))
        return QDate::fromString(text.left(10), Qt::ISODate);
    const QChar* c = text.constData();
    auto digits = [c](int from, int count, int& value) {
        value = 0;
        for (int k = from; k < from + count; ++k) {
            const ushort u = c[k].unicode();
            if (u < '0' || u > '9')
                return false;
            value = value * 10 + (u - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0;
    if (c[4] != QLatin1Char('-') || c[7] != QLatin1Char('-') || !digits(0, 4, year) || !digits(5, 2, month) ||
        !digits(8, 2, day))
        return {};
    return QDate(year, month, day); // invalid for a day that does not exist
}

QString isoDate(const QDate& date) {
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QDate addMonthsClamped(const QDate& date, int months) {
    // Written out rather than left to QDate::addMonths so the rule the plans
    // rely on is stated here: the day of month is kept when the target month
    // has it, else the month's last day.
    if (!date.isValid())
        return {};
    const int monthIndex = date.year() * 12 + (date.month() - 1) + months;
    const int year = monthIndex / 12;
    const int month = monthIndex % 12 + 1;
    const QDate first(year, month, 1);
    return QDate(year, month, std::min(date.day(), first.daysInMonth()));
}

bool isWorkingDay(const QDate& date) {
    return date.dayOfWeek() <= 5;
}

int workingDays(const QDate& from, const QDate& to) {
    if (!from.isValid() || !to.isValid() || to < from)
        return 0;
    const qint64 span = from.daysTo(to) + 1;
    qint64 count = span / 7 * 5;
    // The remaining days, starting on from's weekday.
    int weekday = from.dayOfWeek();
    for (qint64 k = 0; k < span % 7; ++k) {
        if (weekday <= 5)
            ++count;
        weekday = weekday % 7 + 1;
    }
    return static_cast<int>(count);
}

QDate nextWorkingDay(const QDate& date) {
    if (!date.isValid())
        return {};
    const int weekday = date.dayOfWeek();
    return weekday <= 5 ? date : date.addDays(8 - weekday);
}

QDate endAfterWorkingDays(const QDate& start, int days) {
    QDate day = nextWorkingDay(start);
    for (int left = std::max(1, days) - 1; left > 0;) {
        day = day.addDays(1);
        if (isWorkingDay(day))
            --left;
    }
    return day;
}

QString periodKeyOf(const QDate& date, PeriodUnit unit) {
    if (!date.isValid())
        return {};
    switch (unit) {
    case PeriodUnit::Week: {
        int isoYear = 0;
        const int week = date.weekNumber(&isoYear);
        return QStringLiteral("%1-W%2").arg(isoYear).arg(week, 2, 10, QLatin1Char('0'));
    }
    case PeriodUnit::Month:
        return date.toString(QStringLiteral("yyyy-MM"));
    case PeriodUnit::Quarter:
        return QStringLiteral("%1-Q%2").arg(date.year()).arg((date.month() - 1) / 3 + 1);
    }
    return {};
}

bool parsePeriodUnit(const QString& text, PeriodUnit& unit) {
    if (text == QLatin1String("week"))
        unit = PeriodUnit::Week;
    else if (text == QLatin1String("month"))
        unit = PeriodUnit::Month;
    else if (text == QLatin1String("quarter"))
        unit = PeriodUnit::Quarter;
    else
        return false;
    return true;
}

} // namespace recheck::planning
