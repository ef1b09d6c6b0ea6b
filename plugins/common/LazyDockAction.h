#pragma once

#include <QPointer>
#include <QString>

#include <functional>

class QAction;
class QgisInterface;
class QgsDockWidget;

namespace recheck::plugins {

/// The main action of a plugin whose work is a dock (Gantt, Re-check panel):
/// checkable, in the Recheck menu and toolbar, its object name the plugin
/// library's base name (the smoke test finds every plugin of the suite by
/// it). The dock is built on first use, not in initGui(), which must neither
/// cost start-up time nor touch the project (QGIS-NOTES.md); from then on
/// dock and action keep each other in step. Destroying it (the plugin's
/// unload()) removes both from QGIS.
class LazyDockAction {
public:
    using DockFactory = std::function<QgsDockWidget*()>;

    LazyDockAction(QgisInterface* iface, const QString& libraryName, const QString& text,
                   const QString& toolTip, Qt::DockWidgetArea area, DockFactory makeDock);
    ~LazyDockAction();
    LazyDockAction(const LazyDockAction&) = delete;
    LazyDockAction& operator=(const LazyDockAction&) = delete;

    QAction* action() const;
    /// The dock once it was first shown, else null.
    QgsDockWidget* dock() const;

private:
    QgisInterface* mIface = nullptr;
    QPointer<QAction> mAction;
    QPointer<QgsDockWidget> mDock;
};

} // namespace recheck::plugins
