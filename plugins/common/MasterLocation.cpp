#include "MasterLocation.h"

#include "ArchiveLayerUri.h"
#include "common/RecheckError.h"
#include "master/MasterStore.h"

#include <qgsabstractproviderconnection.h>
#include <qgsdatasourceuri.h>
#include <qgsexception.h>
#include <qgsmaplayer.h>
#include <qgsproject.h>
#include <qgsprovidermetadata.h>
#include <qgsproviderregistry.h>
#include <qgssettings.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <algorithm>

namespace recheck::plugins {

namespace {

bool isUrl(const QString& location) {
    return location.startsWith(QLatin1String("postgresql://")) ||
           location.startsWith(QLatin1String("postgres://"));
}

// host/port/dbname as libpq would default them, so that two spellings of
// one database compare equal.
QString databaseKey(const QgsDataSourceUri& uri) {
    const QString host = uri.host().isEmpty() ? QStringLiteral("localhost") : uri.host().toLower();
    const QString port = uri.port().isEmpty() ? QStringLiteral("5432") : uri.port();
    return QStringLiteral("%1:%2/%3").arg(host, port, uri.database());
}

QString canonicalFile(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

} // namespace

bool isPostgresLocation(const QString& location) {
    return isPostgresMaster(location.trimmed());
}

QList<QPair<QString, QString>> savedPostgresConnections() {
    QList<QPair<QString, QString>> out;
    QgsProviderMetadata* postgres =
        QgsProviderRegistry::instance()->providerMetadata(QStringLiteral("postgres"));
    if (!postgres)
        return out;
    try {
        // Not cached: a connection added in the Browser a minute ago counts.
        const QMap<QString, QgsAbstractProviderConnection*> connections = postgres->connections(false);
        for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
            const QgsDataSourceUri uri(it.value()->uri());
            out.append({it.key(), uri.connectionInfo(false)});
        }
    } catch (const QgsProviderConnectionException&) {
        // A broken entry in the settings: no saved connections to offer.
    }
    return out;
}

QgsDataSourceUri postgresUri(const QString& location) {
    const QString text = location.trimmed();
    if (!isPostgresLocation(text))
        return QgsDataSourceUri();
    if (!isUrl(text))
        return QgsDataSourceUri(text);
    // postgresql://user:password@host:port/dbname?sslmode=…&authcfg=…
    const QUrl url(text);
    const QUrlQuery query(url);
    QgsDataSourceUri uri;
    const QString sslMode = query.queryItemValue(QStringLiteral("sslmode"));
    uri.setConnection(url.host(), url.port() > 0 ? QString::number(url.port()) : QString(), url.path().mid(1),
                      url.userName(), url.password(),
                      sslMode.isEmpty() ? QgsDataSourceUri::SslPrefer
                                        : QgsDataSourceUri::decodeSslMode(sslMode),
                      query.queryItemValue(QStringLiteral("authcfg")));
    return uri;
}

QString rememberableMasterLocation(const QString& location) {
    QgsDataSourceUri uri = postgresUri(location);
    if (uri.password().isEmpty())
        return location;
    uri.setPassword(QString());
    return uri.connectionInfo(false);
}

QString resolveMasterLocation(const QString& location) {
    const QString text = location.trimmed();
    if (!isPostgresLocation(text))
        return text;
    QgsDataSourceUri uri = postgresUri(text);
    const QString authcfg = uri.authConfigId();
    if (authcfg.isEmpty())
        return text; // libpq takes it as it is
    // The auth method puts its own user/password (and SSL files) in;
    // QgsDataSourceUri asks QgsAuthManager for them. Without the config (or
    // with the authentication database locked) nothing is added.
    uri.setUsername(QString());
    uri.setPassword(QString());
    const QString expanded = uri.connectionInfo(true);
    QgsDataSourceUri bare = uri;
    bare.setAuthConfigId(QString());
    if (expanded == bare.connectionInfo(false))
        throw RecheckError(QCoreApplication::translate(
                               "MasterLocation",
                               "Authentication config %1 gives no login for PostgreSQL: it is not in QGIS's "
                               "authentication database, the master password was not entered, or it is "
                               "not a user name/password (Basic) config")
                               .arg(authcfg)
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    return expanded;
}

QString masterDisplayName(const QString& location) {
    if (!isPostgresLocation(location))
        return QFileInfo(location).fileName();
    const QgsDataSourceUri uri = postgresUri(location);
    return QCoreApplication::translate("MasterLocation", "%1 on %2")
        .arg(uri.database(), uri.host().isEmpty()   ? QStringLiteral("localhost")
                             : uri.port().isEmpty() ? uri.host()
                                                    : uri.host() + QLatin1Char(':') + uri.port());
}

bool sameMaster(const QString& a, const QString& b) {
    if (a.trimmed().isEmpty() || b.trimmed().isEmpty())
        return false;
    const bool pgA = isPostgresLocation(a);
    if (pgA != isPostgresLocation(b))
        return false;
    if (pgA)
        return databaseKey(postgresUri(a)) == databaseKey(postgresUri(b));
    return canonicalFile(a) == canonicalFile(b);
}

QString masterTableOfLayer(const QgsMapLayer* layer, const QString& location) {
    if (!layer)
        return {};
    if (layer->providerType() == QLatin1String("customerarchive")) {
        if (isPostgresLocation(location))
            return {};
        const recheck::qgis::ArchiveLayerUri uri = recheck::qgis::ArchiveLayerUri::parse(layer->source());
        if (!sameMaster(uri.path, location))
            return {};
        return uri.table.isEmpty() ? recheck::qgis::ArchiveLayerUri::defaultTable() : uri.table;
    }
    if (layer->providerType() == QLatin1String("postgres") && isPostgresLocation(location)) {
        const QgsDataSourceUri uri(layer->source());
        if (databaseKey(uri) == databaseKey(postgresUri(location)))
            return uri.table();
    }
    return {};
}

QStringList projectPostgresMasters(const QgsProject* project) {
    QStringList masters;
    if (!project)
        return masters;
    for (const QgsMapLayer* layer : project->mapLayers()) {
        if (layer->providerType() != QLatin1String("postgres"))
            continue;
        const QgsDataSourceUri uri(layer->source());
        if (uri.table() != QLatin1String("districts"))
            continue;
        const QString location = uri.connectionInfo(false);
        if (std::none_of(masters.cbegin(), masters.cend(),
                         [&location](const QString& known) { return sameMaster(known, location); }))
            masters << location;
    }
    masters.sort();
    return masters;
}

QString chooseMasterLocation(QWidget* parent, const QString& title, const QString& last) {
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* masters = new QComboBox(&dialog);
    masters->setEditable(true);
    masters->setMinimumContentsLength(48);
    masters->setToolTip(QCoreApplication::translate(
        "MasterLocation", "A master archive file, a QGIS PostgreSQL connection, or a connection string "
                          "(postgresql://user@host/db, optionally ?authcfg=<QGIS authentication id>)"));
    if (!last.isEmpty())
        masters->addItem(last, last);
    for (const auto& connection : savedPostgresConnections())
        masters->addItem(
            QCoreApplication::translate("MasterLocation", "PostgreSQL connection “%1”").arg(connection.first),
            connection.second);
    auto* file = new QPushButton(QCoreApplication::translate("MasterLocation", "File…"), &dialog);
    QObject::connect(file, &QPushButton::clicked, &dialog, [&dialog, masters] {
        const QString path = QFileDialog::getOpenFileName(
            &dialog, QCoreApplication::translate("MasterLocation", "Master Archive"), masters->currentText(),
            QCoreApplication::translate("MasterLocation",
                                        "Recheck archives (*.sqlite *.rchk);;All files (*)"));
        if (!path.isEmpty())
            masters->setCurrentText(path);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(masters, 1);
    row->addWidget(file);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(
        QCoreApplication::translate("MasterLocation", "Master (SpatiaLite file or PostgreSQL):"), &dialog));
    layout->addLayout(row);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const int index = masters->currentIndex();
    // A listed entry shows a name; what it stands for is in its data.
    if (index >= 0 && masters->itemText(index) == masters->currentText())
        return masters->itemData(index).toString();
    return masters->currentText().trimmed();
}

} // namespace recheck::plugins
