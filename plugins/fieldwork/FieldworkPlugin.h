#pragma once

#include "LazyDockAction.h"

#include <qgisplugin.h>

#include <QObject>
#include <memory>

class QgisInterface;

/// Field work on the laptop: the Re-check panel (my tasks, the route's next
/// stop with GPS bearing and distance, recording visits with GPS proof and
/// discrepancies). The dock is created on first use so QGIS starts as fast
/// without it.
class FieldworkPlugin : public QObject, public QgisPlugin {
    Q_OBJECT
public:
    explicit FieldworkPlugin(QgisInterface* iface);

    void initGui() override;
    void unload() override;

private:
    QgisInterface* mIface = nullptr;
    std::unique_ptr<recheck::plugins::LazyDockAction> mDockAction;
};
