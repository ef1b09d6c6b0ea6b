#include "RecheckArchivePlugin.h"

#include "RecheckPluginEntryPoints.h"

#include "ArchiveLayerUri.h"
#include "BasemapSettingsPage.h"
#include "CustomerLocatorFilter.h"
#include "ExportWizard.h"
#include "ImportReviewDialog.h"
#include "ImportWizard.h"
#include "MasterLocation.h"
#include "PgMasterLayers.h"
#include "RecheckPluginUi.h"
#include "RecheckQgis.h"
#include "ReminderOutboxDialog.h"
#include "ReminderSettingsPage.h"
#include "SyncDialogs.h"

#include <qgis.h>
#include <qgisinterface.h>
#include <qgsapplication.h>
#include <qgsexpression.h>
#include <qgsmapcanvas.h>
#include <qgsmaplayer.h>
#include <qgsmessagebar.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>
#include <qgssettings.h>
#include <qgstaskmanager.h>
#include <qgsvectorlayer.h>

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QToolBar>

#include <memory>

namespace {
const QString sName = QStringLiteral("Recheck Archive");
const QString sDescription =
    QStringLiteral("Customer archive: open archives, import/export, check-out/check-in");
const QString sLastFolderKey = QStringLiteral("recheck/archive/lastFolder");
const QString sLastMasterKey = QStringLiteral("recheck/archive/lastMaster");
} // namespace

RecheckArchivePlugin::RecheckArchivePlugin(QgisInterface* iface)
    : QgisPlugin(sName, sDescription, recheck::plugins::kPluginCategory, recheck::plugins::kPluginVersion,
                 QgisPlugin::UI),
      mIface(iface) {}

void RecheckArchivePlugin::initGui() {
    recheck::plugins::installRecheckTranslator();
    // Projects given on the command line load after plugins, so their
    // customerarchive layers are valid (QGIS-NOTES.md). When QGIS already
    // loaded the provider module from its plugin folder this does nothing.
    if (recheck::qgis::registerCustomerArchiveProvider())
        QgsMessageLog::logMessage(tr("Registered the customer-archive provider from the Recheck plugin"),
                                  recheck::plugins::logTag(), Qgis::MessageLevel::Info);

    mOpenAction = new QAction(QIcon(recheck::plugins::kPluginIcon), tr("Open Archive…"), this);
    // The object name is the library's base name: the smoke test finds every
    // plugin of the suite by it.
    mOpenAction->setObjectName(QStringLiteral("librecheckarchiveplugin"));
    mOpenAction->setToolTip(
        tr("Add the layers of a Recheck customer archive (master or package) to the project"));
    connect(mOpenAction, &QAction::triggered, this, &RecheckArchivePlugin::chooseAndOpenArchive);
    recheck::plugins::recheckMenu(mIface)->addAction(mOpenAction);
    recheck::plugins::recheckToolBar(mIface)->addAction(mOpenAction);

    addRecheckAction(tr("Open PostgreSQL Master…"),
                     tr("Add the layers of a PostgreSQL master (QGIS's postgres provider, Recheck styles)"),
                     &RecheckArchivePlugin::chooseAndOpenPostgresMaster);
    addRecheckAction(tr("Check Out…"), tr("Copy districts of a master into a package for offline work"),
                     &RecheckArchivePlugin::checkOut);
    addRecheckAction(tr("Check In Package…"), tr("Merge a package's edits back into its master"),
                     &RecheckArchivePlugin::checkIn);
    addRecheckAction(tr("Conflicts…"), tr("Decide the conflicts a check-in left in a master"),
                     &RecheckArchivePlugin::chooseAndShowConflicts);
    addRecheckAction(
        tr("Import…"),
        tr("Bring a MIS export or GIS layer into an archive: map columns, check every row, import"),
        &RecheckArchivePlugin::showImportWizard);
    addRecheckAction(tr("Export for MIS…"),
                     tr("Write the corrected customer records for upload into the MIS"),
                     &RecheckArchivePlugin::showExportWizard);
    addRecheckAction(tr("Import Review…"),
                     tr("MIS values an import held back because the field verified the archive's value"),
                     &RecheckArchivePlugin::showImportReview);
    addRecheckAction(tr("Reminder Outbox…"),
                     tr("Queued, sent and failed reminders of an archive: retry or cancel them"),
                     &RecheckArchivePlugin::showReminderOutbox);
    // Gateway and SMTP settings in QGIS's Options dialog.
    mReminderOptions = new recheck::archiveui::ReminderSettingsPageFactory();
    mIface->registerOptionsWidgetFactory(mReminderOptions);
    // Offline basemap sources, margin and size limit of check-outs.
    mBasemapOptions = new recheck::archiveui::BasemapSettingsPageFactory();
    mIface->registerOptionsWidgetFactory(mBasemapOptions);

    // Customer search in the "Type to locate" bar (prefix cu); the interface
    // owns the filter once registered.
    QgisInterface* iface = mIface;
    mLocatorFilter = new recheck::archiveui::CustomerLocatorFilter(
        mIface->mapCanvas(), [iface](QgsVectorLayer* layer, const QgsFeature& feature) {
            // Not modal: the map stays usable while the form is open.
            QgsFeature copy(feature);
            iface->openFeatureForm(layer, copy, false, false);
        });
    mIface->registerLocatorFilter(mLocatorFilter);
}

QAction* RecheckArchivePlugin::addRecheckAction(const QString& text, const QString& toolTip,
                                                void (RecheckArchivePlugin::*slot)()) {
    auto* action = new QAction(text, this);
    action->setToolTip(toolTip);
    connect(action, &QAction::triggered, this, slot);
    // Menu only: the toolbar keeps the one "open" button of the suite.
    recheck::plugins::recheckMenu(mIface)->addAction(action);
    mSyncActions << action;
    return action;
}

void RecheckArchivePlugin::unload() {
    if (mReminderOptions) {
        mIface->unregisterOptionsWidgetFactory(mReminderOptions);
        delete mReminderOptions;
    }
    if (mBasemapOptions) {
        mIface->unregisterOptionsWidgetFactory(mBasemapOptions);
        delete mBasemapOptions;
    }
    if (mLocatorFilter)
        mIface->deregisterLocatorFilter(mLocatorFilter);
    if (mOpenAction) {
        recheck::plugins::removeFromRecheckUi(mIface, mOpenAction);
        delete mOpenAction;
    }
    for (const QPointer<QAction>& action : qAsConst(mSyncActions)) {
        if (action) {
            recheck::plugins::removeFromRecheckUi(mIface, action);
            delete action;
        }
    }
    mSyncActions.clear();
}

void RecheckArchivePlugin::chooseAndOpenArchive() {
    QgsSettings settings;
    const QString folder = settings.value(sLastFolderKey, QDir::homePath()).toString();
    const QString path =
        QFileDialog::getOpenFileName(mIface->mainWindow(), tr("Open Recheck Archive"), folder,
                                     tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(sLastFolderKey, QFileInfo(path).absolutePath());
    openArchive(path);
}

void RecheckArchivePlugin::chooseAndOpenPostgresMaster() {
    const QString location = recheck::plugins::chooseMasterLocation(
        mIface->mainWindow(), tr("Open PostgreSQL Master"), QgsSettings().value(sLastMasterKey).toString());
    if (!location.isEmpty())
        openArchive(location);
}

bool RecheckArchivePlugin::openArchive(const QString& path) {
    QString error;
    // A PostgreSQL master through QGIS's own postgres provider, a file
    // through ours; the same styles either way.
    const QList<QgsMapLayer*> layers = recheck::plugins::isPostgresLocation(path)
                                           ? recheck::plugins::createPostgresMasterLayers(path, &error)
                                           : recheck::qgis::createArchiveLayers(path, &error);
    if (layers.isEmpty()) {
        mIface->messageBar()->pushMessage(tr("Cannot open archive"), error, Qgis::MessageLevel::Critical);
        QgsMessageLog::logMessage(error, recheck::plugins::logTag(), Qgis::MessageLevel::Critical);
        return false;
    }
    QgsProject::instance()->addMapLayers(layers);
    QgsRectangle extent;
    extent.setMinimal();
    for (QgsMapLayer* layer : layers)
        extent.combineExtentWith(
            mIface->mapCanvas()->mapSettings().layerExtentToOutputExtent(layer, layer->extent()));
    if (!extent.isEmpty()) {
        extent.scale(1.05);
        mIface->mapCanvas()->setExtent(extent);
        mIface->mapCanvas()->refresh();
    }
    mIface->messageBar()->pushMessage(
        tr("Archive opened"),
        tr("%1: %n layer(s) added", nullptr, layers.size()).arg(recheck::plugins::masterDisplayName(path)),
        Qgis::MessageLevel::Success, 5);
    return true;
}

QString RecheckArchivePlugin::chooseMaster(const QString& title) {
    QgsSettings settings;
    const QString last =
        settings.value(sLastMasterKey, settings.value(sLastFolderKey, QDir::homePath())).toString();
    const QString path = QFileDialog::getOpenFileName(
        mIface->mainWindow(), title, last, tr("Recheck archives (*.sqlite *.rchk);;All files (*)"));
    if (!path.isEmpty())
        settings.setValue(sLastMasterKey, path);
    return path;
}

QString RecheckArchivePlugin::chooseMasterLocation(const QString& title) {
    QgsSettings settings;
    const QString location = recheck::plugins::chooseMasterLocation(
        mIface->mainWindow(), title, settings.value(sLastMasterKey).toString());
    if (!location.isEmpty())
        settings.setValue(sLastMasterKey, recheck::plugins::rememberableMasterLocation(location));
    return location;
}

void RecheckArchivePlugin::showReminderOutbox() {
    const QString path = chooseMaster(tr("Reminder Outbox of Which Archive?"));
    if (path.isEmpty())
        return;
    recheck::archiveui::ReminderOutboxDialog dialog(path, mIface->mainWindow());
    dialog.exec();
}

void RecheckArchivePlugin::showImportWizard() {
    auto* wizard = new recheck::archiveui::ImportWizard(QgsSettings().value(sLastMasterKey).toString(),
                                                        mIface->mainWindow());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RecheckArchivePlugin> self(this);
    connect(wizard, &QWizard::accepted, this, [self, wizard] {
        if (self)
            recheck::archiveui::startImportTask(wizard->request(), self->mIface->messageBar());
    });
    wizard->show();
}

void RecheckArchivePlugin::showExportWizard() {
    auto* wizard = new recheck::archiveui::ExportWizard(QgsSettings().value(sLastMasterKey).toString(),
                                                        mIface->mainWindow());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RecheckArchivePlugin> self(this);
    connect(wizard, &QWizard::accepted, this, [self, wizard] {
        if (self)
            recheck::archiveui::startExportTask(wizard->request(), self->mIface->messageBar());
    });
    wizard->show();
}

void RecheckArchivePlugin::showImportReview() {
    const QString path = chooseMaster(tr("Import Review of Which Archive?"));
    if (path.isEmpty())
        return;
    auto* dialog = new recheck::archiveui::ImportReviewDialog(path, mIface->mainWindow());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RecheckArchivePlugin::checkOut() {
    using namespace recheck::archiveui;
    CheckoutDialog dialog(QgsSettings().value(sLastMasterKey).toString(), mIface->mainWindow());
    if (dialog.exec() != QDialog::Accepted)
        return;
    QgsSettings().setValue(sLastMasterKey, recheck::plugins::rememberableMasterLocation(dialog.masterPath()));
    const QString master = dialog.masterPath();
    const QStringList districts = dialog.districtCodes();
    const QString assignee = dialog.assignee();
    const QString folder = dialog.destinationFolder();
    const bool zip = dialog.zip();
    auto outcome = std::make_shared<CheckoutOutcome>();
    QPointer<RecheckArchivePlugin> self(this);
    auto* task = new SyncTask(
        tr("Checking out %n district(s)", nullptr, districts.size()), true,
        [=](const std::function<bool(double)>& progress) {
            *outcome = checkOutPackage(master, districts, assignee, folder, progress, zip);
        },
        [self, outcome] {
            if (!self)
                return;
            QgsMessageBar* bar = self->mIface->messageBar();
            if (outcome->cancelled) {
                bar->pushMessage(tr("Check-out cancelled"), tr("Nothing was written"),
                                 Qgis::MessageLevel::Info, 5);
            } else if (!outcome->ok) {
                bar->pushMessage(tr("Check-out failed"), outcome->error, Qgis::MessageLevel::Critical);
            } else if (!outcome->zipPath.isEmpty()) {
                bar->pushMessage(tr("Package checked out"),
                                 tr("One zip file: %1").arg(QDir::toNativeSeparators(outcome->zipPath)),
                                 Qgis::MessageLevel::Success);
            } else if (!outcome->error.isEmpty()) {
                bar->pushMessage(
                    tr("Package checked out, not zipped"),
                    tr("%1 (%2)").arg(QDir::toNativeSeparators(outcome->packagePath), outcome->error),
                    Qgis::MessageLevel::Warning);
            } else if (outcome->projectPath.isEmpty()) {
                bar->pushMessage(
                    tr("Package checked out"),
                    tr("%1 (the QGIS project could not be written: %2)")
                        .arg(QDir::toNativeSeparators(outcome->packagePath), outcome->projectError),
                    Qgis::MessageLevel::Warning);
            } else {
                bar->pushMessage(tr("Package checked out"),
                                 tr("%1, project %2")
                                     .arg(QDir::toNativeSeparators(outcome->packagePath),
                                          QDir::toNativeSeparators(outcome->projectPath)),
                                 Qgis::MessageLevel::Success);
            }
        });
    QgsApplication::taskManager()->addTask(task);
}

void RecheckArchivePlugin::checkIn() {
    using namespace recheck::archiveui;
    const QString master = chooseMasterLocation(tr("Check In: Master Archive"));
    if (master.isEmpty())
        return;
    const QString package =
        QFileDialog::getOpenFileName(mIface->mainWindow(), tr("Check In: Package"),
                                     recheck::plugins::isPostgresLocation(master)
                                         ? QgsSettings().value(sLastFolderKey, QDir::homePath()).toString()
                                         : QFileInfo(master).absolutePath(),
                                     tr("Recheck packages (*.sqlite *.rchk *.zip);;All files (*)"));
    if (package.isEmpty())
        return;
    auto result = std::make_shared<CheckinOutcome>();
    QPointer<RecheckArchivePlugin> self(this);
    // Cancelling rolls the master transaction back: nothing is written.
    auto* task = new SyncTask(
        tr("Checking in %1").arg(QFileInfo(package).fileName()), true,
        [=](const std::function<bool(double)>& progress) {
            *result = checkInPackage(master, package, currentStaffId(), progress);
        },
        [self, result, master] {
            if (!self)
                return;
            QgsMessageBar* bar = self->mIface->messageBar();
            if (!result->error.isEmpty()) {
                bar->pushMessage(tr("Check-in failed"), result->error, Qgis::MessageLevel::Critical);
                return;
            }
            const recheck::CheckinReport& report = result->report;
            using Outcome = recheck::CheckinReport::Outcome;
            if (report.outcome == Outcome::Cancelled) {
                bar->pushMessage(tr("Check-in cancelled"), tr("The master is unchanged"),
                                 Qgis::MessageLevel::Info, 5);
                return;
            }
            if (report.outcome == Outcome::Refused) {
                QStringList reasons;
                for (const recheck::CheckinItem& item : report.refused)
                    reasons << item.detail;
                bar->pushMessage(tr("Check-in refused, the master is unchanged"),
                                 reasons.join(QStringLiteral("; ")), Qgis::MessageLevel::Critical);
            } else if (report.outcome == Outcome::MergedWithConflicts) {
                bar->pushMessage(tr("Checked in with conflicts"),
                                 tr("%n conflict(s) wait for a decision", nullptr, report.conflicts.size()),
                                 Qgis::MessageLevel::Warning);
            } else {
                bar->pushMessage(tr("Checked in"),
                                 report.repeat ? tr("This package was already checked in; nothing changed")
                                               : tr("%n row(s) written", nullptr,
                                                    report.applied.size() + report.merged.size()),
                                 Qgis::MessageLevel::Success, 5);
            }
            auto* dialog = new CheckinReportDialog(tr("Check-In Report"), report.toText(),
                                                   report.outcome == Outcome::MergedWithConflicts,
                                                   self->mIface->mainWindow());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &CheckinReportDialog::showConflictsRequested, self,
                    [self, master] { self->showConflicts(master); });
            dialog->show();
        });
    QgsApplication::taskManager()->addTask(task);
}

void RecheckArchivePlugin::chooseAndShowConflicts() {
    const QString master = chooseMasterLocation(tr("Conflicts: Master Archive"));
    if (!master.isEmpty())
        showConflicts(master);
}

void RecheckArchivePlugin::showConflicts(const QString& masterPath) {
    auto* dialog = new recheck::archiveui::ConflictDialog(masterPath, mIface->mainWindow());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &recheck::archiveui::ConflictDialog::featureSelected, this,
            [this, masterPath](const QString& table, const QString& uuid) {
                zoomToRow(masterPath, table, uuid);
            });
    dialog->show();
}

void RecheckArchivePlugin::zoomToRow(const QString& masterPath, const QString& table, const QString& uuid) {
    for (QgsMapLayer* layer : QgsProject::instance()->mapLayers()) {
        auto* vector = qobject_cast<QgsVectorLayer*>(layer);
        // Our layers of the file, or QGIS's postgres layers of the database.
        if (!vector || recheck::plugins::masterTableOfLayer(vector, masterPath) != table)
            continue;
        vector->selectByExpression(QStringLiteral("\"uuid\" = %1").arg(QgsExpression::quotedString(uuid)));
        if (vector->selectedFeatureCount() > 0 && vector->isSpatial())
            mIface->mapCanvas()->zoomToSelected(vector);
        return;
    }
}

// QGIS's C++ plugin entry points.
RECHECK_QGIS_PLUGIN_ENTRY_POINTS(RecheckArchivePlugin, sName, sDescription)
