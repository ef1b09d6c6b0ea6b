#include "PackageZip.h"

#include "common/RecheckError.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>
#include <vector>

namespace recheck {

namespace {

constexpr qint64 kChunk = 1 << 20;
constexpr uLong kUtf8NameFlag = 1u << 11; // general purpose bit 11: names are UTF-8

[[noreturn]] void fail(const QString& message, RecheckError::Kind kind = RecheckError::Kind::Io) {
    throw RecheckError(message.toStdString(), kind);
}

bool isArchiveEntry(const QString& name) {
    return !name.endsWith(QLatin1Char('/')) &&
           (name.endsWith(QLatin1String(".sqlite"), Qt::CaseInsensitive) ||
            name.endsWith(QLatin1String(".rchk"), Qt::CaseInsensitive));
}

struct ZipCloser {
    void operator()(void* zip) const { zipClose(zip, nullptr); }
};
struct UnzipCloser {
    void operator()(void* unzip) const { unzClose(unzip); }
};
using UnzipHandle = std::unique_ptr<void, UnzipCloser>;

UnzipHandle openUnzip(const QString& zipPath) {
    UnzipHandle unzip(unzOpen64(QFile::encodeName(zipPath).constData()));
    if (!unzip)
        fail(QStringLiteral("%1: cannot be read as a zip file").arg(zipPath));
    return unzip;
}

QString currentEntryName(void* unzip, const QString& zipPath, unz_file_info64* info) {
    char name[4096];
    if (unzGetCurrentFileInfo64(unzip, info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK)
        fail(QStringLiteral("%1: damaged zip directory").arg(zipPath));
    // Bit 11 says UTF-8; without it, zips from Windows tools may hold a
    // local code page, which QString::fromLocal8Bit is the best guess for.
    return (info->flag & kUtf8NameFlag) ? QString::fromUtf8(name) : QString::fromLocal8Bit(name);
}

} // namespace

void PackageZip::write(const QString& zipPath, const QStringList& files) {
    if (QFileInfo::exists(zipPath))
        fail(QStringLiteral("%1 exists already; not overwriting it").arg(zipPath),
             RecheckError::Kind::InvalidInput);
    const QString partial = zipPath + QStringLiteral(".partial");
    QFile::remove(partial);
    {
        std::unique_ptr<void, ZipCloser> zip(
            zipOpen64(QFile::encodeName(partial).constData(), APPEND_STATUS_CREATE));
        if (!zip)
            fail(QStringLiteral("%1: cannot create the zip file").arg(partial));
        QByteArray buffer;
        for (const QString& path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                fail(QStringLiteral("%1: cannot read it for the zip: %2").arg(path, file.errorString()));
            zip_fileinfo info{};
            const QDateTime modified = QFileInfo(path).lastModified();
            info.tmz_date.tm_year = static_cast<uInt>(modified.date().year());
            info.tmz_date.tm_mon = static_cast<uInt>(modified.date().month() - 1);
            info.tmz_date.tm_mday = static_cast<uInt>(modified.date().day());
            info.tmz_date.tm_hour = static_cast<uInt>(modified.time().hour());
            info.tmz_date.tm_min = static_cast<uInt>(modified.time().minute());
            info.tmz_date.tm_sec = static_cast<uInt>(modified.time().second());
            const QByteArray name = QFileInfo(path).fileName().toUtf8();
            if (zipOpenNewFileInZip4_64(zip.get(), name.constData(), &info, nullptr, 0, nullptr, 0, nullptr,
                                        Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS, DEF_MEM_LEVEL,
                                        Z_DEFAULT_STRATEGY, nullptr, 0, 0, kUtf8NameFlag, 1) != ZIP_OK)
                fail(QStringLiteral("%1: cannot add %2").arg(partial, path));
            while (!file.atEnd()) {
                buffer = file.read(kChunk);
                if (buffer.isEmpty() && file.error() != QFile::NoError)
                    fail(QStringLiteral("%1: read error: %2").arg(path, file.errorString()));
                if (zipWriteInFileInZip(zip.get(), buffer.constData(),
                                        static_cast<unsigned>(buffer.size())) != ZIP_OK)
                    fail(QStringLiteral("%1: write error (disk full?)").arg(partial));
            }
            if (zipCloseFileInZip(zip.get()) != ZIP_OK)
                fail(QStringLiteral("%1: write error (disk full?)").arg(partial));
        }
        if (zipClose(zip.release(), nullptr) != ZIP_OK)
            fail(QStringLiteral("%1: write error (disk full?)").arg(partial));
    }
    if (!QFile::rename(partial, zipPath)) {
        QFile::remove(partial);
        fail(QStringLiteral("%1: cannot rename it to %2").arg(partial, zipPath));
    }
}

QString PackageZip::bundle(const QString& packagePath) {
    const QFileInfo package(packagePath);
    if (!package.isFile())
        fail(QStringLiteral("%1: no such package").arg(packagePath), RecheckError::Kind::InvalidInput);
    const QString base = package.completeBaseName();
    const QDir folder = package.absoluteDir();
    QStringList files{package.absoluteFilePath()};
    for (const QFileInfo& beside : folder.entryInfoList(QDir::Files, QDir::Name)) {
        const QString suffix = beside.suffix().toLower();
        if (beside.completeBaseName() == base && beside != package && suffix != QLatin1String("zip") &&
            suffix != QLatin1String("partial"))
            files << beside.absoluteFilePath();
    }
    const QString zipPath = folder.absoluteFilePath(base + QStringLiteral(".zip"));
    write(zipPath, files);
    for (const QString& file : files)
        QFile::remove(file);
    return zipPath;
}

bool PackageZip::isZip(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArray("PK\x03\x04", 4);
}

QStringList PackageZip::entries(const QString& zipPath) {
    UnzipHandle unzip = openUnzip(zipPath);
    QStringList names;
    for (int status = unzGoToFirstFile(unzip.get()); status == UNZ_OK;
         status = unzGoToNextFile(unzip.get())) {
        unz_file_info64 info{};
        names << currentEntryName(unzip.get(), zipPath, &info);
    }
    return names;
}

QString PackageZip::extractPackage(const QString& zipPath, const QString& folder, QString* entryName) {
    UnzipHandle unzip = openUnzip(zipPath);
    QStringList candidates;
    unz64_file_pos position{};
    for (int status = unzGoToFirstFile(unzip.get()); status == UNZ_OK;
         status = unzGoToNextFile(unzip.get())) {
        unz_file_info64 info{};
        const QString name = currentEntryName(unzip.get(), zipPath, &info);
        if (isArchiveEntry(name)) {
            if (candidates.isEmpty())
                unzGetFilePos64(unzip.get(), &position);
            candidates << name;
        }
    }
    if (candidates.isEmpty())
        fail(QStringLiteral("%1: the zip holds no package (no .sqlite or .rchk file)").arg(zipPath),
             RecheckError::Kind::InvalidInput);
    if (candidates.size() > 1)
        fail(QStringLiteral("%1: the zip holds %2 archive files (%3); check in one package at a time")
                 .arg(zipPath)
                 .arg(candidates.size())
                 .arg(candidates.join(QStringLiteral(", "))),
             RecheckError::Kind::InvalidInput);
    if (entryName)
        *entryName = candidates.first();

    if (unzGoToFilePos64(unzip.get(), &position) != UNZ_OK || unzOpenCurrentFile(unzip.get()) != UNZ_OK)
        fail(QStringLiteral("%1: cannot open %2 in the zip").arg(zipPath, candidates.first()));
    const QString target = QDir(folder).absoluteFilePath(QFileInfo(candidates.first()).fileName());
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(QStringLiteral("%1: cannot write it: %2").arg(target, out.errorString()));
    std::vector<char> buffer(static_cast<std::size_t>(kChunk));
    for (;;) {
        const int read = unzReadCurrentFile(unzip.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
        if (read < 0) {
            unzCloseCurrentFile(unzip.get());
            fail(QStringLiteral("%1: %2 in the zip is damaged (cannot be inflated)")
                     .arg(zipPath, candidates.first()));
        }
        if (read == 0)
            break;
        if (out.write(buffer.data(), read) != read)
            fail(QStringLiteral("%1: write error: %2").arg(target, out.errorString()));
    }
    // The CRC of the whole entry is checked here.
    if (unzCloseCurrentFile(unzip.get()) != UNZ_OK)
        fail(QStringLiteral("%1: %2 in the zip is damaged (CRC mismatch)").arg(zipPath, candidates.first()));
    if (!out.flush())
        fail(QStringLiteral("%1: write error: %2").arg(target, out.errorString()));
    return target;
}

} // namespace recheck
