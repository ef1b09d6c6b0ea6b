#pragma once

#include "BasemapClipper.h"
#include "PackageMeta.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

namespace recheck {

struct CheckoutOptions {
    QStringList districtCodes; ///< the scope: districts.code values
    QString assignee;          ///< staff.code of the inspector; optional
    QString checkedOutBy;      ///< empty: the login name
    /// progress(fraction 0..1); return false to cancel (nothing is left behind).
    std::function<bool(double)> progress;
};

struct CheckoutResult {
    PackageMeta meta;
    QString packagePath;
    QList<QPair<QString, qint64>> rowsPerTable; ///< synced tables, parents first
    qint64 rows = 0;                            ///< synced rows copied
    double seconds = 0;
    QList<QPair<QString, double>> phases; ///< wall time per phase
    BasemapResult basemap;                ///< the offline basemap beside the package, if configured
};

/// Check-out: copies a scope of a master into a new package file with the
/// frozen base, the package's shadow triggers and its metadata, then records
/// the check-out in the master.
class PackageWriter {
public:
    /// Writes `packagePath` (refuses an existing file). The package is built
    /// as packagePath + ".partial" and renamed at the end, so a killed
    /// check-out never leaves a package at `packagePath`. Throws RecheckError
    /// (InvalidInput: unknown district or staff code; Io; Database).
    static CheckoutResult checkout(const QString& masterPath, const QString& packagePath,
                                   const CheckoutOptions& options);

    /// A file name for a package of these districts, e.g.
    /// "TQ0001_TQ0002-20261102-103000.sqlite".
    static QString defaultFileName(const QStringList& districtCodes);

    /// The login name, for "who checked it out".
    static QString loginName();
};

} // namespace recheck
