#include "SourcePreview.h"

#include "MappingProfile.h"
#include "SourceReader.h"
#include "common/Sqlite.h"

#include <QSet>

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
