// The archive in QGIS's Browser: the data item provider and its items.

#include "TestArchives.h"
#include "TestSupport.h"

#include "ArchiveDataItems.h"
#include "RecheckQgis.h"

#include "common/Sqlite.h"

#include <qgsapplication.h>
#include <qgsdataitemprovider.h>
#include <qgsdataitemproviderregistry.h>
#include <qgslayeritem.h>
#include <qgsvectorlayer.h>

#include <QFile>

#include <catch2/catch.hpp>

#include <memory>

using namespace recheck;
using namespace recheck::test;

namespace {

int archiveItemProviders() {
    int count = 0;
    for (QgsDataItemProvider* provider : QgsApplication::dataItemProviderRegistry()->providers())
        if (provider->name() == QLatin1String("customerarchive"))
            ++count;
    return count;
}

} // namespace

TEST_CASE("customerarchive Browser item provider is registered once") {
    CHECK(archiveItemProviders() == 1);
    recheck::qgis::registerCustomerArchiveProvider(); // as a plugin would, again
    CHECK(archiveItemProviders() == 1);
    QgsDataItemProvider* provider =
        QgsApplication::dataItemProviderRegistry()->provider(QStringLiteral("customerarchive"));
    REQUIRE(provider);
    CHECK(provider->capabilities() & QgsDataProvider::File);
}

TEST_CASE(
    "customerarchive Browser: an archive expands into its layers, draggable as customerarchive layers") {
    ScratchDir dir;
    for (const QString& name : {QStringLiteral("county.sqlite"), QStringLiteral("laptop.rchk")}) {
        INFO(name.toStdString());
        const QString path = dir.file(name);
        createTestArchive(path, {20});
        QgsDataItemProvider* provider =
            QgsApplication::dataItemProviderRegistry()->provider(QStringLiteral("customerarchive"));
        REQUIRE(provider);
        std::unique_ptr<QgsDataItem> item(provider->createDataItem(path, nullptr));
        REQUIRE(item);
        CHECK(item->name() == name);
        CHECK(item->capabilities2() & Qgis::BrowserItemCapability::Fertile);

        const QVector<QgsDataItem*> children = item->createChildren();
        QStringList names;
        for (QgsDataItem* child : children) {
            auto* layerItem = qobject_cast<QgsLayerItem*>(child);
            REQUIRE(layerItem);
            names << layerItem->name();
            CHECK(layerItem->providerKey() == QLatin1String("customerarchive"));
            CHECK(layerItem->hasDragEnabled());
            const QgsMimeDataUtils::UriList uris = layerItem->mimeUris();
            REQUIRE(uris.size() == 1);
            CHECK(uris.first().providerKey == QLatin1String("customerarchive"));
            CHECK(uris.first().layerType == QLatin1String("vector"));
            QgsVectorLayer layer(uris.first().uri, layerItem->name(), QStringLiteral("customerarchive"));
            CHECK(layer.isValid());
            if (layerItem->name() == QLatin1String("customers"))
                CHECK(layerItem->mapLayerType() == QgsMapLayerType::VectorLayer);
        }
        for (const char* table :
             {"customers", "districts", "feeders", "visits", "tasks", "plans", "discrepancies"})
            CHECK(names.contains(QString::fromLatin1(table)));
        CHECK_FALSE(names.contains(QStringLiteral("change_log")));
        CHECK_FALSE(names.contains(QStringLiteral("code_lists")));
        qDeleteAll(children);
    }
}

TEST_CASE("customerarchive Browser refuses files that are not archives") {
    ScratchDir dir;
    QgsDataItemProvider* provider =
        QgsApplication::dataItemProviderRegistry()->provider(QStringLiteral("customerarchive"));
    REQUIRE(provider);

    const QString text = dir.file(QStringLiteral("notes.sqlite"));
    {
        QFile file(text);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("not a database at all");
    }
    const QString plain = dir.file(QStringLiteral("plain.sqlite"));
    {
        SqliteDatabase db(plain, SqliteDatabase::Mode::Create);
        db.exec(QStringLiteral("CREATE TABLE t (fid INTEGER PRIMARY KEY, name TEXT)"));
    }
    const QString otherSuffix = dir.file(QStringLiteral("archive.gpkg"));
    createTestArchive(otherSuffix, {5});

    for (const QString& path : {text, plain, otherSuffix, dir.file(QStringLiteral("missing.sqlite"))}) {
        INFO(path.toStdString());
        CHECK_FALSE(recheck::qgis::isArchiveFile(path));
        std::unique_ptr<QgsDataItem> item(provider->createDataItem(path, nullptr));
        CHECK_FALSE(item);
    }
}
