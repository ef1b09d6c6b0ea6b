// `recheck migrate SPATIALITE_MASTER POSTGRES_URL`: moves an office master
// into PostgreSQL + PostGIS (core/master), verified table by table.

#include "CliCommand.h"
#include "CliProgress.h"

#include "master/PgConnection.h"
#include "master/PgMasterMigration.h"
#include "master/PgMasterStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

class MigrateCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::MigrateCommand)

public:
    QString name() const override { return QStringLiteral("migrate"); }
    QString summary() const override {
        return tr("move a SpatiaLite master into an empty PostgreSQL/PostGIS database, partitioned by county "
                  "(row counts and checksums compared)");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("SPATIALITE_MASTER"), tr("the master archive file"));
        parser.addPositionalArgument(
            QStringLiteral("POSTGRES_URL"),
            tr("the PostgreSQL database: postgresql://user@host:port/dbname or 'host=… port=… dbname=…' "
               "(a password is best kept in ~/.pgpass)"));
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 2))
            return status;
        const QString source = parser.positionalArguments().at(0);
        const QString url = parser.positionalArguments().at(1);
        if (!PgConnection::isConnectionString(url)) {
            io.err << tr("recheck migrate: '%1' is not a PostgreSQL connection string (postgresql://… or "
                         "host=… dbname=…)")
                          .arg(url)
                   << '\n';
            return ExitUsage;
        }
        PgMasterStore target(url);
        CliProgress progress(io.err, tr("Migrating to PostgreSQL"));
        const MigrationReport report = PgMasterMigration::migrate(
            source, target, [&](const QString& /*table*/, double fraction) { progress.update(fraction); });
        progress.finish();

        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray tables;
            for (const MigratedTable& t : report.tables)
                tables.append(QJsonObject{{QStringLiteral("table"), t.table},
                                          {QStringLiteral("rows"), static_cast<qint64>(t.target.rows)},
                                          {QStringLiteral("sha256"), t.target.sha256},
                                          {QStringLiteral("source_rows"), static_cast<qint64>(t.source.rows)},
                                          {QStringLiteral("source_sha256"), t.source.sha256},
                                          {QStringLiteral("partitioned_by_county"), t.partitioned},
                                          {QStringLiteral("verbatim"), t.verbatim}});
            const QJsonObject o{{QStringLiteral("source"), report.source},
                                {QStringLiteral("target"), report.target},
                                {QStringLiteral("archive_id"), report.archiveId},
                                {QStringLiteral("counties"), QJsonArray::fromStringList(report.counties)},
                                {QStringLiteral("tables"), tables},
                                {QStringLiteral("derived_tables_not_copied"),
                                 QJsonArray::fromStringList(report.derivedTables)},
                                {QStringLiteral("rows"), static_cast<qint64>(report.rows)},
                                {QStringLiteral("seconds"), report.seconds}};
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Migrated %1 → %2").arg(report.source, report.target) << '\n'
               << tr("Counties (one partition each): %1")
                      .arg(report.counties.isEmpty() ? tr("none")
                                                     : report.counties.join(QStringLiteral(", ")))
               << '\n';
        io.out << tr("%1 %2 %3 (archive = PostgreSQL)")
                      .arg(tr("table").leftJustified(28), tr("rows").rightJustified(10), tr("SHA-256"))
               << '\n';
        for (const MigratedTable& t : report.tables)
            io.out << QStringLiteral("%1 %2 %3%4\n")
                          .arg(t.table.leftJustified(28))
                          .arg(QString::number(t.target.rows).rightJustified(10))
                          .arg(t.target.sha256.left(16))
                          .arg(t.partitioned ? tr(" (by county)") : QString());
        io.out << tr("%1 rows in %2 tables, every count and checksum equal, in %3 s")
                      .arg(report.rows)
                      .arg(report.tables.size())
                      .arg(report.seconds, 0, 'f', 1)
               << '\n'
               << tr("Not copied (rebuilt from the data): %1")
                      .arg(report.derivedTables.join(QStringLiteral(", ")))
               << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(MigrateCommand);

} // namespace

} // namespace recheck::cli
