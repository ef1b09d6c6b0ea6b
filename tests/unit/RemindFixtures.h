#pragma once

// Hand-made plans for the [remind] suites: a fresh archive filled with plain
// SQL inserts (as an office tool or script would write them), and a fixed
// clock in China Standard Time.

#include "TestSupport.h"

#include "archive/Archive.h"
#include "common/Sqlite.h"
#include "reminders/ReminderOutbox.h"

#include <catch2/catch.hpp>

#include <QDateTime>

namespace Catch {
// Readable failures: Catch prints QString and QStringList as text.
template <> struct StringMaker<QString> {
    static std::string convert(const QString& s) { return '"' + s.toStdString() + '"'; }
};
template <> struct StringMaker<QStringList> {
    static std::string convert(const QStringList& l) {
        return "[" + l.join(QStringLiteral(", ")).toStdString() + "]";
    }
};
} // namespace Catch

namespace recheck::remindtest {

/// A local time in UTC+8, the recipients' calendar.
inline QDateTime chinaTime(int y, int m, int d, int hour, int minute = 0) {
    return QDateTime(QDate(y, m, d), QTime(hour, minute), Qt::OffsetFromUTC, 8 * 3600);
}

class RemindArchive {
public:
    RemindArchive() : mPath(mDir.file(QStringLiteral("remind.sqlite"))), mArchive(create(mPath)) {}

    SqliteDatabase& db() { return mArchive.db(); }
    const QString& path() const { return mPath; }
    const test::ScratchDir& dir() const { return mDir; }

    QString district(const QString& code, const QString& name) {
        return insert(QStringLiteral("INSERT INTO districts (code, name) VALUES (?, ?)"), {code, name},
                      QStringLiteral("districts"));
    }
    QString staff(const QString& code, const QString& name, const QString& phone, const QString& email,
                  const QString& language, const QString& digest, const QString& supervisorUuid = {}) {
        return insert(
            QStringLiteral("INSERT INTO staff (code, name, phone, email, language, digest, supervisor_uuid) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {code, name, phone.isEmpty() ? QVariant() : QVariant(phone),
             email.isEmpty() ? QVariant() : QVariant(email), language, digest,
             supervisorUuid.isEmpty() ? QVariant() : QVariant(supervisorUuid)},
            QStringLiteral("staff"));
    }
    QString plan(const QString& code, const QString& name, const QString& kind = QStringLiteral("periodic")) {
        return insert(QStringLiteral("INSERT INTO plans (code, name, kind) VALUES (?, ?, ?)"),
                      {code, name, kind}, QStringLiteral("plans"));
    }
    QString task(const QString& planUuid, const QString& districtUuid, const QString& assigneeUuid,
                 const QString& status, const QString& priority, const QString& start, const QString& end) {
        return insert(
            QStringLiteral("INSERT INTO tasks (plan_uuid, district_uuid, assignee_uuid, status, priority, "
                           "planned_start, planned_end) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {planUuid, districtUuid, assigneeUuid, status, priority, start, end}, QStringLiteral("tasks"));
    }
    /// Moves the reminder watermark past everything logged so far (what a
    /// previous run would have done).
    void markChangesSeen() {
        ReminderRules::setWatermark(
            db(), db().scalar(QStringLiteral("SELECT max(seq) FROM change_log")).toLongLong());
    }
    int count(const QString& sql) { return db().scalar(sql).toInt(); }

private:
    static Archive create(const QString& path) {
        Archive::CreateOptions options;
        options.name = QStringLiteral("Remind county");
        options.createdBy = QStringLiteral("tester");
        return Archive::create(path, options);
    }
    QString insert(const QString& sql, const QVariantList& values, const QString& table) {
        SqliteStatement s(db(), sql);
        for (int i = 0; i < values.size(); ++i)
            s.bind(i + 1, values[i]);
        s.execute();
        return db()
            .scalar(
                QStringLiteral("SELECT uuid FROM %1 WHERE fid = %2").arg(table).arg(db().lastInsertRowId()))
            .toString();
    }

    test::ScratchDir mDir;
    QString mPath;
    Archive mArchive;
};

/// The outbox rows as "kind channel address" lines, sorted, for exact checks.
inline QStringList outboxSummary(SqliteDatabase& db, const QString& where = QStringLiteral("1")) {
    SqliteStatement s(
        db, QStringLiteral("SELECT kind || ' ' || channel || ' ' || address FROM reminder_outbox WHERE ") +
                where + QStringLiteral(" ORDER BY 1"));
    QStringList out;
    while (s.step())
        out << s.text(0);
    return out;
}

} // namespace recheck::remindtest
