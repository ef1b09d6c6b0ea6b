// CheckinReport::toCompactJson: the ledger's report, written without a
// QJsonObject, must be the very bytes Qt's compact writer gives for
// toJson() (readers parse either; the SpatiaLite and PostgreSQL ledgers hold
// the same text), and read back into the same report.

#include "sync/CheckinReport.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <catch2/catch.hpp>

using namespace recheck;

namespace {

CheckinItem item(const QString& table, const QString& uuid, const QString& op, const QStringList& fields,
                 const QList<qint64>& conflictIds = {}, const QString& detail = QString()) {
    CheckinItem i;
    i.table = table;
    i.uuid = uuid;
    i.op = op;
    i.fields = fields;
    i.conflictIds = conflictIds;
    i.detail = detail;
    return i;
}

QByteArray qtCompact(const CheckinReport& report) {
    return QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact);
}

} // namespace

TEST_CASE("A report's compact JSON is Qt's, byte for byte", "[sync][report]") {
    CheckinReport report;
    report.outcome = CheckinReport::Outcome::MergedWithConflicts;
    report.packageId = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");
    report.masterId = QStringLiteral("master \"county\" \\ 01");
    report.changesetSha256 = QStringLiteral("ab12");
    report.checkedInAt = QStringLiteral("2026-11-30T10:00:00.000Z");
    report.checkedInBy = QStringLiteral("张三");
    // editor left empty: an empty string, as QJsonValue makes of a null QString
    report.applied << item(QStringLiteral("customers"), QStringLiteral("u-1"), QStringLiteral("update"),
                           {QStringLiteral("address"), QStringLiteral("phone")});
    report.merged << item(QStringLiteral("customers"), QStringLiteral("u-2"), QStringLiteral("update"),
                          {QStringLiteral("phone")});
    report.unchanged << item(QStringLiteral("visits"), QStringLiteral("u-3"), QStringLiteral("insert"), {},
                             {}, QStringLiteral("the master already has these values"));
    // Every character class the writer escapes, and ids beyond 32 bits.
    report.conflicts << item(
        QStringLiteral("customers"), QStringLiteral("u-4"), QStringLiteral("update"),
        {QStringLiteral("name")}, {7, 4294967301LL, 0},
        QStringLiteral("tab\there \"quoted\" back\\slash\nline\r\b\f\x01\x1f\x7f 幸福路 😀"));
    report.decided << item(QStringLiteral("customers"), QStringLiteral("u-5"), QString(), {});
    report.refused << item(QString(), QString(), QString(), {}, {}, QStringLiteral("/tmp/x.sqlite: damaged"));

    const QByteArray ours = report.toCompactJson();
    CHECK(ours == qtCompact(report));

    const CheckinReport back = CheckinReport::fromJson(QJsonDocument::fromJson(ours).object());
    CHECK(back.toCompactJson() == ours);
    REQUIRE(back.conflicts.size() == 1);
    CHECK(back.conflicts.front().conflictIds == QList<qint64>{7, 4294967301LL, 0});
    CHECK(back.conflicts.front().detail == report.conflicts.front().detail);
}

TEST_CASE("An empty report's compact JSON is Qt's, for every outcome", "[sync][report]") {
    for (const auto outcome : {CheckinReport::Outcome::Merged, CheckinReport::Outcome::MergedWithConflicts,
                               CheckinReport::Outcome::Refused, CheckinReport::Outcome::Cancelled}) {
        CheckinReport report;
        report.outcome = outcome;
        CHECK(report.toCompactJson() == qtCompact(report));
    }
}

TEST_CASE("A large report's compact JSON is Qt's", "[sync][report]") {
    CheckinReport report;
    report.outcome = CheckinReport::Outcome::Merged;
    for (int i = 0; i < 5000; ++i)
        (i % 3 ? report.applied : report.merged)
            << item(QStringLiteral("customers"), QStringLiteral("uuid-%1").arg(i), QStringLiteral("update"),
                    {QStringLiteral("address"), QStringLiteral("phone")},
                    i % 97 == 0 ? QList<qint64>{i} : QList<qint64>{});
    CHECK(report.toCompactJson() == qtCompact(report));
}
