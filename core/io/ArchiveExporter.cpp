#include "ArchiveExporter.h"

#include "archive/Archive.h"
#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextCodec>

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <mutex>

namespace recheck::io {

namespace {

struct Column {
    const char* name;
    OGRFieldType type;
};

// Archive field names, so the export imports back as is (auto-matched).
const Column kColumns[] = {
    {"account_no", OFTString},
    {"name", OFTString},
    {"address", OFTString},
    {"phone", OFTString},
    {"usage_category", OFTString},
    {"voltage_level", OFTString},
    {"contracted_capacity", OFTReal},
    {"monthly_kwh", OFTReal},
    {"meter_asset_no", OFTString},
    {"district_code", OFTString},
    {"feeder_code", OFTString},
    {"status", OFTString},
    {"mis_updated_at", OFTString},
    {"x", OFTReal},
    {"y", OFTReal},
    {"updated_at", OFTString},
    {"updated_by", OFTString},
    {"last_visit", OFTString},
    {"changed_fields", OFTString},
};
constexpr int kX = 13, kY = 14;

[[noreturn]] void fail(const QString& path, const QString& what) {
    throw RecheckError(QStringLiteral("%1: %2").arg(path, what).toStdString(), RecheckError::Kind::Io);
}

QString lastGdalError() {
    return QString::fromUtf8(CPLGetLastErrorMsg());
}

void transcodeToGb18030(const QString& from, const QString& to) {
    QFile in(from), out(to);
    if (!in.open(QIODevice::ReadOnly))
        fail(from, in.errorString());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(to, out.errorString());
    QTextCodec* codec = QTextCodec::codecForName("GB18030");
    while (!in.atEnd()) {
        const QByteArray line = in.readLine();
        out.write(codec->fromUnicode(QString::fromUtf8(line)));
    }
    if (!out.flush())
        fail(to, out.errorString());
}

} // namespace

ExportResult ArchiveExporter::exportCustomers(Archive& archive, const QString& path,
                                              const ExportOptions& options) {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
    const QFileInfo target(path);
    const QString suffix = target.suffix().toLower();
    QString driverName;
    if (suffix == QLatin1String("csv"))
        driverName = QStringLiteral("CSV");
    else if (suffix == QLatin1String("xlsx"))
        driverName = QStringLiteral("XLSX");
    else if (suffix == QLatin1String("gpkg"))
        driverName = QStringLiteral("GPKG");
    else
        throw RecheckError(
            QStringLiteral("%1: export writes .csv, .xlsx or .gpkg files").arg(path).toStdString(),
            RecheckError::Kind::InvalidInput);
    if (options.encoding == SourceEncoding::Gb18030 && suffix != QLatin1String("csv"))
        throw RecheckError(
            QStringLiteral("%1: only CSV can be written in GBK; XLSX and GPKG are always UTF-8")
                .arg(path)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    QString since = options.changedSince.trimmed();
    if (!since.isEmpty()) {
        static const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z?)?$"));
        if (!iso.match(since).hasMatch())
            throw RecheckError(
                QStringLiteral("--changed-since \"%1\": a date YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] is "
                               "expected")
                    .arg(since)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        since.replace(QLatin1Char(' '), QLatin1Char('T'));
    }
    QDir().mkpath(target.absolutePath());
    const QString temporary = target.absolutePath() + QStringLiteral("/.%1.part-%2.%3")
                                                          .arg(target.completeBaseName())
                                                          .arg(QCoreApplication::applicationPid())
                                                          .arg(suffix);
    QFile::remove(temporary);
    const int srid = archive.info().srid;
    const bool geometry = driverName == QLatin1String("GPKG");

    ExportResult result;
    result.path = target.absoluteFilePath();
    result.driver = driverName;
    {
        GDALDriverH driver = GDALGetDriverByName(driverName.toLatin1().constData());
        GDALDatasetH dataset =
            GDALCreate(driver, QFile::encodeName(temporary).constData(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!dataset)
            fail(path, QStringLiteral("cannot create: %1").arg(lastGdalError()));
        struct Closer {
            GDALDatasetH d;
            ~Closer() {
                if (d)
                    GDALClose(d);
            }
        } closer{dataset};
        OGRSpatialReferenceH srs = nullptr;
        if (geometry) {
            srs = OSRNewSpatialReference(nullptr);
            OSRImportFromEPSG(srs, srid);
            OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
        }
        CPLStringList layerOptions;
        if (driverName == QLatin1String("CSV"))
            layerOptions.AddNameValue("STRING_QUOTING", "IF_NEEDED");
        OGRLayerH layer = GDALDatasetCreateLayer(dataset, "customers", srs, geometry ? wkbPoint : wkbNone,
                                                 layerOptions.List());
        if (srs)
            OSRDestroySpatialReference(srs);
        if (!layer)
            fail(path, QStringLiteral("cannot create the layer: %1").arg(lastGdalError()));
        for (int c = 0; c < static_cast<int>(std::size(kColumns)); ++c) {
            if (geometry && (c == kX || c == kY))
                continue;
            OGRFieldDefnH field = OGR_Fld_Create(kColumns[c].name, kColumns[c].type);
            if (OGR_L_CreateField(layer, field, TRUE) != OGRERR_NONE) {
                OGR_Fld_Destroy(field);
                fail(path, QStringLiteral("cannot create column %1: %2")
                               .arg(QString::fromLatin1(kColumns[c].name), lastGdalError()));
            }
            OGR_Fld_Destroy(field);
        }
        SqliteDatabase& db = archive.db();
        const qint64 total = db.scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong();
        SqliteStatement rows(
            db,
            QStringLiteral(
                "SELECT c.account_no, c.name, c.address, c.phone, c.usage_category, c.voltage_level,\n"
                "  c.contracted_capacity, c.monthly_kwh, c.meter_asset_no, d.code, f.code, c.status,\n"
                "  c.mis_updated_at, X(c.geom), Y(c.geom), c.updated_at, c.updated_by,\n"
                "  (SELECT max(v.visited_at) FROM visits v WHERE v.customer_uuid = c.uuid),\n"
                "  (SELECT group_concat(field, ';') FROM (\n"
                "     SELECT field FROM discrepancies WHERE customer_uuid = c.uuid AND status = 'accepted'\n"
                "     UNION SELECT field FROM sync_provenance\n"
                "       WHERE table_name = 'customers' AND row_uuid = c.uuid ORDER BY 1))\n"
                "FROM customers c\n"
                "LEFT JOIN districts d ON d.uuid = c.district_uuid\n"
                "LEFT JOIN feeders f ON f.uuid = c.feeder_uuid\n"
                "WHERE (?1 IS NULL OR c.updated_at >= ?1)\n"
                "  AND (?2 = 0 OR EXISTS (SELECT 1 FROM visits v WHERE v.customer_uuid = c.uuid\n"
                "                         AND v.result IN ('ok', 'discrepancy')))\n"
                "ORDER BY c.account_no"));
        rows.bind(1, since.isEmpty() ? QVariant() : QVariant(since))
            .bind(2, static_cast<std::int64_t>(options.verifiedOnly ? 1 : 0));
        // GeoPackage and XLSX write far faster inside one transaction.
        const bool transaction = GDALDatasetStartTransaction(dataset, FALSE) == OGRERR_NONE;
        OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
        qint64 scanned = 0;
        while (rows.step()) {
            ++scanned;
            OGRFeatureH feature = OGR_F_Create(definition);
            int field = 0;
            for (int c = 0; c < static_cast<int>(std::size(kColumns)); ++c) {
                if (geometry && (c == kX || c == kY))
                    continue;
                if (!rows.isNull(c)) {
                    if (kColumns[c].type == OFTReal)
                        OGR_F_SetFieldDouble(feature, field, rows.real(c));
                    else
                        OGR_F_SetFieldString(feature, field, rows.text(c).toUtf8().constData());
                }
                ++field;
            }
            if (geometry && !rows.isNull(kX)) {
                OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
                OGR_G_SetPoint_2D(point, 0, rows.real(kX), rows.real(kY));
                OGR_F_SetGeometryDirectly(feature, point);
            }
            const OGRErr error = OGR_L_CreateFeature(layer, feature);
            OGR_F_Destroy(feature);
            if (error != OGRERR_NONE)
                fail(path, QStringLiteral("cannot write customer %1: %2").arg(rows.text(0), lastGdalError()));
            ++result.rows;
            if (options.progress && (scanned & 1023) == 0 &&
                !options.progress(
                    std::min(0.99, static_cast<double>(scanned) / std::max<qint64>(1, total)))) {
                closer.d = nullptr;
                GDALClose(dataset);
                QFile::remove(temporary);
                throw RecheckError(QStringLiteral("%1: export cancelled").arg(path).toStdString());
            }
        }
        if (transaction && GDALDatasetCommitTransaction(dataset) != OGRERR_NONE)
            fail(path, QStringLiteral("cannot write: %1").arg(lastGdalError()));
    }
    QFile::remove(path);
    if (options.encoding == SourceEncoding::Gb18030) {
        transcodeToGb18030(temporary, path);
        QFile::remove(temporary);
    } else if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        fail(path, QStringLiteral("cannot replace the file"));
    }
    if (options.progress)
        options.progress(1.0);
    return result;
}

} // namespace recheck::io
