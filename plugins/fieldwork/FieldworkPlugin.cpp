#include "FieldworkPlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "FieldworkDock.h"
#include "RecheckPluginUi.h"
#include "RecheckQgis.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsmessagelog.h>

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

    mDockAction = std::make_unique<recheck::plugins::LazyDockAction>(
        mIface, QStringLiteral("librecheckfieldworkplugin"), tr("Re-check Panel"),
        tr("Show the Re-check panel: tasks, next stop, visits"), Qt::RightDockWidgetArea,
        [this] { return new recheck::fieldwork::FieldworkDock(mIface, mIface->mainWindow()); });
}

void FieldworkPlugin::unload() {
    mDockAction.reset();
}

// QGIS's C++ plugin entry points.
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(FieldworkPlugin, sName, sDescription)
