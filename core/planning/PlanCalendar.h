#pragma once

#include <QDate>
#include <QString>

namespace recheck::planning {

/// Dates in the archive are ISO strings (yyyy-MM-dd); an empty or malformed
/// string reads as an invalid QDate.
QDate parseIsoDate(const QString& text);
QString isoDate(const QDate& date);

/// `months` after `date`, clamped to the end of a shorter month
/// (Jan 31 + 1 month → Feb 28, or Feb 29 in a leap year).
QDate addMonthsClamped(const QDate& date, int months);

/// Mondays to Fridays in [from, to], both included; 0 when to < from.
int workingDays(const QDate& from, const QDate& to);
bool isWorkingDay(const QDate& date);
/// The date itself when it is a working day, else the next Monday.
QDate nextWorkingDay(const QDate& date);
/// The last day of a span that starts at `start` and holds `days` working
/// days (days >= 1; a weekend start counts from the next Monday).
QDate endAfterWorkingDays(const QDate& start, int days);

/// Reporting periods of a due date.
enum class PeriodUnit { Week, Month, Quarter };
/// "2026-W45" (ISO week, with the ISO year), "2026-11", "2026-Q4".
QString periodKeyOf(const QDate& date, PeriodUnit unit);
bool parsePeriodUnit(const QString& text, PeriodUnit& unit);

} // namespace recheck::planning
