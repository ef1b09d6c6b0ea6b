#pragma once

// A small hand-made archive for the planning tests: three districts, three
// members, a few customers each, written with plain SQL so the figures the
// tests expect can be worked out by hand.

#include "TestSupport.h"

#include "archive/Archive.h"

#include <catch2/catch.hpp>

#include <QString>

namespace recheck::test {

/// A UUID-shaped id with a readable tail: uuidOf('c', 7) → 0000000c-…-000000000007.
inline QString uuidOf(char kind, int n) {
    return QStringLiteral("0000000%1-0000-4000-8000-%2")
        .arg(QLatin1Char(kind))
        .arg(n, 12, 10, QLatin1Char('0'));
}

struct PlanningArchive {
    ScratchDir dir;
    QString path = dir.file(QStringLiteral("plan.sqlite"));
    Archive archive = [this] {
        Archive::CreateOptions options;
        options.name = QStringLiteral("planning test");
        options.createdBy = QStringLiteral("test");
        return Archive::create(path, options);
    }();

    // Districts D1..D3 (uuid 'd', n); members S1 (capacity 5), S2 (capacity
    // 40), S3 (responsible for nothing). S1 is responsible for D1 and D2, S2
    // for D3. D1 holds 29 open customers and one closed, D2 20, D3 5.
    PlanningArchive() {
        for (int d = 1; d <= 3; ++d)
            exec(
                QStringLiteral("INSERT INTO districts (uuid, code, name) VALUES ('%1', 'D%2', 'District %2')")
                    .arg(uuidOf('d', d))
                    .arg(d));
        const int capacity[] = {5, 40, 40};
        for (int s = 1; s <= 3; ++s)
            exec(QStringLiteral("INSERT INTO staff (uuid, code, name, capacity_per_day) "
                                "VALUES ('%1', 'S%2', 'Member %2', %3)")
                     .arg(uuidOf('5', s))
                     .arg(s)
                     .arg(capacity[s - 1]));
        responsible(1, 1);
        responsible(1, 2);
        responsible(2, 3);
        int customer = 0;
        const int perDistrict[] = {30, 20, 5};
        for (int d = 1; d <= 3; ++d)
            for (int k = 0; k < perDistrict[d - 1]; ++k)
                addCustomer(++customer, d, d == 1 && k == 0 ? "closed" : "active");
    }

    void exec(const QString& sql) { archive.db().exec(sql); }
    long long count(const QString& sql) { return archive.db().scalar(sql).toLongLong(); }
    QString text(const QString& sql) { return archive.db().scalar(sql).toString(); }

    void responsible(int staff, int district) {
        exec(QStringLiteral("INSERT INTO staff_districts (staff_uuid, district_uuid) VALUES ('%1', '%2')")
                 .arg(uuidOf('5', staff), uuidOf('d', district)));
    }
    void addCustomer(int n, int district, const char* status = "active") {
        exec(QStringLiteral("INSERT INTO customers (uuid, account_no, name, district_uuid, status) "
                            "VALUES ('%1', 'AC%2', 'Customer %2', '%3', '%4')")
                 .arg(uuidOf('c', n))
                 .arg(n, 6, 10, QLatin1Char('0'))
                 .arg(uuidOf('d', district), QString::fromLatin1(status)));
    }
    void addPlan(int n, const QString& kind, const QString& cycleStart, int cycleMonths, int durationDays) {
        exec(QStringLiteral(
                 "INSERT INTO plans (uuid, code, name, kind, cycle_months, cycle_start, duration_days) "
                 "VALUES ('%1', 'P%2', 'Plan %2', '%3', %4, %5, %6)")
                 .arg(uuidOf('b', n))
                 .arg(n)
                 .arg(kind, cycleMonths > 0 ? QString::number(cycleMonths) : QStringLiteral("NULL"),
                      cycleStart.isEmpty() ? QStringLiteral("NULL")
                                           : QLatin1Char('\'') + cycleStart + QLatin1Char('\''))
                 .arg(durationDays));
    }
    void addPlanDistrict(int plan, int district, const QString& startDate = {}) {
        exec(QStringLiteral(
                 "INSERT INTO plan_districts (plan_uuid, district_uuid, start_date) VALUES ('%1', '%2', %3)")
                 .arg(uuidOf('b', plan), uuidOf('d', district),
                      startDate.isEmpty() ? QStringLiteral("NULL")
                                          : QLatin1Char('\'') + startDate + QLatin1Char('\'')));
    }
};

} // namespace recheck::test
