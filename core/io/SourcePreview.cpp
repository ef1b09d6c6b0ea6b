#include "SourcePreview.h"

#include "MappingProfile.h"
#include "SourceReader.h"
#include "common/Sqlite.h"

#include <QFile>
#include <QSet>

#include <algorithm>

namespace recheck::io {

SourcePreview SourcePreview::read(const QString& path, SourceEncoding encoding, const QString& layer,
                                  int maxRows, qint64 sampleRows, int maxDistinct) {
    SourceReader reader(path, encoding, layer);
    SourcePreview preview;
    preview.driver = reader.driverName();
    preview.layer = reader.layerName();
    preview.layers = reader.layerNames();
    preview.columns = reader.columns();
    preview.encoding = reader.decodedByDriver() ? QStringLiteral("UTF-8 (%1)").arg(reader.driverName())
                                                : sourceEncodingName(reader.encoding());
    preview.encodingDetected = reader.encodingDetected();
    std::vector<QSet<QString>> seen(static_cast<std::size_t>(preview.columns.size()));
    SourceRow row;
    preview.endOfFile = true;
    while (preview.rowsScanned < sampleRows) {
        if (!reader.next(row))
            break;
        ++preview.rowsScanned;
        if (static_cast<int>(preview.rows.size()) < maxRows) {
            preview.rows.push_back(row.values);
            preview.rowNumbers.push_back(row.row);
        }
        for (int c = 0; c < row.values.size() && c < preview.columns.size(); ++c) {
            const QString value = row.values.at(c).trimmed();
            auto& values = seen[static_cast<std::size_t>(c)];
            if (value.isEmpty() || values.size() >= maxDistinct || values.contains(value))
                continue;
            values.insert(value);
            preview.distinct[c] << value;
        }
        if (preview.rowsScanned == sampleRows)
            preview.endOfFile = !reader.next(row);
    }
    return preview;
}

bool SourcePreview::scanDistinct(const QString& path, SourceEncoding encoding, const QString& layer,
                                 QHash<int, QStringList>& distinct, const ProgressCallback& progress,
                                 int maxDistinct) {
    distinct.clear();
    SourceReader reader(path, encoding, layer);
    qint64 expected = reader.expectedRows();
    if (expected < 0) {
        // CSV: GDAL does not count; its line breaks are near enough for a
        // progress bar (a quoted value may hold one).
        expected = 0;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray chunk;
            while (!(chunk = file.read(1 << 20)).isEmpty())
                expected += chunk.count('\n');
        }
    }
    const int columns = reader.columns().size();
    std::vector<QSet<QString>> seen(static_cast<std::size_t>(columns));
    int fullColumns = 0; // columns with maxDistinct values already
    SourceRow row;
    qint64 rows = 0;
    while (reader.next(row)) {
        ++rows;
        if (fullColumns == columns)
            break; // nothing more can be added
        {
            for (int c = 0; c < row.values.size() && c < columns; ++c) {
                auto& values = seen[static_cast<std::size_t>(c)];
                if (values.size() >= maxDistinct)
                    continue;
                const QString value = row.values.at(c).trimmed();
                if (value.isEmpty() || values.contains(value))
                    continue;
                values.insert(value);
                distinct[c] << value;
                if (values.size() == maxDistinct)
                    ++fullColumns;
            }
        }
        if (progress && (rows & 1023) == 0 &&
            !progress(std::min(0.99, static_cast<double>(rows) /
                                         static_cast<double>(std::max<qint64>(1, expected)))))
            return false;
    }
    if (progress)
        progress(1.0);
    return true;
}

QMap<QString, QList<CodeListEntry>> readCodeLists(SqliteDatabase& db) {
    QMap<QString, QList<CodeListEntry>> lists;
    SqliteStatement rows(
        db, QStringLiteral("SELECT list, code, label_zh, label_en FROM code_lists ORDER BY list, code"));
    while (rows.step())
        lists[rows.text(0)].append({rows.text(1), rows.text(2), rows.text(3)});
    return lists;
}

QString matchCode(const QList<CodeListEntry>& list, const QString& value) {
    const QString key = MappingProfile::normalizeHeader(value);
    if (key.isEmpty())
        return {};
    for (const CodeListEntry& e : list)
        if (key == MappingProfile::normalizeHeader(e.code) ||
            key == MappingProfile::normalizeHeader(e.labelZh) ||
            key == MappingProfile::normalizeHeader(e.labelEn))
            return e.code;
    return {};
}

} // namespace recheck::io
