// The customerarchive provider against plain SQL on the same file.

#include "TestArchives.h"
#include "TestSupport.h"

#include "CustomerArchiveProvider.h"
#include "RecheckQgis.h"

#include "common/Sqlite.h"

#include <qgsapplication.h>
#include <qgsfeatureiterator.h>
#include <qgsmessagelog.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <QFile>

#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <thread>

using namespace recheck;
using namespace recheck::test;

namespace {

std::unique_ptr<QgsVectorLayer> archiveLayer(const QString& path, const QString& table,
                                             const QString& extra = QString()) {
    return std::make_unique<QgsVectorLayer>(path + QStringLiteral("|layername=") + table + extra, table,
                                            QStringLiteral("customerarchive"));
}

QSet<qint64> layerIds(QgsVectorLayer& layer, const QgsFeatureRequest& request = QgsFeatureRequest()) {
    QSet<qint64> ids;
    QgsFeatureIterator it = layer.getFeatures(request);
    QgsFeature feature;
    while (it.nextFeature(feature))
        ids.insert(feature.id());
    return ids;
}

// One archive for the read-only tests of this file.
const QString& sharedArchive() {
    static ScratchDir dir;
    static QString path;
    if (path.isEmpty()) {
        path = dir.file(QStringLiteral("provider-tests.sqlite"));
        createTestArchive(path, {});
    }
    return path;
}

// Messages QGIS's message log receives while it lives.
class MessageLogSpy {
public:
    MessageLogSpy() {
        mConnection = QObject::connect(
            QgsApplication::messageLog(),
            qOverload<const QString&, const QString&, Qgis::MessageLevel>(&QgsMessageLog::messageReceived),
            [this](const QString& message, const QString& tag, Qgis::MessageLevel) {
                if (tag == QLatin1String("Recheck"))
                    mMessages << message;
            });
    }
    ~MessageLogSpy() { QObject::disconnect(mConnection); }
    QString all() const { return mMessages.join(QLatin1Char('\n')); }

private:
    QMetaObject::Connection mConnection;
    QStringList mMessages;
};

} // namespace

TEST_CASE(
    "customerarchive customers layer is valid with the archive CRS, exact count and the table's fields") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    REQUIRE(layer->isValid());
    CHECK(layer->providerType() == QLatin1String("customerarchive"));
    CHECK(layer->crs().authid() == QLatin1String("EPSG:4490"));
    CHECK(layer->wkbType() == QgsWkbTypes::Point);
    CHECK(layer->featureCount() ==
          sqlScalar(path, QStringLiteral("SELECT count(*) FROM customers")).toLongLong());
    CHECK(layer->featureCount() == 400);

    QStringList sqlColumns;
    {
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        SqliteStatement info(db, QStringLiteral("PRAGMA table_info(customers)"));
        while (info.step())
            if (info.text(1) != QLatin1String("geom"))
                sqlColumns << info.text(1);
    }
    // The table's columns, then the derived, read-only status.
    CHECK(layer->fields().names() == sqlColumns + QStringList{QStringLiteral("recheck_status")});
    const QgsFields fields = layer->fields();
    CHECK(fields.field(QStringLiteral("fid")).type() == QVariant::LongLong);
    CHECK(fields.field(QStringLiteral("contracted_capacity")).type() == QVariant::Double);
    CHECK(fields.field(QStringLiteral("account_no")).type() == QVariant::String);
    CHECK(layer->dataProvider()->pkAttributeIndexes() ==
          QgsAttributeList{fields.indexOf(QStringLiteral("fid"))});

    // Extent: exactly SpatiaLite's Extent() of the points.
    const QgsRectangle extent = layer->extent();
    CHECK(extent.xMinimum() ==
          sqlScalar(path, QStringLiteral("SELECT min(X(geom)) FROM customers")).toDouble());
    CHECK(extent.xMaximum() ==
          sqlScalar(path, QStringLiteral("SELECT max(X(geom)) FROM customers")).toDouble());
    CHECK(extent.yMinimum() ==
          sqlScalar(path, QStringLiteral("SELECT min(Y(geom)) FROM customers")).toDouble());
    CHECK(extent.yMaximum() ==
          sqlScalar(path, QStringLiteral("SELECT max(Y(geom)) FROM customers")).toDouble());
}

TEST_CASE("customerarchive geometries and attributes equal what SpatiaLite reads") {
    const QString path = sharedArchive();
    SECTION("customer points and attributes") {
        auto layer = archiveLayer(path, QStringLiteral("customers"));
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        SqliteStatement st(db,
                           QStringLiteral("SELECT fid, X(geom), Y(geom), name, contracted_capacity, phone "
                                          "FROM customers ORDER BY fid"));
        QgsFeatureIterator it = layer->getFeatures();
        QgsFeature feature;
        int rows = 0;
        while (st.step()) {
            REQUIRE(it.nextFeature(feature));
            REQUIRE(feature.id() == st.int64(0));
            if (st.isNull(1)) {
                CHECK_FALSE(feature.hasGeometry());
            } else {
                const QgsPointXY point = feature.geometry().asPoint();
                CHECK(point.x() == st.real(1));
                CHECK(point.y() == st.real(2));
            }
            CHECK(feature.attribute(QStringLiteral("name")).toString() == st.text(3));
            CHECK(feature.attribute(QStringLiteral("contracted_capacity")).isNull() == st.isNull(4));
            if (!st.isNull(4))
                CHECK(feature.attribute(QStringLiteral("contracted_capacity")).toDouble() == st.real(4));
            CHECK(feature.attribute(QStringLiteral("phone")).isNull() == st.isNull(5));
            ++rows;
        }
        CHECK_FALSE(it.nextFeature(feature));
        CHECK(rows == 400);
    }
    SECTION("district polygons") {
        auto layer = archiveLayer(path, QStringLiteral("districts"));
        REQUIRE(layer->isValid());
        CHECK(layer->wkbType() == QgsWkbTypes::MultiPolygon);
        CHECK(layer->featureCount() == 5);
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        QgsFeature feature;
        QgsFeatureIterator it = layer->getFeatures();
        while (it.nextFeature(feature)) {
            SqliteStatement st(db, QStringLiteral("SELECT AsText(geom) FROM districts WHERE fid = ?"));
            st.bind(1, static_cast<std::int64_t>(feature.id()));
            REQUIRE(st.step());
            CHECK(feature.geometry().equals(QgsGeometry::fromWkt(st.text(0))));
        }
    }
    SECTION("feeder lines") {
        auto layer = archiveLayer(path, QStringLiteral("feeders"));
        REQUIRE(layer->isValid());
        CHECK(layer->wkbType() == QgsWkbTypes::MultiLineString);
        QgsFeature feature;
        REQUIRE(
            layer->getFeatures(QgsFeatureRequest().setFilterExpression(QStringLiteral("\"code\" = 'F01'")))
                .nextFeature(feature));
        CHECK(feature.geometry().asWkt(2) ==
              QLatin1String("MultiLineString ((113.6 34.7, 113.65 34.75, 113.7 34.8))"));
    }
}

TEST_CASE("customerarchive bbox filters return exactly the fids of SpatiaLite's MbrIntersects") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    REQUIRE(layer->isValid());
    std::mt19937 random(11);
    std::uniform_real_distribution<double> coordinate(0.0, 1.0);
    QList<QgsRectangle> rects = {
        QgsRectangle(113.61, 34.71, 113.64, 34.73), // inside one district
        QgsRectangle(113.64, 34.74, 113.66, 34.76), // across all four
        QgsRectangle(113.0, 34.0, 114.0, 35.0),     // the whole layer
        QgsRectangle(100.0, 20.0, 100.1, 20.1),     // nothing
    };
    for (int i = 0; i < 20; ++i) {
        const double x = 113.6 + coordinate(random) * 0.1, y = 34.7 + coordinate(random) * 0.1;
        rects << QgsRectangle(x, y, x + coordinate(random) * 0.03, y + coordinate(random) * 0.03);
    }
    for (const QgsRectangle& rect : rects) {
        INFO(rect.toString().toStdString());
        const QSet<qint64> expected = sqlIds(
            path,
            QStringLiteral("SELECT fid FROM customers WHERE MbrIntersects(geom, BuildMbr(?, ?, ?, ?)) = 1"),
            {rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()});
        CHECK(layerIds(*layer, QgsFeatureRequest().setFilterRect(rect)) == expected);
        CHECK(layerIds(*layer, QgsFeatureRequest().setFilterRect(rect).setFlags(
                                   QgsFeatureRequest::ExactIntersect)) == expected);
        CHECK(layerIds(*layer, QgsFeatureRequest().setFilterRect(rect).setNoAttributes().setFlags(
                                   QgsFeatureRequest::NoGeometry)) == expected);
    }

    SECTION("exact intersection with polygons follows ST_Intersects") {
        auto districts = archiveLayer(path, QStringLiteral("districts"));
        // Inside the triangle's bounding box, beyond its hypotenuse.
        const QgsRectangle rect(113.74, 34.74, 113.749, 34.749);
        const QSet<qint64> mbr = sqlIds(
            path,
            QStringLiteral("SELECT fid FROM districts WHERE MbrIntersects(geom, BuildMbr(?, ?, ?, ?)) = 1"),
            {rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()});
        const QSet<qint64> exact =
            sqlIds(path,
                   QStringLiteral(
                       "SELECT fid FROM districts WHERE ST_Intersects(geom, BuildMbr(?, ?, ?, ?, 4490)) = 1"),
                   {rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()});
        CHECK(mbr.size() == 1);
        CHECK(exact.isEmpty());
        CHECK(layerIds(*districts, QgsFeatureRequest().setFilterRect(rect)) == mbr);
        CHECK(layerIds(*districts, QgsFeatureRequest().setFilterRect(rect).setFlags(
                                       QgsFeatureRequest::ExactIntersect)) == exact);
    }
}

TEST_CASE("customerarchive expression filters return exactly what SQL returns") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    REQUIRE(layer->isValid());
    struct Case {
        QString expression;
        QString sqlWhere;
        QgsAbstractFeatureIterator::CompileStatus compiled;
    };
    using C = QgsAbstractFeatureIterator;
    const QList<Case> cases = {
        {QStringLiteral("\"usage_category\" = 'RES' AND \"contracted_capacity\" > 5"),
         QStringLiteral("usage_category = 'RES' AND contracted_capacity > 5"), C::Compiled},
        {QStringLiteral("\"name\" LIKE '张%'"), QStringLiteral("name LIKE '张%'"), C::Compiled},
        {QStringLiteral("\"name\" LIKE 'Smith%'"), QStringLiteral("name GLOB 'Smith*'"), C::Compiled},
        {QStringLiteral("\"name\" ILIKE 'smith_1%'"), QStringLiteral("name LIKE 'smith_1%'"), C::Compiled},
        {QStringLiteral("\"name\" NOT LIKE '%1'"), QStringLiteral("name NOT GLOB '*1'"), C::Compiled},
        {QStringLiteral("\"name\" LIKE 'O''B%'"), QStringLiteral("name GLOB 'O''B*'"), C::Compiled},
        {QStringLiteral("\"usage_category\" IN ('COM', 'IND')"),
         QStringLiteral("usage_category IN ('COM', 'IND')"), C::Compiled},
        {QStringLiteral("\"usage_category\" NOT IN ('COM', 'IND')"),
         QStringLiteral("usage_category NOT IN ('COM', 'IND')"), C::Compiled},
        {QStringLiteral("\"phone\" IS NULL"), QStringLiteral("phone IS NULL"), C::Compiled},
        {QStringLiteral("\"contracted_capacity\" IS NOT NULL AND \"contracted_capacity\" <= 2.5"),
         QStringLiteral("contracted_capacity IS NOT NULL AND contracted_capacity <= 2.5"), C::Compiled},
        {QStringLiteral("NOT (\"usage_category\" = 'RES') OR \"contracted_capacity\" IS NULL"),
         QStringLiteral("NOT (usage_category = 'RES') OR contracted_capacity IS NULL"), C::Compiled},
        {QStringLiteral("\"contracted_capacity\" >= -1.5 AND \"fid\" < 100"),
         QStringLiteral("contracted_capacity >= -1.5 AND fid < 100"), C::Compiled},
        {QStringLiteral("\"account_no\" < '0000001100'"), QStringLiteral("account_no < '0000001100'"),
         C::Compiled},
        {QStringLiteral("\"usage_category\" <> 'RES'"), QStringLiteral("usage_category <> 'RES'"),
         C::Compiled},
        // Not translatable: QGIS evaluates (wholly or partly).
        {QStringLiteral("length(\"name\") > 3"), QStringLiteral("length(name) > 3"), C::NoCompilation},
        {QStringLiteral("\"usage_category\" = 'RES' AND length(\"address\") > 6"),
         QStringLiteral("usage_category = 'RES' AND length(address) > 6"), C::PartiallyCompiled},
        {QStringLiteral("\"account_no\" = 1005"), QStringLiteral("CAST(account_no AS INTEGER) = 1005"),
         C::NoCompilation},
    };
    for (const Case& c : cases) {
        INFO(c.expression.toStdString());
        const QSet<qint64> expected =
            sqlIds(path, QStringLiteral("SELECT fid FROM customers WHERE ") + c.sqlWhere);
        QgsFeatureIterator it =
            layer->dataProvider()->getFeatures(QgsFeatureRequest().setFilterExpression(c.expression));
        CHECK(it.compileStatus() == c.compiled);
        QSet<qint64> ids;
        QgsFeature feature;
        while (it.nextFeature(feature))
            ids.insert(feature.id());
        CHECK(ids == expected);
        CHECK(layerIds(*layer, QgsFeatureRequest().setFilterExpression(c.expression)) == expected);
    }
    SECTION("with a bbox as well") {
        const QgsRectangle rect(113.62, 34.72, 113.68, 34.78);
        const QSet<qint64> expected =
            sqlIds(path, QStringLiteral("SELECT fid FROM customers WHERE usage_category = 'RES' AND "
                                        "MbrIntersects(geom, BuildMbr(113.62, 34.72, 113.68, 34.78)) = 1"));
        CHECK(layerIds(*layer, QgsFeatureRequest()
                                   .setFilterExpression(QStringLiteral("\"usage_category\" = 'RES'"))
                                   .setFilterRect(rect)) == expected);
    }
    SECTION("limit") {
        CHECK(layerIds(*layer, QgsFeatureRequest().setLimit(7)).size() == 7);
        CHECK(layerIds(
                  *layer,
                  QgsFeatureRequest().setFilterExpression(QStringLiteral("length(\"name\") > 3")).setLimit(5))
                  .size() == 5);
    }
}

TEST_CASE("customerarchive subset strings and districts restrict the layer and its count") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    REQUIRE(layer->isValid());
    const auto sqlCount = [&](const QString& where) {
        return sqlScalar(path, QStringLiteral("SELECT count(*) FROM customers WHERE ") + where).toLongLong();
    };
    REQUIRE(layer->setSubsetString(QStringLiteral("\"usage_category\" = 'COM'")));
    CHECK(layer->featureCount() == sqlCount(QStringLiteral("usage_category = 'COM'")));
    CHECK(layerIds(*layer) ==
          sqlIds(path, QStringLiteral("SELECT fid FROM customers WHERE usage_category = 'COM'")));
    CHECK(layer->source().contains(QLatin1String("|subset=")));

    // A subset SQL cannot decide: counted through QGIS, same answer.
    REQUIRE(layer->setSubsetString(QStringLiteral("length(\"name\") >= 5 AND \"status\" = 'active'")));
    CHECK(layer->featureCount() == sqlCount(QStringLiteral("length(name) >= 5 AND status = 'active'")));
    const QSet<qint64> expected = sqlIds(
        path, QStringLiteral(
                  "SELECT fid FROM customers WHERE length(name) >= 5 AND status = 'active' AND fid < 200"));
    CHECK(layerIds(*layer, QgsFeatureRequest().setFilterExpression(QStringLiteral("\"fid\" < 200"))) ==
          expected);

    CHECK_FALSE(layer->setSubsetString(QStringLiteral("\"usage_category\" = ")));
    REQUIRE(layer->setSubsetString(QString()));
    CHECK(layer->featureCount() == 400);

    SECTION("district restriction from the URI") {
        auto district = archiveLayer(path, QStringLiteral("customers"), QStringLiteral("|district=D002"));
        REQUIRE(district->isValid());
        const QString where =
            QStringLiteral("district_uuid = (SELECT uuid FROM districts WHERE code = 'D002')");
        CHECK(district->featureCount() == sqlCount(where));
        CHECK(layerIds(*district) ==
              sqlIds(path, QStringLiteral("SELECT fid FROM customers WHERE ") + where));
        district->setSubsetString(QStringLiteral("\"usage_category\" = 'RES'"));
        CHECK(district->featureCount() == sqlCount(where + QStringLiteral(" AND usage_category = 'RES'")));
        auto districtsLayer =
            archiveLayer(path, QStringLiteral("districts"), QStringLiteral("|district=D002"));
        CHECK(districtsLayer->featureCount() == 1);
        auto unknown = archiveLayer(path, QStringLiteral("customers"), QStringLiteral("|district=NOPE"));
        CHECK_FALSE(unknown->isValid());
    }
}

TEST_CASE("customerarchive fid requests and attribute subsets") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    QgsFeature feature;
    REQUIRE(layer->getFeatures(QgsFeatureRequest(QgsFeatureId(42))).nextFeature(feature));
    CHECK(feature.id() == 42);
    CHECK(feature.attribute(QStringLiteral("account_no")).toString() ==
          sqlScalar(path, QStringLiteral("SELECT account_no FROM customers WHERE fid = 42")));
    CHECK_FALSE(layer->getFeatures(QgsFeatureRequest(QgsFeatureId(100000))).nextFeature(feature));

    const QgsFeatureIds wanted{1, 3, 99, 250, 400, 401, 99999};
    CHECK(layerIds(*layer, QgsFeatureRequest(wanted)) == QSet<qint64>({1, 3, 99, 250, 400}));

    SECTION("attribute subset without geometry") {
        QgsFeatureRequest request;
        request.setSubsetOfAttributes(
            QStringList{QStringLiteral("account_no"), QStringLiteral("usage_category")}, layer->fields());
        request.setFlags(request.flags() | QgsFeatureRequest::NoGeometry);
        QgsFeatureIterator it = layer->dataProvider()->getFeatures(request);
        SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly);
        SqliteStatement st(db,
                           QStringLiteral("SELECT account_no, usage_category FROM customers WHERE fid = ?"));
        int count = 0;
        while (it.nextFeature(feature)) {
            CHECK_FALSE(feature.hasGeometry());
            st.reset();
            st.bind(1, static_cast<std::int64_t>(feature.id()));
            REQUIRE(st.step());
            CHECK(feature.attribute(QStringLiteral("account_no")).toString() == st.text(0));
            CHECK(feature.attribute(QStringLiteral("usage_category")).toString() == st.text(1));
            CHECK(feature.attribute(QStringLiteral("name")).isNull());
            ++count;
        }
        CHECK(count == 400);
    }
    SECTION("destination CRS") {
        const QgsCoordinateReferenceSystem webMercator(QStringLiteral("EPSG:3857"));
        QgsFeatureRequest request(QgsFeatureId(42));
        request.setDestinationCrs(webMercator, QgsProject::instance()->transformContext());
        REQUIRE(layer->getFeatures(request).nextFeature(feature));
        CHECK(feature.geometry().asPoint().x() > 1.2e7); // metres, not degrees
    }
}

TEST_CASE("customerarchive iterators on two threads at once give complete, identical results") {
    const QString path = sharedArchive();
    auto layer = archiveLayer(path, QStringLiteral("customers"));
    REQUIRE(layer->isValid());
    // Feature sources are made on this thread, iterated on the workers, as the
    // map renderer does.
    std::unique_ptr<QgsAbstractFeatureSource> sourceA(layer->dataProvider()->featureSource());
    std::unique_ptr<QgsAbstractFeatureSource> sourceB(layer->dataProvider()->featureSource());
    using Row = QPair<qint64, QString>;
    auto readAll = [](QgsAbstractFeatureSource* source, QList<Row>* rows) {
        for (int pass = 0; pass < 5; ++pass) {
            rows->clear();
            QgsFeatureIterator it = source->getFeatures(QgsFeatureRequest());
            QgsFeature feature;
            while (it.nextFeature(feature))
                rows->append({feature.id(), feature.attribute(QStringLiteral("account_no")).toString() +
                                                feature.geometry().asWkt(8)});
        }
    };
    QList<Row> rowsA, rowsB;
    std::thread a(readAll, sourceA.get(), &rowsA);
    std::thread b(readAll, sourceB.get(), &rowsB);
    a.join();
    b.join();
    CHECK(rowsA.size() == 400);
    CHECK(rowsA == rowsB);
}

TEST_CASE("customerarchive refuses non-archives, newer schemas and missing tables with a clear message") {
    ScratchDir dir;
    MessageLogSpy log;
    SECTION("a text file") {
        const QString path = dir.file(QStringLiteral("notes.sqlite"));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("these are not the rows you are looking for\n");
        file.close();
        auto layer = archiveLayer(path, QStringLiteral("customers"));
        CHECK_FALSE(layer->isValid());
        CHECK(layer->dataProvider()->error().message().contains(QLatin1String("not a Recheck archive")));
        CHECK(log.all().contains(QLatin1String("not a Recheck archive")));
    }
    SECTION("an SQLite file of another application") {
        const QString path = dir.file(QStringLiteral("other.sqlite"));
        {
            SqliteDatabase db(path, SqliteDatabase::Mode::Create);
            db.exec(QStringLiteral("CREATE TABLE customers (fid INTEGER PRIMARY KEY, name TEXT)"));
        }
        auto layer = archiveLayer(path, QStringLiteral("customers"));
        CHECK_FALSE(layer->isValid());
        CHECK(layer->dataProvider()->error().message().contains(QLatin1String("not a Recheck archive")));
    }
    SECTION("a newer schema") {
        const QString path = dir.file(QStringLiteral("newer.sqlite"));
        createTestArchive(path, {10});
        {
            SqliteDatabase db(path, SqliteDatabase::Mode::ReadWrite);
            db.exec(QStringLiteral("PRAGMA user_version = 99"));
        }
        auto layer = archiveLayer(path, QStringLiteral("customers"));
        CHECK_FALSE(layer->isValid());
        CHECK(layer->dataProvider()->error().message().contains(QLatin1String("newer")));
        CHECK(log.all().contains(QLatin1String("newer")));
    }
    SECTION("a missing table") {
        auto layer = archiveLayer(sharedArchive(), QStringLiteral("no_such_table"));
        CHECK_FALSE(layer->isValid());
        CHECK(layer->dataProvider()->error().message().contains(QLatin1String("no table \"no_such_table\"")));
        CHECK(log.all().contains(QLatin1String("no_such_table")));
    }
    SECTION("a missing file") {
        auto layer = archiveLayer(dir.file(QStringLiteral("gone.sqlite")), QStringLiteral("customers"));
        CHECK_FALSE(layer->isValid());
        CHECK(layer->dataProvider()->error().message().contains(QLatin1String("no such file")));
    }
}

TEST_CASE("customerarchive URIs round-trip through decodeUri and encodeUri") {
    QgsProviderRegistry* registry = QgsProviderRegistry::instance();
    REQUIRE(registry->providerMetadata(QStringLiteral("customerarchive")));
    const QStringList uris = {
        QStringLiteral("/data/县/master.sqlite|layername=customers"),
        QStringLiteral("/data/master.sqlite|layername=districts|district=D001"),
        QStringLiteral("/data/master.sqlite|layername=customers|district=D002|subset=\"name\" LIKE 'a|b%'"),
        QStringLiteral("/data/master.sqlite"),
    };
    for (const QString& uri : uris) {
        const QVariantMap parts = registry->decodeUri(QStringLiteral("customerarchive"), uri);
        CHECK(registry->encodeUri(QStringLiteral("customerarchive"), parts) == uri);
    }
    const QVariantMap parts = registry->decodeUri(QStringLiteral("customerarchive"),
                                                  QStringLiteral("/a/b.sqlite|layername=visits|district=X"));
    CHECK(parts.value(QStringLiteral("path")).toString() == QLatin1String("/a/b.sqlite"));
    CHECK(parts.value(QStringLiteral("layerName")).toString() == QLatin1String("visits"));
    CHECK(parts.value(QStringLiteral("district")).toString() == QLatin1String("X"));
}

TEST_CASE("customerarchive is registered once") {
    CHECK_FALSE(recheck::qgis::registerCustomerArchiveProvider()); // startHeadlessQgis did it
    CHECK(QgsProviderRegistry::instance()->providerList().contains(QStringLiteral("customerarchive")));
}
