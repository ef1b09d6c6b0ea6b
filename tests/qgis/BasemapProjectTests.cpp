// A checked-out package with an offline basemap: the project written beside
// it has the basemap layers under the archive layers, and they render from
// the package folder alone (offscreen; the image is kept as an artefact).

#include "BasemapTestData.h"
#include "TestSupport.h"

#include "RecheckQgis.h"
#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"
#include "sync/BasemapClipper.h"
#include "sync/PackageWriter.h"

#include <qgslayertree.h>
#include <qgslayertreegroup.h>
#include <qgsmaprenderersequentialjob.h>
#include <qgsmapsettings.h>
#include <qgsproject.h>
#include <qgsrasterlayer.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QImage>

#include <algorithm>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::test;

namespace {

QImage render(const QList<QgsMapLayer*>& layers, const QgsRectangle& extent,
              const QgsCoordinateReferenceSystem& crs) {
    QgsMapSettings settings;
    settings.setLayers(layers);
    settings.setDestinationCrs(crs);
    settings.setExtent(extent);
    // The extent's own aspect ratio: the image shows that rectangle, no more.
    const int height = 600;
    settings.setOutputSize(QSize(std::max(50, qRound(height * extent.width() / extent.height())), height));
    settings.setBackgroundColor(Qt::white);
    QgsMapRendererSequentialJob job(settings);
    job.start();
    job.waitForFinished();
    return job.renderedImage();
}

// Share of pixels that are neither the white background nor transparent.
double paintedShare(const QImage& image) {
    qint64 painted = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (qAlpha(p) > 0 && (qRed(p) < 245 || qGreen(p) < 245 || qBlue(p) < 245))
                ++painted;
        }
    return static_cast<double>(painted) / (static_cast<double>(image.width()) * image.height());
}

} // namespace

TEST_CASE("a package's project shows its clipped basemap offline, under the archive layers") {
    ScratchDir dir;
    const QString master = dir.file(QStringLiteral("master.sqlite"));
    DemoCountyOptions options;
    options.customers = 1200;
    options.districts = 6;
    options.seed = 4;
    DemoCountyGenerator(options).generate(master);
    QDir().mkpath(dir.file(QStringLiteral("office")));
    {
        SqliteDatabase db(master, SqliteDatabase::Mode::ReadWrite);
        SqliteStatement box(
            db, QStringLiteral("SELECT min(MbrMinX(geom)) - 0.05, min(MbrMinY(geom)) - 0.05, "
                               "max(MbrMaxX(geom)) + 0.05, max(MbrMaxY(geom)) + 0.05 FROM districts"));
        REQUIRE(box.step());
        const BasemapBox county{box.real(0), box.real(1), box.real(2), box.real(3)};
        BasemapSettings settings;
        BasemapSource imagery;
        imagery.name = QStringLiteral("imagery");
        imagery.source = writeBasemapRaster(dir.file(QStringLiteral("office")), county);
        imagery.minZoom = 13;
        imagery.maxZoom = 15;
        BasemapSource roads;
        roads.name = QStringLiteral("roads_osm");
        roads.kind = BasemapSource::Kind::Vector;
        roads.source = writeBasemapRoads(dir.file(QStringLiteral("office")), county, 40);
        settings.sources << imagery << roads;
        BasemapClipper::writeSettings(db, settings);
    }

    // Check-out into its own folder, then the office sources disappear: the
    // laptop has the package folder only.
    QDir().mkpath(dir.file(QStringLiteral("laptop")));
    const QString package = dir.file(QStringLiteral("laptop/p.sqlite"));
    CheckoutOptions checkout;
    checkout.districtCodes = QStringList{QStringLiteral("TQ0002")};
    checkout.checkedOutBy = QStringLiteral("tester");
    const CheckoutResult result = PackageWriter::checkout(master, package, checkout);
    REQUIRE(!result.basemap.path.isEmpty());
    const QString project = dir.file(QStringLiteral("laptop/p.qgs"));
    QString error;
    REQUIRE(recheck::qgis::writeArchiveProject(package, project, &error));
    REQUIRE(QDir(dir.file(QStringLiteral("office"))).removeRecursively());

    QgsProject::instance()->clear();
    REQUIRE(QgsProject::instance()->read(project));
    QgsLayerTreeGroup* basemap =
        QgsProject::instance()->layerTreeRoot()->findGroup(QStringLiteral("Basemap"));
    REQUIRE(basemap);
    // The group is the last child of the root: drawn first, under the archive.
    CHECK(QgsProject::instance()->layerTreeRoot()->children().last() == basemap);
    const QList<QgsMapLayer*> basemapLayers = [&] {
        QList<QgsMapLayer*> layers;
        for (QgsLayerTreeLayer* node : basemap->findLayers())
            layers << node->layer();
        return layers;
    }();
    REQUIRE(basemapLayers.size() == 2);
    auto* roads = qobject_cast<QgsVectorLayer*>(basemapLayers[0]);
    auto* imagery = qobject_cast<QgsRasterLayer*>(basemapLayers[1]);
    REQUIRE(roads);
    REQUIRE(imagery);
    CHECK(roads->isValid());
    CHECK(imagery->isValid());
    CHECK(roads->featureCount() == result.basemap.layers[1].features);
    // Drawing order: the basemap under every archive layer.
    const QList<QgsMapLayer*> order = QgsProject::instance()->layerTreeRoot()->layerOrder();
    CHECK(order.mid(order.size() - 2) == (QList<QgsMapLayer*>{roads, imagery}));

    // Render the district's area from the package folder alone.
    SqliteDatabase db(package, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement box(
        db, QStringLiteral("SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM "
                           "districts WHERE code = 'TQ0002'"));
    REQUIRE(box.step());
    const QgsRectangle district(box.real(0), box.real(1), box.real(2), box.real(3));
    const QgsCoordinateReferenceSystem crs = QgsProject::instance()->crs();
    const QImage imageryOnly = render({imagery}, district, crs);
    CHECK(paintedShare(imageryOnly) > 0.95); // the imagery covers the whole district
    const QImage everything = render(order, district, crs);
    CHECK(paintedShare(everything) > 0.95);
    const QString artefacts = QStringLiteral(RECHECK_TEST_SCRATCH_DIR "/../test-artifacts");
    QDir().mkpath(artefacts);
    everything.save(artefacts + QStringLiteral("/package-basemap.png"));
    // Far outside the clip there is nothing: the basemap was cut, not copied.
    const QgsRectangle far(district.xMaximum() + 0.2, district.yMinimum(),
                           district.xMaximum() + 0.2 + district.width(), district.yMaximum());
    CHECK(paintedShare(render({imagery, roads}, far, crs)) < 0.01);
    QgsProject::instance()->clear();
}
