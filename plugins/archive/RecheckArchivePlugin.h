#pragma once

#include <qgisplugin.h>

#include <QObject>
#include <QPointer>

class QAction;
class QgisInterface;
class QgsLocatorFilter;
class QgsOptionsWidgetFactory;

/// The archive plugin: makes sure the customerarchive provider is
/// registered, and offers "Open archive…" in the Recheck menu and toolbar
/// (the archive's layers, styled, added to the project). Import/export and
/// check-out/check-in wizards join it here.
class RecheckArchivePlugin : public QObject, public QgisPlugin {
    Q_OBJECT
public:
    explicit RecheckArchivePlugin(QgisInterface* iface);

    void initGui() override;
    void unload() override;

    /// Adds the archive's layers to the current project (a file through the
    /// customerarchive provider, a PostgreSQL master through QGIS's postgres
    /// provider); returns false and reports on the message bar when the
    /// master cannot be used.
    bool openArchive(const QString& path);

    /// Opens the conflicts of a master; the selected row is zoomed to when a
    /// layer of that master shows its table.
    void showConflicts(const QString& masterPath);

private slots:
    void chooseAndOpenArchive();
    void chooseAndOpenPostgresMaster();
    void checkOut();
    void checkIn();
    void chooseAndShowConflicts();
    void showReminderOutbox();
    void showImportWizard();
    void showExportWizard();
    void showImportReview();

private:
    QAction* addRecheckAction(const QString& text, const QString& toolTip,
                              void (RecheckArchivePlugin::*slot)());
    void zoomToRow(const QString& masterPath, const QString& table, const QString& uuid);
    QString chooseMaster(const QString& title);
    /// A master file or PostgreSQL connection (check-in, conflicts).
    QString chooseMasterLocation(const QString& title);

    QgisInterface* mIface = nullptr;
    QPointer<QAction> mOpenAction;
    QList<QPointer<QAction>> mSyncActions;
    QPointer<QgsLocatorFilter> mLocatorFilter;          ///< customer search in the locator bar
    QPointer<QgsOptionsWidgetFactory> mReminderOptions; ///< Options ▸ Recheck Reminders
    QPointer<QgsOptionsWidgetFactory> mBasemapOptions;  ///< Options ▸ Recheck Basemap
};
