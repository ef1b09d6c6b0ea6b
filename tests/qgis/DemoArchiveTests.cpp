// The provider on a generated demo county: every table of the archive opens
// as a layer, and counts and filters agree with SQL on realistic data.

#include "TestArchives.h"
#include "TestSupport.h"

#include "ArchiveTableSchema.h"
#include "RecheckQgis.h"

#include "archive/DemoCountyGenerator.h"
#include "common/Sqlite.h"

#include <qgsfeatureiterator.h>
#include <qgsvectorlayer.h>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::test;

namespace {

const QString& demoArchive() {
    static ScratchDir dir;
    static QString path;
    if (path.isEmpty()) {
        path = dir.file(QStringLiteral("demo.sqlite"));
        DemoCountyOptions options;
        options.customers = 3000;
        options.districts = 6;
        options.seed = 3;
        DemoCountyGenerator(options).generate(path);
    }
    return path;
}

QSet<qint64> ids(QgsVectorLayer& layer, const QgsFeatureRequest& request) {
    QSet<qint64> result;
    QgsFeatureIterator it = layer.getFeatures(request);
    QgsFeature feature;
    while (it.nextFeature(feature))
        result.insert(feature.id());
    return result;
}

} // namespace

TEST_CASE("customerarchive opens every table of a demo archive with the count SQL gives") {
    const QString path = demoArchive();
    QStringList tables;
    {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        tables = recheck::qgis::ArchiveTableSchema::layerTables(db);
    }
    for (const QString& table : {QStringLiteral("customers"), QStringLiteral("districts"),
                                 QStringLiteral("feeders"), QStringLiteral("roads"), QStringLiteral("visits"),
                                 QStringLiteral("tasks"), QStringLiteral("plans"), QStringLiteral("staff")})
        CHECK(tables.contains(table));
    CHECK_FALSE(tables.contains(QStringLiteral("archive_meta")));
    CHECK_FALSE(tables.contains(QStringLiteral("code_lists")));
    for (const QString& table : tables) {
        INFO(table.toStdString());
        QgsVectorLayer layer(path + QStringLiteral("|layername=") + table, table,
                             QStringLiteral("customerarchive"));
        REQUIRE(layer.isValid());
        const long long count =
            sqlScalar(path, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)).toLongLong();
        CHECK(layer.featureCount() == count);
        CHECK(ids(layer, QgsFeatureRequest().setNoAttributes()).size() == count);
    }
    QgsVectorLayer visits(path + QStringLiteral("|layername=visits"), QStringLiteral("visits"),
                          QStringLiteral("customerarchive"));
    CHECK(visits.crs().authid() == QLatin1String("EPSG:4326"));
    QgsVectorLayer tasks(path + QStringLiteral("|layername=tasks"), QStringLiteral("tasks"),
                         QStringLiteral("customerarchive"));
    CHECK(tasks.wkbType() == QgsWkbTypes::NoGeometry);
}

TEST_CASE("customerarchive bbox and expression filters on a demo archive equal SQL") {
    const QString path = demoArchive();
    QgsVectorLayer customers(path + QStringLiteral("|layername=customers"), QStringLiteral("customers"),
                             QStringLiteral("customerarchive"));
    REQUIRE(customers.isValid());
    CHECK(customers.featureCount() ==
          sqlScalar(path, QStringLiteral("SELECT count(*) FROM customers")).toLongLong());
    // Each district's bounding box as a filter rectangle.
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
    SqliteStatement districts(db, QStringLiteral("SELECT code, MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), "
                                                 "MbrMaxY(geom) FROM districts"));
    int checked = 0;
    while (districts.step()) {
        const QgsRectangle rect(districts.real(1), districts.real(2), districts.real(3), districts.real(4));
        INFO(districts.text(0).toStdString());
        const QSet<qint64> expected = sqlIds(
            path,
            QStringLiteral("SELECT fid FROM customers WHERE MbrIntersects(geom, BuildMbr(?, ?, ?, ?)) = 1"),
            {rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()});
        CHECK(ids(customers, QgsFeatureRequest().setFilterRect(rect)) == expected);
        const QString expression =
            QStringLiteral("\"usage_category\" IN ('COM', 'IND') OR \"contracted_capacity\" > 10");
        const QSet<qint64> expectedBoth =
            sqlIds(path,
                   QStringLiteral(
                       "SELECT fid FROM customers WHERE MbrIntersects(geom, BuildMbr(?, ?, ?, ?)) = 1 AND "
                       "(usage_category IN ('COM', 'IND') OR contracted_capacity > 10)"),
                   {rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()});
        CHECK(ids(customers, QgsFeatureRequest().setFilterRect(rect).setFilterExpression(expression)) ==
              expectedBoth);
        ++checked;
    }
    CHECK(checked == 6);
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
    CHECK(layers.size() >= 5);
    for (QgsMapLayer* layer : layers)
        CHECK(layer->isValid());
    qDeleteAll(layers);
}
