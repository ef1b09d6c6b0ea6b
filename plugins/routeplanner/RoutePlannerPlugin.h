#pragma once

#include <qgisplugin.h>

#include <QObject>
#include <QPointer>

class QAction;
class QgisInterface;
class RoutePlannerDock;

/// The route planner: a dock (toggled from the Recheck menu and toolbar) and
/// "Plan re-check routes" in the suite's "Recheck" processing provider.
class RoutePlannerPlugin : public QObject, public QgisPlugin {
    Q_OBJECT
public:
    explicit RoutePlannerPlugin(QgisInterface* iface);

    void initGui() override;
    void unload() override;

private:
    QgisInterface* mIface = nullptr;
    QPointer<QAction> mDockAction;
    QPointer<RoutePlannerDock> mDock;
};
