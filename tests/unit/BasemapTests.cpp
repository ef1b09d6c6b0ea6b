// Check-out's offline basemap (core/sync/BasemapClipper): the configured
// raster and vector sources are clipped to the package's districts plus the
// margin into a GeoPackage beside the package; the size limit holds; a bad
// source or an exceeded limit leaves nothing behind.

#include "BasemapTestData.h"
#include "SyncTestSupport.h"

#include "sync/BasemapClipper.h"

#include <QDir>

#include <cmath>

using namespace recheck;
using recheck::test::BasemapBox;
using recheck::test::ScratchDir;

namespace {

BasemapBox districtsBox(const QString& path, const QString& where = QStringLiteral("1")) {
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement st(db,
                       QStringLiteral("SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), "
                                      "max(MbrMaxY(geom)) FROM districts WHERE %1")
                           .arg(where));
    REQUIRE(st.step());
    return {st.real(0), st.real(1), st.real(2), st.real(3)};
}

// The master's whole county plus 0.1° each way: more than any package needs.
BasemapSettings configure(const QString& master, const QString& folder, double marginMeters = 300) {
    BasemapBox county = districtsBox(master);
    county = {county.xMin - 0.1, county.yMin - 0.1, county.xMax + 0.1, county.yMax + 0.1};
    BasemapSettings settings;
    BasemapSource imagery;
    imagery.name = QStringLiteral("imagery");
    imagery.kind = BasemapSource::Kind::Raster;
    imagery.source = test::writeBasemapRaster(folder, county);
    imagery.minZoom = 12;
    imagery.maxZoom = 14;
    BasemapSource roads;
    roads.name = QStringLiteral("roads_osm");
    roads.kind = BasemapSource::Kind::Vector;
    roads.source = test::writeBasemapRoads(folder, county, 80);
    settings.sources << imagery << roads;
    settings.marginMeters = marginMeters;
    settings.maxPackageBytes = 200LL << 20;
    Archive archive = Archive::open(master);
    BasemapClipper::writeSettings(archive.db(), settings);
    return settings;
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files, QDir::Name);
}

} // namespace

TEST_CASE("check-out clips the configured basemap to the package's districts plus the margin",
          "[basemap][sync]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    QDir().mkpath(dir.file(QStringLiteral("sources")));
    const BasemapSettings settings = configure(master, dir.file(QStringLiteral("sources")));
    {
        Archive archive = Archive::open(master);
        const BasemapSettings read = BasemapClipper::readSettings(archive.db());
        REQUIRE(read.sources.size() == 2);
        CHECK(read.sources[0].name == QStringLiteral("imagery"));
        CHECK(read.sources[1].kind == BasemapSource::Kind::Vector);
        CHECK(read.marginMeters == Approx(300));
    }
    QDir().mkpath(dir.file(QStringLiteral("out")));
    const QString package = dir.file(QStringLiteral("out/p.sqlite"));
    const CheckoutResult result =
        synctest::checkOut(master, package, {QStringLiteral("TQ0002"), QStringLiteral("TQ0003")});

    const QString basemap = dir.file(QStringLiteral("out/p.gpkg"));
    CHECK(result.basemap.path == basemap);
    REQUIRE(QFileInfo::exists(basemap));
    CHECK(filesIn(dir.file(QStringLiteral("out"))) ==
          (QStringList{QStringLiteral("p.gpkg"), QStringLiteral("p.sqlite")}));
    CHECK(result.basemap.bytes == QFileInfo(basemap).size());
    CHECK(result.basemap.packageBytes > 0);
    REQUIRE(result.basemap.layers.size() == 2);
    CHECK(result.basemap.layers[0].tiles > 0);
    CHECK(result.basemap.layers[0].minZoom == 12);
    CHECK(result.basemap.layers[0].maxZoom == 14);

    // The clip rectangle: the two districts' box grown by 300 m.
    const BasemapBox districts = districtsBox(package, QStringLiteral("code IN ('TQ0002', 'TQ0003')"));
    const double marginLat = 300.0 / 111320.0;
    CHECK(result.basemap.yMin == Approx(districts.yMin - marginLat).epsilon(1e-9));
    CHECK(result.basemap.xMin <
          districts.xMin - marginLat); // a degree of longitude is shorter than one of latitude
    CHECK(result.basemap.xMax > districts.xMax + marginLat);

    SqliteDatabase gpkg(basemap, SqliteDatabase::Mode::ReadOnly);
    CHECK(gpkg.scalar(QStringLiteral(
                          "SELECT group_concat(table_name || ':' || data_type, ' ') FROM (SELECT * FROM "
                          "gpkg_contents ORDER BY table_name)"))
              .toString() == QStringLiteral("imagery:tiles roads_osm:features"));
    // Every configured zoom level has tiles.
    CHECK(gpkg.scalar(QStringLiteral(
                          "SELECT group_concat(z, ',') FROM (SELECT DISTINCT zoom_level AS z FROM imagery "
                          "ORDER BY z)"))
              .toString() == QStringLiteral("12,13,14"));
    // The finest level's tiles cover the districts (web-mercator bounds of
    // the tiles present, against the districts' box projected here).
    {
        SqliteStatement m(
            gpkg, QStringLiteral("SELECT s.min_x, s.max_y, t.tile_width * t.pixel_x_size, "
                                 "t.tile_height * t.pixel_y_size, min(i.tile_column), max(i.tile_column), "
                                 "min(i.tile_row), max(i.tile_row) FROM gpkg_tile_matrix_set s "
                                 "JOIN gpkg_tile_matrix t ON t.table_name = s.table_name "
                                 "JOIN imagery i ON i.zoom_level = t.zoom_level "
                                 "WHERE s.table_name = 'imagery' AND t.zoom_level = 14"));
        REQUIRE(m.step());
        const double tileW = m.real(2);
        const double tileH = m.real(3);
        const double coveredXMin = m.real(0) + m.int64(4) * tileW;
        const double coveredXMax = m.real(0) + (m.int64(5) + 1) * tileW;
        const double coveredYMax = m.real(1) - m.int64(6) * tileH;
        const double coveredYMin = m.real(1) - (m.int64(7) + 1) * tileH;
        double x0, y0, x1, y1;
        test::toWebMercator(districts.xMin, districts.yMin, &x0, &y0);
        test::toWebMercator(districts.xMax, districts.yMax, &x1, &y1);
        CHECK(coveredXMin <= x0);
        CHECK(coveredYMin <= y0);
        CHECK(coveredXMax >= x1);
        CHECK(coveredYMax >= y1);
        // …and not the whole county: a clip, not a copy (one tile of slack
        // for the tile grid, 300 m of margin).
        CHECK(coveredXMax - coveredXMin < (x1 - x0) + 2 * tileW + 1000);
    }
    // Tiles are images with content (not all transparent): PNG or JPEG bytes.
    CHECK(gpkg.scalar(QStringLiteral(
                          "SELECT count(*) FROM imagery WHERE zoom_level = 14 AND length(tile_data) > 200"))
              .toLongLong() > 0);

    // Roads: only those near the districts, cut within the rectangle (at the
    // districts' outline plus the margin, whose extremes are the rectangle's).
    CHECK(result.basemap.layers[1].features > 0);
    CHECK(gpkg.scalar(QStringLiteral("SELECT count(*) FROM roads_osm WHERE name = 'far away'")).toInt() == 0);
    SqliteStatement roads(
        gpkg, QStringLiteral("SELECT min(ST_MinX(GeomFromGPB(geom))), min(ST_MinY(GeomFromGPB(geom))), "
                             "max(ST_MaxX(GeomFromGPB(geom))), max(ST_MaxY(GeomFromGPB(geom))), count(*) "
                             "FROM roads_osm"));
    REQUIRE(roads.step());
    const double slack = 0.05 * marginLat;
    CHECK(roads.real(0) >= result.basemap.xMin - slack);
    CHECK(roads.real(1) >= result.basemap.yMin - slack);
    CHECK(roads.real(2) <= result.basemap.xMax + slack);
    CHECK(roads.real(3) <= result.basemap.yMax + slack);
    CHECK(roads.real(1) == Approx(result.basemap.yMin).margin(slack));
    CHECK(roads.real(3) == Approx(result.basemap.yMax).margin(slack));
    CHECK(roads.int64(4) == result.basemap.layers[1].features);
}

TEST_CASE("vector basemap layers are cut at the districts' outline plus the margin, not their rectangle",
          "[basemap][sync]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    QDir().mkpath(dir.file(QStringLiteral("sources")));
    constexpr double kMargin = 300;
    constexpr int kLines = 80;
    const BasemapBox county = [&] {
        const BasemapBox box = districtsBox(master);
        return BasemapBox{box.xMin - 0.1, box.yMin - 0.1, box.xMax + 0.1, box.yMax + 0.1};
    }();
    configure(master, dir.file(QStringLiteral("sources")), kMargin);
    // Two districts far apart: their rectangle holds much that is near
    // neither.
    const QString farthest = test::sqlScalar(
        master, QStringLiteral("SELECT code FROM districts ORDER BY ST_Distance(geom, (SELECT geom FROM "
                               "districts WHERE code = 'TQ0001')) DESC LIMIT 1"));
    QDir().mkpath(dir.file(QStringLiteral("out")));
    const QString package = dir.file(QStringLiteral("out/p.sqlite"));
    const CheckoutResult result = synctest::checkOut(master, package, {QStringLiteral("TQ0001"), farthest});
    REQUIRE(result.basemap.layers.size() == 2);

    // The road grid the source holds (BasemapTestData), against the
    // districts grown by a little less and a little more than the margin (a
    // degree of longitude is shorter than one of latitude).
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadWrite);
    const double latitude = (county.yMin + county.yMax) / 2 * M_PI / 180;
    const double inner = 0.9 * kMargin / 111320.0;
    const double outer = 1.1 * kMargin / (111320.0 * std::cos(latitude));
    db.exec(QStringLiteral("CREATE TEMP TABLE grid (name TEXT, line BLOB)"));
    SqliteStatement insert(db, QStringLiteral("INSERT INTO grid VALUES (?, MakeLine(MakePoint(?, ?, 4490), "
                                              "MakePoint(?, ?, 4490)))"));
    for (int i = 0; i < kLines; ++i) {
        const double y = county.yMin + (county.yMax - county.yMin) * (i + 0.5) / kLines;
        const double x = county.xMin + (county.xMax - county.xMin) * (i + 0.5) / kLines;
        insert.bind(1, QStringLiteral("east-west %1").arg(i)).bind(2, county.xMin).bind(3, y);
        insert.bind(4, county.xMax).bind(5, y).execute();
        insert.bind(1, QStringLiteral("north-south %1").arg(i)).bind(2, x).bind(3, county.yMin);
        insert.bind(4, x).bind(5, county.yMax).execute();
    }
    // Length of the grid within a clip shape.
    const auto lengthWithin = [&](const QString& shape) {
        return db
            .scalar(QStringLiteral("SELECT sum(ST_Length(ST_Intersection(line, %1))) FROM grid").arg(shape))
            .toDouble();
    };
    const QString outline = QStringLiteral("(SELECT ST_Buffer(ST_Union(geom), %1) FROM districts)");
    const double innerLength = lengthWithin(outline.arg(inner));
    const double outerLength = lengthWithin(outline.arg(outer));
    const double rectangleLength = lengthWithin(QStringLiteral("BuildMbr(%1, %2, %3, %4, 4490)")
                                                    .arg(result.basemap.xMin, 0, 'g', 17)
                                                    .arg(result.basemap.yMin, 0, 'g', 17)
                                                    .arg(result.basemap.xMax, 0, 'g', 17)
                                                    .arg(result.basemap.yMax, 0, 'g', 17));
    // The data tells the two clips apart: much of the rectangle is near
    // neither district.
    REQUIRE(outerLength < 0.8 * rectangleLength);

    db.exec(QStringLiteral("ATTACH '%1' AS basemap").arg(dir.file(QStringLiteral("out/p.gpkg"))));
    const double kept =
        db.scalar(QStringLiteral("SELECT sum(ST_Length(GeomFromGPB(geom))) FROM basemap.roads_osm"))
            .toDouble();
    CHECK(kept >= innerLength * 0.999);
    CHECK(kept <= outerLength * 1.001);
    // And what is kept of a road lies within the outer outline.
    CHECK(db.scalar(QStringLiteral(
                        "SELECT count(*) FROM basemap.roads_osm WHERE NOT ST_Within(GeomFromGPB(geom), "
                        "%1)")
                        .arg(outline.arg(outer)))
              .toInt() == 0);
}

TEST_CASE("a basemap over the size limit or from a bad source refuses the check-out and leaves nothing",
          "[basemap][sync]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    QDir().mkpath(dir.file(QStringLiteral("sources")));
    BasemapSettings settings = configure(master, dir.file(QStringLiteral("sources")));
    const qint64 checkoutsBefore =
        test::sqlScalar(master, QStringLiteral("SELECT count(*) FROM sync_checkouts")).toLongLong();

    SECTION("over the limit") {
        settings.maxPackageBytes = 64 * 1024; // smaller than any package with imagery
        {
            Archive archive = Archive::open(master);
            BasemapClipper::writeSettings(archive.db(), settings);
        }
        QDir().mkpath(dir.file(QStringLiteral("out")));
        try {
            synctest::checkOut(master, dir.file(QStringLiteral("out/p.sqlite")), {QStringLiteral("TQ0002")});
            FAIL("check-out passed the limit");
        } catch (const RecheckError& e) {
            CHECK(e.kind() == RecheckError::Kind::InvalidInput);
            CHECK(QString::fromUtf8(e.what()).contains(QStringLiteral("exceeds the limit of 0.1 MB")));
        }
    }
    SECTION("a source that cannot be read") {
        settings.sources[1].source = dir.file(QStringLiteral("sources/missing.shp"));
        {
            Archive archive = Archive::open(master);
            BasemapClipper::writeSettings(archive.db(), settings);
        }
        QDir().mkpath(dir.file(QStringLiteral("out")));
        try {
            synctest::checkOut(master, dir.file(QStringLiteral("out/p.sqlite")), {QStringLiteral("TQ0002")});
            FAIL("check-out passed a missing source");
        } catch (const RecheckError& e) {
            CHECK(e.kind() == RecheckError::Kind::Io);
            CHECK(QString::fromUtf8(e.what()).contains(QStringLiteral("roads_osm")));
            CHECK(QString::fromUtf8(e.what()).contains(QStringLiteral("missing.shp")));
        }
    }
    CHECK(filesIn(dir.file(QStringLiteral("out"))).isEmpty());
    CHECK(test::sqlScalar(master, QStringLiteral("SELECT count(*) FROM sync_checkouts")).toLongLong() ==
          checkoutsBefore);
}

TEST_CASE("basemap settings are validated before anything is stored", "[basemap]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    Archive archive = Archive::open(master);
    CHECK(BasemapClipper::readSettings(archive.db()).sources.isEmpty());
    BasemapSettings settings;
    BasemapSource source;
    source.name = QStringLiteral("bad name; DROP");
    source.source = QStringLiteral("/tmp/x.tif");
    settings.sources << source;
    CHECK_THROWS_AS(BasemapClipper::writeSettings(archive.db(), settings), RecheckError);
    settings.sources[0].name = QStringLiteral("ok");
    settings.sources[0].minZoom = 15;
    settings.sources[0].maxZoom = 12;
    CHECK_THROWS_AS(BasemapClipper::writeSettings(archive.db(), settings), RecheckError);
    settings.sources[0].maxZoom = 16;
    settings.sources << settings.sources[0];
    CHECK_THROWS_AS(BasemapClipper::writeSettings(archive.db(), settings), RecheckError);
    CHECK(BasemapClipper::readSettings(archive.db()).sources.isEmpty());
    // Without sources, a check-out writes no basemap.
    const CheckoutResult result =
        synctest::checkOut(master, dir.file(QStringLiteral("p.sqlite")), {QStringLiteral("TQ0002")});
    CHECK(result.basemap.path.isEmpty());
    CHECK_FALSE(QFileInfo::exists(dir.file(QStringLiteral("p.gpkg"))));
}
