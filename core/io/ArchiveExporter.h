#pragma once

#include "IoTypes.h"

#include <QString>

namespace recheck {
class Archive;
}

namespace recheck::io {

struct ExportOptions {
    /// Only customers changed on or after this date/time (ISO 8601, UTC; a
    /// bare date means its start). Empty: all.
    QString changedSince;
    /// Only customers visited on site (result ok or discrepancy).
    bool verifiedOnly = false;
    /// CSV only: UTF-8 (default) or GB18030 for MIS imports that want GBK.
    SourceEncoding encoding = SourceEncoding::Utf8;
    ProgressCallback progress;
};

struct ExportResult {
    QString path;
    QString driver;
    qint64 rows = 0;
};

/// Writes the archive's customers for upload into the MIS through GDAL: CSV,
/// XLSX or GPKG by the file's suffix. Columns carry the archive field names
/// (so an export imports back as is), the district and feeder codes, x/y in
/// the archive CRS (GPKG: a point geometry), and what the field work says:
/// updated_at/updated_by, the last visit and the fields changed by accepted
/// discrepancies or field check-ins. The file is written beside the target
/// and renamed over it at the end: a failed export leaves no half file.
class ArchiveExporter {
public:
    static ExportResult exportCustomers(Archive& archive, const QString& path, const ExportOptions& options);
};

} // namespace recheck::io
