#include "ArchiveLayerUri.h"

#include <QStringList>

namespace recheck::qgis {

namespace {
const QString kLayerNameKey = QStringLiteral("layername");
const QString kDistrictKey = QStringLiteral("district");
const QString kSubsetKey = QStringLiteral("subset");
} // namespace

ArchiveLayerUri ArchiveLayerUri::parse(const QString& uri) {
    ArchiveLayerUri result;
    QString rest = uri;
    const int subsetAt =
        uri.indexOf(QLatin1Char('|') + kSubsetKey + QLatin1Char('='), 0, Qt::CaseInsensitive);
    if (subsetAt >= 0) {
        result.subset = uri.mid(subsetAt + kSubsetKey.size() + 2);
        rest = uri.left(subsetAt);
    }
    const QStringList parts = rest.split(QLatin1Char('|'));
    result.path = parts.value(0).trimmed();
    for (int i = 1; i < parts.size(); ++i) {
        const QString& part = parts[i];
        const int equals = part.indexOf(QLatin1Char('='));
        if (equals < 0)
            continue;
        const QString key = part.left(equals).trimmed().toLower();
        const QString value = part.mid(equals + 1).trimmed();
        if (key == kLayerNameKey)
            result.table = value;
        else if (key == kDistrictKey)
            result.district = value;
        // Unknown keys (e.g. ogr's geometrytype) are ignored so that a URI
        // copied from an ogr layer still opens.
    }
    return result;
}

QString ArchiveLayerUri::toString() const {
    QString uri = path;
    if (!table.isEmpty())
        uri += QLatin1Char('|') + kLayerNameKey + QLatin1Char('=') + table;
    if (!district.isEmpty())
        uri += QLatin1Char('|') + kDistrictKey + QLatin1Char('=') + district;
    if (!subset.isEmpty())
        uri += QLatin1Char('|') + kSubsetKey + QLatin1Char('=') + subset;
    return uri;
}

ArchiveLayerUri ArchiveLayerUri::fromParts(const QVariantMap& parts) {
    ArchiveLayerUri result;
    result.path = parts.value(QStringLiteral("path")).toString();
    result.table = parts.value(QStringLiteral("layerName")).toString();
    result.district = parts.value(QStringLiteral("district")).toString();
    result.subset = parts.value(QStringLiteral("subset")).toString();
    return result;
}

QVariantMap ArchiveLayerUri::toParts() const {
    QVariantMap parts;
    parts.insert(QStringLiteral("path"), path);
    if (!table.isEmpty())
        parts.insert(QStringLiteral("layerName"), table);
    if (!district.isEmpty())
        parts.insert(QStringLiteral("district"), district);
    if (!subset.isEmpty())
        parts.insert(QStringLiteral("subset"), subset);
    return parts;
}

} // namespace recheck::qgis
