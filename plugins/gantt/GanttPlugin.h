#pragma once

#include "LazyDockAction.h"

#include <qgisplugin.h>

#include <QObject>
#include <memory>

class QgisInterface;

/// The re-check plan as a Gantt chart: a dock toggled from the Recheck menu
/// and toolbar. The dock (and the archive it reads) is created on first use
/// so that QGIS starts as fast without it.
class GanttPlugin : public QObject, public QgisPlugin {
    Q_OBJECT
public:
    explicit GanttPlugin(QgisInterface* iface);

    void initGui() override;
    void unload() override;

private:
    QgisInterface* mIface = nullptr;
    std::unique_ptr<recheck::plugins::LazyDockAction> mDockAction;
};
