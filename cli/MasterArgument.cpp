#include "MasterArgument.h"

#include "MasterLocation.h"

#include "common/RecheckError.h"
#include "master/PgConnection.h"

#include <qgsapplication.h>
#include <qgsauthconfig.h>
#include <qgsauthmanager.h>

#include <QCoreApplication>
#include <QRegularExpression>

namespace recheck::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("recheck::cli::MasterArgument", text);
}

const QRegularExpression& authcfgPattern() {
    // As QGIS writes it in data source URIs: authcfg=abc1234 (7 characters
    // of [a-z0-9]; any word is accepted here).
    static const QRegularExpression pattern(QStringLiteral("(?:^|[\\s?&])authcfg=([A-Za-z0-9_]+)"));
    return pattern;
}

bool isUrl(const QString& text) {
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

[[noreturn]] void refuse(const QString& message) {
    throw RecheckError(message.toStdString(), RecheckError::Kind::InvalidInput);
}

} // namespace

bool namesAuthConfig(const QString& argument) {
    return authcfgPattern().match(argument.trimmed()).hasMatch();
}

bool commandLineNamesAuthConfig(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (namesAuthConfig(QString::fromLocal8Bit(argv[i])))
            return true;
    return false;
}

QString resolveMasterArgument(const QString& argument) {
    const QString text = argument.trimmed();
    const QRegularExpressionMatch match = authcfgPattern().match(text);
    if (!match.hasMatch())
        return argument;
    const QString id = match.captured(1);
    QgsAuthManager* auth = QgsApplication::instance() ? QgsApplication::authManager() : nullptr;
    if (!auth || auth->isDisabled())
        refuse(tr("authentication config %1: QGIS's authentication manager is not available (%2)")
                   .arg(id, auth ? auth->disabledMessage() : tr("QGIS not started")));
    QgsAuthMethodConfig config;
    if (!auth->availableAuthMethodConfigs().contains(id) ||
        !auth->loadAuthenticationConfig(id, config, false))
        refuse(tr("authentication config %1 is not in QGIS's authentication database %2")
                   .arg(id, auth->authenticationDatabasePath()));

    // Where the server is: the argument's own host/dbname, or for a bare id
    // the configuration's URL field.
    QString location = text;
    if (!isUrl(text) && !PgConnection::isConnectionString(text)) {
        const QString where = config.uri().trimmed();
        if (isUrl(where))
            location = where + (where.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                       QStringLiteral("authcfg=") + id;
        else if (PgConnection::isConnectionString(where))
            location = where + QStringLiteral(" authcfg=") + id;
        else
            refuse(tr("authentication config %1 (%2) names no PostgreSQL server: put host=… port=… dbname=… "
                      "or postgresql://host:port/dbname in its URL field, or give them beside it "
                      "(host=… dbname=… authcfg=%1)")
                       .arg(id, config.name()));
    }
    // The plugins' resolution (QgsDataSourceUri asking QgsAuthManager for
    // the method's login), shared so that both read a location alike.
    return plugins::resolveMasterLocation(location);
}

std::unique_ptr<MasterStore> openMasterArgument(const QString& argument) {
    return openMasterStore(resolveMasterArgument(argument));
}

} // namespace recheck::cli
