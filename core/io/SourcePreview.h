#pragma once

#include "IoTypes.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::io {

/// The first rows of a source file as the import will read them, and the
/// distinct values of its columns over a sample: what an import wizard shows
/// before anything is mapped.
struct SourcePreview {
    QString driver;
    QString layer;
    QStringList layers;
    QStringList columns;
    QString encoding; ///< as ImportResult::encoding names it
    bool encodingDetected = false;
    std::vector<QStringList> rows;  ///< the first rows, values decoded
    std::vector<qint64> rowNumbers; ///< their row numbers as the report counts them
    qint64 rowsScanned = 0;         ///< rows read for `distinct`
    bool endOfFile = false;         ///< the sample is the whole file
    /// Column index -> its distinct non-empty values (trimmed) in the sample,
    /// in order of appearance, at most `maxDistinct` each.
    QHash<int, QStringList> distinct;

    /// Opens `path` with SourceReader. Throws RecheckError like SourceReader
    /// (unreadable, not a format GDAL reads, no such layer).
    static SourcePreview read(const QString& path, SourceEncoding encoding, const QString& layer = {},
                              int maxRows = 20, qint64 sampleRows = 5000, int maxDistinct = 200);

    /// `distinct` over the whole file rather than a sample (a category that
    /// first appears on row 800 000 is offered for translation too), the
    /// values in order of appearance, at most `maxDistinct` per column.
    /// `progress` gets the fraction read and returns false to stop: then
    /// false is returned and `distinct` holds what was seen so far. Runs on
    /// a worker thread (its own reader). Throws RecheckError like read().
    static bool scanDistinct(const QString& path, SourceEncoding encoding, const QString& layer,
                             QHash<int, QStringList>& distinct, const ProgressCallback& progress,
                             int maxDistinct = 200);
};

/// One code of a code list (table code_lists).
struct CodeListEntry {
    QString code, labelZh, labelEn;
};

/// The archive's code lists: list name -> its codes in code order.
QMap<QString, QList<CodeListEntry>> readCodeLists(SqliteDatabase& db);

/// The code a source value means without a translation, as the import
/// matches it: equal to a code or to either label after
/// MappingProfile::normalizeHeader. Empty when none matches.
QString matchCode(const QList<CodeListEntry>& list, const QString& value);

} // namespace recheck::io
