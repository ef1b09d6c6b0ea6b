#include "FieldworkPlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "FieldworkDock.h"
#include "RecheckPluginUi.h"
#include "RecheckQgis.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsmessagelog.h>

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QToolBar>

namespace {
const QString sName = QStringLiteral("Recheck Field Work");
const QString sDescription =
    QStringLiteral("Re-check panel for the field laptop: my tasks, the next stop by GPS, visits with GPS "
                   "proof and discrepancies, all offline");
} // namespace

FieldworkPlugin::FieldworkPlugin(QgisInterface* iface)
    : QgisPlugin(sName, sDescription, recheck::plugins::kPluginCategory, recheck::plugins::kPluginVersion,
                 QgisPlugin::UI),
      mIface(iface) {}

void FieldworkPlugin::initGui() {
    recheck::plugins::installRecheckTranslator();
    // A laptop may enable only this plugin: the package's project still needs
    // the provider (projects on the command line load after plugins).
    if (recheck::qgis::registerCustomerArchiveProvider())
        QgsMessageLog::logMessage(
            tr("Registered the customer-archive provider from the Recheck field-work plugin"),
            recheck::plugins::logTag(), Qgis::MessageLevel::Info);

    mDockAction = new QAction(QIcon(recheck::plugins::kPluginIcon), tr("Re-check Panel"), this);
    // The object name is the library's base name: the smoke test finds every
    // plugin of the suite by it.
    mDockAction->setObjectName(QStringLiteral("librecheckfieldworkplugin"));
    mDockAction->setToolTip(tr("Show the Re-check panel: tasks, next stop, visits"));
    mDockAction->setCheckable(true);
    connect(mDockAction, &QAction::toggled, this, &FieldworkPlugin::toggleDock);
    recheck::plugins::recheckMenu(mIface)->addAction(mDockAction);
    recheck::plugins::recheckToolBar(mIface)->addAction(mDockAction);
}

void FieldworkPlugin::toggleDock(bool visible) {
    if (mDock || !visible)
        return;
    // First use: built now, not in initGui(), which must not touch the
    // project (QGIS-NOTES.md). From here on dock and action keep in step.
    disconnect(mDockAction, &QAction::toggled, this, &FieldworkPlugin::toggleDock);
    mDock = new recheck::fieldwork::FieldworkDock(mIface, mIface->mainWindow());
    mIface->addDockWidget(Qt::RightDockWidgetArea, mDock);
    mDock->setToggleVisibilityAction(mDockAction);
    mDock->setUserVisible(true);
}

void FieldworkPlugin::unload() {
    if (mDockAction) {
        recheck::plugins::removeFromRecheckUi(mIface, mDockAction);
        delete mDockAction;
    }
    if (mDock) {
        mIface->removeDockWidget(mDock);
        delete mDock;
    }
}

// QGIS's C++ plugin entry points.
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(FieldworkPlugin, sName, sDescription)
