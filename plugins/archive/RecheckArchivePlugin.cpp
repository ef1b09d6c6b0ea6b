#include "RecheckArchivePlugin.h"

#include "RecheckPluginUi.h"
#include "RecheckQgis.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsmapcanvas.h>
#include <qgsmaplayer.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QToolBar>

namespace {
const QString sName = QStringLiteral("Recheck Archive");
const QString sDescription = QStringLiteral("Customer archive: open archives, import/export, check-out/check-in");
const QString sCategory = QStringLiteral("Plugins");
const QString sVersion = QStringLiteral(RECHECK_VERSION);
const QString sIcon = QStringLiteral(":/recheck/icons/recheck.svg");
const QString sLastFolderKey = QStringLiteral("recheck/archive/lastFolder");
} // namespace

RecheckArchivePlugin::RecheckArchivePlugin(QgisInterface* iface)
    : QgisPlugin(sName, sDescription, sCategory, sVersion, QgisPlugin::UI), mIface(iface) {}

void RecheckArchivePlugin::initGui() {
    recheck::plugins::installRecheckTranslator();
    // Projects given on the command line load after plugins, so their
    // customerarchive layers are valid (QGIS-NOTES.md). When QGIS already
    // loaded the provider module from its plugin folder this does nothing.
    if (recheck::qgis::registerCustomerArchiveProvider())
        QgsMessageLog::logMessage(tr("Registered the customer-archive provider from the Recheck plugin"),
                                  recheck::plugins::logTag(), Qgis::MessageLevel::Info);

    mOpenAction = new QAction(QIcon(sIcon), tr("Open Archive…"), this);
    // The object name is the library's base name: the smoke test finds every
    // plugin of the suite by it.
    mOpenAction->setObjectName(QStringLiteral("librecheckarchiveplugin"));
    mOpenAction->setToolTip(tr("Add the layers of a Recheck customer archive (master or package) to the project"));
    connect(mOpenAction, &QAction::triggered, this, &RecheckArchivePlugin::chooseAndOpenArchive);
    recheck::plugins::recheckMenu(mIface)->addAction(mOpenAction);
    recheck::plugins::recheckToolBar(mIface)->addAction(mOpenAction);
}

void RecheckArchivePlugin::unload() {
    if (mOpenAction) {
        recheck::plugins::removeFromRecheckUi(mIface, mOpenAction);
        delete mOpenAction;
    }
}

void RecheckArchivePlugin::chooseAndOpenArchive() {
    QgsSettings settings;
    const QString folder = settings.value(sLastFolderKey, QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(mIface->mainWindow(), tr("Open Recheck Archive"), folder,
                                                      tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(sLastFolderKey, QFileInfo(path).absolutePath());
    openArchive(path);
}

bool RecheckArchivePlugin::openArchive(const QString& path) {
    QString error;
    const QList<QgsMapLayer*> layers = recheck::qgis::createArchiveLayers(path, &error);
    if (layers.isEmpty()) {
        mIface->messageBar()->pushMessage(tr("Cannot open archive"), error, Qgis::MessageLevel::Critical);
        QgsMessageLog::logMessage(error, recheck::plugins::logTag(), Qgis::MessageLevel::Critical);
        return false;
    }
    QgsProject::instance()->addMapLayers(layers);
    QgsRectangle extent;
    extent.setMinimal();
    for (QgsMapLayer* layer : layers)
        extent.combineExtentWith(mIface->mapCanvas()->mapSettings().layerExtentToOutputExtent(layer, layer->extent()));
    if (!extent.isEmpty()) {
        extent.scale(1.05);
        mIface->mapCanvas()->setExtent(extent);
        mIface->mapCanvas()->refresh();
    }
    mIface->messageBar()->pushMessage(
        tr("Archive opened"), tr("%1: %n layer(s) added", nullptr, layers.size()).arg(QFileInfo(path).fileName()),
        Qgis::MessageLevel::Success, 5);
    return true;
}

// QGIS's C++ plugin entry points.
QGISEXTERN QgisPlugin* classFactory(QgisInterface* iface) { return new RecheckArchivePlugin(iface); }
QGISEXTERN const QString* name() { return &sName; }
QGISEXTERN const QString* description() { return &sDescription; }
QGISEXTERN const QString* category() { return &sCategory; }
QGISEXTERN int type() { return QgisPlugin::UI; }
QGISEXTERN const QString* version() { return &sVersion; }
QGISEXTERN const QString* icon() { return &sIcon; }
QGISEXTERN void unload(QgisPlugin* plugin) { delete plugin; }
