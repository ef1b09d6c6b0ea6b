#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace recheck {

class SqliteDatabase;

/// One basemap source the office configured (table basemap_sources of the
/// master): any raster GDAL reads (GeoTIFF, MBTiles, GeoPackage tiles, …) or
/// any vector layer OGR reads (roads, buildings: Shapefile, GeoPackage, …).
struct BasemapSource {
    enum class Kind { Raster, Vector };
    QString name; ///< table name in the package's basemap (letters, digits, _)
    Kind kind = Kind::Raster;
    QString source;   ///< the dataset as GDAL opens it (a path, or a GDAL connection string)
    QString layer;    ///< vector: the source layer; empty = the first
    int minZoom = 12; ///< raster: web-mercator zoom levels written, inclusive
    int maxZoom = 17;

    static QString kindName(Kind kind);
};

/// What the office configured, with the limits every check-out keeps to.
struct BasemapSettings {
    QList<BasemapSource> sources;
    double marginMeters = 500;             ///< around the package's districts
    qint64 maxPackageBytes = 1024LL << 20; ///< package + basemap; 0 = no limit
};

struct BasemapLayerSummary {
    QString name;
    BasemapSource::Kind kind = BasemapSource::Kind::Raster;
    qint64 features = 0; ///< vector: features kept
    qint64 tiles = 0;    ///< raster: tiles written over all zoom levels
    int minZoom = 0, maxZoom = 0;
};

struct BasemapResult {
    QString path; ///< the basemap GeoPackage beside the package; empty: none configured
    QList<BasemapLayerSummary> layers;
    qint64 bytes = 0;        ///< the basemap file
    qint64 packageBytes = 0; ///< the package file (without the basemap)
    /// The clip rectangle in the archive CRS: the districts plus the margin
    /// (rasters; vector layers are cut at the outline within it).
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
};

/// Check-out's offline basemap: clips the configured sources to the package's
/// districts plus a margin into one GeoPackage beside the package
/// (`<package base name>.gpkg`): rasters warped to web mercator tiles at the
/// configured zoom levels (coarser levels as GeoPackage overviews) over the
/// districts' rectangle plus the margin, vector layers clipped to the
/// districts' outline (their union grown by the margin). No network is
/// needed to show it.
class BasemapClipper {
public:
    /// The master's configuration; empty when the archive has none.
    static BasemapSettings readSettings(SqliteDatabase& master);
    /// Replaces the master's configuration (validated: names, kinds, zoom
    /// levels 0–22, min ≤ max); throws InvalidInput naming the bad entry.
    static void writeSettings(SqliteDatabase& master, const BasemapSettings& settings);

    /// `<folder>/<package base name>.gpkg`, beside `<base>.sqlite` and `<base>.qgs`.
    static QString basemapPathFor(const QString& packagePath);

    /// Writes the basemap of `package` (its districts' extent) to `outPath`,
    /// refusing (InvalidInput, the file removed) when the basemap plus
    /// `packageBytes` exceed the limit, or a source cannot be read (Io,
    /// naming the source). `progress(0..1)` false cancels (returns an empty
    /// result, nothing left). Empty settings: nothing written.
    static BasemapResult clip(const BasemapSettings& settings, SqliteDatabase& package, int srid,
                              const QString& outPath, qint64 packageBytes,
                              const std::function<bool(double)>& progress = {});

    /// Check-out's use of clip(): reads the master's settings and writes
    /// `<package base name>.partial.gpkg` for the package being built
    /// at `partialPackagePath`; finish() renames it with the package, and
    /// discard() removes it when the check-out fails.
    static BasemapResult writeForPackage(SqliteDatabase& master, SqliteDatabase& package, int srid,
                                         const QString& packagePath, const QString& partialPackagePath);
    static void finish(const QString& packagePath);
    static void discard(const QString& packagePath);
};

} // namespace recheck
