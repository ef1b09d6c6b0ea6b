// `recheck demo`: a realistic, deterministic demo county (master archive +
// QGIS project), optionally rendered to a PNG for headless use.

#include "CliCommand.h"
#include "CliProgress.h"

#include "RecheckQgis.h"
#include "archive/DemoCountyGenerator.h"

#include <qgslayertree.h>
#include <qgsmaplayer.h>
#include <qgsmaprenderersequentialjob.h>
#include <qgsmapsettings.h>
#include <qgsproject.h>
#include <qgsprojectviewsettings.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

/// Renders every layer of a project, in its extent, to a PNG.
bool renderProject(const QString& projectPath, const QString& pngPath, QString* error) {
    QgsProject project;
    if (!project.read(projectPath)) {
        *error = tr("%1: cannot read the project: %2").arg(projectPath, project.error());
        return false;
    }
    QList<QgsMapLayer*> layers;
    const auto tree = project.layerTreeRoot()->layerOrder();
    for (QgsMapLayer* layer : tree)
        if (layer && layer->isValid())
            layers << layer;
    if (layers.isEmpty()) {
        *error = tr("%1: no valid layer to render").arg(projectPath);
        return false;
    }
    QgsMapSettings settings;
    settings.setLayers(layers);
    settings.setDestinationCrs(project.crs());
    settings.setOutputSize(QSize(1600, 1200));
    settings.setOutputDpi(96);
    settings.setBackgroundColor(Qt::white);
    settings.setFlag(Qgis::MapSettingsFlag::Antialiasing, true);
    settings.setTransformContext(project.transformContext());
    QgsRectangle extent = project.viewSettings()->defaultViewExtent();
    if (extent.isEmpty())
        extent = settings.fullExtent();
    settings.setExtent(extent);
    QgsMapRendererSequentialJob job(settings);
    job.start();
    job.waitForFinished();
    if (!job.renderedImage().save(pngPath)) {
        *error = tr("%1: cannot write the image").arg(pngPath);
        return false;
    }
    return true;
}

class DemoCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::DemoCommand)

public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override {
        return tr("create a realistic demo county: master archive and QGIS project (deterministic per seed)");
    }
    bool needsQgis() const override { return true; }

    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addOption(
            {QStringLiteral("out"), tr("folder for master.sqlite and recheck-demo.qgs"), tr("DIR")});
        parser.addOption({QStringLiteral("customers"), tr("number of customers (default 20000)"), tr("N"),
                          QStringLiteral("20000")});
        parser.addOption({QStringLiteral("districts"), tr("number of transformer districts (default 40)"),
                          tr("M"), QStringLiteral("40")});
        parser.addOption({QStringLiteral("seed"), tr("random seed: the same seed gives the same county"),
                          tr("S"), QStringLiteral("1")});
        parser.addOption({QStringLiteral("force"), tr("replace an existing demo in DIR")});
        parser.addOption({QStringLiteral("no-project"), tr("write the archive only (no QGIS project)")});
        parser.addOption(
            {QStringLiteral("render"), tr("also render the project's map to a PNG"), tr("FILE.png")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable summary")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status))
            return status;

        if (!parser.isSet(QStringLiteral("out"))) {
            io.err << tr("recheck demo: --out DIR is required") << '\n';
            return ExitUsage;
        }
        bool okCustomers = false, okDistricts = false, okSeed = false;
        DemoCountyOptions options;
        options.customers = parser.value(QStringLiteral("customers")).toInt(&okCustomers);
        options.districts = parser.value(QStringLiteral("districts")).toInt(&okDistricts);
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&okSeed);
        if (!okCustomers || !okDistricts || !okSeed || options.customers < 1 || options.districts < 1 ||
            options.districts > options.customers) {
            io.err
                << tr("recheck demo: --customers and --districts must be positive integers with districts ≤ "
                      "customers, --seed a non-negative integer")
                << '\n';
            return ExitUsage;
        }

        const QDir out(parser.value(QStringLiteral("out")));
        if (!QDir().mkpath(out.absolutePath())) {
            io.err << tr("recheck demo: cannot create %1").arg(out.absolutePath()) << '\n';
            return ExitFailure;
        }
        const QString archivePath = out.absoluteFilePath(QStringLiteral("master.sqlite"));
        const QString projectPath = out.absoluteFilePath(QStringLiteral("recheck-demo.qgs"));
        if (QFileInfo::exists(archivePath)) {
            if (!parser.isSet(QStringLiteral("force"))) {
                io.err << tr("recheck demo: %1 exists; use --force to replace it").arg(archivePath) << '\n';
                return ExitRefused;
            }
            QFile::remove(archivePath);
            QFile::remove(projectPath);
        }

        CliProgress progress(io.err, tr("Generating demo county"));
        DemoCountyGenerator generator(options);
        const DemoCountySummary summary = generator.generate(archivePath, [&](double fraction) {
            progress.update(fraction);
            return true;
        });
        progress.finish();

        QString error;
        const bool writeProject = !parser.isSet(QStringLiteral("no-project"));
        if (writeProject && !recheck::qgis::writeArchiveProject(archivePath, projectPath, &error)) {
            io.err << tr("recheck demo: %1").arg(error) << '\n';
            return ExitFailure;
        }
        const QString png = parser.value(QStringLiteral("render"));
        if (!png.isEmpty() && (!writeProject || !renderProject(projectPath, png, &error))) {
            io.err << tr("recheck demo: %1").arg(writeProject ? error : tr("--render needs the project"))
                   << '\n';
            return ExitFailure;
        }

        const double rate = summary.seconds > 0 ? summary.customers / summary.seconds : 0.0;
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject o{{QStringLiteral("archive"), archivePath},
                          {QStringLiteral("project"), writeProject ? projectPath : QString()},
                          {QStringLiteral("render"), png},
                          {QStringLiteral("customers"), summary.customers},
                          {QStringLiteral("districts"), summary.districts},
                          {QStringLiteral("feeders"), summary.feeders},
                          {QStringLiteral("staff"), summary.staff},
                          {QStringLiteral("plans"), summary.plans},
                          {QStringLiteral("tasks"), summary.tasks},
                          {QStringLiteral("visits"), summary.visits},
                          {QStringLiteral("roads"), summary.roads},
                          {QStringLiteral("shared_locations"), summary.sharedLocations},
                          {QStringLiteral("seconds"), summary.seconds},
                          {QStringLiteral("customers_per_second"), rate}};
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Demo county written (seed %1):").arg(options.seed) << '\n'
               << tr("  %1 customers in %2 transformer districts, %3 feeders, %4 road lines")
                      .arg(summary.customers)
                      .arg(summary.districts)
                      .arg(summary.feeders)
                      .arg(summary.roads)
               << '\n'
               << tr("  %1 locations shared by several meters (multi-meter buildings)")
                      .arg(summary.sharedLocations)
               << '\n'
               << tr("  %1 staff, %2 plans, %3 tasks, %4 visits recorded")
                      .arg(summary.staff)
                      .arg(summary.plans)
                      .arg(summary.tasks)
                      .arg(summary.visits)
               << '\n'
               << tr("  generated in %1 s (%2 customers/s)")
                      .arg(summary.seconds, 0, 'f', 2)
                      .arg(static_cast<qlonglong>(rate))
               << '\n'
               << tr("Archive: %1").arg(archivePath) << '\n';
        if (writeProject)
            io.out << tr("Project: %1").arg(projectPath) << '\n';
        if (!png.isEmpty())
            io.out << tr("Map:     %1").arg(QFileInfo(png).absoluteFilePath()) << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(DemoCommand);

} // namespace

} // namespace recheck::cli
