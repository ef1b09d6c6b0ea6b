#pragma once

// Where an office master is, as the QGIS plugins handle it: a SpatiaLite
// file, or a PostgreSQL connection (a postgresql:// URI, libpq key=value
// pairs, QGIS's saved PostgreSQL connections, and QGIS authentication
// config ids in them as `authcfg=ID`, key=value or URI query parameter).
//
// authcfg: resolved here (resolveMasterLocation) through QgsDataSourceUri
// and QgsAuthManager, for the plugins and for the CLI (cli/MasterArgument
// first finds the server of a bare `authcfg=ID` in the config's URL field).
// core/master stays free of QGIS and only ever sees the resolved libpq
// string.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QgsDataSourceUri;
class QgsMapLayer;
class QgsProject;
class QWidget;

namespace recheck::plugins {

/// Whether `location` names a PostgreSQL master (not a file).
bool isPostgresLocation(const QString& location);

/// QGIS's saved PostgreSQL connections (Browser ▸ PostgreSQL, QgsSettings
/// "PostgreSQL/connections/…") as (name, location): the location is
/// libpq key=value pairs with the connection's authcfg kept as an id (its
/// secrets stay in QGIS's authentication database).
QList<QPair<QString, QString>> savedPostgresConnections();

/// The location as a QgsDataSourceUri (connection part only; authcfg not
/// expanded), for QGIS's postgres provider. Empty for files.
QgsDataSourceUri postgresUri(const QString& location);

/// What core/master's openMasterStore() takes: files unchanged; a PostgreSQL
/// location with `authcfg` gets the user name and password (or whatever the
/// auth method adds) from QgsAuthManager. Throws RecheckError
/// (InvalidInput) naming the id when the config cannot be used.
QString resolveMasterLocation(const QString& location);

/// The location as it may be kept in settings: a PostgreSQL location typed
/// with a password comes back as key=value pairs without it (libpq then
/// finds it in ~/.pgpass or PGPASSWORD; an authcfg id keeps it in QGIS's
/// authentication database). Anything else is returned unchanged.
QString rememberableMasterLocation(const QString& location);

/// A short name for titles and messages: the file name, or "db on
/// host:port" (never a password).
QString masterDisplayName(const QString& location);

/// Whether two locations name the same master: the same file (whatever
/// spelling) or the same database on the same server.
bool sameMaster(const QString& a, const QString& b);

/// The master table a layer shows: a customerarchive layer of the file or
/// a postgres layer of that database. Empty when the layer is not on the
/// master at `location`.
QString masterTableOfLayer(const QgsMapLayer* layer, const QString& location);

/// The PostgreSQL masters behind the project's postgres layers of a
/// `districts` table (as "Open PostgreSQL Master" adds them), one location
/// per database, authcfg kept as an id. What the docks offer beside
/// projectArchivePaths().
QStringList projectPostgresMasters(const QgsProject* project);

/// Asks for a master: an editable list of the last master, QGIS's saved
/// PostgreSQL connections, typed URIs, and a button for a file. Returns the
/// location, or an empty string when cancelled.
QString chooseMasterLocation(QWidget* parent, const QString& title, const QString& last);

} // namespace recheck::plugins
