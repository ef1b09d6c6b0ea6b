#pragma once

#include "IoTypes.h"

#include <QFile>
#include <QJsonObject>
#include <QString>

namespace recheck::io {

/// The report of one import, written while the rows are read so a file with
/// a million bad rows does not have to fit in memory: BASE.csv (UTF-8 with a
/// BOM, so Excel shows the Chinese right) and BASE.json, both listing every
/// rejected or flagged row with file, row, column, field, value and reason.
class ImportReportWriter {
public:
    /// Creates the folder and both files; throws RecheckError (Io).
    explicit ImportReportWriter(const QString& basePath);
    ~ImportReportWriter();
    ImportReportWriter(const ImportReportWriter&) = delete;
    ImportReportWriter& operator=(const ImportReportWriter&) = delete;

    void add(const RowIssue& issue);
    /// Closes both files; `summary` becomes the JSON's "summary" object.
    void finish(const QJsonObject& summary);

    QString csvPath() const { return mCsv.fileName(); }
    QString jsonPath() const { return mJson.fileName(); }

    static QString severityName(RowIssue::Severity severity);
    /// "report.csv", "report.json" and "report" all give "report".
    static QString basePath(const QString& path);

private:
    QFile mCsv;
    QFile mJson;
    bool mFirst = true;
    bool mFinished = false;
};

} // namespace recheck::io
