// Verbs about an archive file itself: info, upgrade.

#include "CliCommand.h"

#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck::cli {

namespace {

class InfoCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::InfoCommand)

public:
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override {
        return tr("show what an archive is: id, role, schema, CRS, row counts");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the archive file"));
        parser.addOption({QStringLiteral("json"), tr("machine-readable output")});
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        Archive archive = Archive::open(parser.positionalArguments().first(), Archive::Access::ReadOnly);
        const ArchiveInfo& info = archive.info();
        QJsonObject counts;
        for (const SyncedTable& table : ArchiveSchema::syncedTables())
            counts.insert(
                table.name,
                archive.db().scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table.name)).toLongLong());
        const qlonglong changes =
            archive.db().scalar(QStringLiteral("SELECT count(*) FROM change_log")).toLongLong();
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonObject o{{QStringLiteral("path"), archive.path()},
                          {QStringLiteral("archive_id"), info.id},
                          {QStringLiteral("role"), ArchiveInfo::roleName(info.role)},
                          {QStringLiteral("schema_version"), info.schemaVersion},
                          {QStringLiteral("srid"), info.srid},
                          {QStringLiteral("name"), info.name},
                          {QStringLiteral("created_at"), info.createdAt},
                          {QStringLiteral("rows"), counts},
                          {QStringLiteral("change_log_entries"), changes}};
            io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        io.out << tr("Archive:        %1").arg(archive.path()) << '\n'
               << tr("Name:           %1").arg(info.name) << '\n'
               << tr("Id:             %1").arg(info.id) << '\n'
               << tr("Role:           %1").arg(ArchiveInfo::roleName(info.role)) << '\n'
               << tr("Schema version: %1").arg(info.schemaVersion) << '\n'
               << tr("CRS:            EPSG:%1").arg(info.srid) << '\n'
               << tr("Created:        %1").arg(info.createdAt) << '\n';
        for (auto it = counts.begin(); it != counts.end(); ++it)
            io.out << QStringLiteral("  %1 %2\n")
                          .arg(it.key().leftJustified(16))
                          .arg(it.value().toVariant().toLongLong());
        io.out << tr("Change log entries: %1").arg(changes) << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(InfoCommand);

class UpgradeCommand : public CliCommand {
    Q_DECLARE_TR_FUNCTIONS(recheck::cli::UpgradeCommand)

public:
    QString name() const override { return QStringLiteral("upgrade"); }
    QString summary() const override {
        return tr("bring an archive written by an older Recheck to the current schema");
    }
    int run(const QStringList& args, CliIo& io) override {
        QCommandLineParser parser;
        parser.setApplicationDescription(summary());
        parser.addPositionalArgument(QStringLiteral("ARCHIVE"), tr("the archive file"));
        int status = ExitOk;
        if (!parseVerbArguments(parser, name(), args, io, status, 1))
            return status;
        const QString path = parser.positionalArguments().first();
        const int before = Archive::upgrade(path);
        if (before == ArchiveSchema::currentVersion())
            io.out << tr("%1: already at schema v%2").arg(path).arg(before) << '\n';
        else
            io.out << tr("%1: upgraded from schema v%2 to v%3")
                          .arg(path)
                          .arg(before)
                          .arg(ArchiveSchema::currentVersion())
                   << '\n';
        return ExitOk;
    }
};
RECHECK_REGISTER_COMMAND(UpgradeCommand);

} // namespace

} // namespace recheck::cli
