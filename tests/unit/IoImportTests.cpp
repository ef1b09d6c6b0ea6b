// core/io imports: encodings, mapping, per-row validation with a report,
// all-or-nothing transactions, fields verified in the field held for review,
// and files that cannot be used at all leaving the archive unchanged.

#include "IoTestSupport.h"

#include "archive/Archive.h"
#include "archive/SpatialIndexLoader.h"
#include "common/RecheckError.h"
#include "io/ArchiveImporter.h"
#include "io/MappingProfile.h"
#include "io/SourcePreview.h"
#include "io/SourceReader.h"
#include "search/ArchiveSearch.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace recheck;
using namespace recheck::io;
using namespace recheck::test::io;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

const QString kChineseCsv = QStringLiteral(
    "户号,户名,用电地址,联系电话,用电类别,电压等级,合同容量（kVA）,台区编号,电能表资产号,经度,纬度\n"
    "0100000001,张三,东村1号,13800000001,居民生活用电,交流220V,8,T001,M0001,113.05,23.05\n"
    "0100000002,李四,\"东村2号, 西屋\",0756-1234567,一般工商业用电,AC380V,50,T001,M0002,113.06,23.04\n"
    "0100000003,王五,西村3号,,RES,AC220V,,T002,M0003,113.15,23.05\n");

ImportResult importFile(const QString& archivePath, const QString& file, ImportOptions options = {}) {
    Archive archive = Archive::open(archivePath);
    return ArchiveImporter::run(archive, file, options);
}

QString reportText(const ImportResult& r) {
    QFile f(r.reportCsv);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll());
}

} // namespace

TEST_CASE("io: Chinese and English headers are matched to archive fields", "[io]") {
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("户号")) == "account_no");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral(" 户名 ")) == "name");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("用电地址")) == "address");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("联系电话")) == "phone");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("用电类别")) == "usage_category");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("电压等级")) == "voltage_level");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("合同容量（kVA）")) ==
          "contracted_capacity");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("台区编号")) == "district_code");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("电能表资产号")) ==
          "meter_asset_no");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("Account_No")) == "account_no");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("Longitude")) == "x");
    CHECK(MappingProfile::autoMatch(ImportKind::Customers, QStringLiteral("备注")).isEmpty());
    CHECK(MappingProfile::autoMatch(ImportKind::Districts, QStringLiteral("台区名称")) == "name");
}

TEST_CASE("io: a mapping profile round-trips through JSON and its explicit columns win", "[io]") {
    ScratchDir dir;
    MappingProfile profile;
    profile.columns.insert(QStringLiteral("客户代码"), QStringLiteral("account_no"));
    profile.columns.insert(QStringLiteral("户号"), QString()); // ignored
    profile.valueMappings[QStringLiteral("usage_category")].insert(QStringLiteral("城镇居民"),
                                                                   QStringLiteral("RES"));
    profile.severities.insert(QStringLiteral("phone"), RowIssue::Severity::Warning);
    profile.save(dir.file(QStringLiteral("p.json")));
    const MappingProfile loaded = MappingProfile::load(dir.file(QStringLiteral("p.json")));
    CHECK(loaded.toJson() == profile.toJson());
    QStringList unmatched;
    const auto fields = loaded.resolve(
        {QStringLiteral("户号"), QStringLiteral("客户代码"), QStringLiteral("户名"), QStringLiteral("备注")},
        &unmatched);
    CHECK(fields.value(QStringLiteral("account_no")) == 1);
    CHECK(fields.value(QStringLiteral("name")) == 2);
    CHECK(unmatched == QStringList{QStringLiteral("备注")});

    writeBytes(dir.file(QStringLiteral("bad.json")), R"({"columns": {"户号": "no_such_field"}})");
    CHECK_THROWS_WITH(MappingProfile::load(dir.file(QStringLiteral("bad.json"))),
                      Catch::Contains("no_such_field") && Catch::Contains("bad.json"));
}

TEST_CASE("io: UTF-8 and GBK CSV with Chinese headers import the same customers", "[io]") {
    ScratchDir dir;
    const QString utf8Archive = makeArchive(dir, QStringLiteral("a.sqlite"));
    const QString gbkArchive = makeArchive(dir, QStringLiteral("b.sqlite"));
    writeBytes(dir.file(QStringLiteral("utf8.csv")), kChineseCsv.toUtf8());
    writeBytes(dir.file(QStringLiteral("gbk.csv")), gbk(kChineseCsv));

    const ImportResult a = importFile(utf8Archive, dir.file(QStringLiteral("utf8.csv")));
    CHECK(a.applied);
    CHECK(a.encoding == "UTF-8");
    CHECK(a.encodingDetected);
    CHECK(a.inserted == 3);
    CHECK(a.rejected == 0);
    const ImportResult b = importFile(gbkArchive, dir.file(QStringLiteral("gbk.csv")));
    CHECK(b.applied);
    CHECK(b.encoding == "GB18030");
    CHECK(b.inserted == 3);

    const QString content = customerContent(utf8Archive);
    CHECK(content == customerContent(gbkArchive));
    // Labels translated to codes, units stripped from the header, the quoted
    // comma kept, district by code, the point in the archive CRS.
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT usage_category || voltage_level || contracted_capacity FROM "
                                   "customers WHERE account_no = '0100000002'")) == "COMAC380V50.0");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT address FROM customers WHERE account_no = '0100000002'")) ==
          "东村2号, 西屋");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral(
                        "SELECT d.code || ' ' || X(c.geom) || ' ' || ST_Srid(c.geom) FROM customers c JOIN "
                        "districts d ON d.uuid = c.district_uuid WHERE account_no = '0100000003'")) ==
          "T002 113.15 4490");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT count(*) FROM customers WHERE updated_by = 'import'")) == "3");
    // The first load packs the R*Tree and rebuilds the indexes it suspended;
    // later edits are captured again.
    CHECK(sqlScalar(utf8Archive, QStringLiteral("PRAGMA integrity_check")) == "ok");
    CHECK(sqlScalar(utf8Archive, QStringLiteral("SELECT rtreecheck('idx_customers_geom')")) == "ok");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT count(*) FROM idx_customers_geom WHERE xmin > 113.1")) == "1");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'customers' AND "
                                   "type = 'trigger' AND name LIKE '%_customers_geom'")) == "8");
    // The run is recorded with the file's hash and counts.
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT source_sha256 || ' ' || rows_read || ' ' || rows_inserted "
                                   "FROM import_runs")) ==
          ArchiveImporter::sourceDigest(dir.file(QStringLiteral("utf8.csv"))) + " 3 3");

    // The importer writes the point's blob itself: byte for byte what
    // SpatiaLite's MakePoint() makes.
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT count(*) FROM customers WHERE geom = MakePoint(X(geom), Y(geom), "
                                   "4490) AND ST_IsValid(geom) AND GeometryType(geom) = 'POINT'")) == "3");

    // Importing the same file again changes no customer.
    const QString before = customerContent(utf8Archive);
    const ImportResult again = importFile(utf8Archive, dir.file(QStringLiteral("utf8.csv")));
    CHECK(again.unchanged == 3);
    CHECK(again.updated == 0);
    CHECK(customerContent(utf8Archive) == before);

    // A new customer in a loaded archive goes in past SpatiaLite's geometry
    // triggers; a name outside the Basic Multilingual Plane (𠮷, written as
    // a surrogate pair in UTF-16) and one without coordinates arrive intact.
    writeBytes(dir.file(QStringLiteral("more.csv")),
               QStringLiteral("户号,户名,用电地址,经度,纬度\n"
                              "0100000004,\U00020BB7野,南村4号,113.07,23.02\n"
                              "0100000005,钱七,南村5号,,\n")
                   .toUtf8());
    const ImportResult more = importFile(utf8Archive, dir.file(QStringLiteral("more.csv")));
    CHECK(more.applied);
    CHECK(more.inserted == 2);
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT name || ' ' || (geom = MakePoint(113.07, 23.02, 4490)) || ' ' || "
                                   "length(name) FROM customers WHERE account_no = '0100000004'")) ==
          QStringLiteral("\U00020BB7野 1 2"));
    CHECK(
        sqlScalar(utf8Archive,
                  QStringLiteral("SELECT coalesce(geom, 'none') || status FROM customers WHERE account_no = "
                                 "'0100000005'")) == "noneactive");
    CHECK(sqlScalar(utf8Archive, QStringLiteral("SELECT rtreecheck('idx_customers_geom')")) == "ok");
    CHECK(sqlScalar(utf8Archive,
                    QStringLiteral("SELECT count(*) FROM idx_customers_geom WHERE xmin > 113.069 AND xmax < "
                                   "113.071")) == "1");

    // The search index, suspended during the load, is rebuilt from it and
    // its triggers are back: a two-character address fragment finds the
    // customers, an edit after the import is found too.
    {
        Archive archive = Archive::open(utf8Archive);
        ArchiveSearch search(archive.db());
        std::vector<SearchHit> hits = search.find(QStringLiteral("东村"));
        QStringList accounts;
        for (const SearchHit& hit : hits)
            if (hit.kind == SearchHit::Kind::Customer)
                accounts << hit.key;
        accounts.sort();
        CHECK(accounts == QStringList{QStringLiteral("0100000001"), QStringLiteral("0100000002")});
        archive.db().exec(
            QStringLiteral("UPDATE customers SET name = '赵六' WHERE account_no = '0100000003'"));
        hits = search.find(QStringLiteral("赵六"));
        REQUIRE_FALSE(hits.empty());
        CHECK(hits.front().key == QStringLiteral("0100000003"));
    }
}

TEST_CASE("io: a GBK file read as UTF-8 is refused by row with a hint, and the archive is unchanged",
          "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("names.csv")),
               gbk(QStringLiteral("account_no,name\n0100000001,张三\n0100000002,李四\n")));
    const QString before = contentDigest(archive);
    ImportOptions options;
    options.profile.encoding = SourceEncoding::Utf8;
    options.reportBase = dir.file(QStringLiteral("report"));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("names.csv")), options);
    CHECK_FALSE(r.applied);
    CHECK(r.rejected == 2);
    CHECK_THAT(reportText(r).toStdString(), Catch::Contains("names.csv,2,name,name") &&
                                                Catch::Contains("not valid UTF-8 text") &&
                                                Catch::Contains("--encoding GBK"));
    CHECK(contentDigest(archive) == before);

    // Chinese headers in GBK read as UTF-8: the whole file is refused.
    writeBytes(dir.file(QStringLiteral("headers.csv")), gbk(kChineseCsv));
    CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("headers.csv")), options),
                      Catch::Contains("headers.csv") && Catch::Contains("header is not valid UTF-8"));
    CHECK(contentDigest(archive) == before);
}

TEST_CASE("io: every kind of bad row is named in the report and nothing is applied", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString csv =
        QStringLiteral("户号,户名,联系电话,用电类别,合同容量,台区编号,经度,纬度\n"
                       "0100000001,张三,13800000001,居民生活用电,8,T001,113.05,23.05\n" // 2 ok
                       "0100000002,,13800000002,RES,8,T001,113.05,23.05\n"              // 3 name missing
                       "01#2,李四,13800000003,RES,8,T001,113.05,23.05\n"                // 4 account format
                       "0100000001,王五,13800000004,RES,8,T001,113.05,23.05\n"      // 5 duplicate of row 2
                       "0100000005,赵六,12345,RES,8,T001,113.05,23.05\n"            // 6 phone
                       "0100000006,钱七,13800000006,路灯,8,T001,113.05,23.05\n"     // 7 unknown code
                       "0100000007,孙八,13800000007,RES,大约十,T001,113.05,23.05\n" // 8 not a number
                       "0100000008,周九,13800000008,RES,8,T999,113.05,23.05\n"      // 9 unknown district
                       "0100000009,吴十,13800000009,RES,8,,,\n"           // 10 no coordinates (warning)
                       "0100000010,郑一,13800000010,RES,8,,114.5,23.05\n" // 11 outside districts (warning)
                       "0100000011,冯二,13800000011,RES,8,T001,213.05,23.05\n"); // 12 lon out of range
    writeBytes(dir.file(QStringLiteral("bad.csv")), csv.toUtf8());
    const QString before = contentDigest(archive);
    ImportOptions options;
    options.reportBase = dir.file(QStringLiteral("reports/bad"));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("bad.csv")), options);
    CHECK_FALSE(r.applied);
    CHECK(r.rowsRead == 11);
    CHECK(r.rejected == 8);
    CHECK(r.warnings == 2);
    CHECK(contentDigest(archive) == before);

    const std::string report = reportText(r).toStdString();
    CHECK_THAT(report, Catch::Contains("bad.csv,3,户名,name,,error,required value is empty"));
    CHECK_THAT(report, Catch::Contains("bad.csv,4,户号,account_no,01#2,error,") &&
                           Catch::Contains("account number does not match"));
    CHECK_THAT(report,
               Catch::Contains("bad.csv,5,户号,account_no,0100000001,error,account number appears again "
                               "(first on row 2)"));
    CHECK_THAT(report, Catch::Contains("bad.csv,6,联系电话,phone,12345,error,not a phone number"));
    CHECK_THAT(report, Catch::Contains("bad.csv,7,用电类别,usage_category,路灯,error,") &&
                           Catch::Contains("unknown usage_category"));
    CHECK_THAT(report, Catch::Contains("bad.csv,8,合同容量,contracted_capacity,大约十,error,not a number"));
    CHECK_THAT(report, Catch::Contains("bad.csv,9,台区编号,district_code,T999,error,") &&
                           Catch::Contains("no district (台区) with code"));
    CHECK_THAT(report, Catch::Contains("bad.csv,10,经度,x,,warning,no coordinates"));
    CHECK_THAT(report, Catch::Contains("bad.csv,11,台区编号,district_code") &&
                           Catch::Contains("warning,the point lies outside every district"));
    CHECK_THAT(report, Catch::Contains("bad.csv,12,经度,x") && Catch::Contains("out of range"));

    // The JSON report lists the same issues and the counts.
    QFile json(r.reportJson);
    REQUIRE(json.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(json.readAll()).object();
    CHECK(doc.value(QStringLiteral("issues")).toArray().size() == 10);
    CHECK(doc.value(QStringLiteral("summary")).toObject().value(QStringLiteral("rejected")).toInt() == 8);
    CHECK_FALSE(doc.value(QStringLiteral("summary")).toObject().value(QStringLiteral("applied")).toBool());

    // --skip-invalid applies the three valid rows (two with warnings) only.
    options.skipInvalid = true;
    options.reportBase.clear();
    const ImportResult skipped = importFile(archive, dir.file(QStringLiteral("bad.csv")), options);
    CHECK(skipped.applied);
    CHECK(skipped.inserted == 3);
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT group_concat(account_no || '=' || name, ' ') FROM (SELECT * FROM "
                                   "customers ORDER BY account_no)")) ==
          "0100000001=张三 0100000009=吴十 0100000010=郑一");
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT district_uuid IS NULL AND geom IS NOT NULL FROM customers WHERE "
                                   "account_no = '0100000010'")) == "1");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT rows_rejected FROM import_runs")) == "8");
}

TEST_CASE("io: a district is assigned by point-in-polygon when the file gives none", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("pts.csv")),
               QByteArray("account_no,name,lon,lat\n0100000001,A,113.02,23.02\n0100000002,B,113.18,23.09\n"));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("pts.csv")));
    CHECK(r.applied);
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT group_concat(d.code, ',') FROM (SELECT * FROM customers ORDER BY "
                                   "account_no) c JOIN districts d ON d.uuid = c.district_uuid")) ==
          "T001,T002");
}

TEST_CASE("io: coordinates in another CRS are transformed to the archive's", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    // Web Mercator metres of 113.05 E, 23.05 N.
    writeBytes(dir.file(QStringLiteral("m.csv")),
               QByteArray("account_no,name,x,y\n0100000001,A,12584668.4341796,2638066.41274581\n"));
    ImportOptions options;
    options.profile.sourceCrs = QStringLiteral("EPSG:3857");
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("m.csv")), options);
    CHECK(r.applied);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT printf('%.4f %.4f', X(geom), Y(geom)) FROM customers")) ==
          "113.0500 23.0500");
}

TEST_CASE("io: fields verified in the field are held for review, MIS fields of untouched rows are updated",
          "[io]") {
    ScratchDir dir;
    const QString archivePath = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("v1.csv")), kChineseCsv.toUtf8());
    REQUIRE(importFile(archivePath, dir.file(QStringLiteral("v1.csv"))).applied);
    {
        SqliteDatabase db(archivePath, SqliteDatabase::Mode::ReadWrite);
        // 0100000001: an inspector's accepted discrepancy on the phone.
        db.exec(QStringLiteral(
            "INSERT INTO visits (customer_uuid, visited_at, result, updated_by) SELECT uuid, "
            "'2026-03-01T08:00:00Z', "
            "'discrepancy', 'staff-07' FROM customers WHERE account_no = '0100000001';"
            "INSERT INTO discrepancies (customer_uuid, visit_uuid, field, archive_value, observed_value, "
            "status, "
            "updated_by) SELECT c.uuid, v.uuid, 'phone', '13800000001', '13900000001', 'accepted', 'office' "
            "FROM "
            "customers c JOIN visits v ON v.customer_uuid = c.uuid WHERE c.account_no = '0100000001';"
            "UPDATE customers SET phone = '13900000001', row_version = row_version + 1, updated_by = "
            "'import' "
            "WHERE account_no = '0100000001';"
            // 0100000003: edited with another tool since the import.
            "UPDATE customers SET address = '西村3号东' WHERE account_no = '0100000003';"));
    }
    QString changed = kChineseCsv;
    changed.replace(QStringLiteral("东村1号"), QStringLiteral("东村1号院")); // 0100000001 address: applies
    changed.replace(QStringLiteral("西村3号"), QStringLiteral("西村三号"));  // 0100000003: held
    writeBytes(dir.file(QStringLiteral("v2.csv")), changed.toUtf8());
    const ImportResult r = importFile(archivePath, dir.file(QStringLiteral("v2.csv")));
    CHECK(r.applied);
    CHECK(r.updated == 1);
    CHECK(r.unchanged == 1);
    CHECK(r.forReview == 2);
    CHECK(sqlScalar(archivePath,
                    QStringLiteral("SELECT address || ' ' || phone FROM customers WHERE account_no = "
                                   "'0100000001'")) == "东村1号院 13900000001");
    CHECK(sqlScalar(archivePath,
                    QStringLiteral("SELECT address FROM customers WHERE account_no = '0100000003'")) ==
          "西村3号东");
    CHECK(sqlScalar(archivePath,
                    QStringLiteral("SELECT group_concat(natural_key || ':' || field || ':' || "
                                   "ifnull(archive_value, '') || '->' || incoming_value, ' ') FROM (SELECT "
                                   "* FROM import_review ORDER BY natural_key, field)")) ==
          "0100000001:phone:13900000001->13800000001 0100000003:address:西村3号东->西村三号");
    // The same file again holds the same values back without new review rows.
    importFile(archivePath, dir.file(QStringLiteral("v2.csv")));
    CHECK(sqlScalar(archivePath, QStringLiteral("SELECT count(*) FROM import_review")) == "2");
}

TEST_CASE("io: files that cannot be used are refused with a clear error and change nothing", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("seed.csv")), kChineseCsv.toUtf8());
    REQUIRE(importFile(archive, dir.file(QStringLiteral("seed.csv"))).applied);
    const QString before = contentDigest(archive);

    SECTION("a missing required column") {
        writeBytes(dir.file(QStringLiteral("nocol.csv")), QByteArray("户号,地址\n0100000009,somewhere\n"));
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("nocol.csv"))),
                          Catch::Contains("nocol.csv") && Catch::Contains("required field name") &&
                              Catch::Contains("户名"));
    }
    SECTION("a file of 0 rows, and an empty file") {
        writeBytes(dir.file(QStringLiteral("header.csv")), QStringLiteral("户号,户名\n").toUtf8());
        ImportOptions options;
        options.reportBase = dir.file(QStringLiteral("r0"));
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("header.csv")), options),
                          Catch::Contains("header.csv") && Catch::Contains("no data rows"));
        QFile report(dir.file(QStringLiteral("r0.csv")));
        REQUIRE(report.open(QIODevice::ReadOnly));
        CHECK_THAT(QString::fromUtf8(report.readAll()).toStdString(), Catch::Contains("no data rows"));
        writeBytes(dir.file(QStringLiteral("empty.csv")), QByteArray());
        CHECK_THROWS_AS(importFile(archive, dir.file(QStringLiteral("empty.csv"))), RecheckError);
    }
    SECTION("a CSV cut off in its last row") {
        QByteArray bytes = kChineseCsv.toUtf8();
        bytes.chop(12); // inside 0100000003's row, no final line break
        writeBytes(dir.file(QStringLiteral("cut.csv")), bytes);
        const ImportResult r = importFile(archive, dir.file(QStringLiteral("cut.csv")));
        CHECK_FALSE(r.applied);
        CHECK(r.rejected == 1);
        REQUIRE_FALSE(r.issues.empty());
        CHECK(r.issues.front().row == 4);
        CHECK_THAT(r.issues.front().reason.toStdString(), Catch::Contains("cut off"));
    }
    SECTION("a truncated XLSX") {
        QFile fixture(QStringLiteral(RECHECK_SOURCE_DIR "/tests/data/io/formulas-merged.xlsx"));
        REQUIRE(fixture.open(QIODevice::ReadOnly));
        writeBytes(dir.file(QStringLiteral("cut.xlsx")), fixture.readAll().left(900));
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("cut.xlsx"))),
                          Catch::Contains("cut.xlsx") && Catch::Contains("cannot"));
    }
    SECTION("a 10 MB single field") {
        QByteArray bytes = "户号,户名,用电地址\n0100000009,张三,";
        bytes += QByteArray(10 * 1024 * 1024, 'x');
        bytes += "\n0100000010,李四,here\n";
        writeBytes(dir.file(QStringLiteral("huge.csv")), bytes);
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("huge.csv"))),
                          Catch::Contains("huge.csv") && Catch::Contains("row 1"));
        // A long value GDAL still reads is refused by the length rule.
        QByteArray longer = "户号,户名,用电地址\n0100000009,张三,";
        longer += QByteArray(5000, 'x') + "\n";
        writeBytes(dir.file(QStringLiteral("long.csv")), longer);
        const ImportResult r = importFile(archive, dir.file(QStringLiteral("long.csv")));
        CHECK_FALSE(r.applied);
        CHECK(r.rejected == 1);
        REQUIRE_FALSE(r.issues.empty());
        CHECK(r.issues.front().field == "address");
        CHECK_THAT(r.issues.front().reason.toStdString(), Catch::Contains("5000 characters"));
    }
    SECTION("not a table at all") {
        writeBytes(dir.file(QStringLiteral("photo.xlsx")), QByteArray("\x89PNG\r\n\x1a\n not a workbook"));
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("photo.xlsx"))),
                          Catch::Contains("photo.xlsx") && Catch::Contains("cannot open"));
        CHECK_THROWS_WITH(importFile(archive, dir.file(QStringLiteral("missing.csv"))),
                          Catch::Contains("missing.csv") && Catch::Contains("no such file"));
    }
    CHECK(contentDigest(archive) == before);
}

TEST_CASE("io: an XLSX with formulas and merged cells reads cached values and refuses the merged gap",
          "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    const QString before = contentDigest(archive);
    const QString xlsx = QStringLiteral(RECHECK_SOURCE_DIR "/tests/data/io/formulas-merged.xlsx");
    const ImportResult r = importFile(archive, xlsx);
    CHECK_FALSE(r.applied);
    CHECK(r.rowsRead == 4);
    CHECK(r.rejected == 1);
    CHECK(r.warnings == 4); // no coordinates on any row
    bool mergedGap = false;
    for (const RowIssue& i : r.issues)
        mergedGap |= i.row == 5 && i.field == "account_no" && i.reason.contains(QStringLiteral("required"));
    CHECK(mergedGap);
    CHECK(contentDigest(archive) == before);
    ImportOptions options;
    options.skipInvalid = true;
    const ImportResult skipped = importFile(archive, xlsx, options);
    CHECK(skipped.applied);
    CHECK(skipped.inserted == 3);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT contracted_capacity FROM customers WHERE account_no = "
                                            "'0100000002'")) == "100");
}

TEST_CASE("io: value translations of the mapping profile turn MIS labels into codes", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("mis.csv")),
               QStringLiteral("户号,户名,用电类别,电压等级\n0100000001,张三,城镇居民,220伏\n").toUtf8());
    ImportOptions options;
    options.profile.valueMappings[QStringLiteral("usage_category")].insert(QStringLiteral("城镇居民"),
                                                                           QStringLiteral("RES"));
    options.profile.valueMappings[QStringLiteral("voltage_level")].insert(QStringLiteral("220伏"),
                                                                          QStringLiteral("AC220V"));
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("mis.csv")), options);
    CHECK(r.applied);
    CHECK(
        sqlScalar(archive, QStringLiteral("SELECT usage_category || ' ' || voltage_level FROM customers")) ==
        "RES AC220V");
    // A translation to a code the archive does not have is refused.
    options.profile.valueMappings[QStringLiteral("usage_category")].insert(QStringLiteral("城镇居民"),
                                                                           QStringLiteral("XYZ"));
    const ImportResult bad = importFile(archive, dir.file(QStringLiteral("mis.csv")), options);
    CHECK_FALSE(bad.applied);
    CHECK(bad.rejected == 1);
}

TEST_CASE("io: a laptop package is refused as an import target", "[io]") {
    ScratchDir dir;
    Archive::CreateOptions create;
    create.role = ArchiveInfo::Role::Package;
    Archive::create(dir.file(QStringLiteral("package.sqlite")), create);
    writeBytes(dir.file(QStringLiteral("mis.csv")), QByteArray("account_no,name\n0100000001,A\n"));
    CHECK_THROWS_WITH(
        importFile(dir.file(QStringLiteral("package.sqlite")), dir.file(QStringLiteral("mis.csv"))),
        Catch::Contains("package") && Catch::Contains("master"));
}

TEST_CASE("io: the distinct values of a whole file, stoppable, beyond the preview's sample", "[io]") {
    ScratchDir dir;
    QString csv = QStringLiteral("户号,用电类别\n");
    for (int i = 0; i < 3000; ++i)
        csv +=
            QStringLiteral("01%1,%2\n").arg(i, 8, 10, QLatin1Char('0')).arg(i % 2 ? "RES" : " 居民生活用电 ");
    csv += QStringLiteral("0199999999,农村居民\n");
    const QString path = dir.file(QStringLiteral("values.csv"));
    writeBytes(path, gbk(csv));

    const SourcePreview sample = SourcePreview::read(path, SourceEncoding::Auto, {}, 20, 1000);
    CHECK_FALSE(sample.endOfFile);
    CHECK(sample.distinct.value(1) == QStringList{QStringLiteral("居民生活用电"), QStringLiteral("RES")});

    QHash<int, QStringList> distinct;
    double last = 0;
    CHECK(SourcePreview::scanDistinct(path, SourceEncoding::Auto, {}, distinct, [&](double f) {
        CHECK(f >= last);
        last = f;
        return true;
    }));
    CHECK(last == 1.0);
    CHECK(distinct.value(1) ==
          QStringList{QStringLiteral("居民生活用电"), QStringLiteral("RES"), QStringLiteral("农村居民")});
    CHECK(distinct.value(0).size() == 200); // at most maxDistinct per column

    // Stopped at the first report: what was seen so far, and false.
    CHECK_FALSE(
        SourcePreview::scanDistinct(path, SourceEncoding::Auto, {}, distinct, [](double) { return false; }));
    CHECK(distinct.value(1) == QStringList{QStringLiteral("居民生活用电"), QStringLiteral("RES")});
}

namespace {

// The R*Tree's three tables (nodes with their boxes, row-to-leaf, node
// parents), hashed.
QString rtreeDigest(const QString& path) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& sql :
         {QStringLiteral("SELECT nodeno, hex(data) FROM idx_customers_geom_node ORDER BY nodeno"),
          QStringLiteral("SELECT rowid, nodeno FROM idx_customers_geom_rowid ORDER BY rowid"),
          QStringLiteral("SELECT nodeno, parentnode FROM idx_customers_geom_parent ORDER BY nodeno")}) {
        SqliteStatement st(db, sql);
        while (st.step())
            hash.addData(QStringLiteral("%1|%2;").arg(st.text(0), st.text(1)).toUtf8());
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

TEST_CASE("io: a first import's R*Tree, packed from the inserted points, equals one packed from the table",
          "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    // Points spread over both districts (several levels of nodes), some rows
    // without coordinates (no box), one bad row refused with --skip-invalid.
    QByteArray csv = "户号,户名,用电类别,经度,纬度\n";
    for (int i = 1; i <= 6000; ++i) {
        const bool located = i % 13 != 0;
        csv += QStringLiteral("01%1,用户%2,%3,%4,%5\n")
                   .arg(i, 8, 10, QLatin1Char('0'))
                   .arg(i)
                   .arg(i == 77 ? QStringLiteral("未知类别") : QStringLiteral("RES"))
                   .arg(located ? QString::number(113.0005 + (i * 7919 % 1999) * 0.0001, 'f', 7) : QString())
                   .arg(located ? QString::number(23.0005 + (i * 104729 % 997) * 0.0001, 'f', 7) : QString())
                   .toUtf8();
    }
    writeBytes(dir.file(QStringLiteral("spread.csv")), csv);
    ImportOptions options;
    options.skipInvalid = true;
    const ImportResult r = importFile(archive, dir.file(QStringLiteral("spread.csv")), options);
    REQUIRE(r.applied);
    REQUIRE(r.inserted == 5999);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT rtreecheck('idx_customers_geom')")) == "ok");
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM idx_customers_geom")) ==
          sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers WHERE geom IS NOT NULL")));
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM customers WHERE geom IS NOT NULL")) ==
          QString::number(5999 - 6000 / 13));

    const QString reference = dir.file(QStringLiteral("reference.sqlite"));
    REQUIRE(QFile::copy(archive, reference));
    {
        SqliteDatabase db(reference, SqliteDatabase::Mode::ReadWrite);
        SqliteTransaction tx(db);
        db.exec(QStringLiteral("DELETE FROM idx_customers_geom"));
        SpatialIndexLoader::load(db, QStringLiteral("customers"), QStringLiteral("geom"));
        tx.commit();
    }
    CHECK(rtreeDigest(archive) == rtreeDigest(reference));
}
