#pragma once

// MASTER on the command line: a SpatiaLite master file, a PostgreSQL
// connection string (postgresql://… or host=… dbname=…), or a QGIS
// authentication configuration id (`authcfg=ID`, alone or inside a
// connection string). core/master never sees QGIS: the id is resolved here,
// through QgsAuthManager, into a libpq connection string.

#include "master/MasterStore.h"

#include <QString>

#include <memory>

namespace recheck::cli {

/// Whether `argument` names a QGIS authentication configuration.
bool namesAuthConfig(const QString& argument);
/// Whether any argument of the command line does (the verb then runs with
/// QGIS started, for its authentication manager).
bool commandLineNamesAuthConfig(int argc, char** argv);

/// The location openMasterStore() takes. A bare `authcfg=ID` takes host,
/// port and database from the configuration's URL field (libpq key=value
/// pairs or postgresql://host:port/dbname); user and password come from the
/// configuration (Basic method). The authentication database is QGIS's
/// (QGIS_AUTH_DB_DIR_PATH chooses another folder); its master password is
/// read from the file QGIS_AUTH_PASSWORD_FILE names. Throws RecheckError
/// (InvalidInput) naming the id, never the password.
QString resolveMasterArgument(const QString& argument);

/// openMasterStore(resolveMasterArgument(argument)).
std::unique_ptr<MasterStore> openMasterArgument(const QString& argument);

} // namespace recheck::cli
