#include "BasemapClipper.h"

#include "common/Sqlite.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace recheck {

namespace {

struct Cancelled {};

void registerGdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// GDAL reports through a global handler; keep its messages for our errors
// instead of letting it print them.
class QuietGdal {
public:
    QuietGdal() {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    static QString lastError() {
        const char* message = CPLGetLastErrorMsg();
        return message && *message ? QString::fromUtf8(message) : QStringLiteral("unknown GDAL error");
    }
};

[[noreturn]] void throwSource(const BasemapSource& source, const QString& what) {
    throw RecheckError(
        QStringLiteral("basemap source %1 (%2): %3").arg(source.name, source.source, what).toStdString(),
        RecheckError::Kind::Io);
}

const QRegularExpression& validName() {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,62}$"));
    return re;
}

// Web-mercator metres per pixel of 256-pixel tiles at zoom 0.
constexpr double kZoom0Resolution = 156543.03392804097;

void removeFile(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// The basemap while a check-out builds it: still a .gpkg (GDAL's GeoPackage
// driver goes by the extension when it creates a file).
QString partialPathFor(const QString& packagePath) {
    const QString path = BasemapClipper::basemapPathFor(packagePath);
    return path.left(path.size() - 5) + QStringLiteral(".partial.gpkg");
}

QString mb(qint64 bytes) {
    return QString::number(static_cast<double>(bytes) / 1048576.0, 'f', 1);
}

struct ClipBox {
    double xMin, yMin, xMax, yMax;
};

// The districts' bounding box in the archive CRS grown by the margin (metres;
// converted to degrees at the box's latitude when the CRS is geographic).
ClipBox clipBox(SqliteDatabase& package, int srid, double marginMeters) {
    SqliteStatement extent(
        package, QStringLiteral("SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), "
                                "max(MbrMaxY(geom)) FROM districts WHERE geom IS NOT NULL"));
    if (!extent.step() || extent.isNull(0))
        throw RecheckError(QStringLiteral("%1: the package has no district geometry to clip the basemap to")
                               .arg(package.path())
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    ClipBox box{extent.real(0), extent.real(1), extent.real(2), extent.real(3)};
    OGRSpatialReferenceH crs = OSRNewSpatialReference(nullptr);
    const bool geographic = OSRImportFromEPSG(crs, srid) == OGRERR_NONE && OSRIsGeographic(crs);
    OSRDestroySpatialReference(crs);
    double dx = marginMeters;
    double dy = marginMeters;
    if (geographic) {
        const double latitude = (box.yMin + box.yMax) / 2 * M_PI / 180;
        dy = marginMeters / 111320.0;
        dx = marginMeters / (111320.0 * std::max(0.01, std::cos(latitude)));
    }
    box.xMin -= dx;
    box.xMax += dx;
    box.yMin -= dy;
    box.yMax += dy;
    return box;
}

// Owns an OGR geometry handle.
struct OgrGeometry {
    OGRGeometryH handle = nullptr;
    explicit OgrGeometry(OGRGeometryH h = nullptr) : handle(h) {}
    ~OgrGeometry() {
        if (handle)
            OGR_G_DestroyGeometry(handle);
    }
    OgrGeometry(const OgrGeometry&) = delete;
    OgrGeometry& operator=(const OgrGeometry&) = delete;
    void reset(OGRGeometryH h) {
        if (handle)
            OGR_G_DestroyGeometry(handle);
        handle = h;
    }
};

// Owns an OGR spatial reference, axes in x = easting/longitude order.
struct OgrCrs {
    OGRSpatialReferenceH handle = OSRNewSpatialReference(nullptr);
    explicit OgrCrs(int epsg) {
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER);
        ok = OSRImportFromEPSG(handle, epsg) == OGRERR_NONE;
    }
    ~OgrCrs() { OSRDestroySpatialReference(handle); }
    OgrCrs(const OgrCrs&) = delete;
    OgrCrs& operator=(const OgrCrs&) = delete;
    bool ok = false;
};

bool transform(OGRGeometryH geometry, const OgrCrs& from, const OgrCrs& to) {
    OGRCoordinateTransformationH transformation = OCTNewCoordinateTransformation(from.handle, to.handle);
    if (!transformation)
        return false;
    const bool done = OGR_G_Transform(geometry, transformation) == OGRERR_NONE;
    OCTDestroyCoordinateTransformation(transformation);
    return done;
}

// The union of the package's district polygons grown by the margin, as WKT
// in the archive CRS: what vector layers are clipped to. In a geographic CRS
// the buffer is drawn in web mercator, whose scale at latitude φ is 1/cos φ
// in every direction (conformal), so margin/cos φ mercator metres are the
// margin on the ground around the districts.
QString clipOutline(SqliteDatabase& package, int srid, double marginMeters, const ClipBox& box) {
    QuietGdal quiet;
    OgrGeometry parts(OGR_G_CreateGeometry(wkbMultiPolygon));
    SqliteStatement districts(package,
                              QStringLiteral("SELECT AsBinary(geom) FROM districts WHERE geom IS NOT NULL"));
    while (districts.step()) {
        const QByteArray wkb = districts.value(0).toByteArray();
        OGRGeometryH geometry = nullptr;
        if (OGR_G_CreateFromWkb(wkb.constData(), nullptr, &geometry, wkb.size()) != OGRERR_NONE || !geometry)
            continue;
        OgrGeometry owned(geometry);
        if (wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbMultiPolygon) {
            for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i)
                OGR_G_AddGeometry(parts.handle, OGR_G_GetGeometryRef(geometry, i));
        } else if (wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbPolygon) {
            OGR_G_AddGeometry(parts.handle, geometry);
        }
    }
    const auto failed = [&](const QString& what) {
        return RecheckError(QStringLiteral("%1: cannot outline the districts for the basemap (%2): %3")
                                .arg(package.path(), what, QuietGdal::lastError())
                                .toStdString(),
                            RecheckError::Kind::Database);
    };
    OgrGeometry outline(OGR_G_UnionCascaded(parts.handle));
    if (!outline.handle)
        throw failed(QStringLiteral("union"));
    const OgrCrs archive(srid);
    if (!archive.ok)
        throw failed(QStringLiteral("EPSG:%1").arg(srid));
    // 8 segments per quarter circle: a margin's corners within 2 % of it.
    constexpr int kQuadrantSegments = 8;
    if (OSRIsGeographic(archive.handle)) {
        const OgrCrs mercator(3857);
        const double latitude = (box.yMin + box.yMax) / 2 * M_PI / 180;
        if (!transform(outline.handle, archive, mercator))
            throw failed(QStringLiteral("to web mercator"));
        outline.reset(OGR_G_Buffer(outline.handle, marginMeters / std::max(0.01, std::cos(latitude)),
                                   kQuadrantSegments));
        if (!outline.handle || !transform(outline.handle, mercator, archive))
            throw failed(QStringLiteral("margin"));
    } else {
        outline.reset(OGR_G_Buffer(outline.handle, marginMeters, kQuadrantSegments));
        if (!outline.handle)
            throw failed(QStringLiteral("margin"));
    }
    char* wkt = nullptr;
    if (OGR_G_ExportToWkt(outline.handle, &wkt) != OGRERR_NONE || !wkt)
        throw failed(QStringLiteral("WKT"));
    const QString text = QString::fromLatin1(wkt);
    CPLFree(wkt);
    return text;
}

// Rasters keep the rectangle: their tiles are squares of the web-mercator
// grid, so a tile touching the outline is stored whole anyway, and blanking
// the pixels of a tile outside the outline would save little (empty areas
// compress to almost nothing) while it cuts the view at the margin's curve.
void clipRaster(const BasemapSource& source, const ClipBox& box, int srid, const QString& outPath) {
    QuietGdal quiet;
    GDALDatasetH input = GDALOpenEx(source.source.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY,
                                    nullptr, nullptr, nullptr);
    if (!input)
        throwSource(source, QStringLiteral("cannot be read as a raster: %1").arg(QuietGdal::lastError()));
    const int bands = GDALGetRasterCount(input);
    const bool hasAlpha =
        bands > 0 && GDALGetRasterColorInterpretation(GDALGetRasterBand(input, bands)) == GCI_AlphaBand;
    const double resolution = kZoom0Resolution / std::pow(2.0, source.maxZoom);
    CPLStringList args;
    for (const QString& arg : QStringList{QStringLiteral("-of"),
                                          QStringLiteral("GPKG"),
                                          QStringLiteral("-t_srs"),
                                          QStringLiteral("EPSG:3857"),
                                          QStringLiteral("-te"),
                                          QString::number(box.xMin, 'g', 17),
                                          QString::number(box.yMin, 'g', 17),
                                          QString::number(box.xMax, 'g', 17),
                                          QString::number(box.yMax, 'g', 17),
                                          QStringLiteral("-te_srs"),
                                          QStringLiteral("EPSG:%1").arg(srid),
                                          QStringLiteral("-tr"),
                                          QString::number(resolution, 'g', 17),
                                          QString::number(resolution, 'g', 17),
                                          QStringLiteral("-r"),
                                          QStringLiteral("bilinear"),
                                          QStringLiteral("-co"),
                                          QStringLiteral("TILING_SCHEME=GoogleMapsCompatible"),
                                          QStringLiteral("-co"),
                                          QStringLiteral("RASTER_TABLE=%1").arg(source.name),
                                          QStringLiteral("-co"),
                                          QStringLiteral("TILE_FORMAT=AUTO"),
                                          QStringLiteral("-co"),
                                          QStringLiteral("ZOOM_LEVEL_STRATEGY=UPPER")})
        args.AddString(arg.toUtf8().constData());
    if (!hasAlpha)
        args.AddString("-dstalpha");
    if (QFileInfo::exists(outPath)) {
        args.AddString("-co");
        args.AddString("APPEND_SUBDATASET=YES");
    }
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(args.List(), nullptr);
    int usageError = 0;
    GDALDatasetH output = GDALWarp(outPath.toUtf8().constData(), nullptr, 1, &input, options, &usageError);
    GDALWarpAppOptionsFree(options);
    if (!output) {
        GDALClose(input);
        throwSource(source, QStringLiteral("clipping failed: %1").arg(QuietGdal::lastError()));
    }
    GDALClose(output);
    GDALClose(input);

    // Coarser zoom levels as GeoPackage overviews (one per level).
    const int levels = source.maxZoom - source.minZoom;
    if (levels > 0) {
        const QString table = QStringLiteral("GPKG:%1:%2").arg(outPath, source.name);
        GDALDatasetH tiles = GDALOpenEx(table.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_UPDATE, nullptr,
                                        nullptr, nullptr);
        if (!tiles)
            throwSource(source,
                        QStringLiteral("cannot reopen the clipped tiles: %1").arg(QuietGdal::lastError()));
        std::vector<int> factors;
        for (int i = 1; i <= levels; ++i)
            factors.push_back(1 << i);
        const CPLErr err = GDALBuildOverviews(tiles, "AVERAGE", static_cast<int>(factors.size()),
                                              factors.data(), 0, nullptr, nullptr, nullptr);
        GDALClose(tiles);
        if (err != CE_None)
            throwSource(source, QStringLiteral("overviews failed: %1").arg(QuietGdal::lastError()));
    }
}

void clipVector(const BasemapSource& source, const ClipBox& box, const QString& outline, int srid,
                const QString& outPath) {
    QuietGdal quiet;
    GDALDatasetH input = GDALOpenEx(source.source.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                    nullptr, nullptr, nullptr);
    if (!input)
        throwSource(source, QStringLiteral("cannot be read as vector data: %1").arg(QuietGdal::lastError()));
    if (!source.layer.isEmpty() && !GDALDatasetGetLayerByName(input, source.layer.toUtf8().constData())) {
        GDALClose(input);
        throwSource(source, QStringLiteral("has no layer %1").arg(source.layer));
    }
    QStringList argList{
        QFileInfo::exists(outPath) ? QStringLiteral("-update") : QStringLiteral("-f"), QStringLiteral("-nln"),
        source.name, QStringLiteral("-t_srs"), QStringLiteral("EPSG:%1").arg(srid),
        // The spatial filter (the rectangle, in the archive CRS) keeps
        // the read small; the clip cuts at the districts' outline.
        QStringLiteral("-spat"), QString::number(box.xMin, 'g', 17), QString::number(box.yMin, 'g', 17),
        QString::number(box.xMax, 'g', 17), QString::number(box.yMax, 'g', 17), QStringLiteral("-spat_srs"),
        QStringLiteral("EPSG:%1").arg(srid), QStringLiteral("-clipdst"), outline, QStringLiteral("-nlt"),
        QStringLiteral("PROMOTE_TO_MULTI"), QStringLiteral("-lco"), QStringLiteral("GEOMETRY_NAME=geom"),
        QStringLiteral("-lco"), QStringLiteral("SPATIAL_INDEX=YES")};
    if (argList.first() == QLatin1String("-f"))
        argList.insert(1, QStringLiteral("GPKG"));
    if (!source.layer.isEmpty())
        argList << source.layer;
    CPLStringList args;
    for (const QString& arg : argList)
        args.AddString(arg.toUtf8().constData());
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(args.List(), nullptr);
    int usageError = 0;
    GDALDatasetH output =
        GDALVectorTranslate(outPath.toUtf8().constData(), nullptr, 1, &input, options, &usageError);
    GDALVectorTranslateOptionsFree(options);
    GDALClose(input);
    if (!output)
        throwSource(source, QStringLiteral("clipping failed: %1").arg(QuietGdal::lastError()));
    GDALClose(output);
}

} // namespace

QString BasemapSource::kindName(Kind kind) {
    return kind == Kind::Raster ? QStringLiteral("raster") : QStringLiteral("vector");
}

BasemapSettings BasemapClipper::readSettings(SqliteDatabase& master) {
    BasemapSettings settings;
    if (master.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'basemap_sources'"))
            .toInt() == 0)
        return settings;
    SqliteStatement sources(master,
                            QStringLiteral("SELECT name, kind, source, layer, min_zoom, max_zoom FROM "
                                           "basemap_sources WHERE enabled ORDER BY sort_order, name"));
    while (sources.step()) {
        BasemapSource source;
        source.name = sources.text(0);
        source.kind = sources.text(1) == QLatin1String("vector") ? BasemapSource::Kind::Vector
                                                                 : BasemapSource::Kind::Raster;
        source.source = sources.text(2);
        source.layer = sources.text(3);
        source.minZoom = static_cast<int>(sources.int64(4));
        source.maxZoom = static_cast<int>(sources.int64(5));
        settings.sources << source;
    }
    SqliteStatement values(master, QStringLiteral("SELECT key, value FROM basemap_settings"));
    while (values.step()) {
        if (values.text(0) == QLatin1String("margin_m"))
            settings.marginMeters = values.text(1).toDouble();
        else if (values.text(0) == QLatin1String("max_package_mb"))
            settings.maxPackageBytes = static_cast<qint64>(values.text(1).toDouble() * 1048576.0);
    }
    return settings;
}

void BasemapClipper::writeSettings(SqliteDatabase& master, const BasemapSettings& settings) {
    QStringList names;
    for (const BasemapSource& source : settings.sources) {
        const QString where = QStringLiteral("basemap source %1").arg(source.name);
        if (!validName().match(source.name).hasMatch())
            throw RecheckError(
                QStringLiteral("%1: a name is a letter followed by letters, digits or _ (at most 63)")
                    .arg(where)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        if (names.contains(source.name, Qt::CaseInsensitive))
            throw RecheckError(QStringLiteral("%1: the name is used twice").arg(where).toStdString(),
                               RecheckError::Kind::InvalidInput);
        names << source.name;
        if (source.source.trimmed().isEmpty())
            throw RecheckError(QStringLiteral("%1: no source dataset").arg(where).toStdString(),
                               RecheckError::Kind::InvalidInput);
        if (source.minZoom < 0 || source.maxZoom > 22 || source.minZoom > source.maxZoom)
            throw RecheckError(QStringLiteral("%1: zoom levels %2–%3; need 0 ≤ min ≤ max ≤ 22")
                                   .arg(where)
                                   .arg(source.minZoom)
                                   .arg(source.maxZoom)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
    }
    if (settings.marginMeters < 0 || settings.maxPackageBytes < 0)
        throw RecheckError("basemap: the margin and the size limit cannot be negative",
                           RecheckError::Kind::InvalidInput);
    SqliteTransaction tx(master);
    master.exec(QStringLiteral("DELETE FROM basemap_sources"));
    SqliteStatement insert(master,
                           QStringLiteral("INSERT INTO basemap_sources (name, kind, source, layer, min_zoom, "
                                          "max_zoom, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    int order = 0;
    for (const BasemapSource& source : settings.sources)
        insert.bind(1, source.name)
            .bind(2, BasemapSource::kindName(source.kind))
            .bind(3, source.source)
            .bind(4, source.layer.isEmpty() ? QVariant() : QVariant(source.layer))
            .bind(5, static_cast<std::int64_t>(source.minZoom))
            .bind(6, static_cast<std::int64_t>(source.maxZoom))
            .bind(7, static_cast<std::int64_t>(order++))
            .execute();
    SqliteStatement value(
        master, QStringLiteral("INSERT OR REPLACE INTO basemap_settings (key, value) VALUES (?, ?)"));
    value.bind(1, "margin_m").bind(2, QString::number(settings.marginMeters)).execute();
    value.bind(1, "max_package_mb")
        .bind(2, QString::number(static_cast<double>(settings.maxPackageBytes) / 1048576.0))
        .execute();
    tx.commit();
}

QString BasemapClipper::basemapPathFor(const QString& packagePath) {
    const QFileInfo info(packagePath);
    // Same base name as the package and its project: the three travel
    // together (PackageZip bundles the files sharing the package's base name).
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".gpkg"));
}

BasemapResult BasemapClipper::clip(const BasemapSettings& settings, SqliteDatabase& package, int srid,
                                   const QString& outPath, qint64 packageBytes,
                                   const std::function<bool(double)>& progress) {
    BasemapResult result;
    result.packageBytes = packageBytes;
    if (settings.sources.isEmpty())
        return result;
    registerGdal();
    if (QFileInfo::exists(outPath))
        throw RecheckError(
            QStringLiteral("%1: file exists; refusing to overwrite it").arg(outPath).toStdString(),
            RecheckError::Kind::Io);
    const ClipBox box = clipBox(package, srid, settings.marginMeters);
    result.xMin = box.xMin;
    result.yMin = box.yMin;
    result.xMax = box.xMax;
    result.yMax = box.yMax;
    const bool anyVector =
        std::any_of(settings.sources.begin(), settings.sources.end(),
                    [](const auto& source) { return source.kind == BasemapSource::Kind::Vector; });
    const QString outline = anyVector ? clipOutline(package, srid, settings.marginMeters, box) : QString();
    try {
        int done = 0;
        for (const BasemapSource& source : settings.sources) {
            if (progress && !progress(static_cast<double>(done) / settings.sources.size()))
                throw Cancelled();
            if (source.kind == BasemapSource::Kind::Raster)
                clipRaster(source, box, srid, outPath);
            else
                clipVector(source, box, outline, srid, outPath);
            ++done;
            const qint64 bytes = QFileInfo(outPath).size();
            if (settings.maxPackageBytes > 0 && bytes + packageBytes > settings.maxPackageBytes)
                throw RecheckError(
                    QStringLiteral(
                        "basemap: the package (%1 MB) with its basemap (%2 MB after %3) exceeds the "
                        "limit of %4 MB; lower the zoom levels or the margin, check out fewer "
                        "districts, or raise the limit")
                        .arg(mb(packageBytes), mb(bytes), source.name, mb(settings.maxPackageBytes))
                        .toStdString(),
                    RecheckError::Kind::InvalidInput);
        }
        // What was written, read back from the GeoPackage itself.
        SqliteDatabase gpkg(outPath, SqliteDatabase::Mode::ReadOnly);
        for (const BasemapSource& source : settings.sources) {
            BasemapLayerSummary layer;
            layer.name = source.name;
            layer.kind = source.kind;
            if (source.kind == BasemapSource::Kind::Raster) {
                SqliteStatement tiles(gpkg,
                                      QStringLiteral("SELECT count(*), min(zoom_level), max(zoom_level) FROM "
                                                     "\"%1\"")
                                          .arg(source.name));
                tiles.step();
                layer.tiles = tiles.int64(0);
                layer.minZoom = static_cast<int>(tiles.int64(1));
                layer.maxZoom = static_cast<int>(tiles.int64(2));
            } else {
                layer.features =
                    gpkg.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(source.name)).toLongLong();
            }
            result.layers << layer;
        }
    } catch (const Cancelled&) {
        removeFile(outPath);
        return BasemapResult();
    } catch (...) {
        removeFile(outPath);
        throw;
    }
    result.path = outPath;
    result.bytes = QFileInfo(outPath).size();
    if (progress)
        progress(1.0);
    return result;
}

BasemapResult BasemapClipper::writeForPackage(SqliteDatabase& master, SqliteDatabase& package, int srid,
                                              const QString& packagePath, const QString& partialPackagePath) {
    BasemapSettings settings = readSettings(master);
    if (settings.sources.isEmpty())
        return BasemapResult();
    // Sources named relative to the master's folder.
    const QDir masterDir = QFileInfo(master.path()).absoluteDir();
    for (BasemapSource& source : settings.sources)
        if (QFileInfo(source.source).isRelative() && QFileInfo::exists(masterDir.filePath(source.source)))
            source.source = masterDir.filePath(source.source);
    const QString partial = partialPathFor(packagePath);
    removeFile(partial);
    BasemapResult result = clip(settings, package, srid, partial, QFileInfo(partialPackagePath).size());
    result.path = basemapPathFor(packagePath);
    return result;
}

void BasemapClipper::finish(const QString& packagePath) {
    const QString path = basemapPathFor(packagePath);
    const QString partial = partialPathFor(packagePath);
    if (!QFileInfo::exists(partial))
        return;
    QFile::remove(path);
    if (!QFile::rename(partial, path))
        throw RecheckError(QStringLiteral("%1: cannot move the basemap into place").arg(path).toStdString(),
                           RecheckError::Kind::Io);
}

void BasemapClipper::discard(const QString& packagePath) {
    removeFile(partialPathFor(packagePath));
}

} // namespace recheck
