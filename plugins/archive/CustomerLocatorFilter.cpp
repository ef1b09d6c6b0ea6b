#include "CustomerLocatorFilter.h"

#include "ArchiveLayerUri.h"
#include "ArchiveSearchSessions.h"
#include "common/Sqlite.h"
#include "search/ArchiveSearch.h"

#include <qgsapplication.h>
#include <qgsfeature.h>
#include <qgsfeedback.h>
#include <qgsmapcanvas.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

#include <QFileInfo>
#include <QMap>

namespace recheck::archiveui {

namespace {

const QString kLayerIdKey = QStringLiteral("layer");
const QString kFidKey = QStringLiteral("fid");

// The locator sorts a filter's results by score (0..1) within a group.
double locatorScore(const SearchHit& hit, int position) {
    const double tierScore = hit.tier == SearchHit::Tier::ExactKey    ? 1.0
                             : hit.tier == SearchHit::Tier::KeyPrefix ? 0.9
                                                                      : 0.8;
    return tierScore - 0.001 * position;
}

// Smallest scale denominator a point customer is shown at: the street, not
// the county.
constexpr double kCustomerScale = 1500.0;

} // namespace

CustomerLocatorFilter::CustomerLocatorFilter(QgsMapCanvas* canvas, FormOpener openForm, QObject* parent)
    : QgsLocatorFilter(parent), mCanvas(canvas), mOpenForm(std::move(openForm)),
      mSessions(std::make_shared<ArchiveSearchSessions>()) {
    setUseWithoutPrefix(true);
    // An archive removed from the project: its connections close now, not
    // at the next search (the file may be about to be replaced or deleted).
    const auto forget = [sessions = mSessions] { sessions->keepOnly(pathsOf(openArchiveLayers())); };
    connect(QgsProject::instance(), &QgsProject::layersRemoved, this, forget);
    connect(QgsProject::instance(), &QgsProject::cleared, this, forget);
}

CustomerLocatorFilter::CustomerLocatorFilter(QgsMapCanvas* canvas, FormOpener openForm,
                                             std::shared_ptr<ArchiveSearchSessions> sessions)
    : mCanvas(canvas), mOpenForm(std::move(openForm)), mSessions(std::move(sessions)) {}

QgsLocatorFilter* CustomerLocatorFilter::clone() const {
    auto* copy = new CustomerLocatorFilter(mCanvas, mOpenForm, mSessions);
    copy->setUseWithoutPrefix(useWithoutPrefix());
    copy->mLayers = mLayers;
    return copy;
}

QVector<CustomerLocatorFilter::ArchiveLayer> CustomerLocatorFilter::openArchiveLayers() {
    QVector<ArchiveLayer> archiveLayers;
    const QMap<QString, QgsMapLayer*> layers = QgsProject::instance()->mapLayers();
    for (QgsMapLayer* layer : layers) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        if (!vector || !vector->isValid() || vector->providerType() != QLatin1String("customerarchive"))
            continue;
        const qgis::ArchiveLayerUri uri = qgis::ArchiveLayerUri::parse(vector->source());
        const QString table = uri.table.isEmpty() ? qgis::ArchiveLayerUri::defaultTable() : uri.table;
        if (table != QLatin1String("customers") && table != QLatin1String("districts"))
            continue;
        archiveLayers.append({vector->id(), vector->name(), QFileInfo(uri.path).absoluteFilePath(), table});
    }
    return archiveLayers;
}

QStringList CustomerLocatorFilter::pathsOf(const QVector<ArchiveLayer>& layers) {
    QStringList paths;
    for (const ArchiveLayer& layer : layers)
        if (!paths.contains(layer.path))
            paths << layer.path;
    return paths;
}

QString CustomerLocatorFilter::displayName() const {
    return tr("Recheck customers and districts");
}

QString CustomerLocatorFilter::description() const {
    return tr("Account number, name, address, phone or meter number of a customer; district code or name");
}

QStringList CustomerLocatorFilter::prepare(const QString& string, const QgsLocatorContext& context) {
    Q_UNUSED(string)
    Q_UNUSED(context)
    mLayers = openArchiveLayers();
    mSessions->keepOnly(pathsOf(mLayers));
    return {};
}

void CustomerLocatorFilter::fetchResults(const QString& string, const QgsLocatorContext& context,
                                         QgsFeedback* feedback) {
    Q_UNUSED(context)
    const QString query = ArchiveSearch::normalized(string);
    if (query.isEmpty())
        return;
    const QStringList paths = pathsOf(mLayers);
    for (const QString& path : qAsConst(paths)) {
        if (feedback && feedback->isCanceled())
            return;
        std::vector<SearchHit> hits;
        try {
            // This runs in a worker thread: a session (connection and
            // prepared statements) of this search's own, kept for the next
            // keystroke.
            ArchiveSearchSessions::Lease lease = mSessions->acquire(path);
            SearchOptions options;
            options.limit = kResultsPerArchive;
            try {
                hits = lease.search().find(query, options);
            } catch (...) {
                lease.discard(); // a statement may be left mid-step
                throw;
            }
        } catch (const RecheckError& error) {
            QgsMessageLog::logMessage(
                tr("Search in %1 failed: %2").arg(path, QString::fromStdString(error.what())),
                QStringLiteral("Recheck"), Qgis::MessageLevel::Warning);
            continue;
        }
        int position = 0;
        for (const SearchHit& hit : hits) {
            if (feedback && feedback->isCanceled())
                return;
            const bool customer = hit.kind == SearchHit::Kind::Customer;
            for (const ArchiveLayer& layer : qAsConst(mLayers)) {
                if (layer.path != path ||
                    layer.table != (customer ? QLatin1String("customers") : QLatin1String("districts")))
                    continue;
                QgsLocatorResult result;
                result.filter = this;
                if (customer) {
                    result.displayString = QStringLiteral("%1  %2").arg(hit.key, hit.name);
                    QStringList details;
                    for (const QString& part : {hit.address, hit.phone, hit.district})
                        if (!part.isEmpty())
                            details << part;
                    result.description = details.join(QStringLiteral(" · "));
                    result.group = tr("Customers");
                } else {
                    result.displayString = QStringLiteral("%1  %2").arg(hit.key, hit.name);
                    result.description = tr("District");
                    result.group = tr("Districts");
                }
                if (paths.size() > 1 || mLayers.size() > 2)
                    result.description += QStringLiteral(" — %1").arg(layer.layerName);
                result.score = locatorScore(hit, position);
                QVariantMap data;
                data.insert(kLayerIdKey, layer.layerId);
                data.insert(kFidKey, static_cast<qlonglong>(hit.fid));
                result.userData = data;
                result.icon =
                    QgsApplication::getThemeIcon(customer ? QStringLiteral("/mIconPointLayer.svg")
                                                          : QStringLiteral("/mIconPolygonLayer.svg"));
                emit resultFetched(result);
            }
            ++position;
        }
    }
}

void CustomerLocatorFilter::triggerResult(const QgsLocatorResult& result) {
    const QVariantMap data = result.userData.toMap();
    auto* layer =
        qobject_cast<QgsVectorLayer*>(QgsProject::instance()->mapLayer(data.value(kLayerIdKey).toString()));
    if (!layer)
        return;
    const QgsFeatureId fid = data.value(kFidKey).toLongLong();
    const QgsFeature feature = layer->getFeature(fid);
    if (!feature.isValid())
        return;
    layer->selectByIds(QgsFeatureIds() << fid);
    if (mCanvas && feature.hasGeometry()) {
        if (layer->geometryType() == QgsWkbTypes::PointGeometry) {
            const QgsPointXY point =
                mCanvas->mapSettings().layerToMapCoordinates(layer, feature.geometry().centroid().asPoint());
            mCanvas->setCenter(point);
            if (mCanvas->scale() > kCustomerScale)
                mCanvas->zoomScale(kCustomerScale);
        } else {
            mCanvas->zoomToFeatureIds(layer, QgsFeatureIds() << fid);
        }
        mCanvas->flashFeatureIds(layer, QgsFeatureIds() << fid);
        mCanvas->refresh();
    }
    if (mOpenForm && layer->geometryType() == QgsWkbTypes::PointGeometry)
        mOpenForm(layer, feature);
}

} // namespace recheck::archiveui
