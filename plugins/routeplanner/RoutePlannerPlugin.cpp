#include "RoutePlannerPlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "PlanRoutesAlgorithm.h"
#include "RecheckPluginUi.h"
#include "RecheckProcessing.h"
#include "RoutePlannerDock.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgsprocessingregistry.h>

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QToolBar>

namespace {
const QString sName = QStringLiteral("Recheck Route Planner");
const QString sDescription = QStringLiteral(
    "Visiting order for re-check districts: straight-line or along roads, one or several inspectors");
} // namespace

RoutePlannerPlugin::RoutePlannerPlugin(QgisInterface* iface)
    : QgisPlugin(sName, sDescription, recheck::plugins::kPluginCategory, recheck::plugins::kPluginVersion,
                 QgisPlugin::UI),
      mIface(iface) {}

void RoutePlannerPlugin::initGui() {
    recheck::plugins::installRecheckTranslator();

    mDock = new RoutePlannerDock(mIface, mIface->mainWindow());
    mIface->addDockWidget(Qt::RightDockWidgetArea, mDock);
    mDock->hide();

    mDockAction = new QAction(QIcon(recheck::plugins::kPluginIcon), tr("Route Planner"), this);
    // The object name is the library's base name: the smoke test finds every
    // plugin of the suite by it.
    mDockAction->setObjectName(QStringLiteral("librecheckrouteplannerplugin"));
    mDockAction->setToolTip(tr("Plan the visiting order of re-check districts"));
    mDockAction->setCheckable(true);
    mDock->setToggleVisibilityAction(mDockAction);
    recheck::plugins::recheckMenu(mIface)->addAction(mDockAction);
    recheck::plugins::recheckToolBar(mIface)->addAction(mDockAction);

    // The project's layers are read once QGIS has finished starting: touching
    // the project in initGui() makes QGIS ask to save it (QGIS-NOTES.md).
    connect(mIface, &QgisInterface::initializationCompleted, mDock, &RoutePlannerDock::refreshArchives);

    // "Plan re-check routes" in the suite's one Recheck Processing provider.
    recheck::plugins::contributeRecheckAlgorithms(this, [] {
        return std::vector<QgsProcessingAlgorithm*>{new recheck::plugins::PlanRoutesAlgorithm()};
    });
}

void RoutePlannerPlugin::unload() {
    recheck::plugins::withdrawRecheckAlgorithms(this);
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
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(RoutePlannerPlugin, sName, sDescription)
