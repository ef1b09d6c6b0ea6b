#pragma once

#include <qgisplugin.h>

#include <QObject>
#include <QPointer>

class QAction;
class QgisInterface;
class RoutePlannerDock;

namespace recheck::plugins {
class RecheckProcessingProvider;
}

/// The route planner: a dock (toggled from the Recheck menu and toolbar) and
/// the "Recheck" processing provider with "Plan re-check routes".
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
    QPointer<recheck::plugins::RecheckProcessingProvider> mProvider;
};
