// `recheck init MASTER`: creates an empty office master, a SpatiaLite file
// or a PostgreSQL + PostGIS database (core/master's MasterStore), with the
// code lists, rules and settings a new archive gets.

#include "CliCommand.h"
#include "MasterArgument.h"

#include "sync/PackageWriter.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

class InitCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::InitCommand)

public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override {
        return tr("create an empty office master: a SpatiaLite file or a PostgreSQL/PostGIS database");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(
            tr("Creates an empty master in one transaction and refuses when one is already there. A "
               "PostgreSQL master gets a partition per county named with --counties (others can follow: "
               "customers of a county without one wait in the default partition)."));
        parser.addPositionalArgument(
            QStringLiteral("MASTER"),
            tr("a new SpatiaLite file, or an empty PostgreSQL database: postgresql://user@host:port/dbname, "
               "'host=… port=… dbname=…' or authcfg=ID (a QGIS authentication config)"));
        parser.addOption({QStringLiteral("srid"), tr("the archive CRS (default 4490, CGCS2000)"), tr("N")});
        parser.addOption({QStringLiteral("name"), tr("the master's name"), tr("TEXT")});
        parser.addOption(
            {QStringLiteral("counties"), tr("counties to create partitions for (PostgreSQL)"), tr("A,B,…")});
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        MasterSchemaOptions options;
        if (parser.isSet(QStringLiteral("srid"))) {
            bool ok = false;
            options.srid = parser.value(QStringLiteral("srid")).toInt(&ok);
            if (!ok || options.srid <= 0) {
                io.err << tr("recheck init: --srid must be a positive EPSG code") << '\n';
                return ExitUsage;
            }
        }
        options.name = parser.value(QStringLiteral("name"));
        options.createdBy = PackageWriter::loginName();
        QStringList counties;
        for (const QString& county : parser.value(QStringLiteral("counties")).split(QLatin1Char(',')))
            if (!county.trimmed().isEmpty() && !counties.contains(county.trimmed()))
                counties << county.trimmed();

        const std::unique_ptr<MasterStore> master = openMasterArgument(parser.positionalArguments().first());
        if (master->hasSchema()) {
            io.err << tr("recheck init: %1 already holds a Recheck master (schema v%2); nothing was changed")
                          .arg(master->location())
                          .arg(master->schemaVersion())
                   << '\n';
            return ExitRefused;
        }
        master->createSchema(options);
        master->addCounties(counties);
        const QStringList partitions =
            master->backend() == QLatin1String("postgresql") ? master->counties() : QStringList();
        if (parser.isSet(QStringLiteral("json"))) {
            io.out << QJsonDocument(
                          QJsonObject{
                              {QStringLiteral("master"), master->location()},
                              {QStringLiteral("backend"), master->backend()},
                              {QStringLiteral("archive_id"), master->meta(QStringLiteral("archive_id"))},
                              {QStringLiteral("srid"), options.srid},
                              {QStringLiteral("schema_version"), master->schemaVersion()},
                              {QStringLiteral("county_partitions"), QJsonArray::fromStringList(partitions)}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Created an empty %1 master at %2 (archive id %3, CRS EPSG:%4)")
                      .arg(master->backend(), master->location(), master->meta(QStringLiteral("archive_id")))
                      .arg(options.srid)
               << '\n';
        if (!partitions.isEmpty())
            io.out << tr("County partitions: %1").arg(partitions.join(QStringLiteral(", "))) << '\n';
        else if (!counties.isEmpty())
            io.out << tr("A SpatiaLite master holds every county in one file: --counties needs no partitions "
                         "here")
                   << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(InitCommand);

} // namespace

} // namespace recheck::cli
