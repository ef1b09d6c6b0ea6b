#pragma once

// A package travelling as one file: `recheck checkout --zip` puts the package,
// its QGIS project and what else was written beside it into one zip; a
// check-in accepts that zip and takes the package out of it.

#include <QString>
#include <QStringList>

namespace recheck {

class PackageZip {
public:
    /// Writes `zipPath` holding `files`, each at the top level under its file
    /// name (deflated, zip64, UTF-8 names). Written as zipPath + ".partial"
    /// and renamed, so a killed run never leaves a half zip at `zipPath`.
    /// Refuses an existing `zipPath`. Throws RecheckError (Io, InvalidInput).
    static void write(const QString& zipPath, const QStringList& files);

    /// Zips a checked-out package with what was written beside it (every file
    /// of its folder with the same base name: its QGIS project …) into
    /// <folder>/<base name>.zip, then removes the zipped files, so that one
    /// file travels. Returns the zip's path. Throws RecheckError (Io,
    /// InvalidInput); the loose files stay when the zip cannot be written.
    static QString bundle(const QString& packagePath);

    /// True when `path` is a file starting with a zip signature.
    static bool isZip(const QString& path);

    /// The names of the entries of a zip, in zip order. Throws RecheckError
    /// (Io: unreadable or not a zip).
    static QStringList entries(const QString& zipPath);

    /// Extracts the zip's one archive file (an entry ending in .sqlite or
    /// .rchk, in any folder of the zip) into `folder` and returns its path.
    /// Throws RecheckError: InvalidInput when the zip holds none or several,
    /// Io when it is damaged (a CRC mismatch, a short entry) or cannot be
    /// written out.
    static QString extractPackage(const QString& zipPath, const QString& folder,
                                  QString* entryName = nullptr);
};

} // namespace recheck
