#include "SpatiaLiteMasterStore.h"

#include "MasterDigest.h"
#include "archive/Archive.h"
#include "common/Sqlite.h"

#include <QFileInfo>

namespace recheck {

SpatiaLiteMasterStore::SpatiaLiteMasterStore(const QString& path) : mPath(path) {}

bool SpatiaLiteMasterStore::hasSchema() {
    return schemaVersion() > 0;
}

void SpatiaLiteMasterStore::createSchema(const MasterSchemaOptions& options) {
    if (QFileInfo::exists(mPath))
        throw RecheckError(
            QStringLiteral("%1: file exists; a new master needs a new file (nothing was changed)")
                .arg(mPath)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    Archive::CreateOptions create;
    create.srid = options.srid;
    create.name = options.name;
    create.createdBy = options.createdBy;
    Archive archive = Archive::create(mPath, create);
    if (!options.archiveId.isEmpty())
        archive.setMeta(QStringLiteral("archive_id"), options.archiveId);
}

int SpatiaLiteMasterStore::schemaVersion() {
    if (!QFileInfo(mPath).isFile())
        return 0;
    try {
        return Archive::schemaVersionOf(mPath);
    } catch (const RecheckError&) {
        return 0;
    }
}

QStringList SpatiaLiteMasterStore::counties() {
    Archive archive = Archive::open(mPath, Archive::Access::ReadOnly);
    QStringList out;
    SqliteStatement counties(archive.db(),
                             QStringLiteral("SELECT DISTINCT county FROM districts "
                                            "WHERE county IS NOT NULL AND county <> '' ORDER BY county"));
    while (counties.step())
        out << counties.text(0);
    return out;
}

void SpatiaLiteMasterStore::addCounties(const QStringList& /*counties*/) {}

TableDigest SpatiaLiteMasterStore::tableDigest(const QString& table, const QStringList& wanted) {
    Archive archive = Archive::open(mPath, Archive::Access::ReadOnly);
    SqliteDatabase& db = archive.db();
    QStringList columns;
    {
        SqliteStatement info(db, QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
        info.bind(1, table);
        while (info.step())
            columns << info.text(0);
    }
    if (columns.isEmpty())
        throw RecheckError(QStringLiteral("%1: no table %2").arg(mPath, table).toStdString(),
                           RecheckError::Kind::InvalidInput);
    if (!wanted.isEmpty()) {
        for (const QString& c : wanted)
            if (!columns.contains(c))
                throw RecheckError(
                    QStringLiteral("%1: table %2 has no column %3").arg(mPath, table, c).toStdString(),
                    RecheckError::Kind::InvalidInput);
        columns = wanted;
    }
    QStringList geometries;
    {
        SqliteStatement g(db, QStringLiteral("SELECT f_geometry_column FROM geometry_columns "
                                             "WHERE lower(f_table_name) = lower(?)"));
        g.bind(1, table);
        while (g.step())
            geometries << g.text(0).toLower();
    }
    // Geometries as WKB, as PgMasterStore::tableDigest reads them.
    QStringList select;
    for (const QString& c : columns)
        select << (geometries.contains(c.toLower()) ? QStringLiteral("AsBinary(\"%1\")").arg(c)
                                                    : QStringLiteral("\"%1\"").arg(c));
    SqliteStatement rows(
        db, QStringLiteral("SELECT %1 FROM \"%2\"").arg(select.join(QStringLiteral(", ")), table));
    TableDigestBuilder digest(table);
    QVariantList values;
    while (rows.step()) {
        values.clear();
        for (int i = 0; i < columns.size(); ++i)
            values << rows.value(i);
        digest.addRow(values);
    }
    return digest.result();
}

QString SpatiaLiteMasterStore::meta(const QString& key) {
    return Archive::open(mPath, Archive::Access::ReadOnly).meta(key);
}

CheckoutResult SpatiaLiteMasterStore::checkout(const QString& packagePath, const CheckoutOptions& options) {
    return PackageWriter::checkout(mPath, packagePath, options);
}

CheckinReport SpatiaLiteMasterStore::checkin(const QString& packagePath, const CheckinOptions& options) {
    return CheckinMerger::checkin(mPath, packagePath, options);
}

QList<SyncConflict> SpatiaLiteMasterStore::conflicts(bool includeResolved) {
    Archive master = Archive::open(mPath, Archive::Access::ReadOnly);
    return ConflictStore(master.db()).list(includeResolved);
}

SyncConflict SpatiaLiteMasterStore::resolve(qint64 id, ConflictChoice choice, const QVariant& value,
                                            const QString& who) {
    Archive master = Archive::open(mPath, Archive::Access::ReadWrite);
    return ConflictStore(master.db()).resolve(id, choice, value, who);
}

planning::GenerationReport SpatiaLiteMasterStore::generatePlan(const planning::GenerationOptions& options) {
    Archive master = Archive::open(mPath, Archive::Access::ReadWrite);
    return planning::PlanGenerator(master.db()).generate(options);
}

std::vector<planning::TaskProgress>
SpatiaLiteMasterStore::progress(const planning::ProgressOptions& options) {
    Archive master = Archive::open(mPath, Archive::Access::ReadOnly);
    return planning::ProgressReport(master.db()).tasks(options);
}

planning::PlanTasks::Reschedule SpatiaLiteMasterStore::reschedule(const QString& taskUuid, const QDate& start,
                                                                  const QDate& end, const QString& user) {
    Archive master = Archive::open(mPath, Archive::Access::ReadWrite);
    return planning::PlanTasks(master.db()).reschedule(taskUuid, start, end, user);
}

RemindResult SpatiaLiteMasterStore::remind(const RemindRequest& request) {
    Archive master = Archive::open(mPath, Archive::Access::ReadWrite);
    ReminderPolicy policy = ReminderPolicy::fromArchive(master.db());
    request.config.applyTo(policy);
    ReminderOutbox outbox(master.db());
    RemindResult result;
    result.queued = outbox.queueFromRules(request.now, policy, request.dryRun);
    if (request.send && request.dryRun)
        result.wouldSend = outbox.due(request.now);
    else if (request.send)
        result.delivered = outbox.deliverDue(request.now, policy, request.senders);
    return result;
}

io::ImportResult SpatiaLiteMasterStore::importFile(const QString& file, const io::ImportOptions& options) {
    Archive master = Archive::open(mPath, Archive::Access::ReadWrite);
    return io::ArchiveImporter::run(master, file, options);
}

io::ExportResult SpatiaLiteMasterStore::exportCustomers(const QString& path,
                                                        const io::ExportOptions& options) {
    Archive master = Archive::open(mPath, Archive::Access::ReadOnly);
    return io::ArchiveExporter::exportCustomers(master, path, options);
}

} // namespace recheck
