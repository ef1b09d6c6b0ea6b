#include "SourceReader.h"

#include "common/RecheckError.h"

#include <QFile>
#include <QFileInfo>
#include <QTextCodec>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>

#include <cstring>
#include <mutex>

namespace recheck::io {

// GDAL reports through a per-thread handler stack; the reader keeps the first
// failure so it can name the file and row instead of printing to stderr.
struct SourceReader::ErrorSink {
    QString firstFailure;
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
        auto* sink = static_cast<ErrorSink*>(CPLGetErrorHandlerUserData());
        if (sink && (level == CE_Failure || level == CE_Fatal) && sink->firstFailure.isEmpty())
            sink->firstFailure = QString::fromUtf8(message);
    }
};

namespace {

void registerGdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

bool isSpreadsheetOrCsv(const QString& suffix) {
    return suffix == QLatin1String("csv") || suffix == QLatin1String("xlsx") ||
           suffix == QLatin1String("xlsm");
}

} // namespace

bool SourceReader::isValidUtf8(const char* data, qint64 size) {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    const unsigned char* end = p + size;
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        std::uint32_t code;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) ||
            code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

SourceEncoding SourceReader::detectEncoding(const QString& path, qint64 skip, qint64 limit) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return SourceEncoding::Utf8;
    if (skip > 0)
        file.seek(skip);
    QByteArray bytes = file.read(limit);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return SourceEncoding::Utf8;
    if (!file.atEnd()) {
        // Cut at the last line break so a character split by the limit does
        // not look like bad UTF-8.
        const int cut = bytes.lastIndexOf('\n');
        if (cut > 0)
            bytes.truncate(cut);
    }
    return isValidUtf8(bytes.constData(), bytes.size()) ? SourceEncoding::Utf8 : SourceEncoding::Gb18030;
}

QStringList SourceReader::datasetFiles(const QString& path) {
    QStringList files{path};
    const QFileInfo info(path);
    if (info.suffix().compare(QLatin1String("shp"), Qt::CaseInsensitive) == 0) {
        for (const char* sidecar : {"dbf", "shx", "prj", "cpg"}) {
            for (const QString& s : {QString::fromLatin1(sidecar), QString::fromLatin1(sidecar).toUpper()}) {
                const QString candidate =
                    info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.') + s;
                if (QFileInfo::exists(candidate)) {
                    files << candidate;
                    break;
                }
            }
        }
    }
    return files;
}

SourceReader::SourceReader(const QString& path, SourceEncoding encoding, const QString& layer) : mPath(path) {
    registerGdal();
    const QFileInfo info(path);
    if (!info.exists())
        throw RecheckError(QStringLiteral("%1: no such file").arg(path).toStdString(),
                           RecheckError::Kind::InvalidInput);
    if (!info.isReadable() || info.isDir())
        throw RecheckError(QStringLiteral("%1: cannot read the file").arg(path).toStdString(),
                           RecheckError::Kind::InvalidInput);
    const QString suffix = info.suffix().toLower();
    mHeaderRow = isSpreadsheetOrCsv(suffix);
    mErrors = new ErrorSink;
    CPLPushErrorHandlerEx(&ErrorSink::handle, mErrors);

    CPLStringList options;
    QByteArray openPath = QFile::encodeName(path);
    const char* csvOnly[] = {"CSV", nullptr};
    const char* const* allowed = nullptr;
    bool rawBytes = false;
    qint64 detectFrom = 0;
    QString detectPath = path;
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt")) {
        allowed = csvOnly;
        if (suffix != QLatin1String("csv"))
            openPath.prepend("CSV:");
        options.AddNameValue("HEADERS", "YES");
        options.AddNameValue("AUTODETECT_TYPE", "NO");
        rawBytes = true;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.size() > 0) {
            file.seek(file.size() - 1);
            mEndsWithoutLineBreak = file.read(1) != "\n";
        }
    } else if (suffix == QLatin1String("xlsx") || suffix == QLatin1String("xlsm")) {
        // Keep account numbers as written (leading zeros) and always take the
        // first row as the header.
        mXlsx = true;
        mPreviousXlsxHeaders = CPLGetThreadLocalConfigOption("OGR_XLSX_HEADERS", "");
        mPreviousXlsxTypes = CPLGetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "");
        CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
        CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "STRING");
    } else if (suffix == QLatin1String("shp") || suffix == QLatin1String("dbf")) {
        const QStringList files = datasetFiles(path);
        const bool hasCpg = std::any_of(files.begin(), files.end(), [](const QString& f) {
            return f.endsWith(QLatin1String(".cpg"), Qt::CaseInsensitive);
        });
        if (encoding != SourceEncoding::Auto || !hasCpg) {
            // Raw bytes: decoded here, so a GBK .dbf without a .cpg reads right.
            options.AddNameValue("ENCODING", "");
            rawBytes = true;
            detectPath =
                suffix == QLatin1String("dbf")
                    ? path
                    : info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".dbf");
            for (const QString& f : files)
                if (f.endsWith(QLatin1String(".dbf"), Qt::CaseInsensitive))
                    detectPath = f;
            QFile dbf(detectPath);
            if (dbf.open(QIODevice::ReadOnly)) {
                const QByteArray header = dbf.read(10);
                if (header.size() == 10)
                    detectFrom =
                        static_cast<unsigned char>(header[8]) | (static_cast<unsigned char>(header[9]) << 8);
            }
        }
    }
    mDataset =
        GDALOpenEx(openPath.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, options.List(), nullptr);
    if (!mDataset) {
        const QString why = mErrors->firstFailure.isEmpty()
                                ? QStringLiteral("not a file GDAL can read as vector data")
                                : mErrors->firstFailure;
        fail(QStringLiteral("cannot open: %1").arg(why));
    }
    const int layers = GDALDatasetGetLayerCount(mDataset);
    if (layers == 0)
        fail(QStringLiteral("the file holds no table or layer"));
    if (layer.isEmpty()) {
        mLayer = GDALDatasetGetLayer(mDataset, 0);
    } else {
        mLayer = GDALDatasetGetLayerByName(mDataset, layer.toUtf8().constData());
        if (!mLayer)
            fail(QStringLiteral("no layer \"%1\" (layers: %2)")
                     .arg(layer, layerNames().join(QStringLiteral(", "))));
    }

    if (rawBytes) {
        mEncoding = encoding;
        if (encoding == SourceEncoding::Auto) {
            mEncoding = detectEncoding(detectPath, detectFrom);
            mDetected = true;
        }
        if (mEncoding == SourceEncoding::Gb18030)
            mCodec = QTextCodec::codecForName("GB18030");
        else
            mRawUtf8 = true;
    } else {
        mEncoding = SourceEncoding::Utf8;
    }

    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(mLayer);
    const int fieldCount = OGR_FD_GetFieldCount(definition);
    for (int i = 0; i < fieldCount; ++i) {
        const char* name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i));
        bool ok = true;
        QString decoded = decode(name, &ok);
        if (i == 0 && decoded.startsWith(QChar(0xFEFF)))
            decoded.remove(0, 1);
        if (!ok)
            fail(QStringLiteral(
                     "the header is not valid %1 text; give the file's encoding (--encoding GBK or UTF-8)")
                     .arg(sourceEncodingName(mEncoding)));
        mColumns << decoded.trimmed();
    }
    if (mColumns.isEmpty() && !hasGeometry())
        fail(QStringLiteral("no columns: the file is empty or not a table"));
    if (!mHeaderRow || suffix != QLatin1String("csv")) {
        const GIntBig count = OGR_L_GetFeatureCount(mLayer, TRUE);
        mExpectedRows = count >= 0 ? count : -1;
    }
    if (!mErrors->firstFailure.isEmpty())
        fail(QStringLiteral("cannot read: %1").arg(mErrors->firstFailure));
    OGR_L_ResetReading(mLayer);
}

SourceReader::~SourceReader() {
    if (mFeature)
        OGR_F_Destroy(mFeature);
    if (mDataset)
        GDALClose(mDataset);
    if (mXlsx) {
        CPLSetThreadLocalConfigOption(
            "OGR_XLSX_HEADERS", mPreviousXlsxHeaders.isEmpty() ? nullptr : mPreviousXlsxHeaders.constData());
        CPLSetThreadLocalConfigOption(
            "OGR_XLSX_FIELD_TYPES", mPreviousXlsxTypes.isEmpty() ? nullptr : mPreviousXlsxTypes.constData());
    }
    CPLPopErrorHandler();
    delete mErrors;
}

SourceReader::ThreadErrorScope::ThreadErrorScope(const SourceReader& reader) {
    CPLPushErrorHandlerEx(&ErrorSink::handle, reader.mErrors);
}

SourceReader::ThreadErrorScope::~ThreadErrorScope() {
    CPLPopErrorHandler();
}

void SourceReader::fail(const QString& what) const {
    throw RecheckError(QStringLiteral("%1: %2").arg(mPath, what).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

QString SourceReader::driverName() const {
    return mDataset ? QString::fromUtf8(GDALGetDriverShortName(GDALGetDatasetDriver(mDataset))) : QString();
}

QStringList SourceReader::layerNames() const {
    QStringList names;
    for (int i = 0; mDataset && i < GDALDatasetGetLayerCount(mDataset); ++i)
        names << QString::fromUtf8(OGR_L_GetName(GDALDatasetGetLayer(mDataset, i)));
    return names;
}

QString SourceReader::layerName() const {
    return mLayer ? QString::fromUtf8(OGR_L_GetName(mLayer)) : QString();
}

bool SourceReader::hasGeometry() const {
    return mLayer && OGR_FD_GetGeomFieldCount(OGR_L_GetLayerDefn(mLayer)) > 0 &&
           OGR_L_GetGeomType(mLayer) != wkbNone;
}

void* SourceReader::spatialReference() const {
    return mLayer ? OGR_L_GetSpatialRef(mLayer) : nullptr;
}

QString SourceReader::decode(const char* bytes, bool* ok) const {
    *ok = true;
    if (!bytes)
        return {};
    const qint64 size = static_cast<qint64>(std::strlen(bytes));
    bool ascii = true;
    for (qint64 i = 0; i < size; ++i)
        if (static_cast<unsigned char>(bytes[i]) >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii)
        return QString::fromLatin1(bytes, static_cast<int>(size));
    if (mCodec) {
        QTextCodec::ConverterState state;
        const QString text = mCodec->toUnicode(bytes, static_cast<int>(size), &state);
        *ok = state.invalidChars == 0 && state.remainingChars == 0;
        return text;
    }
    if (mRawUtf8)
        *ok = isValidUtf8(bytes, size);
    return QString::fromUtf8(bytes, static_cast<int>(size));
}

bool SourceReader::next(SourceRow& row) {
    if (mFeature) {
        OGR_F_Destroy(mFeature);
        mFeature = nullptr;
    }
    mFeature = OGR_L_GetNextFeature(mLayer);
    if (!mErrors->firstFailure.isEmpty())
        fail(QStringLiteral("cannot read past row %1: %2")
                 .arg(mIndex + (mHeaderRow ? 1 : 0))
                 .arg(mErrors->firstFailure));
    if (!mFeature)
        return false;
    ++mIndex;
    row.row = mIndex + (mHeaderRow ? 1 : 0);
    row.badlyEncoded.clear();
    const int count = mColumns.size();
    if (row.values.size() != count) {
        row.values.clear();
        row.values.reserve(count);
        for (int i = 0; i < count; ++i)
            row.values << QString();
    }
    for (int i = 0; i < count; ++i) {
        if (!OGR_F_IsFieldSetAndNotNull(mFeature, i)) {
            row.values[i] = QString();
            continue;
        }
        bool ok = true;
        row.values[i] = decode(OGR_F_GetFieldAsString(mFeature, i), &ok);
        if (!ok)
            row.badlyEncoded.push_back(i);
    }
    row.geometry = OGR_F_GetGeometryRef(mFeature);
    return true;
}

} // namespace recheck::io
