#pragma once

#include "IoTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

class QTextCodec;

namespace recheck::io {

/// One row of a source file, its values decoded to text.
struct SourceRow {
    qint64 row = 0;     ///< as a person finds it: spreadsheets and CSV count the header as row 1
    QStringList values; ///< one per column; a null QString for a null field
    /// Columns whose bytes were not valid in the file's encoding (the value
    /// then holds what could be decoded).
    std::vector<int> badlyEncoded;
    void* geometry = nullptr; ///< OGRGeometryH owned by the reader, valid until the next row; may be null
};

/// Streams the rows of one vector file through GDAL/OGR: CSV, XLSX, DBF/SHP,
/// GPKG, GeoJSON, DXF. Nothing is loaded whole (XLSX excepted: GDAL unpacks
/// the sheet). GDAL hands CSV (and DBF without a .cpg) out as raw bytes; they
/// are decoded here as UTF-8 or GB18030, detected from the bytes unless the
/// caller says which.
class SourceReader {
public:
    /// Opens `path`; `layer` empty = the first layer. Throws RecheckError
    /// (Io: missing/unreadable, InvalidInput: not a format GDAL reads, no
    /// such layer, no columns) naming the file.
    SourceReader(const QString& path, SourceEncoding encoding, const QString& layer = {});
    ~SourceReader();
    SourceReader(const SourceReader&) = delete;
    SourceReader& operator=(const SourceReader&) = delete;

    const QString& path() const { return mPath; }
    QString driverName() const;
    QStringList layerNames() const;
    QString layerName() const;
    const QStringList& columns() const { return mColumns; }
    /// The encoding values are decoded with (after detection).
    SourceEncoding encoding() const { return mEncoding; }
    /// True when the encoding was detected rather than given or known.
    bool encodingDetected() const { return mDetected; }
    /// True when GDAL decodes the text itself (XLSX, GPKG, GeoJSON, DBF with .cpg).
    bool decodedByDriver() const { return mCodec == nullptr && !mRawUtf8; }
    bool hasGeometry() const;
    /// OGRSpatialReferenceH of the geometry, or null when the file has none.
    void* spatialReference() const;
    /// Rows expected (for progress), or -1 when unknown.
    qint64 expectedRows() const { return mExpectedRows; }
    void setExpectedRows(qint64 rows) { mExpectedRows = rows; }
    /// CSV whose last byte is not a line break: the last row may be cut off.
    bool endsWithoutLineBreak() const { return mEndsWithoutLineBreak; }
    /// Whether row numbers count a header row (CSV, XLSX).
    bool hasHeaderRow() const { return mHeaderRow; }

    /// The next row, or false at the end. Throws RecheckError (InvalidInput)
    /// naming the file and the row when GDAL cannot read on.
    bool next(SourceRow& row);
    qint64 rowsRead() const { return mIndex; }

    /// GDAL's error handlers are per thread: a thread other than the one that
    /// opened the reader holds one of these while it calls next(), so GDAL's
    /// failures there still reach the reader (and name file and row).
    class ThreadErrorScope {
    public:
        explicit ThreadErrorScope(const SourceReader& reader);
        ~ThreadErrorScope();
        ThreadErrorScope(const ThreadErrorScope&) = delete;
        ThreadErrorScope& operator=(const ThreadErrorScope&) = delete;
    };

    /// UTF-8 unless the first `limit` bytes (after `skip`) hold a byte
    /// sequence that is not UTF-8, then GB18030. A UTF-8 BOM wins.
    static SourceEncoding detectEncoding(const QString& path, qint64 skip = 0, qint64 limit = 16 << 20);
    static bool isValidUtf8(const char* data, qint64 size);
    /// The files making up a dataset (a shapefile's .shp, .dbf, .shx, .prj, .cpg).
    static QStringList datasetFiles(const QString& path);

private:
    QString decode(const char* bytes, bool* ok) const;
    [[noreturn]] void fail(const QString& what) const;

    QString mPath;
    void* mDataset = nullptr; // GDALDatasetH
    void* mLayer = nullptr;   // OGRLayerH
    void* mFeature = nullptr; // OGRFeatureH of the current row
    QStringList mColumns;
    SourceEncoding mEncoding = SourceEncoding::Utf8;
    bool mDetected = false;
    bool mRawUtf8 = false;        // raw bytes expected to be UTF-8: validated
    QTextCodec* mCodec = nullptr; // raw bytes in GB18030
    bool mHeaderRow = false;
    bool mEndsWithoutLineBreak = false;
    qint64 mExpectedRows = -1;
    qint64 mIndex = 0;
    struct ErrorSink;
    ErrorSink* mErrors = nullptr;
    QByteArray mPreviousXlsxHeaders, mPreviousXlsxTypes;
    bool mXlsx = false;
};

} // namespace recheck::io
