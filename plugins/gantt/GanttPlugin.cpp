#include "GanttPlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "GanttDock.h"
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
const QString sName = QStringLiteral("Recheck Gantt");
const QString sDescription =
    QStringLiteral("Re-check plan as a Gantt chart: tasks by member or district, workload, "
                   "drag to reschedule, PNG/PDF export");
} // namespace

GanttPlugin::GanttPlugin(QgisInterface* iface)
    : QgisPlugin(sName, sDescription, recheck::plugins::kPluginCategory, recheck::plugins::kPluginVersion,
                 QgisPlugin::UI),
      mIface(iface) {}

void GanttPlugin::initGui() {
    recheck::plugins::installRecheckTranslator();
    // Enabled without the archive plugin, this plugin must still make the
    // project's customerarchive layers valid: projects given on the command
    // line load after plugins (QGIS-NOTES.md). Does nothing when the provider
    // is registered already.
    if (recheck::qgis::registerCustomerArchiveProvider())
        QgsMessageLog::logMessage(
            tr("Registered the customer-archive provider from the Recheck Gantt plugin"),
            recheck::plugins::logTag(), Qgis::MessageLevel::Info);

    mDockAction = new QAction(QIcon(recheck::plugins::kPluginIcon), tr("Re-check Plan (Gantt)"), this);
    // The object name is the library's base name: the smoke test finds every
    // plugin of the suite by it.
    mDockAction->setObjectName(QStringLiteral("librecheckganttplugin"));
    mDockAction->setToolTip(tr("Show the re-check plan as a Gantt chart"));
    mDockAction->setCheckable(true);
    connect(mDockAction, &QAction::toggled, this, &GanttPlugin::toggleDock);
    recheck::plugins::recheckMenu(mIface)->addAction(mDockAction);
    recheck::plugins::recheckToolBar(mIface)->addAction(mDockAction);
}

void GanttPlugin::toggleDock(bool visible) {
    if (mDock || !visible)
        return;
    // First use: build the dock now, not in initGui(), which must neither
    // cost start-up time nor touch the project (QGIS-NOTES.md). From here on
    // the dock and the action keep each other in step.
    disconnect(mDockAction, &QAction::toggled, this, &GanttPlugin::toggleDock);
    mDock = new recheck::gantt::GanttDock(mIface, mIface->mainWindow());
    mIface->addDockWidget(Qt::BottomDockWidgetArea, mDock);
    mDock->setToggleVisibilityAction(mDockAction);
    mDock->setUserVisible(true);
}

void GanttPlugin::unload() {
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
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(GanttPlugin, sName, sDescription)
