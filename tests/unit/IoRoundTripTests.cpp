// core/io exports and round trips, geography imports (GeoJSON, SHP, GPKG,
// DXF) and the drop-folder pull.

#include "IoTestSupport.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "io/ArchiveExporter.h"
#include "io/ArchiveImporter.h"
#include "io/DropFolderPull.h"
#include "io/SourceReader.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QDir>
#include <QFile>

using namespace recheck;
using namespace recheck::io;
using namespace recheck::test::io;
using recheck::test::ScratchDir;
using recheck::test::sqlScalar;

namespace {

const QString kCustomers = QStringLiteral(
    "户号,户名,用电地址,联系电话,用电类别,电压等级,合同容量,月均电量,台区编号,线路编号,电能表资产号,用户状态,"
    "经度,纬度\n"
    "0100000001,张三,东村1号,13800000001,居民生活用电,交流220V,8,120.5,T001,F01,M0001,正常用电,113.05,23.05\n"
    "0100000002,李四,\"东村2号, 西屋\",0756-1234567,COM,AC380V,50,,T001,,M0002,suspended,113.06,23.04\n"
    "0100000003,王五,,,RES,AC220V,,,T002,,,,113.151234567,23.051234567\n"
    "0100000004,\"赵\"\"六\"\"\",西村4号,,RES,,,,,,,,,\n");

ImportResult importFile(const QString& archivePath, const QString& file, ImportOptions options = {}) {
    Archive archive = Archive::open(archivePath);
    return ArchiveImporter::run(archive, file, options);
}

ExportResult exportFile(const QString& archivePath, const QString& file, ExportOptions options = {}) {
    Archive archive = Archive::open(archivePath);
    return ArchiveExporter::exportCustomers(archive, file, options);
}

} // namespace

TEST_CASE("io: import, export and import again gives the same archive (CSV, GBK CSV, XLSX, GPKG)", "[io]") {
    ScratchDir dir;
    const QString first = makeArchive(dir, QStringLiteral("first.sqlite"));
    writeBytes(dir.file(QStringLiteral("mis.csv")), kCustomers.toUtf8());
    ImportOptions warnOnly;
    const ImportResult imported = importFile(first, dir.file(QStringLiteral("mis.csv")), warnOnly);
    REQUIRE(imported.applied);
    REQUIRE(imported.inserted == 4);
    const QString content = customerContent(first);
    CHECK_THAT(content.toStdString(), Catch::Contains("赵\"六\""));

    for (const QString& name : {QStringLiteral("out.csv"), QStringLiteral("out-gbk.csv"),
                                QStringLiteral("out.xlsx"), QStringLiteral("out.gpkg")}) {
        DYNAMIC_SECTION(name.toStdString()) {
            ExportOptions options;
            if (name.contains(QStringLiteral("gbk")))
                options.encoding = SourceEncoding::Gb18030;
            const ExportResult exported = exportFile(first, dir.file(name), options);
            CHECK(exported.rows == 4);
            if (name.contains(QStringLiteral("gbk"))) {
                QFile f(dir.file(name));
                REQUIRE(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                CHECK_FALSE(SourceReader::isValidUtf8(bytes.constData(), bytes.size()));
                CHECK(bytes.contains(gbk(QStringLiteral("张三"))));
            }
            const QString second = makeArchive(dir, QStringLiteral("second-%1.sqlite").arg(name));
            const ImportResult back = importFile(second, dir.file(name));
            CHECK(back.applied);
            CHECK(back.inserted == 4);
            CHECK(back.rejected == 0);
            CHECK(customerContent(second) == content);
            // The export imported into the archive it came from changes nothing.
            const ImportResult same = importFile(first, dir.file(name));
            CHECK(same.unchanged == 4);
            CHECK(customerContent(first) == content);
        }
    }
}

TEST_CASE("io: export filters by change date and field verification and says what changed", "[io]") {
    ScratchDir dir;
    const QString archive = makeArchive(dir);
    writeBytes(dir.file(QStringLiteral("mis.csv")), kCustomers.toUtf8());
    REQUIRE(importFile(archive, dir.file(QStringLiteral("mis.csv"))).applied);
    {
        SqliteDatabase db(archive, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral(
            "UPDATE customers SET updated_at = '2020-01-01T00:00:00.000Z', row_version = row_version + 1 "
            "WHERE account_no <> '0100000002';"
            "INSERT INTO visits (customer_uuid, visited_at, result, updated_by) SELECT uuid, "
            "'2026-03-01T08:00:00Z', "
            "'discrepancy', 'staff-07' FROM customers WHERE account_no = '0100000003';"
            "INSERT INTO discrepancies (customer_uuid, visit_uuid, field, archive_value, observed_value, "
            "status) "
            "SELECT c.uuid, v.uuid, 'phone', NULL, '13700000003', 'accepted' FROM customers c JOIN visits v "
            "ON "
            "v.customer_uuid = c.uuid;"));
    }
    CHECK(exportFile(archive, dir.file(QStringLiteral("all.csv"))).rows == 4);
    ExportOptions since;
    since.changedSince = QStringLiteral("2021-01-01");
    CHECK(exportFile(archive, dir.file(QStringLiteral("since.csv")), since).rows == 1);
    ExportOptions verified;
    verified.verifiedOnly = true;
    CHECK(exportFile(archive, dir.file(QStringLiteral("verified.csv")), verified).rows == 1);
    QFile f(dir.file(QStringLiteral("verified.csv")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK_THAT(text.toStdString(), Catch::Contains("0100000003") && Catch::Contains("2026-03-01T08:00:00Z") &&
                                       Catch::Contains(",phone"));
    ExportOptions badDate;
    badDate.changedSince = QStringLiteral("last week");
    CHECK_THROWS_WITH(exportFile(archive, dir.file(QStringLiteral("x.csv")), badDate),
                      Catch::Contains("last week"));
    CHECK_THROWS_WITH(exportFile(archive, dir.file(QStringLiteral("x.txt"))),
                      Catch::Contains(".csv, .xlsx or .gpkg"));
}

TEST_CASE("io: districts, feeders and roads from GeoJSON, SHP (GBK, no .cpg), GPKG and DXF", "[io]") {
    ScratchDir dir;
    Archive::CreateOptions create;
    const QString archive = dir.file(QStringLiteral("geo.sqlite"));
    Archive::create(archive, create);
    const QString geojson = QStringLiteral(
        R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}, "features": [
 {"type": "Feature", "properties": {"台区编号": "T100", "台区名称": "南村1号台区", "配变容量": 200},
  "geometry": {"type": "Polygon", "coordinates": [[[113, 23], [113.1, 23], [113.1, 23.1], [113, 23.1], [113, 23]]]}},
 {"type": "Feature", "properties": {"台区编号": "T101", "台区名称": "南村2号台区", "配变容量": 400},
  "geometry": {"type": "MultiPolygon", "coordinates": [[[[113.1, 23], [113.2, 23], [113.2, 23.1], [113.1, 23]]]]}}
]})");
    writeBytes(dir.file(QStringLiteral("districts.geojson")), geojson.toUtf8());
    ImportOptions districts;
    districts.profile.kind = ImportKind::Districts;
    const ImportResult d = importFile(archive, dir.file(QStringLiteral("districts.geojson")), districts);
    CHECK(d.applied);
    CHECK(d.inserted == 2);
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT group_concat(code || ':' || name || ':' || transformer_kva || ':' "
                                   "|| GeometryType(geom) || ':' || ST_Srid(geom), ' ') FROM districts")) ==
          "T100:南村1号台区:200.0:MULTIPOLYGON:4490 T101:南村2号台区:400.0:MULTIPOLYGON:4490");

    // The same districts as a GBK shapefile without .cpg: detected, updated in place.
    REQUIRE(ogr2ogr({QStringLiteral("-f"), QStringLiteral("ESRI Shapefile"), QStringLiteral("-lco"),
                     QStringLiteral("ENCODING=CP936"), dir.file(QStringLiteral("districts.shp")),
                     dir.file(QStringLiteral("districts.geojson"))}));
    QFile::remove(dir.file(QStringLiteral("districts.cpg")));
    {
        SqliteDatabase db(archive, SqliteDatabase::Mode::ReadWrite);
        db.exec(QStringLiteral("UPDATE districts SET name = '旧名' WHERE code = 'T100'"));
    }
    const ImportResult shp = importFile(archive, dir.file(QStringLiteral("districts.shp")), districts);
    CHECK(shp.applied);
    CHECK(shp.encoding == "GB18030");
    CHECK(shp.updated == 1);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT name FROM districts WHERE code = 'T100'")) ==
          "南村1号台区");

    // Feeders from a GeoPackage in Web Mercator, reprojected.
    const QString feeders = QStringLiteral(
        R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"线路编号": "F10", "线路名称": "10kV 南线", "变电站": "南站"},
  "geometry": {"type": "LineString", "coordinates": [[113, 23], [113.2, 23.1]]}}]})");
    writeBytes(dir.file(QStringLiteral("feeders.geojson")), feeders.toUtf8());
    REQUIRE(ogr2ogr({QStringLiteral("-f"), QStringLiteral("GPKG"), QStringLiteral("-t_srs"),
                     QStringLiteral("EPSG:3857"), dir.file(QStringLiteral("feeders.gpkg")),
                     dir.file(QStringLiteral("feeders.geojson"))}));
    ImportOptions feederOptions;
    feederOptions.profile.kind = ImportKind::Feeders;
    CHECK(importFile(archive, dir.file(QStringLiteral("feeders.gpkg")), feederOptions).inserted == 1);
    CHECK(sqlScalar(archive,
                    QStringLiteral("SELECT printf('%.5f %.5f', X(StartPoint(GeometryN(geom, 1))), "
                                   "Y(StartPoint(GeometryN(geom, 1)))) || ' ' || substation FROM feeders")) ==
          "113.00000 23.00000 南站");

    // Roads from DXF replace the table.
    const QByteArray dxf =
        "0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n0\n10\n113.0\n20\n23.0\n11\n113.1\n21\n23.0\n"
        "0\nLINE\n8\n0\n10\n113.1\n20\n23.0\n11\n113.1\n21\n23.1\n0\nENDSEC\n0\nEOF\n";
    writeBytes(dir.file(QStringLiteral("roads.dxf")), dxf);
    ImportOptions roads;
    roads.profile.kind = ImportKind::Roads;
    roads.profile.sourceCrs = QStringLiteral("EPSG:4490");
    CHECK(importFile(archive, dir.file(QStringLiteral("roads.dxf")), roads).inserted == 2);
    CHECK(importFile(archive, dir.file(QStringLiteral("roads.dxf")), roads).inserted == 2);
    CHECK(sqlScalar(archive, QStringLiteral("SELECT count(*) FROM roads")) == "2");

    // A self-intersecting district is refused, nothing applied.
    const QString before = contentDigest(archive);
    writeBytes(
        dir.file(QStringLiteral("bowtie.geojson")),
        QByteArray(
            R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "T9",
  "name": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}}]})"));
    const ImportResult bad = importFile(archive, dir.file(QStringLiteral("bowtie.geojson")), districts);
    CHECK_FALSE(bad.applied);
    REQUIRE(bad.issues.size() == 1);
    CHECK_THAT(bad.issues.front().reason.toStdString(), Catch::Contains("not valid"));
    CHECK(contentDigest(archive) == before);
}

TEST_CASE("io: the drop-folder pull applies new files once, in order, and stops at a bad one", "[io]") {
    ScratchDir dir;
    const QString archivePath = makeArchive(dir);
    QDir().mkpath(dir.file(QStringLiteral("drop")));
    auto drop = [&](const QString& name, const QByteArray& bytes, int minutesAgo) {
        const QString path = dir.file(QStringLiteral("drop/") + name);
        writeBytes(path, bytes);
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo),
                              QFileDevice::FileModificationTime));
    };
    drop(QStringLiteral("mis-1.csv"), QByteArray("account_no,name\n0100000001,A\n"), 30);
    drop(QStringLiteral("mis-2.csv"), QByteArray("account_no,name\n0100000002,B\n"), 20);
    PullOptions options;
    options.folder = dir.file(QStringLiteral("drop"));
    options.reportFolder = dir.file(QStringLiteral("reports"));
    auto pull = [&] {
        Archive archive = Archive::open(archivePath);
        return DropFolderPull::run(archive, options);
    };
    PullResult first = pull();
    REQUIRE(first.files.size() == 2);
    CHECK(first.files[0].outcome == PullFile::Outcome::Applied);
    CHECK(first.files[0].path.endsWith(QStringLiteral("mis-1.csv")));
    CHECK(first.files[1].outcome == PullFile::Outcome::Applied);
    CHECK_FALSE(first.watermarkAfter.isEmpty());
    CHECK(sqlScalar(archivePath, QStringLiteral("SELECT count(*) FROM customers")) == "2");

    // Again: nothing new is applied.
    const QString before = contentDigest(archivePath);
    PullResult second = pull();
    for (const PullFile& f : second.files)
        CHECK(f.outcome == PullFile::Outcome::AlreadyApplied);
    CHECK(contentDigest(archivePath) == before);

    // A bad file stops the run; the good file after it waits.
    drop(QStringLiteral("mis-3.csv"), QByteArray("account_no,name\n0100000003,\n"), 10);
    drop(QStringLiteral("mis-4.csv"), QByteArray("account_no,name\n0100000004,D\n"), 5);
    PullResult third = pull();
    CHECK(third.stopped);
    CHECK(third.files.back().outcome == PullFile::Outcome::InvalidRows);
    CHECK(sqlScalar(archivePath, QStringLiteral("SELECT count(*) FROM customers")) == "2");
    // Fixed by the MIS: both go in, oldest first.
    drop(QStringLiteral("mis-3.csv"), QByteArray("account_no,name\n0100000003,C\n"), 10);
    PullResult fourth = pull();
    CHECK_FALSE(fourth.stopped);
    CHECK(sqlScalar(archivePath,
                    QStringLiteral("SELECT group_concat(account_no, ',') FROM (SELECT account_no FROM "
                                   "customers ORDER BY fid)")) ==
          "0100000001,0100000002,0100000003,0100000004");
    CHECK(sqlScalar(archivePath, QStringLiteral("SELECT count(*) FROM import_runs WHERE via = 'pull'")) ==
          "4");
}
