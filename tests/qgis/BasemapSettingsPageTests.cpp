// The basemap settings page (QGIS Options ▸ Recheck Basemap), offscreen:
// it shows and stores the configuration where check-out reads it (the
// master's basemap tables, through core/sync's BasemapClipper), refuses bad
// entries without storing anything, and names added sources validly.

#include "TestArchives.h"
#include "TestSupport.h"

#include "BasemapSettingsPage.h"

#include "archive/Archive.h"
#include "sync/BasemapClipper.h"

#include <qgssettings.h>

#include <catch2/catch.hpp>

using namespace recheck;
using namespace recheck::archiveui;
using namespace recheck::test;

namespace {

BasemapSettings readStored(const QString& path) {
    Archive archive = Archive::open(path);
    return BasemapClipper::readSettings(archive.db());
}

} // namespace

TEST_CASE("the basemap settings page stores sources, zoom levels, margin and limit in the master") {
    ScratchDir dir;
    const QString master = dir.file(QStringLiteral("master.sqlite"));
    createTestArchive(master, {50, 2});
    QgsSettings().remove(BasemapSettingsPage::masterKey());

    BasemapSettingsPage page;
    REQUIRE(page.setMasterPath(master));
    // A new archive: no sources, the schema's defaults.
    CHECK(page.settings().sources.isEmpty());
    CHECK(page.settings().marginMeters == Approx(500));
    CHECK(page.settings().maxPackageBytes == 1024LL << 20);

    page.addSource(BasemapSource::Kind::Raster, dir.file(QStringLiteral("影像 2024.tif")));
    page.addSource(BasemapSource::Kind::Vector, dir.file(QStringLiteral("roads.shp")));
    page.addSource(BasemapSource::Kind::Vector, dir.file(QStringLiteral("other/roads.gpkg")));
    BasemapSettings edited = page.settings();
    REQUIRE(edited.sources.size() == 3);
    // Names check-out accepts, unique, from the file names.
    CHECK(edited.sources[0].name == QStringLiteral("basemap____2024"));
    CHECK(edited.sources[1].name == QStringLiteral("roads"));
    CHECK(edited.sources[2].name == QStringLiteral("roads_2"));
    edited.sources[0].minZoom = 11;
    edited.sources[0].maxZoom = 16;
    edited.sources[2].layer = QStringLiteral("highways");
    edited.marginMeters = 250;
    edited.maxPackageBytes = 300LL << 20;
    page.setSettings(edited);
    page.apply();
    CHECK(page.lastApplyError().isEmpty());

    const BasemapSettings stored = readStored(master);
    REQUIRE(stored.sources.size() == 3);
    CHECK(stored.sources[0].kind == BasemapSource::Kind::Raster);
    CHECK(stored.sources[0].source == dir.file(QStringLiteral("影像 2024.tif")));
    CHECK(stored.sources[0].minZoom == 11);
    CHECK(stored.sources[0].maxZoom == 16);
    CHECK(stored.sources[1].kind == BasemapSource::Kind::Vector);
    CHECK(stored.sources[2].layer == QStringLiteral("highways"));
    CHECK(stored.marginMeters == Approx(250));
    CHECK(stored.maxPackageBytes == 300LL << 20);
    // The page remembers the master it edited, and a new page shows it.
    CHECK(QgsSettings().value(BasemapSettingsPage::masterKey()).toString() == master);
    BasemapSettingsPage reopened;
    CHECK(reopened.masterPath() == master);
    CHECK(reopened.settings().sources.size() == 3);
    CHECK(reopened.settings().sources[2].name == QStringLiteral("roads_2"));

    // A bad entry: nothing stored, the reason shown.
    BasemapSettings bad = reopened.settings();
    bad.sources[1].minZoom = 18;
    bad.sources[1].maxZoom = 12;
    reopened.setSettings(bad);
    reopened.removeSelectedSources(); // nothing selected: nothing removed
    reopened.apply();
    CHECK(reopened.lastApplyError().contains(QStringLiteral("roads")));
    CHECK(readStored(master).sources[1].maxZoom == stored.sources[1].maxZoom);

    // Removing every source turns the basemap off for later check-outs.
    reopened.setSettings(BasemapSettings());
    reopened.apply();
    CHECK(reopened.lastApplyError().isEmpty());
    CHECK(readStored(master).sources.isEmpty());

    // A path that is no archive: an error, no crash, nothing written.
    CHECK_FALSE(reopened.setMasterPath(dir.file(QStringLiteral("missing.sqlite"))));
    CHECK(!reopened.lastApplyError().isEmpty());
    QgsSettings().remove(BasemapSettingsPage::masterKey());
}
