#pragma once

#include "IoTypes.h"
#include "MappingProfile.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class Archive;
}

namespace recheck::io {

struct ImportOptions {
    MappingProfile profile; ///< its kind says what is imported
    /// Apply the valid rows and report the rest; otherwise one invalid row
    /// means nothing is applied.
    bool skipInvalid = false;
    /// Validate, count and report as a real run would, then roll back.
    bool dryRun = false;
    QString via = QStringLiteral("import"); ///< "import" or "pull" (import_runs.via)
    /// updated_by stamped on the rows an import writes. A customer whose
    /// updated_by is anything else was changed by someone since: its
    /// differing fields go to review instead of being overwritten.
    QString runBy = QStringLiteral("import");
    /// Report files BASE.csv and BASE.json; empty writes none.
    QString reportBase;
    ProgressCallback progress;
    /// How many issues the result keeps in memory (the report gets them all).
    int keepIssues = 1000;
};

struct ImportResult {
    QString source;
    QString sha256;
    QString encoding; ///< encoding the text was decoded with
    bool encodingDetected = false;
    QString driver;
    QString layer;
    qint64 rowsRead = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;  ///< rows with at least one error
    qint64 forReview = 0; ///< rows with a field held for review
    qint64 errors = 0;    ///< error issues (a row can have several)
    qint64 warnings = 0;
    bool applied = false;                 ///< the transaction was committed
    qint64 runId = -1;                    ///< import_runs.id when applied
    QHash<QString, QString> fieldColumns; ///< archive field -> source column
    QStringList unmatchedColumns;
    std::vector<RowIssue> issues; ///< the first ImportOptions::keepIssues
    QString reportCsv, reportJson;
};

/// Brings one source file into the archive in one transaction: customers
/// (upsert by account number, MIS-owned fields only, field-verified values
/// held for review in import_review), or districts / feeders (upsert by code)
/// or roads (replaced) from the GIS. Each applied run is recorded in
/// import_runs.
class ArchiveImporter {
public:
    /// Throws RecheckError for a file that cannot be used at all (unreadable,
    /// a required column missing, no rows: InvalidInput) after writing the
    /// report with that one file-level issue; the archive is unchanged.
    /// Invalid rows do not throw: the result says what was applied.
    static ImportResult run(Archive& archive, const QString& file, const ImportOptions& options);

    /// The SHA-256 (hex) of a source dataset's files, as import_runs records it.
    static QString sourceDigest(const QString& file, qint64* bytes = nullptr, qint64* lineBreaks = nullptr);
};

} // namespace recheck::io
