// What happens to the MIS values an import held back for review
// (core/io ImportReviewStore and `recheck review`): accepting writes the MIS
// value as a tracked edit, rejecting keeps the archive's value, both record
// who and when, and a refused decision changes nothing.

#include "IoTestSupport.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "io/ArchiveImporter.h"
#include "io/ImportReview.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace recheck;
using namespace recheck::io;
using namespace recheck::test::io;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

const QString kFirstExport = QStringLiteral("户号,户名,用电地址,联系电话,台区编号,经度,纬度\n"
                                            "0100000001,张三,东村1号,13800000001,T001,113.05,23.05\n"
                                            "0100000002,李四,东村2号,13800000002,T001,113.06,23.04\n"
                                            "0100000003,王五,西村3号,13800000003,T002,113.15,23.05\n");

ImportResult importText(const QString& archivePath, const ScratchDir& dir, const QString& name,
                        const QString& text) {
    writeBytes(dir.file(name), gbk(text));
    Archive archive = Archive::open(archivePath);
    return ArchiveImporter::run(archive, dir.file(name), {});
}

/// An archive whose second MIS export collides with the field: 0100000001's
/// phone was verified on site (accepted discrepancy), 0100000003 was edited
/// with another tool (address and district). Four MIS values are held.
QString archiveWithHeldValues(const ScratchDir& dir) {
    const QString path = makeArchive(dir);
    REQUIRE(importText(path, dir, QStringLiteral("v1.csv"), kFirstExport).applied);
    {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral(
            "INSERT INTO visits (customer_uuid, visited_at, result, updated_by) SELECT uuid, "
            "'2026-03-01T08:00:00Z', 'discrepancy', 'staff-07' FROM customers WHERE account_no = "
            "'0100000001';"
            "INSERT INTO discrepancies (customer_uuid, visit_uuid, field, archive_value, observed_value, "
            "status, updated_by) SELECT c.uuid, v.uuid, 'phone', '13800000001', '13900000001', 'accepted', "
            "'office' FROM customers c JOIN visits v ON v.customer_uuid = c.uuid WHERE c.account_no = "
            "'0100000001';"
            "UPDATE customers SET phone = '13900000001', row_version = row_version + 1, updated_by = "
            "'import' "
            "WHERE account_no = '0100000001';"
            "UPDATE customers SET address = '西村3号东', phone = '13700000003' WHERE account_no = "
            "'0100000003';"));
    }
    QString second = kFirstExport;
    second.replace(QStringLiteral("13800000001"), QStringLiteral("13811111111"));
    second.replace(QStringLiteral("西村3号"), QStringLiteral("西村三号"));
    second.replace(QStringLiteral("13800000003"), QStringLiteral("13833333333"));
    second.replace(QStringLiteral("T002,113.15"), QStringLiteral("T001,113.15"));
    const ImportResult r = importText(path, dir, QStringLiteral("v2.csv"), second);
    REQUIRE(r.applied);
    REQUIRE(r.forReview == 2);
    return path;
}

ImportReviewItem itemFor(ImportReviewStore& store, const QString& account, const QString& field) {
    ImportReviewStore::Filter all;
    all.includeDecided = true;
    for (const ImportReviewItem& i : store.list(all))
        if (i.naturalKey == account && i.field == field)
            return i;
    FAIL("no review item for " << account.toStdString() << " " << field.toStdString());
    return {};
}

QString customerField(const QString& path, const QString& account, const QString& column) {
    return sqlScalar(path,
                     QStringLiteral("SELECT %1 FROM customers WHERE account_no = '%2'").arg(column, account));
}

} // namespace

TEST_CASE("io review: held values list the archive's, the MIS's and the current value", "[io][review]") {
    ScratchDir dir;
    const QString path = archiveWithHeldValues(dir);
    Archive archive = Archive::open(path);
    ImportReviewStore store(archive.db());
    const QList<ImportReviewItem> open = store.list();
    QStringList seen;
    for (const ImportReviewItem& i : open)
        seen << i.naturalKey + QLatin1Char(':') + i.field;
    seen.sort();
    CHECK(seen.join(QLatin1Char(' ')) ==
          "0100000001:phone 0100000003:address 0100000003:district_uuid 0100000003:phone");
    const ImportReviewItem phone = itemFor(store, QStringLiteral("0100000001"), QStringLiteral("phone"));
    CHECK(phone.archiveValue.toString() == "13900000001");
    CHECK(phone.incomingValue.toString() == "13811111111");
    CHECK(phone.currentValue.toString() == "13900000001");
    CHECK(phone.rowExists);
    CHECK(phone.isOpen());
    CHECK(phone.source.endsWith(QStringLiteral("v2.csv")));
    const ImportReviewItem district =
        itemFor(store, QStringLiteral("0100000003"), QStringLiteral("district_uuid"));
    CHECK(district.archiveDisplay == "T002");
    CHECK(district.incomingDisplay == "T001");
    CHECK(district.currentDisplay == "T002");
    ImportReviewStore::Filter one;
    one.naturalKey = QStringLiteral("0100000001");
    CHECK(store.list(one).size() == 1);
}

TEST_CASE("io review: accepting writes the MIS value as a tracked edit by the person", "[io][review]") {
    ScratchDir dir;
    const QString path = archiveWithHeldValues(dir);
    const QString versionBefore =
        customerField(path, QStringLiteral("0100000001"), QStringLiteral("row_version"));
    const QString logBefore = sqlScalar(path, QStringLiteral("SELECT count(*) FROM change_log"));
    qint64 id = 0;
    {
        Archive archive = Archive::open(path);
        ImportReviewStore store(archive.db());
        id = itemFor(store, QStringLiteral("0100000001"), QStringLiteral("phone")).id;
        const ImportReviewItem accepted = store.accept(id, QStringLiteral("office-li"));
        CHECK(accepted.status == "accepted");
        CHECK(accepted.reviewedBy == "office-li");
        CHECK_FALSE(accepted.reviewedAt.isEmpty());
        CHECK(accepted.currentValue.toString() == "13811111111");
    }
    CHECK(customerField(path, QStringLiteral("0100000001"), QStringLiteral("phone")) == "13811111111");
    CHECK(customerField(path, QStringLiteral("0100000001"), QStringLiteral("row_version")).toInt() ==
          versionBefore.toInt() + 1);
    CHECK(customerField(path, QStringLiteral("0100000001"), QStringLiteral("updated_by")) == "office-li");
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM change_log")).toInt() ==
          logBefore.toInt() + 1);
    CHECK(sqlScalar(path, QStringLiteral("SELECT op || ' ' || changed_by FROM change_log ORDER BY rowid DESC "
                                         "LIMIT 1")) == "update office-li");

    // A district reference is written as the district's uuid.
    {
        Archive archive = Archive::open(path);
        ImportReviewStore store(archive.db());
        store.accept(itemFor(store, QStringLiteral("0100000003"), QStringLiteral("district_uuid")).id,
                     QStringLiteral("office-li"));
    }
    CHECK(sqlScalar(path, QStringLiteral("SELECT d.code FROM customers c JOIN districts d ON d.uuid = "
                                         "c.district_uuid WHERE c.account_no = '0100000003'")) == "T001");

    // Deciding again is refused and writes nothing.
    const QString before = contentDigest(path);
    Archive archive = Archive::open(path);
    ImportReviewStore store(archive.db());
    CHECK_THROWS_WITH(store.accept(id, QStringLiteral("someone")),
                      Catch::Contains("already accepted by office-li"));
    CHECK_THROWS_WITH(store.reject(id, QStringLiteral("someone")), Catch::Contains("already accepted"));
    CHECK_THROWS_WITH(store.accept(9999, QStringLiteral("someone")), Catch::Contains("no held import value"));
    CHECK(contentDigest(path) == before);
}

TEST_CASE("io review: rejecting keeps the verified value, records the decision and is not asked again",
          "[io][review]") {
    ScratchDir dir;
    const QString path = archiveWithHeldValues(dir);
    const QString versionBefore =
        customerField(path, QStringLiteral("0100000003"), QStringLiteral("row_version"));
    {
        Archive archive = Archive::open(path);
        ImportReviewStore store(archive.db());
        const qint64 id = itemFor(store, QStringLiteral("0100000003"), QStringLiteral("address")).id;
        const ImportReviewItem rejected = store.reject(id, QStringLiteral("office-wang"));
        CHECK(rejected.status == "rejected");
        CHECK(rejected.reviewedBy == "office-wang");
        CHECK_FALSE(rejected.reviewedAt.isEmpty());
        CHECK(store.list().size() == 3);
    }
    CHECK(customerField(path, QStringLiteral("0100000003"), QStringLiteral("address")) == "西村3号东");
    CHECK(customerField(path, QStringLiteral("0100000003"), QStringLiteral("row_version")) == versionBefore);

    // The same MIS export again: the rejected address is not held a second
    // time; the still-open ones are not duplicated.
    QString second = kFirstExport;
    second.replace(QStringLiteral("13800000001"), QStringLiteral("13811111111"));
    second.replace(QStringLiteral("西村3号"), QStringLiteral("西村三号"));
    second.replace(QStringLiteral("13800000003"), QStringLiteral("13833333333"));
    second.replace(QStringLiteral("T002,113.15"), QStringLiteral("T001,113.15"));
    REQUIRE(importText(path, dir, QStringLiteral("v3.csv"), second).applied);
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM import_review")) == "4");
    CHECK(sqlScalar(path, QStringLiteral("SELECT count(*) FROM import_review WHERE status = 'open'")) == "3");
}

TEST_CASE("io review: several decisions are one transaction, all or none", "[io][review]") {
    ScratchDir dir;
    const QString path = archiveWithHeldValues(dir);
    Archive archive = Archive::open(path);
    ImportReviewStore store(archive.db());
    QList<qint64> ids = store.openIds();
    REQUIRE(ids.size() == 4);
    const QString before = contentDigest(path);
    CHECK_THROWS_AS(store.acceptAll(ids + QList<qint64>{4242}, QStringLiteral("office-li")), RecheckError);
    CHECK(contentDigest(path) == before);

    // A district deleted since: its reference cannot be accepted, and the
    // batch leaves the other three undecided too.
    archive.db().exec(QStringLiteral("PRAGMA foreign_keys = OFF; DELETE FROM districts WHERE code = 'T001'; "
                                     "PRAGMA foreign_keys = ON"));
    const QString withoutDistrict = contentDigest(path);
    CHECK_THROWS_WITH(store.acceptAll(ids, QStringLiteral("office-li")), Catch::Contains("no longer exists"));
    CHECK(contentDigest(path) == withoutDistrict);
    CHECK(store.openIds().size() == 4);

    ImportReviewStore::Filter account;
    account.naturalKey = QStringLiteral("0100000003");
    const QList<qint64> customer3 = store.openIds(account);
    CHECK(customer3.size() == 3);
    CHECK(store.rejectAll(customer3, QStringLiteral("office-li")).size() == 3);
    CHECK(store.openIds().size() == 1);
}

TEST_CASE("recheck review lists, accepts and rejects with exit statuses", "[io][review][cli]") {
    ScratchDir dir;
    const QString path = archiveWithHeldValues(dir);
    const Run list = runRecheck({QStringLiteral("review"), path}, dir);
    CHECK(list.status == 0);
    CHECK_THAT(list.out.toStdString(), Catch::Contains("0100000001 phone [open]") &&
                                           Catch::Contains("13811111111") && Catch::Contains("T002"));

    const Run json = runRecheck({QStringLiteral("review"), path, QStringLiteral("--json")}, dir);
    REQUIRE(json.status == 0);
    const QJsonArray items = QJsonDocument::fromJson(json.out.toUtf8()).object().value("items").toArray();
    REQUIRE(items.size() == 4);
    qint64 phoneId = 0;
    for (const QJsonValue& v : items)
        if (v.toObject().value("account_no").toString() == "0100000001")
            phoneId = v.toObject().value("id").toVariant().toLongLong();
    REQUIRE(phoneId > 0);

    const Run accept =
        runRecheck({QStringLiteral("review"), path, QStringLiteral("--accept"), QString::number(phoneId),
                    QStringLiteral("--by"), QStringLiteral("office-li")},
                   dir);
    CHECK(accept.status == 0);
    CHECK(customerField(path, QStringLiteral("0100000001"), QStringLiteral("phone")) == "13811111111");
    CHECK(
        sqlScalar(path, QStringLiteral("SELECT reviewed_by FROM import_review WHERE id = %1").arg(phoneId)) ==
        "office-li");

    const QString before = contentDigest(path);
    const Run again = runRecheck(
        {QStringLiteral("review"), path, QStringLiteral("--reject"), QString::number(phoneId)}, dir);
    CHECK(again.status == 2);
    CHECK_THAT(again.err.toStdString(), Catch::Contains("already accepted"));
    CHECK(contentDigest(path) == before);

    CHECK(runRecheck({QStringLiteral("review"), path, QStringLiteral("--accept"), QStringLiteral("x")}, dir)
              .status == 64);
    CHECK(runRecheck({QStringLiteral("review"), path, QStringLiteral("--accept"), QStringLiteral("1"),
                      QStringLiteral("--reject"), QStringLiteral("2")},
                     dir)
              .status == 64);
    CHECK(contentDigest(path) == before);

    const Run rejectAll = runRecheck({QStringLiteral("review"), path, QStringLiteral("--reject-all"),
                                      QStringLiteral("--account"), QStringLiteral("0100000003"),
                                      QStringLiteral("--by"), QStringLiteral("office-wang")},
                                     dir);
    CHECK(rejectAll.status == 0);
    CHECK_THAT(rejectAll.out.toStdString(), Catch::Contains("3 item(s) decided"));
    CHECK(customerField(path, QStringLiteral("0100000003"), QStringLiteral("address")) == "西村3号东");
    const Run none = runRecheck({QStringLiteral("review"), path}, dir);
    CHECK_THAT(none.out.toStdString(), Catch::Contains("No held import values"));
    const Run all = runRecheck({QStringLiteral("review"), path, QStringLiteral("--all")}, dir);
    CHECK_THAT(all.out.toStdString(), Catch::Contains("rejected by office-wang"));
}
