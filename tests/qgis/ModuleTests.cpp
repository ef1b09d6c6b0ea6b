// The provider module as QGIS loads it from its plugin folder.

#include <qgsprovidermetadata.h>

#include <QLibrary>

#include <catch2/catch.hpp>

#include <memory>

TEST_CASE("the provider module exports providerMetadataFactory for the customerarchive key") {
    QLibrary module(QStringLiteral(RECHECK_PROVIDER_MODULE));
    REQUIRE(module.load());
    using Factory = QgsProviderMetadata* (*)();
    const auto factory = reinterpret_cast<Factory>(module.resolve("providerMetadataFactory"));
    REQUIRE(factory);
    std::unique_ptr<QgsProviderMetadata> metadata(factory());
    REQUIRE(metadata);
    CHECK(metadata->key() == QLatin1String("customerarchive"));
    CHECK(metadata->decodeUri(QStringLiteral("/a.sqlite|layername=districts"))
              .value(QStringLiteral("layerName")) == QLatin1String("districts"));
    // Only the factory is exported: the module's copy of recheck_qgis stays private.
    CHECK_FALSE(module.resolve("_ZN7recheck14SqliteDatabase4execERK7QString"));
    metadata.reset();
    module.unload();
}
