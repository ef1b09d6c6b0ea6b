#include "ArchiveImporter.h"

#include "FirstRowByKey.h"
#include "ImportReport.h"
#include "SourceReader.h"
#include "archive/Archive.h"
#include "archive/ArchiveSchema.h"
#include "archive/SpatialIndexLoader.h"
#include "common/RecheckError.h"
#include "common/Sha256.h"
#include "common/Sqlite.h"
#include "search/SearchIndex.h"
#include "search/SearchIndexBuilder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <geos_c.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sqlite3.h>

#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace recheck::io {

namespace {

using Severity = RowIssue::Severity;
using Type = TargetField::Type;

// Longer values are refused: no archive field needs more, and a runaway
// quote in a CSV otherwise swallows the rest of the file into one address.
constexpr int kMaxValueLength = 1000;

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString shortened(const QString& value) {
    return value.size() > 80 ? value.left(77) + QStringLiteral("...") : value;
}

// ---------------------------------------------------------------------------
// Point-in-polygon over the archive's districts: GEOS prepared polygons in an
// STR tree (a county's 3 000 districts answer a million points in seconds).
class DistrictLocator {
public:
    explicit DistrictLocator(SqliteDatabase& db) : mContext(GEOS_init_r()) {
        GEOSWKBReader* reader = GEOSWKBReader_create_r(mContext);
        mTree = GEOSSTRtree_create_r(mContext, 10);
        SqliteStatement districts(
            db,
            QStringLiteral("SELECT uuid, AsBinary(geom) FROM districts WHERE geom IS NOT NULL ORDER BY fid"));
        while (districts.step()) {
            const QByteArray wkb = districts.blob(1);
            GEOSGeometry* geometry = GEOSWKBReader_read_r(
                mContext, reader, reinterpret_cast<const unsigned char*>(wkb.constData()), wkb.size());
            if (!geometry)
                continue;
            mDistricts.push_back({districts.text(0), geometry, GEOSPrepare_r(mContext, geometry)});
        }
        for (std::size_t i = 0; i < mDistricts.size(); ++i) {
            GEOSSTRtree_insert_r(mContext, mTree, mDistricts[i].geometry, reinterpret_cast<void*>(i));
            mByUuid.insert(mDistricts[i].uuid, i);
        }
        GEOSWKBReader_destroy_r(mContext, reader);
    }
    ~DistrictLocator() {
        GEOSSTRtree_destroy_r(mContext, mTree);
        for (District& d : mDistricts) {
            GEOSPreparedGeom_destroy_r(mContext, d.prepared);
            GEOSGeom_destroy_r(mContext, d.geometry);
        }
        GEOS_finish_r(mContext);
    }
    DistrictLocator(const DistrictLocator&) = delete;
    DistrictLocator& operator=(const DistrictLocator&) = delete;

    bool empty() const { return mDistricts.empty(); }

    /// uuid of the district containing (x, y), empty when none does.
    QString locate(double x, double y) {
        GEOSGeometry* point = GEOSGeom_createPointFromXY_r(mContext, x, y);
        Query query{this, point, {}};
        GEOSSTRtree_query_r(mContext, mTree, point, &DistrictLocator::visit, &query);
        GEOSGeom_destroy_r(mContext, point);
        return query.found;
    }
    /// Whether the district `uuid` has a polygon and (x, y) lies outside it.
    bool outside(const QString& uuid, double x, double y) {
        const auto it = mByUuid.constFind(uuid);
        if (it == mByUuid.constEnd())
            return false;
        GEOSGeometry* point = GEOSGeom_createPointFromXY_r(mContext, x, y);
        const bool inside = GEOSPreparedIntersects_r(mContext, mDistricts[it.value()].prepared, point) == 1;
        GEOSGeom_destroy_r(mContext, point);
        return !inside;
    }

private:
    struct District {
        QString uuid;
        GEOSGeometry* geometry;
        const GEOSPreparedGeometry* prepared;
    };
    struct Query {
        DistrictLocator* self;
        GEOSGeometry* point;
        QString found;
    };
    static void visit(void* item, void* data) {
        auto* query = static_cast<Query*>(data);
        if (!query->found.isEmpty())
            return;
        const District& d = query->self->mDistricts[reinterpret_cast<std::size_t>(item)];
        if (GEOSPreparedIntersects_r(query->self->mContext, d.prepared, query->point) == 1)
            query->found = d.uuid;
    }

    GEOSContextHandle_t mContext;
    GEOSSTRtree* mTree = nullptr;
    std::vector<District> mDistricts;
    QHash<QString, std::size_t> mByUuid;
};

// ---------------------------------------------------------------------------
// Source CRS -> archive CRS.
class Reprojection {
public:
    Reprojection(OGRSpatialReferenceH source, int targetSrid, const QString& file) {
        if (!source)
            return;
        mTarget = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(mTarget, targetSrid);
        OSRSetAxisMappingStrategy(mTarget, OAMS_TRADITIONAL_GIS_ORDER);
        mSource = OSRClone(source);
        OSRSetAxisMappingStrategy(mSource, OAMS_TRADITIONAL_GIS_ORDER);
        if (OSRIsSame(mSource, mTarget))
            return;
        mTransform = OCTNewCoordinateTransformation(mSource, mTarget);
        if (!mTransform)
            throw RecheckError(
                QStringLiteral("%1: cannot transform from the file's coordinate system to EPSG:%2")
                    .arg(file)
                    .arg(targetSrid)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
    }
    ~Reprojection() {
        if (mTransform)
            OCTDestroyCoordinateTransformation(mTransform);
        if (mSource)
            OSRDestroySpatialReference(mSource);
        if (mTarget)
            OSRDestroySpatialReference(mTarget);
    }
    Reprojection(const Reprojection&) = delete;
    Reprojection& operator=(const Reprojection&) = delete;

    bool point(double& x, double& y) const {
        if (!mTransform)
            return true;
        double z = 0;
        return OCTTransform(mTransform, 1, &x, &y, &z) == TRUE && std::isfinite(x) && std::isfinite(y);
    }
    bool geometry(OGRGeometryH g) const {
        return !mTransform || OGR_G_Transform(g, mTransform) == OGRERR_NONE;
    }
    bool sourceIsGeographic() const { return mSource ? OSRIsGeographic(mSource) != 0 : false; }

private:
    OGRSpatialReferenceH mSource = nullptr;
    OGRSpatialReferenceH mTarget = nullptr;
    OGRCoordinateTransformationH mTransform = nullptr;
};

OGRSpatialReferenceH spatialReferenceFrom(const QString& text, const QString& file) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    if (OSRSetFromUserInput(srs, text.toUtf8().constData()) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        throw RecheckError(
            QStringLiteral("%1: the mapping profile's \"crs\" \"%2\" is not a coordinate system GDAL "
                           "knows (e.g. EPSG:4326)")
                .arg(file, text)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    }
    return srs;
}

// ---------------------------------------------------------------------------
// Code lists: a source value matches a code by the profile's translation, the
// code itself, or either label (case and width folded).
class CodeLists {
public:
    explicit CodeLists(SqliteDatabase& db) {
        SqliteStatement rows(db, QStringLiteral("SELECT list, code, label_zh, label_en FROM code_lists"));
        while (rows.step()) {
            const QString list = rows.text(0), code = rows.text(1);
            for (int c = 1; c <= 3; ++c)
                mByKey[list].insert(key(rows.text(c)), code);
            mKnown[list] << QStringLiteral("%1 (%2)").arg(code, rows.text(2));
        }
    }
    std::optional<QString> code(const QString& list, const QString& value,
                                const QMap<QString, QString>& translations) const {
        auto t = translations.find(value);
        if (t != translations.end())
            return t.value();
        for (auto it = translations.begin(); it != translations.end(); ++it)
            if (key(it.key()) == key(value))
                return it.value();
        auto found = mByKey.value(list).find(key(value));
        if (found != mByKey.value(list).end())
            return found.value();
        return std::nullopt;
    }
    bool isCode(const QString& list, const QString& code) const {
        for (const QString& v : mByKey.value(list))
            if (v == code)
                return true;
        return false;
    }
    QString known(const QString& list) const { return mKnown.value(list).join(QStringLiteral(", ")); }

private:
    static QString key(const QString& s) { return MappingProfile::normalizeHeader(s); }
    QHash<QString, QHash<QString, QString>> mByKey;
    QHash<QString, QStringList> mKnown;
};

QHash<QString, QString> uuidsByCode(SqliteDatabase& db, const QString& table) {
    QHash<QString, QString> map;
    SqliteStatement rows(db, QStringLiteral("SELECT code, uuid FROM %1").arg(table));
    while (rows.step())
        map.insert(rows.text(0), rows.text(1));
    return map;
}

bool parseNumber(QString text, double& value) {
    text.remove(QLatin1Char(',')).remove(QLatin1Char(' '));
    bool ok = false;
    value = text.toDouble(&ok);
    return ok && std::isfinite(value);
}

const QRegularExpression& phonePattern() {
    // Mainland mobile, landline with area code (extension allowed), or a
    // local 7/8-digit number; +86 optional.
    static const QRegularExpression pattern(
        QStringLiteral("^(\\+?86-?)?(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|\\d{7,8})$"));
    return pattern;
}

// MappingProfile::defaultAccountPattern() without a regular expression:
// ^[0-9A-Za-z][0-9A-Za-z-]{3,31}$
bool defaultAccountNumber(const QString& account) {
    const int n = account.size();
    if (n < 4 || n > 32)
        return false;
    for (int i = 0; i < n; ++i) {
        const ushort c = account.at(i).unicode();
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && (i == 0 || c != '-'))
            return false;
    }
    return true;
}

// The common case without regular expressions: one number of ASCII digits
// that phonePattern() surely accepts (an 11-digit mobile, a 7/8-digit local
// number). Anything else goes through the patterns.
bool plainPhone(const QString& text) {
    const int n = text.size();
    if (n != 7 && n != 8 && n != 11)
        return false;
    for (const QChar c : text)
        if (c.unicode() < '0' || c.unicode() > '9')
            return false;
    return n != 11 || (text.at(0) == QLatin1Char('1') && text.at(1).unicode() >= '3');
}

bool validPhones(const QString& text) {
    if (plainPhone(text))
        return true;
    static const QRegularExpression separators(QStringLiteral("[,;/、，；\\s]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return false;
    for (const QString& p : parts)
        if (!phonePattern().match(p).hasMatch())
            return false;
    return true;
}

// UTF-8 of `text` into `out` (cleared first; its memory is kept for the next
// row): QString::toUtf8() allocates a new array per value.
void utf8Into(std::string& out, const QString& text) {
    out.clear();
    const QChar* p = text.constData();
    const QChar* const end = p + text.size();
    for (; p < end; ++p) {
        char32_t c = p->unicode();
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        if (QChar::isHighSurrogate(c) && p + 1 < end && p[1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(static_cast<char16_t>(c), p[1].unicode());
            ++p;
        } else if (QChar::isSurrogate(c)) {
            c = 0xFFFD; // a lone surrogate (no decoded text has one): the replacement character
        }
        if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        }
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// SpatiaLite's BLOB of POINT(x y) in `srid`, byte for byte what MakePoint()
// returns (start, little-endian, SRID, MBR, MBR end, class POINT, x, y, end):
// bound as a value, the per-row SQL function call is saved.
void spatialitePoint(unsigned char (&blob)[60], double x, double y, int srid) {
    const auto put = [&](int at, const void* value, std::size_t size) {
        std::memcpy(blob + at, value, size);
    };
    const std::int32_t srid32 = srid, pointClass = 1;
    blob[0] = 0x00;
    blob[1] = 0x01;
    put(2, &srid32, 4);
    put(6, &x, 8);
    put(14, &y, 8);
    put(22, &x, 8);
    put(30, &y, 8);
    blob[38] = 0x7C;
    put(39, &pointClass, 4);
    put(43, &x, 8);
    put(51, &y, 8);
    blob[59] = 0xFE;
}

// ---------------------------------------------------------------------------
// The first customer import into an empty table is a bulk load: nobody has
// synced these rows yet, so change capture is suspended (ArchiveSchema's
// ChangeCaptureSuspension), and SpatiaLite's per-row geometry triggers (type
// check, timestamp, R*Tree update that prepares a statement per call) and the
// plain indexes are dropped and rebuilt once at the end, the R*Tree packed by
// SpatialIndexLoader from the points as they were inserted (not read back
// from a table of a million rows). The search index's triggers are suspended too and the
// index rebuilt once from the loaded table (per-row trigram and pair updates
// made a first load several times slower); with a SearchIndexBuilder fed the
// inserted rows, the index is built beside the load on another thread and
// only copied in at the end. Other triggers on customers stay:
// only what is rebuilt here may be skipped. All of it inside the import's
// transaction: a rollback brings every trigger and index back.
class CustomerBulkLoad {
public:
    explicit CustomerBulkLoad(SqliteDatabase& db) : mDb(db), mCapture(db) {
        SqliteStatement objects(
            db, QStringLiteral(
                    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'customers' AND sql IS "
                    "NOT NULL AND (type = 'index' OR (type = 'trigger' AND name IN ('ggi_customers_geom', "
                    "'ggu_customers_geom', 'tmi_customers_geom', 'tmu_customers_geom', "
                    "'tmd_customers_geom', 'gii_customers_geom', 'giu_customers_geom', "
                    "'gid_customers_geom')))"));
        while (objects.step())
            mObjects.push_back({objects.text(0), objects.text(1), objects.text(2)});
        mRebuildSearch = SearchIndex::exists(db);
        if (mRebuildSearch) {
            SqliteStatement trigger(
                db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"));
            for (const QString& name : SearchIndex::triggerNames()) {
                trigger.reset();
                trigger.bind(1, name);
                if (trigger.step())
                    mObjects.push_back({QStringLiteral("trigger"), name, trigger.text(0)});
            }
        }
        for (const Object& o : mObjects)
            mDb.exec(QStringLiteral("DROP %1 \"%2\"").arg(o.type.toUpper(), o.name));
        // Rows are only appended now (to the table and its uuid and account
        // indexes): a small page cache holds the pages being written and
        // leaves the memory to the search index builder's buffers. The
        // index builds in finish() get the import's cache back.
        mCacheSize = mDb.scalar(QStringLiteral("PRAGMA cache_size")).toLongLong();
        mDb.exec(QStringLiteral("PRAGMA cache_size = -16384"));
    }
    /// Whether the archive has a search index to fill.
    bool fillsSearchIndex() const { return mRebuildSearch; }
    /// A row inserted with the point (x, y), for the R*Tree built at the end.
    void addPoint(std::int64_t fid, double x, double y) { mBoxes.addPoint(fid, x, y); }
    void reserve(std::size_t rows) { mBoxes.reserve(rows); }
    /// `built`: the index built from every row the load inserted, its
    /// scratch file attached as `builtSchema`; or null to rebuild the index
    /// here from the table.
    void finish(SearchIndexBuilder* built, const QString& builtSchema) {
        // The R*Tree first, in the small cache: meanwhile the builder writes
        // out its buffers, and the sorts of the index builds then have the
        // memory (building both at once made the import's peak).
        SpatialIndexLoader::load(mDb, QStringLiteral("customers"), QStringLiteral("geom"), std::move(mBoxes));
        mDb.exec(QStringLiteral("PRAGMA cache_size = %1").arg(mCacheSize));
        for (const Object& o : mObjects)
            mDb.exec(o.sql);
        if (mRebuildSearch) {
            if (built)
                built->copyInto(mDb, builtSchema);
            else
                SearchIndex::rebuild(mDb);
        }
        mCapture.resume();
    }

private:
    struct Object {
        QString type, name, sql;
    };
    SqliteDatabase& mDb;
    ChangeCaptureSuspension mCapture;
    std::vector<Object> mObjects;
    bool mRebuildSearch = false;
    SpatialIndexLoader::Boxes mBoxes;
    qint64 mCacheSize = 0; ///< the connection's cache_size before the load
};

/// Version-4-shaped UUIDs whose text sorts in the order they are made: a
/// bulk load then appends to the uuid index instead of inserting at random.
/// The head is the start time in microseconds plus a counter, the tail is
/// random.
class SequentialUuids {
public:
    SequentialUuids()
        : mRandom(std::random_device{}()),
          mNext((static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) * 1000u) << 4) {}
    /// The next UUID's text into `out` (36 ASCII characters; the buffer is
    /// kept across rows: snprintf() was a fifth of the row insert).
    void next(std::string& out) {
        const quint64 head = mNext++;
        const quint64 tail = mRandom();
        out.resize(36);
        char* p = out.data();
        const auto hex = [&p](quint64 value, int digits) {
            static const char kDigits[] = "0123456789abcdef";
            for (int i = digits - 1; i >= 0; --i)
                p[i] = kDigits[(value >> (4 * (digits - 1 - i))) & 0xF];
            p += digits;
        };
        hex((head >> 28) & 0xFFFFFFFFull, 8);
        *p++ = '-';
        hex((head >> 12) & 0xFFFFull, 4);
        *p++ = '-';
        *p++ = '4';
        hex(head & 0xFFFull, 3);
        *p++ = '-';
        hex(0x8000ull | ((tail >> 48) & 0x3FFFull), 4);
        *p++ = '-';
        hex(tail & 0xFFFFFFFFFFFFull, 12);
    }

private:
    std::mt19937_64 mRandom;
    quint64 mNext;
};

// The customer columns an import may write, in the order of the SELECT in execute().
// district_code/feeder_code are stored as uuids, x/y as geom.
const char* const kCustomerColumns[] = {"name",           "address",        "phone",
                                        "usage_category", "voltage_level",  "contracted_capacity",
                                        "monthly_kwh",    "meter_asset_no", "district_uuid",
                                        "feeder_uuid",    "status",         "mis_updated_at"};
constexpr int kCustomerColumnCount = static_cast<int>(std::size(kCustomerColumns));
// status is 'active' when the source has none.
constexpr int kStatusColumn = 10;
static_assert(kStatusColumn < kCustomerColumnCount, "kStatusColumn follows kCustomerColumns");

// ---------------------------------------------------------------------------
/// A large CSV's rows read and decoded on a thread of their own, a few
/// hundred rows ahead of the import (GDAL's parsing and the decoding to text
/// were a fifth of the import's own thread). Same contract as
/// SourceReader::next(): rows in order, a geometry valid until the next call,
/// false at the end, and what the reader threw (a truncated file …) thrown
/// here after the rows read before it. Stopped and joined on destruction,
/// before the reader can go.
class RowPrefetch {
public:
    explicit RowPrefetch(SourceReader& reader) : mReader(reader) {
        mThread = std::thread([this] { read(); });
    }
    ~RowPrefetch() {
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mStopped = true;
        }
        mChanged.notify_all();
        mThread.join();
        dropGeometry();
        for (auto& batch : mQueue)
            for (SourceRow& row : batch)
                destroyGeometry(row);
        for (std::size_t i = mNext; i < mTaken.size(); ++i)
            destroyGeometry(mTaken[i]);
    }
    RowPrefetch(const RowPrefetch&) = delete;
    RowPrefetch& operator=(const RowPrefetch&) = delete;

    bool next(SourceRow& row) {
        dropGeometry();
        if (mNext == mTaken.size()) {
            std::unique_lock<std::mutex> lock(mMutex);
            mChanged.wait(lock, [this] { return !mQueue.empty() || mEnded; });
            if (mQueue.empty()) {
                if (mFailure)
                    std::rethrow_exception(mFailure);
                return false;
            }
            // The rows handed out go back to the reading thread to be freed
            // there: their texts were allocated on that thread.
            mSpent.push_back(std::move(mTaken));
            mTaken = std::move(mQueue.front());
            mQueue.pop_front();
            mNext = 0;
            lock.unlock();
            mChanged.notify_all();
        }
        std::swap(row, mTaken[mNext++]);
        mGiven = row.geometry;
        return true;
    }

private:
    static constexpr std::size_t kBatchRows = 256;
    static constexpr std::size_t kQueuedBatches = 8;

    static void destroyGeometry(SourceRow& row) {
        if (row.geometry)
            OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(row.geometry));
        row.geometry = nullptr;
    }
    // The geometry handed out with the previous row (a clone owned here).
    void dropGeometry() {
        if (mGiven)
            OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(mGiven));
        mGiven = nullptr;
    }

    void read() {
        const SourceReader::ThreadErrorScope errors(mReader);
        std::vector<SourceRow> batch;
        std::exception_ptr failure;
        bool more = true;
        while (more) {
            SourceRow row;
            try {
                more = mReader.next(row);
            } catch (...) {
                failure = std::current_exception();
                more = false;
            }
            if (more) {
                // The reader's geometry lives until its next row: a copy goes along.
                if (row.geometry)
                    row.geometry = OGR_G_Clone(static_cast<OGRGeometryH>(row.geometry));
                batch.push_back(std::move(row));
            }
            if (batch.size() < kBatchRows && more)
                continue;
            std::deque<std::vector<SourceRow>> spent;
            std::unique_lock<std::mutex> lock(mMutex);
            mChanged.wait(lock, [this] { return mStopped || mQueue.size() < kQueuedBatches; });
            spent.swap(mSpent);
            if (mStopped) {
                for (SourceRow& r : batch)
                    destroyGeometry(r);
                more = false;
            } else if (!batch.empty()) {
                mQueue.push_back(std::move(batch));
            }
            batch.clear();
            if (!more) {
                mFailure = failure;
                mEnded = true;
            }
            lock.unlock();
            mChanged.notify_all();
            // `spent` is freed here, outside the lock (their geometries went
            // with the rows' hand-out).
        }
    }

    SourceReader& mReader;
    std::mutex mMutex;
    std::condition_variable mChanged;
    std::deque<std::vector<SourceRow>> mQueue;
    std::deque<std::vector<SourceRow>> mSpent; ///< handed out, to be freed by the thread
    bool mEnded = false;                       ///< the thread queued its last row
    bool mStopped = false;                     ///< the import stopped reading
    std::exception_ptr mFailure;
    std::vector<SourceRow> mTaken; ///< the batch rows are handed out from
    std::size_t mNext = 0;
    void* mGiven = nullptr;
    std::thread mThread;
};

// ---------------------------------------------------------------------------
/// One row's values by archive field name. A row has a dozen, so a small
/// array searched in order: a QHash allocated a node for each value of each
/// row and hashed every name at every look-up.
class FieldValues {
public:
    void reserve(std::size_t fields) { mValues.reserve(fields); }
    /// Sets `field`, replacing a value it had.
    void insert(const QString& field, const QVariant& value) {
        if (QVariant* v = find(field))
            *v = value;
        else
            mValues.emplace_back(field, value);
    }
    /// The value of `field`, or null when it has none.
    const QVariant* find(const QString& field) const {
        for (const auto& [name, value] : mValues)
            if (name == field)
                return &value;
        return nullptr;
    }
    QVariant* find(const QString& field) {
        return const_cast<QVariant*>(static_cast<const FieldValues*>(this)->find(field));
    }
    bool contains(const QString& field) const { return find(field) != nullptr; }
    /// The value of `field` (invalid when it has none).
    QVariant value(const QString& field) const {
        const QVariant* v = find(field);
        return v ? *v : QVariant();
    }
    /// Removes `field` and returns its value (invalid when it had none).
    QVariant take(const QString& field) {
        for (auto it = mValues.begin(); it != mValues.end(); ++it)
            if (it->first == field) {
                QVariant value = std::move(it->second);
                mValues.erase(it);
                return value;
            }
        return {};
    }

private:
    std::vector<std::pair<QString, QVariant>> mValues;
};

// ---------------------------------------------------------------------------
/// One import run: everything the row loop shares.
class ImportRun {
public:
    ImportRun(Archive& archive, const QString& file, const ImportOptions& options, ImportResult& result)
        : mArchive(archive), mDb(archive.db()), mFile(file), mOptions(options), mProfile(options.profile),
          mResult(result) {}

    void execute();

private:
    struct Point {
        double x = 0, y = 0;
        bool set = false;
    };
    /// The values of one row, by archive field, after validation.
    struct RowValues {
        FieldValues values;
        Point point;
        OGRGeometryH geometry = nullptr; // geography kinds: transformed, owned
        bool hasError = false;
        std::vector<RowIssue> issues;
        ~RowValues() {
            if (geometry)
                OGR_G_DestroyGeometry(geometry);
        }
    };

    void issue(RowValues& row, const SourceRow& source, const QString& field, const QString& value,
               const QString& reason, Severity severity = Severity::Error) {
        RowIssue i;
        i.file = QFileInfo(mFile).fileName();
        i.row = source.row;
        i.field = field;
        const int column = mFieldColumn.value(field, -1);
        if (column >= 0)
            i.column = mReader->columns().at(column);
        i.value = shortened(value);
        i.reason = reason;
        i.severity = severity;
        if (severity == Severity::Error)
            row.hasError = true;
        row.issues.push_back(std::move(i));
    }
    void record(const RowIssue& i) {
        if (i.severity == Severity::Error)
            ++mResult.errors;
        else
            ++mResult.warnings;
        if (mReport)
            mReport->add(i);
        if (static_cast<int>(mResult.issues.size()) < mOptions.keepIssues)
            mResult.issues.push_back(i);
    }

    void openSource();
    void validate(const SourceRow& source, RowValues& row, bool lastRow);
    void validateCustomerPoint(const SourceRow& source, RowValues& row);
    void validateGeography(const SourceRow& source, RowValues& row);
    void write(RowValues& row, const SourceRow& source);
    void writeCustomer(RowValues& row);
    void insertCustomer(const RowValues& row, const QString& account);
    void writeGeography(RowValues& row);
    void recordRun(const QString& startedAt);
    QJsonObject summary() const;

    Archive& mArchive;
    SqliteDatabase& mDb;
    QString mFile;
    const ImportOptions& mOptions;
    MappingProfile mProfile;
    ImportResult& mResult;
    std::unique_ptr<SourceReader> mReader;
    std::unique_ptr<ImportReportWriter> mReport;
    QHash<QString, int> mFieldColumn;
    std::vector<std::pair<const TargetField*, int>> mMappedFields;    ///< in targetFields() order
    QHash<QString, QHash<QString, std::optional<QString>>> mCodeMemo; ///< field -> value -> code
    bool mDefaultAccountPattern = false;
    std::unique_ptr<Reprojection> mReprojection;
    std::unique_ptr<CodeLists> mCodes;
    std::unique_ptr<DistrictLocator> mLocator;
    QHash<QString, QString> mDistricts, mFeeders;
    FirstRowByKey mSeenKeys;
    QRegularExpression mAccountPattern;
    bool mUseLayerGeometry = false;
    bool mFirstLoad = false;
    std::unique_ptr<CustomerBulkLoad> mBulkLoad;
    /// The search index of a bulk load's rows, built on another thread.
    std::unique_ptr<SearchIndexBuilder> mSearchBuild;
    SequentialUuids mUuids;
    bool mWriting = true;
    qint64 mSourceBytes = 0;
    QString mSourceMtime;
    int mSrid = 4490;
    QString mNow;
    std::unique_ptr<SqliteStatement> mFindCustomer, mInsertCustomer, mVerifiedFields, mOpenReview,
        mInsertReview, mFindByCode, mInsertGeography, mUpdateGeography;
    QHash<quint32, std::shared_ptr<SqliteStatement>> mUpdateByMask;
    // insertCustomer()'s UTF-8 buffers, bound without a copy.
    bool mInsertConstantsBound = false;
    std::string mNowUtf8, mRunByUtf8, mUuidUtf8, mAccountUtf8;
    std::string mColumnUtf8[kCustomerColumnCount];
    struct Review {
        QString uuid, key, field, archiveValue, incomingValue, reason;
    };
    std::vector<Review> mReviews;
};

/// kCustomerColumns as QStrings, and the import field each one is filled
/// from (district_uuid from district_code …), made once rather than per row.
struct CustomerColumnNames {
    QString column[kCustomerColumnCount];
    QString field[kCustomerColumnCount];
    /// The SearchIndexBuilder::Column a column is indexed as, -1 for none.
    int searchColumn[kCustomerColumnCount];
    CustomerColumnNames() {
        for (int c = 0; c < kCustomerColumnCount; ++c) {
            const QLatin1String name(kCustomerColumns[c]);
            searchColumn[c] = name == QLatin1String("name")             ? SearchIndexBuilder::Name
                              : name == QLatin1String("address")        ? SearchIndexBuilder::Address
                              : name == QLatin1String("phone")          ? SearchIndexBuilder::Phone
                              : name == QLatin1String("meter_asset_no") ? SearchIndexBuilder::MeterAssetNo
                                                                        : -1;
            column[c] = QString::fromLatin1(kCustomerColumns[c]);
            field[c] = column[c] == QLatin1String("district_uuid") ? QStringLiteral("district_code")
                       : column[c] == QLatin1String("feeder_uuid") ? QStringLiteral("feeder_code")
                                                                   : column[c];
        }
    }
};
const CustomerColumnNames& customerColumnNames() {
    static const CustomerColumnNames names;
    return names;
}

QString columnForField(const QString& field) {
    if (field == QLatin1String("district_code"))
        return QStringLiteral("district_uuid");
    if (field == QLatin1String("feeder_code"))
        return QStringLiteral("feeder_uuid");
    return field;
}

void ImportRun::openSource() {
    const ImportKind kind = mProfile.kind;
    mReader = std::make_unique<SourceReader>(mFile, mProfile.encoding, mProfile.layer);
    mResult.encoding = mReader->decodedByDriver() ? QStringLiteral("UTF-8 (%1)").arg(mReader->driverName())
                                                  : sourceEncodingName(mReader->encoding());
    mResult.encodingDetected = mReader->encodingDetected();
    mResult.driver = mReader->driverName();
    mResult.layer = mReader->layerName();
    mFieldColumn = mProfile.resolve(mReader->columns(), &mResult.unmatchedColumns);
    for (auto it = mFieldColumn.begin(); it != mFieldColumn.end(); ++it)
        mResult.fieldColumns.insert(it.key(), mReader->columns().at(it.value()));
    for (const TargetField& f : MappingProfile::targetFields(kind))
        if (mFieldColumn.contains(f.name))
            mMappedFields.emplace_back(&f, mFieldColumn.value(f.name));

    for (const TargetField& f : MappingProfile::targetFields(kind)) {
        if (!f.required || mFieldColumn.contains(f.name))
            continue;
        throw RecheckError(
            QStringLiteral("%1: no column for the required field %2 (a header such as \"%3\" or "
                           "\"%2\"); the file's columns are: %4. Map one in the mapping profile's "
                           "\"columns\".")
                .arg(mFile, f.name, f.labelZh, mReader->columns().join(QStringLiteral(", ")))
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    }
    const bool hasX = mFieldColumn.contains(QStringLiteral("x")),
               hasY = mFieldColumn.contains(QStringLiteral("y"));
    if (hasX != hasY)
        throw RecheckError(
            QStringLiteral("%1: coordinates need both an X (经度/longitude) and a Y (纬度/latitude) "
                           "column; only %2 was found")
                .arg(mFile, hasX ? QStringLiteral("X") : QStringLiteral("Y"))
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    mUseLayerGeometry = !hasX && mReader->hasGeometry();
    if (kind != ImportKind::Customers && !mReader->hasGeometry())
        throw RecheckError(
            QStringLiteral("%1: %2 need geometry (SHP, GPKG, GeoJSON or DXF); the file has none")
                .arg(mFile, importKindName(kind))
                .toStdString(),
            RecheckError::Kind::InvalidInput);

    // Coordinates: the profile's CRS, else the layer's, else the archive's.
    OGRSpatialReferenceH source = nullptr;
    bool ownSource = false;
    if (!mProfile.sourceCrs.isEmpty()) {
        source = spatialReferenceFrom(mProfile.sourceCrs, mFile);
        ownSource = true;
    } else if (mUseLayerGeometry || kind != ImportKind::Customers) {
        source = static_cast<OGRSpatialReferenceH>(mReader->spatialReference());
    }
    mReprojection = std::make_unique<Reprojection>(source, mSrid, mFile);
    if (ownSource)
        OSRDestroySpatialReference(source);
}

void ImportRun::validate(const SourceRow& source, RowValues& row, bool lastRow) {
    const ImportKind kind = mProfile.kind;
    // One allocation for the row's values (+1: the district found by
    // point-in-polygon).
    row.values.reserve(mMappedFields.size() + 1);
    for (int column : source.badlyEncoded) {
        const QString field = mFieldColumn.key(column);
        if (field.isEmpty())
            continue;
        issue(
            row, source, field, source.values.at(column),
            QStringLiteral("not valid %1 text: the file seems to be in another encoding (try --encoding %2)")
                .arg(sourceEncodingName(mReader->encoding()), mReader->encoding() == SourceEncoding::Utf8
                                                                  ? QStringLiteral("GBK")
                                                                  : QStringLiteral("UTF-8")));
    }
    if (lastRow)
        issue(row, source, {}, {},
              QStringLiteral(
                  "the file ends in the middle of this row (no line break after it): it may have been "
                  "cut off while being copied; export it again"));
    for (const auto& [fieldPointer, column] : mMappedFields) {
        const TargetField& f = *fieldPointer;
        const QString& raw = source.values.at(column);
        // Most values have nothing to trim: a shared copy then, not a scan
        // and a new string (a tenth of this thread's time otherwise).
        const QString value =
            !raw.isEmpty() && (raw.front().isSpace() || raw.back().isSpace()) ? raw.trimmed() : raw;
        if (value.size() > kMaxValueLength) {
            issue(row, source, f.name, value,
                  QStringLiteral("the value is %1 characters long; at most %2 are accepted (a stray quote "
                                 "in a CSV can run lines together)")
                      .arg(value.size())
                      .arg(kMaxValueLength));
            continue;
        }
        if (value.isEmpty()) {
            if (f.required)
                issue(row, source, f.name, value, QStringLiteral("required value is empty"));
            else
                row.values.insert(f.name, QVariant());
            continue;
        }
        switch (f.type) {
        case Type::Text:
            row.values.insert(f.name, value);
            break;
        case Type::Number: {
            double number = 0;
            if (!parseNumber(value, number))
                issue(row, source, f.name, value, QStringLiteral("not a number"));
            else if (number < 0)
                issue(row, source, f.name, value, QStringLiteral("must not be negative"));
            else
                row.values.insert(f.name, number);
            break;
        }
        case Type::Code: {
            // A MIS export repeats a handful of category texts: each is
            // translated once (normalising a value per row was a tenth of
            // a large import).
            auto& known = mCodeMemo[f.name];
            auto memo = known.constFind(value);
            if (memo == known.constEnd()) {
                auto code = mCodes->code(f.codeList, value, mProfile.valueMappings.value(f.name));
                if (code && !mCodes->isCode(f.codeList, *code))
                    code.reset();
                memo = known.insert(value, code);
            }
            const std::optional<QString>& code = memo.value();
            if (!code)
                issue(
                    row, source, f.name, value,
                    QStringLiteral("unknown %1 \"%2\": use one of %3, or add a translation under \"values\": "
                                   "{\"%1\": {\"%2\": CODE}} in the mapping profile")
                        .arg(f.name, value, mCodes->known(f.codeList)));
            else
                row.values.insert(f.name, *code);
            break;
        }
        case Type::DistrictRef: {
            const auto it = mDistricts.find(value);
            if (it == mDistricts.end())
                issue(row, source, f.name, value,
                      QStringLiteral(
                          "no district (台区) with code \"%1\" in the archive; import the districts first")
                          .arg(value));
            else
                row.values.insert(f.name, it.value());
            break;
        }
        case Type::FeederRef: {
            const auto it = mFeeders.find(value);
            if (it == mFeeders.end())
                issue(row, source, f.name, value,
                      QStringLiteral("no feeder with code \"%1\" in the archive; import the feeders first")
                          .arg(value));
            else
                row.values.insert(f.name, it.value());
            break;
        }
        case Type::X:
        case Type::Y: {
            double number = 0;
            if (!parseNumber(value, number))
                issue(row, source, f.name, value, QStringLiteral("not a coordinate (a number is expected)"));
            else
                row.values.insert(f.name, number);
            break;
        }
        }
    }

    if (kind == ImportKind::Customers) {
        const QString account = row.values.value(QStringLiteral("account_no")).toString();
        if (!account.isEmpty()) {
            if (!(mDefaultAccountPattern ? defaultAccountNumber(account)
                                         : mAccountPattern.match(account).hasMatch()))
                issue(row, source, QStringLiteral("account_no"), account,
                      QStringLiteral("account number does not match the expected format %1")
                          .arg(mAccountPattern.pattern()));
            if (const qint64 firstRow = mSeenKeys.firstOrRecord(account, source.row))
                issue(
                    row, source, QStringLiteral("account_no"), account,
                    QStringLiteral("account number appears again (first on row %1); the later row is refused")
                        .arg(firstRow));
        }
        const QString phone = row.values.value(QStringLiteral("phone")).toString();
        if (!phone.isEmpty() && !validPhones(phone))
            issue(row, source, QStringLiteral("phone"), phone,
                  QStringLiteral("not a phone number (11-digit mobile or landline with area code expected)"),
                  mProfile.severity(QStringLiteral("phone")));
        validateCustomerPoint(source, row);
    } else {
        validateGeography(source, row);
    }
}

void ImportRun::validateCustomerPoint(const SourceRow& source, RowValues& row) {
    Point& p = row.point;
    const QVariant x = row.values.take(QStringLiteral("x")), y = row.values.take(QStringLiteral("y"));
    const bool xyMapped = mFieldColumn.contains(QStringLiteral("x"));
    if (xyMapped && x.isValid() && y.isValid() && !x.isNull() && !y.isNull()) {
        p.x = x.toDouble();
        p.y = y.toDouble();
        p.set = true;
        if (mReprojection->sourceIsGeographic() || mProfile.sourceCrs.isEmpty()) {
            // Geographic coordinates (the usual case: archive CRS is CGCS2000).
            const bool geographic = mProfile.sourceCrs.isEmpty() ? (mSrid == 4490 || mSrid == 4326)
                                                                 : mReprojection->sourceIsGeographic();
            if (geographic && (std::abs(p.x) > 180 || std::abs(p.y) > 90)) {
                issue(row, source, QStringLiteral("x"),
                      QStringLiteral("%1, %2").arg(x.toString(), y.toString()),
                      QStringLiteral(
                          "longitude/latitude out of range (are X and Y swapped, or is the \"crs\" of "
                          "the mapping profile wrong?)"));
                p.set = false;
                return;
            }
        }
    } else if (xyMapped && ((x.isNull()) != (y.isNull()))) {
        issue(row, source, x.isNull() ? QStringLiteral("x") : QStringLiteral("y"), {},
              QStringLiteral("only one of the two coordinates is given"));
        return;
    } else if (mUseLayerGeometry && source.geometry) {
        auto g = static_cast<OGRGeometryH>(source.geometry);
        const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
        if (type == wkbMultiPoint && OGR_G_GetGeometryCount(g) == 1)
            g = OGR_G_GetGeometryRef(g, 0);
        if (wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint || OGR_G_IsEmpty(g)) {
            issue(row, source, QStringLiteral("geom"), QString::fromUtf8(OGR_G_GetGeometryName(g)),
                  QStringLiteral("a customer's geometry must be a point"));
            return;
        }
        p.x = OGR_G_GetX(g, 0);
        p.y = OGR_G_GetY(g, 0);
        p.set = true;
    }
    if (!p.set) {
        issue(row, source, QStringLiteral("x"), {},
              QStringLiteral("no coordinates: the customer gets no location"),
              mProfile.severity(QStringLiteral("missing_coordinates")));
        return;
    }
    if (!mReprojection->point(p.x, p.y)) {
        issue(row, source, QStringLiteral("x"), QStringLiteral("%1, %2").arg(p.x).arg(p.y),
              QStringLiteral("the point cannot be transformed to the archive's coordinate system EPSG:%1")
                  .arg(mSrid));
        p.set = false;
        return;
    }
    if (!mLocator || mLocator->empty())
        return;
    const QString given = row.values.value(QStringLiteral("district_code")).toString();
    if (given.isEmpty()) {
        const QString found = mLocator->locate(p.x, p.y);
        if (found.isEmpty())
            issue(row, source, QStringLiteral("district_code"), QStringLiteral("%1, %2").arg(p.x).arg(p.y),
                  QStringLiteral("the point lies outside every district (台区); no district assigned"),
                  mProfile.severity(QStringLiteral("outside_districts")));
        else
            row.values.insert(QStringLiteral("district_code"), found);
    } else if (!given.isEmpty() && mLocator->outside(given, p.x, p.y)) {
        issue(row, source, QStringLiteral("district_code"),
              source.values.at(mFieldColumn.value(QStringLiteral("district_code"))),
              QStringLiteral("the point lies outside the district (台区) given for it"),
              mProfile.severity(QStringLiteral("outside_own_district")));
    }
}

void ImportRun::validateGeography(const SourceRow& source, RowValues& row) {
    const ImportKind kind = mProfile.kind;
    const QString key = row.values.value(QStringLiteral("code")).toString();
    if (kind != ImportKind::Roads && !key.isEmpty()) {
        if (const qint64 firstRow = mSeenKeys.firstOrRecord(key, source.row))
            issue(row, source, QStringLiteral("code"), key,
                  QStringLiteral("code appears again (first on row %1); the later row is refused")
                      .arg(firstRow));
    }
    if (kind == ImportKind::Roads) {
        const QString oneway = row.values.value(QStringLiteral("oneway")).toString().trimmed().toLower();
        int value = 0;
        if (oneway.isEmpty() || oneway == QLatin1String("0") || oneway == QLatin1String("no") ||
            oneway == QLatin1String("false") || oneway == QLatin1String("b") ||
            oneway == QStringLiteral("否"))
            value = 0;
        else if (oneway == QLatin1String("1") || oneway == QLatin1String("yes") ||
                 oneway == QLatin1String("true") || oneway == QLatin1String("f") ||
                 oneway == QStringLiteral("是"))
            value = 1;
        else if (oneway == QLatin1String("-1") || oneway == QLatin1String("t") ||
                 oneway == QLatin1String("reverse"))
            value = -1;
        else
            issue(row, source, QStringLiteral("oneway"), oneway,
                  QStringLiteral(
                      "oneway must be 0/no/B (both ways), 1/yes/F (along the line) or -1/T (against it)"));
        row.values.insert(QStringLiteral("oneway"), value);
    }
    auto g = static_cast<OGRGeometryH>(source.geometry);
    if (!g || OGR_G_IsEmpty(g)) {
        issue(row, source, QStringLiteral("geom"), {}, QStringLiteral("no geometry"));
        return;
    }
    OGRGeometryH copy = OGR_G_Clone(g);
    const bool polygons = kind == ImportKind::Districts;
    copy = OGR_G_ForceTo(copy, polygons ? wkbMultiPolygon : wkbMultiLineString, nullptr);
    const auto type = wkbFlatten(OGR_G_GetGeometryType(copy));
    if (type != (polygons ? wkbMultiPolygon : wkbMultiLineString)) {
        issue(row, source, QStringLiteral("geom"), QString::fromUtf8(OGR_G_GetGeometryName(g)),
              polygons ? QStringLiteral("a district must be a polygon (or a closed line)")
                       : QStringLiteral("a line is expected"));
        OGR_G_DestroyGeometry(copy);
        return;
    }
    OGR_G_FlattenTo2D(copy);
    if (!mReprojection->geometry(copy)) {
        issue(row, source, QStringLiteral("geom"), {},
              QStringLiteral("cannot be transformed to the archive's coordinate system EPSG:%1").arg(mSrid));
        OGR_G_DestroyGeometry(copy);
        return;
    }
    if (polygons && !OGR_G_IsValid(copy)) {
        issue(row, source, QStringLiteral("geom"), {},
              QStringLiteral(
                  "the polygon is not valid (self-intersecting or badly nested rings); fix it in the GIS"));
        OGR_G_DestroyGeometry(copy);
        return;
    }
    row.geometry = copy;
}

void ImportRun::write(RowValues& row, const SourceRow& source) {
    Q_UNUSED(source);
    if (mProfile.kind == ImportKind::Customers)
        writeCustomer(row);
    else
        writeGeography(row);
}

void ImportRun::writeCustomer(RowValues& row) {
    const auto& v = row.values;
    const QString account = v.value(QStringLiteral("account_no")).toString();
    std::optional<qint64> fid;
    if (!mFirstLoad) {
        mFindCustomer->reset();
        mFindCustomer->bind(1, account);
        if (mFindCustomer->step())
            fid = mFindCustomer->int64(0);
    }
    if (!fid) {
        insertCustomer(row, account);
        return;
    }

    // Existing customer: compare each mapped field.
    SqliteStatement& found = *mFindCustomer;
    const QString uuid = found.text(1);
    const QString updatedBy = found.text(2);
    const bool touchedByOthers = updatedBy != mOptions.runBy;
    std::optional<QSet<QString>> verified;
    auto verifiedFields = [&]() -> const QSet<QString>& {
        if (!verified) {
            verified.emplace();
            mVerifiedFields->reset();
            mVerifiedFields->bind(1, uuid).bind(2, uuid);
            while (mVerifiedFields->step())
                verified->insert(mVerifiedFields->text(0));
        }
        return *verified;
    };
    quint32 mask = 0;
    std::vector<QVariant> binds;
    bool heldBack = false;
    auto consider = [&](int bit, const QString& column, const QVariant& incoming, const QVariant& current,
                        bool same) {
        if (same)
            return;
        const bool fieldVerified = verifiedFields().contains(column);
        if (fieldVerified || touchedByOthers) {
            heldBack = true;
            Review r{uuid,
                     account,
                     column,
                     current.isNull() ? QString() : current.toString(),
                     incoming.isNull() ? QString() : incoming.toString(),
                     fieldVerified
                         ? QStringLiteral("verified in the field (accepted discrepancy or field check-in)")
                         : QStringLiteral("changed since by %1, not by an import").arg(updatedBy)};
            mReviews.push_back(std::move(r));
            return;
        }
        mask |= 1u << bit;
        binds.push_back(incoming);
    };
    const CustomerColumnNames& names = customerColumnNames();
    for (int c = 0; c < kCustomerColumnCount; ++c) {
        const QString& column = names.column[c];
        const QString& field = names.field[c];
        if (!v.contains(field))
            continue;
        QVariant incoming = v.value(field);
        if (column == QLatin1String("status") && incoming.isNull())
            continue;
        const QVariant current = found.value(3 + c);
        bool same;
        if (incoming.isNull() || current.isNull())
            same = incoming.isNull() == current.isNull();
        else if (incoming.type() == QVariant::Double)
            same = std::abs(incoming.toDouble() - current.toDouble()) <=
                   1e-9 * std::max(1.0, std::abs(incoming.toDouble()));
        else
            same = incoming.toString() == current.toString();
        consider(c, column, incoming, current, same);
    }
    if (row.point.set) {
        const bool hasGeom = !found.isNull(3 + kCustomerColumnCount);
        const double cx = found.real(3 + kCustomerColumnCount), cy = found.real(4 + kCustomerColumnCount);
        const bool same = hasGeom && std::abs(cx - row.point.x) < 1e-9 && std::abs(cy - row.point.y) < 1e-9;
        if (!same) {
            const QString incoming =
                QStringLiteral("POINT(%1 %2)").arg(row.point.x, 0, 'f', 9).arg(row.point.y, 0, 'f', 9);
            const QString current =
                hasGeom ? QStringLiteral("POINT(%1 %2)").arg(cx, 0, 'f', 9).arg(cy, 0, 'f', 9) : QString();
            const bool fieldVerified = verifiedFields().contains(QStringLiteral("geom"));
            if (hasGeom && (fieldVerified || touchedByOthers)) {
                heldBack = true;
                mReviews.push_back(
                    {uuid, account, QStringLiteral("geom"), current, incoming,
                     fieldVerified ? QStringLiteral("location measured in the field")
                                   : QStringLiteral("changed since by %1, not by an import").arg(updatedBy)});
            } else {
                mask |= 1u << kCustomerColumnCount;
            }
        }
    }
    if (heldBack)
        ++mResult.forReview;
    if (mask == 0) {
        if (!heldBack)
            ++mResult.unchanged;
        return;
    }
    auto& statement = mUpdateByMask[mask];
    if (!statement) {
        QStringList sets;
        for (int c = 0; c < kCustomerColumnCount; ++c)
            if (mask & (1u << c))
                sets << QStringLiteral("%1 = ?").arg(QString::fromLatin1(kCustomerColumns[c]));
        if (mask & (1u << kCustomerColumnCount))
            sets << QStringLiteral("geom = MakePoint(?, ?, %1)").arg(mSrid);
        statement = std::make_shared<SqliteStatement>(
            mDb, QStringLiteral("UPDATE customers SET %1, row_version = row_version + 1, updated_at = ?, "
                                "updated_by = ? WHERE fid = ?")
                     .arg(sets.join(QStringLiteral(", "))));
    }
    int index = 1;
    for (const QVariant& b : binds)
        statement->bind(index++, b);
    if (mask & (1u << kCustomerColumnCount)) {
        statement->bind(index++, row.point.x);
        statement->bind(index++, row.point.y);
    }
    statement->bind(index++, mNow);
    statement->bind(index++, mOptions.runBy);
    statement->bind(index, static_cast<std::int64_t>(*fid));
    statement->execute();
    ++mResult.updated;
}

void ImportRun::insertCustomer(const RowValues& row, const QString& account) {
    // The hot path of a large import: texts go in as UTF-8 from buffers kept
    // across rows (SQLITE_STATIC, no copy), the run's constants stay bound.
    sqlite3_stmt* insert = mInsertCustomer->handle();
    const auto bindText = [&](int index, std::string& buffer, const QString& text) {
        utf8Into(buffer, text);
        sqlite3_bind_text(insert, index, buffer.data(), static_cast<int>(buffer.size()), SQLITE_STATIC);
    };
    if (!mInsertConstantsBound) {
        utf8Into(mNowUtf8, mNow);
        utf8Into(mRunByUtf8, mOptions.runBy);
        sqlite3_bind_text(insert, 2, mNowUtf8.data(), static_cast<int>(mNowUtf8.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, mRunByUtf8.data(), static_cast<int>(mRunByUtf8.size()), SQLITE_STATIC);
        mInsertConstantsBound = true;
    }
    mUuids.next(mUuidUtf8);
    sqlite3_bind_text(insert, 1, mUuidUtf8.data(), static_cast<int>(mUuidUtf8.size()), SQLITE_STATIC);
    bindText(4, mAccountUtf8, account);
    // The indexed values exactly as bound, for the search index build.
    const char* indexed[SearchIndexBuilder::ColumnCount] = {mAccountUtf8.data(), nullptr, nullptr, nullptr,
                                                            nullptr};
    int indexedBytes[SearchIndexBuilder::ColumnCount] = {static_cast<int>(mAccountUtf8.size()), 0, 0, 0, 0};
    const CustomerColumnNames& names = customerColumnNames();
    const auto& v = row.values;
    for (int c = 0; c < kCustomerColumnCount; ++c) {
        const QVariant* it = v.find(names.field[c]);
        const int index = 5 + c;
        if (!it || it->isNull() || !it->isValid()) {
            if (c == kStatusColumn)
                sqlite3_bind_text(insert, index, "active", 6, SQLITE_STATIC);
            else
                sqlite3_bind_null(insert, index);
            continue;
        }
        if (it->type() == QVariant::Double) {
            sqlite3_bind_double(insert, index, it->toDouble());
            // The indexed fields are text; should one ever be a number,
            // SQLite's own rendering of it is what a rebuild indexes.
            if (names.searchColumn[c] >= 0)
                mSearchBuild.reset();
        } else {
            bindText(index, mColumnUtf8[c], it->toString());
            if (names.searchColumn[c] >= 0) {
                indexed[names.searchColumn[c]] = mColumnUtf8[c].data();
                indexedBytes[names.searchColumn[c]] = static_cast<int>(mColumnUtf8[c].size());
            }
        }
    }
    unsigned char point[60];
    if (row.point.set) {
        spatialitePoint(point, row.point.x, row.point.y, mSrid);
        sqlite3_bind_blob(insert, 5 + kCustomerColumnCount, point, sizeof point, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(insert, 5 + kCustomerColumnCount);
    }
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE)
        mDb.throwError(QStringLiteral("inserting customer %1").arg(account));
    const std::int64_t fid = mDb.lastInsertRowId();
    if (mBulkLoad && row.point.set)
        mBulkLoad->addPoint(fid, row.point.x, row.point.y);
    if (mSearchBuild)
        mSearchBuild->add(fid, indexed, indexedBytes);
    ++mResult.inserted;
}

void ImportRun::writeGeography(RowValues& row) {
    const ImportKind kind = mProfile.kind;
    const int wkbSize = OGR_G_WkbSize(row.geometry);
    QByteArray wkb(wkbSize, Qt::Uninitialized);
    OGR_G_ExportToWkb(row.geometry, wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()));
    const auto& v = row.values;
    if (kind == ImportKind::Roads) {
        mInsertGeography->bind(1, v.value(QStringLiteral("name")))
            .bind(2, v.value(QStringLiteral("road_class")))
            .bind(3, static_cast<std::int64_t>(v.value(QStringLiteral("oneway")).toInt()))
            .bindBlob(4, wkb.constData(), wkb.size());
        mInsertGeography->execute();
        ++mResult.inserted;
        return;
    }
    const QString code = v.value(QStringLiteral("code")).toString();
    // Fields of the table this kind writes, in statement order (code first).
    const QStringList fields = kind == ImportKind::Districts
                                   ? QStringList{QStringLiteral("name"), QStringLiteral("feeder_code"),
                                                 QStringLiteral("transformer_kva"), QStringLiteral("county")}
                                   : QStringList{QStringLiteral("name"), QStringLiteral("substation"),
                                                 QStringLiteral("voltage_level")};
    mFindByCode->reset();
    mFindByCode->bindBlob(1, wkb.constData(), wkb.size());
    mFindByCode->bind(2, code);
    if (!mFindByCode->step()) {
        int i = 1;
        mInsertGeography->bind(i++, mNow);
        mInsertGeography->bind(i++, mOptions.runBy);
        mInsertGeography->bind(i++, code);
        for (const QString& f : fields)
            mInsertGeography->bind(i++, v.value(f));
        mInsertGeography->bindBlob(i, wkb.constData(), wkb.size());
        mInsertGeography->execute();
        ++mResult.inserted;
        return;
    }
    const qint64 fid = mFindByCode->int64(0);
    // Only mapped fields change; the geometry always comes from the GIS.
    QStringList sets;
    QVariantList binds;
    for (int f = 0; f < fields.size(); ++f) {
        if (!v.contains(fields[f]))
            continue;
        const QVariant current = mFindByCode->value(1 + f), incoming = v.value(fields[f]);
        const bool same =
            (current.isNull() && incoming.isNull()) ||
            (!current.isNull() && !incoming.isNull() && current.toString() == incoming.toString());
        if (same)
            continue;
        sets << QStringLiteral("%1 = ?").arg(columnForField(fields[f]));
        binds << incoming;
    }
    // Topologically equal counts as the same: a shapefile turns the rings of
    // the GeoJSON it was made from the other way round.
    const bool sameGeometry =
        !mFindByCode->isNull(1 + fields.size()) && mFindByCode->int64(1 + fields.size()) == 1;
    if (sets.isEmpty() && sameGeometry) {
        ++mResult.unchanged;
        return;
    }
    if (!sameGeometry)
        sets << QStringLiteral("geom = CastToMulti(GeomFromWKB(?, %1))").arg(mSrid);
    SqliteStatement update(mDb,
                           QStringLiteral("UPDATE %1 SET %2, row_version = row_version + 1, updated_at = ?, "
                                          "updated_by = ? WHERE fid = ?")
                               .arg(importKindName(kind), sets.join(QStringLiteral(", "))));
    int i = 1;
    for (const QVariant& b : binds)
        update.bind(i++, b);
    if (!sameGeometry)
        update.bindBlob(i++, wkb.constData(), wkb.size());
    update.bind(i++, mNow);
    update.bind(i++, mOptions.runBy);
    update.bind(i, static_cast<std::int64_t>(fid));
    update.execute();
    ++mResult.updated;
}

QJsonObject ImportRun::summary() const {
    QJsonObject fields;
    for (auto it = mResult.fieldColumns.begin(); it != mResult.fieldColumns.end(); ++it)
        fields.insert(it.key(), it.value());
    return {
        {QStringLiteral("source"), QFileInfo(mFile).absoluteFilePath()},
        {QStringLiteral("sha256"), mResult.sha256},
        {QStringLiteral("kind"), importKindName(mProfile.kind)},
        {QStringLiteral("driver"), mResult.driver},
        {QStringLiteral("layer"), mResult.layer},
        {QStringLiteral("encoding"), mResult.encoding},
        {QStringLiteral("encoding_detected"), mResult.encodingDetected},
        {QStringLiteral("archive"), mArchive.path()},
        {QStringLiteral("applied"), mResult.applied},
        {QStringLiteral("dry_run"), mOptions.dryRun},
        {QStringLiteral("skip_invalid"), mOptions.skipInvalid},
        {QStringLiteral("rows_read"), mResult.rowsRead},
        {QStringLiteral("inserted"), mResult.inserted},
        {QStringLiteral("updated"), mResult.updated},
        {QStringLiteral("unchanged"), mResult.unchanged},
        {QStringLiteral("rejected"), mResult.rejected},
        {QStringLiteral("for_review"), mResult.forReview},
        {QStringLiteral("errors"), mResult.errors},
        {QStringLiteral("warnings"), mResult.warnings},
        {QStringLiteral("mapping"), fields},
        {QStringLiteral("unmatched_columns"), QJsonArray::fromStringList(mResult.unmatchedColumns)},
    };
}

void ImportRun::recordRun(const QString& startedAt) {
    SqliteStatement insert(
        mDb, QStringLiteral(
                 "INSERT INTO import_runs (kind, via, source, source_sha256, source_bytes, source_mtime, "
                 "encoding, mapping, rows_read, rows_inserted, rows_updated, rows_unchanged, "
                 "rows_rejected, rows_for_review, warnings, skip_invalid, started_at, finished_at, run_by, "
                 "report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariantList values = {
        QVariant(importKindName(mProfile.kind)),
        QVariant(mOptions.via),
        QVariant(QFileInfo(mFile).absoluteFilePath()),
        QVariant(mResult.sha256),
        QVariant(static_cast<qlonglong>(mSourceBytes)),
        QVariant(mSourceMtime),
        QVariant(mResult.encoding),
        QVariant(QString::fromUtf8(QJsonDocument(mProfile.toJson()).toJson(QJsonDocument::Compact))),
        QVariant(static_cast<qlonglong>(mResult.rowsRead)),
        QVariant(static_cast<qlonglong>(mResult.inserted)),
        QVariant(static_cast<qlonglong>(mResult.updated)),
        QVariant(static_cast<qlonglong>(mResult.unchanged)),
        QVariant(static_cast<qlonglong>(mResult.rejected)),
        QVariant(static_cast<qlonglong>(mResult.forReview)),
        QVariant(static_cast<qlonglong>(mResult.warnings)),
        QVariant(static_cast<qlonglong>(mOptions.skipInvalid ? 1 : 0)),
        QVariant(startedAt),
        QVariant(nowUtc()),
        QVariant(mOptions.runBy),
        QVariant(mResult.reportJson),
    };
    for (int i = 0; i < values.size(); ++i)
        insert.bind(i + 1, values[i]);
    insert.execute();
    mResult.runId = mDb.lastInsertRowId();
    if (mReviews.empty())
        return;
    SqliteStatement open(mDb,
                         QStringLiteral("SELECT 1 FROM import_review WHERE table_name = 'customers' AND "
                                        "row_uuid = ? AND field = ? AND status IN ('open', 'rejected') AND "
                                        "incoming_value IS ?"));
    SqliteStatement review(
        mDb, QStringLiteral("INSERT INTO import_review (run_id, table_name, row_uuid, natural_key, "
                            "field, archive_value, incoming_value, reason) VALUES "
                            "(?, 'customers', ?, ?, ?, ?, ?, ?)"));
    for (const Review& r : mReviews) {
        // The same MIS value held back again (a rerun, a daily pull) is not
        // a new thing to review, nor is one a person already rejected.
        open.reset();
        open.bind(1, r.uuid)
            .bind(2, r.field)
            .bind(3, r.incomingValue.isNull() ? QVariant() : QVariant(r.incomingValue));
        if (open.step())
            continue;
        review.bind(1, static_cast<std::int64_t>(mResult.runId))
            .bind(2, r.uuid)
            .bind(3, r.key)
            .bind(4, r.field)
            .bind(5, r.archiveValue.isNull() ? QVariant() : QVariant(r.archiveValue))
            .bind(6, r.incomingValue.isNull() ? QVariant() : QVariant(r.incomingValue))
            .bind(7, r.reason);
        review.execute();
    }
}

void ImportRun::execute() {
    const QString startedAt = nowUtc();
    mSrid = mArchive.info().srid;
    mResult.source = QFileInfo(mFile).absoluteFilePath();
    if (!mOptions.reportBase.isEmpty()) {
        mReport = std::make_unique<ImportReportWriter>(mOptions.reportBase);
        mResult.reportCsv = mReport->csvPath();
        mResult.reportJson = mReport->jsonPath();
    }
    auto fileLevel = [&](const RecheckError& e) {
        if (mReport) {
            RowIssue i;
            i.file = QFileInfo(mFile).fileName();
            i.reason = QString::fromUtf8(e.what());
            record(i);
            mReport->finish(summary());
        }
    };
    try {
        qint64 lineBreaks = 0;
        mResult.sha256 = ArchiveImporter::sourceDigest(mFile, &mSourceBytes, &lineBreaks);
        mSourceMtime = QFileInfo(mFile).lastModified().toUTC().toString(Qt::ISODateWithMs);
        openSource();
        if (mReader->expectedRows() < 0)
            mReader->setExpectedRows(std::max<qint64>(1, lineBreaks));
        // Room for every key at once instead of rehashing as they come
        // (a million accounts: 20 rehashes of a growing table).
        mSeenKeys.reserve(std::min<qint64>(mReader->expectedRows(), 1 << 22));
        const QString pattern = mProfile.accountPattern.isEmpty() ? MappingProfile::defaultAccountPattern()
                                                                  : mProfile.accountPattern;
        mAccountPattern.setPattern(pattern);
        mAccountPattern.optimize();
        mDefaultAccountPattern = pattern == MappingProfile::defaultAccountPattern();
        mCodes = std::make_unique<CodeLists>(mDb);
        mDistricts = uuidsByCode(mDb, QStringLiteral("districts"));
        mFeeders = uuidsByCode(mDb, QStringLiteral("feeders"));
        if (mProfile.kind == ImportKind::Customers)
            mLocator = std::make_unique<DistrictLocator>(mDb);
    } catch (const RecheckError& e) {
        fileLevel(e);
        throw;
    }

    // A larger page cache keeps the account_no and uuid indexes of a
    // million-row load in memory (64 MB; the default is 2 MB).
    mDb.exec(QStringLiteral("PRAGMA cache_size = -65536"));
    const ImportKind kind = mProfile.kind;
    const auto customersEmpty = [&] {
        return mDb.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM customers)")).toInt() == 0;
    };
    // A first customer load builds the search index on another thread in a
    // scratch file, attached now (SQLite attaches nothing inside a
    // transaction; the transaction below then leaves it to the builder) and
    // copied in at the end. Beside the archive: its folder is writable, or
    // SQLite could not journal there. Detached after the transaction.
    std::optional<SqliteAttachment> searchScratch;
    if (kind == ImportKind::Customers && !mOptions.dryRun && SearchIndex::exists(mDb) && customersEmpty()) {
        // What an import killed halfway left (up to a few hundred MB). An
        // import running now in another process keeps its file open, so
        // removing the name does it no harm.
        const QFileInfo archiveFile(mArchive.path());
        const QString scratchPrefix = archiveFile.fileName() + QStringLiteral("-import-search");
        for (const QString& stale :
             archiveFile.dir().entryList({scratchPrefix + QLatin1Char('*')}, QDir::Files))
            QFile::remove(archiveFile.dir().filePath(stale));
        mSearchBuild = std::make_unique<SearchIndexBuilder>(QStringLiteral("%1-%2").arg(
            archiveFile.dir().filePath(scratchPrefix), QUuid::createUuid().toString(QUuid::Id128).left(12)));
        searchScratch.emplace(mDb, mSearchBuild->scratchPath(), QStringLiteral("import_search"));
    }
    SqliteTransaction transaction(mDb, mSearchBuild ? SqliteTransaction::Lock::MainDatabaseOnly
                                                    : SqliteTransaction::Lock::AllDatabases);
    mNow = nowUtc();
    if (kind == ImportKind::Customers) {
        // Asked again inside the transaction: another writer may have come first.
        mFirstLoad = customersEmpty();
        if (mFirstLoad && !mOptions.dryRun) {
            mBulkLoad = std::make_unique<CustomerBulkLoad>(mDb);
            mBulkLoad->reserve(static_cast<std::size_t>(std::min<qint64>(mReader->expectedRows(), 1 << 24)));
        }
        if (!mBulkLoad || !mBulkLoad->fillsSearchIndex())
            mSearchBuild.reset();
        QStringList select;
        for (const char* c : kCustomerColumns)
            select << QString::fromLatin1(c);
        mFindCustomer = std::make_unique<SqliteStatement>(
            mDb, QStringLiteral(
                     "SELECT fid, uuid, updated_by, %1, X(geom), Y(geom) FROM customers WHERE account_no = ?")
                     .arg(select.join(QStringLiteral(", "))));
        QStringList placeholders;
        for (int c = 0; c < kCustomerColumnCount; ++c)
            placeholders << QStringLiteral("?");
        // geom: the point's blob as MakePoint() makes it (spatialitePoint()).
        mInsertCustomer = std::make_unique<SqliteStatement>(
            mDb, QStringLiteral("INSERT INTO customers (uuid, updated_at, updated_by, account_no, %1, geom) "
                                "VALUES (?, ?, ?, ?, %2, ?)")
                     .arg(select.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", "))));
        mVerifiedFields = std::make_unique<SqliteStatement>(
            mDb,
            QStringLiteral("SELECT field FROM discrepancies WHERE customer_uuid = ? AND status = 'accepted' "
                           "UNION SELECT field FROM sync_provenance WHERE table_name = 'customers' AND "
                           "row_uuid = ?"));
    } else if (kind == ImportKind::Roads) {
        mDb.exec(QStringLiteral("DELETE FROM roads"));
        mInsertGeography = std::make_unique<SqliteStatement>(
            mDb, QStringLiteral("INSERT INTO roads (name, road_class, oneway, geom) VALUES (?, ?, ?, "
                                "CastToMulti(GeomFromWKB(?, %1)))")
                     .arg(mSrid));
    } else {
        const bool districts = kind == ImportKind::Districts;
        const QString table = importKindName(kind);
        const QString columns = districts ? QStringLiteral("name, feeder_uuid, transformer_kva, county")
                                          : QStringLiteral("name, substation, voltage_level");
        mFindByCode = std::make_unique<SqliteStatement>(
            mDb,
            QStringLiteral("SELECT fid, %1, ST_Equals(geom, CastToMulti(GeomFromWKB(?1, %3))) FROM %2 WHERE "
                           "code = ?2")
                .arg(columns, table)
                .arg(mSrid));
        mInsertGeography = std::make_unique<SqliteStatement>(
            mDb,
            QStringLiteral("INSERT INTO %1 (updated_at, updated_by, code, %2, geom) VALUES (?, ?, ?, %3, "
                           "CastToMulti(GeomFromWKB(?, %4)))")
                .arg(table, columns, districts ? QStringLiteral("?, ?, ?, ?") : QStringLiteral("?, ?, ?"))
                .arg(mSrid));
    }

    // A CSV without a final line break may have lost the end of its last
    // row: read one row ahead so the last one is known when it is checked.
    const bool lookAhead = mReader->endsWithoutLineBreak();
    SourceRow current, ahead;
    bool haveCurrent = false;
    // A CSV (GDAL's simplest driver, decoded here) is read ahead on another
    // thread; other formats are read here.
    std::optional<RowPrefetch> prefetch;
    if (mResult.driver == QLatin1String("CSV"))
        prefetch.emplace(*mReader);
    auto readRow = [&](SourceRow& into) {
        try {
            return prefetch ? prefetch->next(into) : mReader->next(into);
        } catch (const RecheckError& e) {
            fileLevel(e);
            throw;
        }
    };
    haveCurrent = readRow(current);
    if (lookAhead && haveCurrent && current.geometry)
        current.geometry = OGR_G_Clone(static_cast<OGRGeometryH>(current.geometry));
    const double expected = static_cast<double>(std::max<qint64>(1, mReader->expectedRows()));
    while (haveCurrent) {
        bool haveNext = false;
        if (lookAhead) {
            haveNext = readRow(ahead);
            if (haveNext && ahead.geometry)
                ahead.geometry = OGR_G_Clone(static_cast<OGRGeometryH>(ahead.geometry));
        }
        ++mResult.rowsRead;
        {
            RowValues row;
            validate(current, row, lookAhead && !haveNext);
            for (const RowIssue& i : row.issues)
                record(i);
            if (row.hasError) {
                ++mResult.rejected;
                if (!mOptions.skipInvalid)
                    mWriting = false; // nothing will be committed: validate the rest only
            } else if (mWriting) {
                write(row, current);
            }
        }
        if (lookAhead && current.geometry)
            OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(current.geometry));
        if (lookAhead) {
            std::swap(current, ahead);
            ahead.geometry = nullptr;
            haveCurrent = haveNext;
        } else {
            haveCurrent = readRow(current);
        }
        if (mOptions.progress && (mResult.rowsRead & 1023) == 0 &&
            !mOptions.progress(std::min(0.99, static_cast<double>(mResult.rowsRead) / expected))) {
            const RecheckError cancelled(
                QStringLiteral("%1: import cancelled; nothing was applied").arg(mFile).toStdString());
            fileLevel(cancelled);
            throw cancelled;
        }
    }
    if (mResult.rowsRead == 0) {
        const RecheckError empty(
            QStringLiteral("%1: the file has no data rows (a header only, or nothing); nothing was applied")
                .arg(mFile)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
        fileLevel(empty);
        throw empty;
    }
    // Every key of the file is in mSeenKeys (a million accounts: ~70 MB);
    // the index rebuilds below need the memory more.
    mSeenKeys.clear();
    const bool apply = !mOptions.dryRun && (mResult.rejected == 0 || mOptions.skipInvalid);
    // The builder's last rows and final merge, beside the index and R*Tree
    // builds below (it sat idle through them, waiting for this).
    if (apply && mSearchBuild)
        mSearchBuild->close();
    if (apply) {
        if (mBulkLoad)
            mBulkLoad->finish(mSearchBuild.get(), searchScratch ? searchScratch->schema() : QString());
        recordRun(startedAt);
        transaction.commit();
        mResult.applied = true;
    }
    if (mReport)
        mReport->finish(summary());
    if (mOptions.progress)
        mOptions.progress(1.0);
}

} // namespace

QString ArchiveImporter::sourceDigest(const QString& file, qint64* bytes, qint64* lineBreaks) {
    Sha256 sha;
    qint64 total = 0, breaks = 0;
    if (!QFileInfo(file).isFile())
        throw RecheckError(QStringLiteral("%1: no such file").arg(file).toStdString(),
                           RecheckError::Kind::InvalidInput);
    for (const QString& path : SourceReader::datasetFiles(file)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            throw RecheckError(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()).toStdString(),
                               RecheckError::Kind::InvalidInput);
        QByteArray chunk;
        while (!(chunk = f.read(1 << 20)).isEmpty()) {
            sha.addData(chunk);
            total += chunk.size();
            if (path == file)
                breaks += chunk.count('\n');
        }
    }
    if (bytes)
        *bytes = total;
    if (lineBreaks)
        *lineBreaks = breaks;
    return QString::fromLatin1(sha.result().toHex());
}

ImportResult ArchiveImporter::run(Archive& archive, const QString& file, const ImportOptions& options) {
    // MIS and GIS data enter at the office master; a package gets them at
    // its next check-out, or its check-in would carry them back as field edits.
    if (archive.info().role != ArchiveInfo::Role::Master)
        throw RecheckError(QStringLiteral("%1: is a laptop package; import into the office master instead")
                               .arg(archive.path())
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    ImportResult result;
    ImportRun run(archive, file, options, result);
    run.execute();
    return result;
}

} // namespace recheck::io
