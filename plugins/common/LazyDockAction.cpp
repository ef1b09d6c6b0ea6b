#include "LazyDockAction.h"

#include "RecheckPluginEntryPoints.h"
#include "RecheckPluginUi.h"

#include <qgisinterface.h>
#include <qgsdockwidget.h>

#include <QAction>
#include <QIcon>
#include <QMainWindow>
#include <QMenu>
#include <QToolBar>

namespace recheck::plugins {

LazyDockAction::LazyDockAction(QgisInterface* iface, const QString& libraryName, const QString& text,
                               const QString& toolTip, Qt::DockWidgetArea area, DockFactory makeDock)
    : mIface(iface) {
    mAction = new QAction(QIcon(kPluginIcon), text, iface->mainWindow());
    mAction->setObjectName(libraryName);
    mAction->setToolTip(toolTip);
    mAction->setCheckable(true);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection =
        QObject::connect(mAction, &QAction::toggled, mAction, [this, area, makeDock, connection](bool on) {
            if (mDock || !on)
                return;
            // First use. Later toggles go through the dock's own visibility action.
            QObject::disconnect(*connection);
            mDock = makeDock();
            mIface->addDockWidget(area, mDock);
            mDock->setToggleVisibilityAction(mAction);
            mDock->setUserVisible(true);
        });
    recheckMenu(iface)->addAction(mAction);
    recheckToolBar(iface)->addAction(mAction);
}

QAction* LazyDockAction::action() const {
    return mAction;
}

QgsDockWidget* LazyDockAction::dock() const {
    return mDock;
}

LazyDockAction::~LazyDockAction() {
    if (mAction) {
        removeFromRecheckUi(mIface, mAction);
        delete mAction;
    }
    if (mDock) {
        mIface->removeDockWidget(mDock);
        delete mDock;
    }
}

} // namespace recheck::plugins
