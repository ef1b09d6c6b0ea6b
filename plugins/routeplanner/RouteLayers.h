#pragma once

// Route plans as QGIS features and layers: shared by the dock (memory layers
// added to the project) and the processing algorithm (a feature sink).

#include "routing/ArchiveRoutePlanner.h"

#include <QPair>
#include <QString>

#include <vector>

#include <qgsfeature.h>
#include <qgsfields.h>

class QgsCoordinateReferenceSystem;
class QgsMapLayer;
class QgsVectorLayer;

namespace recheck::plugins {

/// route, district, stops, customers, length_m, minutes.
QgsFields routeLineFields();
/// route, district, stop_order, customers, accounts.
QgsFields routeStopFields();

/// One line per route, in routeLineFields() order, archive CRS.
QgsFeatureList routeLineFeatures(const routing::ArchiveRouteResult& result, const QgsFields& fields);
/// One point per stop (the depot with order 0), archive CRS.
QgsFeatureList routeStopFeatures(const routing::ArchiveRouteResult& result, const QgsFields& fields);

/// A memory line layer and a memory stop layer (orders labelled) for the
/// plans of one run; the caller owns them.
QPair<QgsVectorLayer*, QgsVectorLayer*>
createRouteLayers(const std::vector<routing::ArchiveRouteResult>& results,
                  const QgsCoordinateReferenceSystem& crs, const QString& name);

/// "1:05" for 65 minutes.
QString hoursMinutes(double minutes);

} // namespace recheck::plugins
