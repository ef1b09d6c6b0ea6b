// The archive plugin's locator filter (plugins/archive/CustomerLocatorFilter)
// against real archive layers in the project: results from every open
// archive, ranked, and triggering one zooms, selects and opens the form.

#include "TestArchives.h"
#include "TestSupport.h"

#include "ArchiveSearchSessions.h"
#include "CustomerLocatorFilter.h"
#include "RecheckQgis.h"
#include "common/Sqlite.h"

#include <qgsfeedback.h>
#include <qgslocatorcontext.h>
#include <qgsmapcanvas.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <catch2/catch.hpp>

#include <thread>

using namespace recheck;
using namespace recheck::test;
using recheck::archiveui::CustomerLocatorFilter;

namespace {

QList<QgsLocatorResult> locate(CustomerLocatorFilter& filter, const QString& query) {
    QList<QgsLocatorResult> results;
    std::unique_ptr<QgsLocatorFilter> clone(filter.clone());
    QObject::connect(clone.get(), &QgsLocatorFilter::resultFetched,
                     [&](const QgsLocatorResult& result) { results << result; });
    QgsLocatorContext context;
    clone->prepare(query, context);
    QgsFeedback feedback;
    clone->fetchResults(query, context, &feedback);
    return results;
}

QgsVectorLayer* layerOf(const QList<QgsMapLayer*>& layers, const QString& table) {
    for (QgsMapLayer* layer : layers)
        if (layer->source().endsWith(QStringLiteral("layername=") + table))
            return qobject_cast<QgsVectorLayer*>(layer);
    return nullptr;
}

} // namespace

TEST_CASE("the customer locator filter finds, ranks and opens customers of every open archive") {
    ScratchDir dir;
    const QString first = dir.file(QStringLiteral("first.sqlite"));
    const QString second = dir.file(QStringLiteral("second.sqlite"));
    createTestArchive(first, {120, 3});
    createTestArchive(second, {80, 9});
    // A customer only the second archive has, and one both share a name with.
    {
        SqliteDatabase db(second, SqliteDatabase::Mode::ReadWrite);
        db.exec(QString::fromUtf8(
            "UPDATE customers SET name = '欧阳建国', address = '示范县城关镇解放路88号', "
            "phone = '13912345678' WHERE fid = (SELECT min(fid) FROM customers WHERE geom IS "
            "NOT NULL)"));
    }
    QgsProject::instance()->clear();
    QList<QgsMapLayer*> firstLayers = recheck::qgis::createArchiveLayers(first);
    QList<QgsMapLayer*> secondLayers = recheck::qgis::createArchiveLayers(second);
    REQUIRE(!firstLayers.isEmpty());
    REQUIRE(!secondLayers.isEmpty());
    QgsProject::instance()->addMapLayers(firstLayers);
    QgsProject::instance()->addMapLayers(secondLayers);

    QgsMapCanvas canvas;
    canvas.resize(800, 600);
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem(QStringLiteral("EPSG:4490")));
    canvas.setLayers(firstLayers + secondLayers);
    canvas.setExtent(QgsRectangle(100, 20, 130, 45));
    QgsVectorLayer* opened = nullptr;
    QgsFeatureId openedFid = -1;
    CustomerLocatorFilter filter(&canvas, [&](QgsVectorLayer* layer, const QgsFeature& feature) {
        opened = layer;
        openedFid = feature.id();
    });
    CHECK(filter.prefix() == QStringLiteral("cu"));

    // Two characters of a street name, from the second archive only.
    const QList<QgsLocatorResult> street = locate(filter, QString::fromUtf8("解放"));
    REQUIRE(street.size() == 1);
    const QVariantMap data = street[0].userData.toMap();
    QgsVectorLayer* secondCustomers = layerOf(secondLayers, QStringLiteral("customers"));
    REQUIRE(secondCustomers);
    CHECK(data.value(QStringLiteral("layer")).toString() == secondCustomers->id());
    CHECK(street[0].displayString.contains(QString::fromUtf8("欧阳建国")));
    CHECK(street[0].description.contains(QString::fromUtf8("解放路88号")));

    // A phone number: exact match scores highest.
    const QList<QgsLocatorResult> phone = locate(filter, QStringLiteral("13912345678"));
    REQUIRE(!phone.isEmpty());
    CHECK(phone[0].score == Approx(1.0));

    // A common surname comes from both archives.
    const QString surname = sqlScalar(
        first, QStringLiteral("SELECT substr(name, 1, 1) FROM customers GROUP BY 1 ORDER BY count(*) DESC "
                              "LIMIT 1"));
    QSet<QString> layersHit;
    for (const QgsLocatorResult& result : locate(filter, surname))
        layersHit.insert(result.userData.toMap().value(QStringLiteral("layer")).toString());
    CHECK(layersHit.contains(layerOf(firstLayers, QStringLiteral("customers"))->id()));

    // Districts by code.
    const QString code = sqlScalar(first, QStringLiteral("SELECT code FROM districts ORDER BY fid LIMIT 1"));
    bool districtFound = false;
    for (const QgsLocatorResult& result : locate(filter, code))
        districtFound |= result.userData.toMap().value(QStringLiteral("layer")).toString() ==
                         layerOf(firstLayers, QStringLiteral("districts"))->id();
    CHECK(districtFound);

    // Choosing the customer: selected, centred at street scale, form opened.
    filter.triggerResult(street[0]);
    const QgsFeatureId fid = data.value(QStringLiteral("fid")).toLongLong();
    CHECK(secondCustomers->selectedFeatureIds() == QgsFeatureIds({fid}));
    CHECK(opened == secondCustomers);
    CHECK(openedFid == fid);
    const QgsPointXY point = secondCustomers->getFeature(fid).geometry().asPoint();
    CHECK(canvas.extent().contains(point));
    CHECK(canvas.scale() <= 1600);
    CHECK(canvas.extent().width() < 0.1);

    // Nothing for nonsense; nothing when no archive is open.
    CHECK(locate(filter, QString::fromUtf8("不存在的客户名称")).isEmpty());

    // One connection per archive stays open between keystrokes (every search
    // above ran in a clone of its own), and one archive's connection closes
    // when its layers leave the project.
    CHECK(filter.sessions().idleCount() == 2);
    for (const char* keystrokes : {"解", "解放", "解放路", "解放路8"})
        locate(filter, QString::fromUtf8(keystrokes));
    CHECK(filter.sessions().idleCount() == 2);
    QStringList secondIds;
    for (QgsMapLayer* layer : secondLayers)
        secondIds << layer->id();
    QgsProject::instance()->removeMapLayers(secondIds);
    CHECK(filter.sessions().idleCount() == 1);
    CHECK(locate(filter, QString::fromUtf8("解放")).isEmpty());
    QgsProject::instance()->clear();
    CHECK(filter.sessions().idleCount() == 0);
    CHECK(locate(filter, QString::fromUtf8("解放")).isEmpty());
}

TEST_CASE("the customer locator filter searches one archive from several threads at once") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("threads.sqlite"));
    createTestArchive(path, {200, 4});
    QgsProject::instance()->clear();
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path);
    REQUIRE(!layers.isEmpty());
    QgsProject::instance()->addMapLayers(layers);
    CustomerLocatorFilter filter(nullptr, {});
    const QString surname = sqlScalar(
        path,
        QStringLiteral("SELECT substr(name, 1, 1) FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"));
    const int expected = locate(filter, surname).size();
    REQUIRE(expected > 0);
    // Clones prepared here (the main thread), searching in four threads as
    // QGIS's locator does when keystrokes overlap.
    std::vector<std::unique_ptr<QgsLocatorFilter>> clones;
    QgsLocatorContext context;
    for (int i = 0; i < 4; ++i) {
        clones.emplace_back(filter.clone());
        clones.back()->prepare(surname, context);
    }
    std::vector<int> counts(clones.size(), 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < clones.size(); ++i)
        threads.emplace_back([&, i] {
            for (int round = 0; round < 20; ++round) {
                int n = 0;
                QObject::connect(
                    clones[i].get(), &QgsLocatorFilter::resultFetched, clones[i].get(),
                    [&n](const QgsLocatorResult&) { ++n; }, Qt::DirectConnection);
                QgsFeedback feedback;
                clones[i]->fetchResults(surname, context, &feedback);
                QObject::disconnect(clones[i].get(), &QgsLocatorFilter::resultFetched, nullptr, nullptr);
                if (round == 0 || n != expected)
                    counts[i] = n;
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    for (int count : counts)
        CHECK(count == expected);
    // At most the per-archive bound stays open afterwards.
    CHECK(filter.sessions().idleCount() >= 1);
    CHECK(filter.sessions().idleCount() <=
          static_cast<int>(recheck::archiveui::ArchiveSearchSessions::kMaxIdlePerArchive));
    QgsProject::instance()->clear();
}
