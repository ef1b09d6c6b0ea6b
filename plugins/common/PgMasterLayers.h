#pragma once

// A PostgreSQL master's layers in QGIS through QGIS's own `postgres`
// provider (it reads PostGIS natively, with server-side filtering and
// editing), styled like the customerarchive layers of a SpatiaLite master:
// the same renderers, labels, code-list drop-downs and read-only fields
// (ArchiveStyles), the same names and drawing order (RecheckQgis).

#include <QList>
#include <QString>
#include <QStringList>

class QgsMapLayer;

namespace recheck::plugins {

/// The styled layers of the PostgreSQL master at `location` (see
/// MasterLocation.h; an authcfg stays in the layers' sources, so projects
/// never hold its secrets), bottom to top, one per table with a geometry in
/// the connection's current schema (partitions are not layers of their own;
/// the partitioned parent is). The caller owns them. On failure returns an
/// empty list and sets *error. `onlyTables`, when given, limits the layers
/// to those tables (the check-out dialog adds just the districts).
QList<QgsMapLayer*> createPostgresMasterLayers(const QString& location, QString* error = nullptr,
                                               const QStringList& onlyTables = {});

} // namespace recheck::plugins
