#include "DropFolderPull.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace recheck::io {

QString DropFolderPull::outcomeName(PullFile::Outcome outcome) {
    switch (outcome) {
    case PullFile::Outcome::Applied:
        return QStringLiteral("applied");
    case PullFile::Outcome::AlreadyApplied:
        return QStringLiteral("already_applied");
    case PullFile::Outcome::InvalidRows:
        return QStringLiteral("invalid_rows");
    case PullFile::Outcome::Refused:
        return QStringLiteral("refused");
    case PullFile::Outcome::NotSettled:
        return QStringLiteral("not_settled");
    }
    return {};
}

PullResult DropFolderPull::run(Archive& archive, const PullOptions& options) {
    const QDir folder(options.folder);
    if (!folder.exists())
        throw RecheckError(QStringLiteral("%1: no such folder").arg(options.folder).toStdString(),
                           RecheckError::Kind::InvalidInput);
    SqliteDatabase& db = archive.db();
    const QString kind = importKindName(options.import.profile.kind);
    PullResult result;
    {
        SqliteStatement watermark(
            db, QStringLiteral("SELECT max(source_mtime) FROM import_runs WHERE via = 'pull' AND kind = ?"));
        watermark.bind(1, kind);
        if (watermark.step() && !watermark.isNull(0))
            result.watermarkBefore = watermark.text(0);
    }
    result.watermarkAfter = result.watermarkBefore;

    static const QStringList patterns = {
        QStringLiteral("*.csv"),  QStringLiteral("*.xlsx"), QStringLiteral("*.xlsm"),
        QStringLiteral("*.shp"),  QStringLiteral("*.gpkg"), QStringLiteral("*.geojson"),
        QStringLiteral("*.json"), QStringLiteral("*.dbf"),  QStringLiteral("*.dxf")};
    QFileInfoList candidates;
    for (const QFileInfo& info : folder.entryInfoList(patterns, QDir::Files | QDir::Readable, QDir::Name)) {
        if (info.fileName().startsWith(QLatin1Char('.')))
            continue;
        // A .dbf beside a .shp is part of the shapefile.
        if (info.suffix().compare(QLatin1String("dbf"), Qt::CaseInsensitive) == 0 &&
            QFileInfo::exists(info.path() + QLatin1Char('/') + info.completeBaseName() +
                              QStringLiteral(".shp")))
            continue;
        const QString mtime = info.lastModified().toUTC().toString(Qt::ISODateWithMs);
        // Equal times are taken again: the hash tells a file already applied
        // from a new one written in the same millisecond.
        if (!result.watermarkBefore.isEmpty() && mtime < result.watermarkBefore)
            continue;
        candidates << info;
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const QFileInfo& a, const QFileInfo& b) {
        return a.lastModified() < b.lastModified();
    });

    const QDateTime settledBefore = QDateTime::currentDateTimeUtc().addSecs(-options.settleSeconds);
    SqliteStatement applied(db,
                            QStringLiteral("SELECT 1 FROM import_runs WHERE source_sha256 = ? AND kind = ?"));
    for (const QFileInfo& info : candidates) {
        PullFile file;
        file.path = info.absoluteFilePath();
        if (options.settleSeconds > 0 && info.lastModified().toUTC() > settledBefore) {
            file.outcome = PullFile::Outcome::NotSettled;
            result.files.push_back(std::move(file));
            result.stopped = true;
            break;
        }
        try {
            const QString digest = ArchiveImporter::sourceDigest(file.path);
            applied.reset();
            applied.bind(1, digest).bind(2, kind);
            if (applied.step()) {
                file.outcome = PullFile::Outcome::AlreadyApplied;
                file.result.sha256 = digest;
                result.files.push_back(std::move(file));
                continue;
            }
            ImportOptions import = options.import;
            import.via = QStringLiteral("pull");
            if (!options.reportFolder.isEmpty())
                import.reportBase =
                    QDir(options.reportFolder)
                        .filePath(QStringLiteral("%1-%2").arg(
                            info.completeBaseName(),
                            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmsszzz"))));
            file.result = ArchiveImporter::run(archive, file.path, import);
            file.outcome = file.result.applied ? PullFile::Outcome::Applied : PullFile::Outcome::InvalidRows;
        } catch (const RecheckError& e) {
            if (e.kind() != RecheckError::Kind::InvalidInput)
                throw;
            file.outcome = PullFile::Outcome::Refused;
            file.error = QString::fromUtf8(e.what());
        }
        const bool ok = file.outcome == PullFile::Outcome::Applied;
        if (ok)
            result.watermarkAfter =
                std::max(result.watermarkAfter, info.lastModified().toUTC().toString(Qt::ISODateWithMs));
        result.files.push_back(std::move(file));
        if (!ok) {
            result.stopped = true;
            break;
        }
    }
    return result;
}

} // namespace recheck::io
