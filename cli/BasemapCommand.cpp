// recheck basemap: the office's offline basemap configuration, which every
// check-out clips into its package (core/sync/BasemapClipper).

#include "CliCommand.h"

#include "archive/Archive.h"
#include "sync/BasemapClipper.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace recheck::cli {

namespace {

class BasemapCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::BasemapCommand)

public:
    QString name() const override { return QStringLiteral("basemap"); }
    QString summary() const override {
        return tr("list or change the basemap sources check-out clips into every package");
    }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("MASTER"), tr("the office master archive"));
        parser.addOption({QStringLiteral("add"), tr("add (or replace) a source of this name"), tr("NAME")});
        parser.addOption({QStringLiteral("source"),
                          tr("the dataset GDAL reads: GeoTIFF, MBTiles, GeoPackage, Shapefile, …"),
                          tr("PATH")});
        parser.addOption({QStringLiteral("vector"), tr("the source is vector data (default: raster)")});
        parser.addOption({QStringLiteral("layer"), tr("vector: the layer of the source"), tr("LAYER")});
        parser.addOption(
            {QStringLiteral("zoom"), tr("raster: zoom levels written (default 12-17)"), tr("MIN-MAX")});
        parser.addOption({QStringLiteral("remove"), tr("remove the source of this name"), tr("NAME")});
        parser.addOption(
            {QStringLiteral("margin"), tr("metres kept around the package's districts"), tr("M")});
        parser.addOption(
            {QStringLiteral("limit"), tr("largest package with its basemap, in MB (0: none)"), tr("MB")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable listing")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        Archive master = Archive::open(parser.positionalArguments().first());
        BasemapSettings settings = BasemapClipper::readSettings(master.db());
        bool changed = false;
        if (parser.isSet(QStringLiteral("remove"))) {
            const QString remove = parser.value(QStringLiteral("remove"));
            const int before = settings.sources.size();
            settings.sources.erase(std::remove_if(settings.sources.begin(), settings.sources.end(),
                                                  [&](const BasemapSource& s) { return s.name == remove; }),
                                   settings.sources.end());
            if (settings.sources.size() == before) {
                io.err << tr("recheck basemap: no source named %1").arg(remove) << '\n';
                return ExitUsage;
            }
            changed = true;
        }
        if (parser.isSet(QStringLiteral("add"))) {
            BasemapSource source;
            source.name = parser.value(QStringLiteral("add"));
            source.source = parser.value(QStringLiteral("source"));
            source.kind = parser.isSet(QStringLiteral("vector")) ? BasemapSource::Kind::Vector
                                                                 : BasemapSource::Kind::Raster;
            source.layer = parser.value(QStringLiteral("layer"));
            if (parser.isSet(QStringLiteral("zoom"))) {
                const QStringList zoom = parser.value(QStringLiteral("zoom")).split(QLatin1Char('-'));
                bool okMin = false;
                bool okMax = false;
                source.minZoom = zoom.value(0).toInt(&okMin);
                source.maxZoom = zoom.size() > 1 ? zoom.value(1).toInt(&okMax) : source.minZoom;
                if (!okMin || (zoom.size() > 1 && !okMax) || zoom.size() > 2) {
                    io.err << tr("recheck basemap: --zoom takes MIN-MAX, e.g. 12-17") << '\n';
                    return ExitUsage;
                }
            }
            if (source.source.isEmpty()) {
                io.err << tr("recheck basemap: --add needs --source") << '\n';
                return ExitUsage;
            }
            bool replaced = false;
            for (BasemapSource& existing : settings.sources)
                if (existing.name == source.name) {
                    existing = source;
                    replaced = true;
                }
            if (!replaced)
                settings.sources << source;
            changed = true;
        }
        if (parser.isSet(QStringLiteral("margin"))) {
            settings.marginMeters = parser.value(QStringLiteral("margin")).toDouble();
            changed = true;
        }
        if (parser.isSet(QStringLiteral("limit"))) {
            settings.maxPackageBytes =
                static_cast<qint64>(parser.value(QStringLiteral("limit")).toDouble() * 1048576.0);
            changed = true;
        }
        if (changed)
            BasemapClipper::writeSettings(master.db(), settings);

        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray sources;
            for (const BasemapSource& s : settings.sources)
                sources.append(QJsonObject{{QStringLiteral("name"), s.name},
                                           {QStringLiteral("kind"), BasemapSource::kindName(s.kind)},
                                           {QStringLiteral("source"), s.source},
                                           {QStringLiteral("layer"), s.layer},
                                           {QStringLiteral("min_zoom"), s.minZoom},
                                           {QStringLiteral("max_zoom"), s.maxZoom}});
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("sources"), sources},
                                                {QStringLiteral("margin_m"), settings.marginMeters},
                                                {QStringLiteral("max_package_mb"),
                                                 static_cast<double>(settings.maxPackageBytes) / 1048576.0}})
                          .toJson(QJsonDocument::Compact)
                   << '\n';
            return ExitOk;
        }
        io.out << tr("Basemap of every package: %1 m around its districts, package at most %2 MB")
                      .arg(settings.marginMeters)
                      .arg(static_cast<double>(settings.maxPackageBytes) / 1048576.0)
               << '\n';
        if (settings.sources.isEmpty())
            io.out << tr("No sources: packages have no basemap.") << '\n';
        for (const BasemapSource& s : settings.sources) {
            if (s.kind == BasemapSource::Kind::Raster)
                io.out
                    << tr("  %1  raster  %2  zoom %3-%4").arg(s.name, s.source).arg(s.minZoom).arg(s.maxZoom)
                    << '\n';
            else
                io.out << tr("  %1  vector  %2 %3").arg(s.name, s.source, s.layer) << '\n';
        }
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(BasemapCommand);

} // namespace

} // namespace recheck::cli
