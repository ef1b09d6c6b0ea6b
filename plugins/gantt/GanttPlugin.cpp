#include "GanttPlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "GanttDock.h"
#include "PlanningAlgorithms.h"
#include "RecheckPluginUi.h"
#include "RecheckProcessing.h"
#include "RecheckQgis.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsmessagelog.h>

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

    mDockAction = std::make_unique<recheck::plugins::LazyDockAction>(
        mIface, QStringLiteral("librecheckganttplugin"), tr("Re-check Plan (Gantt)"),
        tr("Show the re-check plan as a Gantt chart"), Qt::BottomDockWidgetArea,
        [this] { return new recheck::gantt::GanttDock(mIface, mIface->mainWindow()); });

    // "Generate re-check tasks" and "Progress report" in the suite's one
    // Recheck Processing provider.
    recheck::plugins::contributeRecheckAlgorithms(this, &recheck::gantt::createPlanningAlgorithms);
}

void GanttPlugin::unload() {
    recheck::plugins::withdrawRecheckAlgorithms(this);
    mDockAction.reset();
}

// QGIS's C++ plugin entry points.
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(GanttPlugin, sName, sDescription)
