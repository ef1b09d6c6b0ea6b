#include "RecheckPluginUi.h"

#include "ArchiveLayerUri.h"
#include <qgisinterface.h>

#include <qgsapplication.h>
#include <qgsmaplayer.h>
#include <qgsproject.h>

#include <QAction>
#include <QCoreApplication>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QTranslator>

// Resources live in static libraries: reference their initialisers so the
// linker keeps them (Q_INIT_RESOURCE must be called outside a namespace).
static void initRecheckResources() {
    Q_INIT_RESOURCE(recheck);
    Q_INIT_RESOURCE(recheck_i18n);
}

namespace recheck::plugins {

namespace {
const char* const kMenuName = "mRecheckMenu";
const char* const kToolBarName = "mRecheckToolBar";
} // namespace

QMenu* recheckMenu(QgisInterface* iface) {
    auto* window = qobject_cast<QMainWindow*>(iface->mainWindow());
    if (auto* existing = window->findChild<QMenu*>(QString::fromLatin1(kMenuName)))
        return existing;
    auto* menu = new QMenu(QCoreApplication::translate("RecheckPluginUi", "&Recheck"), window);
    menu->setObjectName(QString::fromLatin1(kMenuName));
    // Before "Help", like QGIS's own Plugins / Web menus.
    QMenuBar* bar = window->menuBar();
    QAction* before = nullptr;
    const QList<QAction*> actions = bar->actions();
    if (!actions.isEmpty())
        before = actions.last();
    bar->insertMenu(before, menu);
    return menu;
}

QToolBar* recheckToolBar(QgisInterface* iface) {
    auto* window = qobject_cast<QMainWindow*>(iface->mainWindow());
    if (auto* existing = window->findChild<QToolBar*>(QString::fromLatin1(kToolBarName)))
        return existing;
    QToolBar* bar = iface->addToolBar(QCoreApplication::translate("RecheckPluginUi", "Recheck"));
    bar->setObjectName(QString::fromLatin1(kToolBarName));
    return bar;
}

void removeFromRecheckUi(QgisInterface* iface, QAction* action) {
    auto* window = qobject_cast<QMainWindow*>(iface->mainWindow());
    if (auto* menu = window->findChild<QMenu*>(QString::fromLatin1(kMenuName))) {
        menu->removeAction(action);
        if (menu->actions().isEmpty()) {
            window->menuBar()->removeAction(menu->menuAction());
            menu->deleteLater();
        }
    }
    if (auto* bar = window->findChild<QToolBar*>(QString::fromLatin1(kToolBarName))) {
        bar->removeAction(action);
        if (bar->actions().isEmpty()) {
            window->removeToolBar(bar);
            bar->deleteLater();
        }
    }
}

QString archivePathOfLayer(const QgsMapLayer* layer) {
    if (!layer || layer->providerType() != QLatin1String("customerarchive"))
        return {};
    return recheck::qgis::ArchiveLayerUri::parse(layer->source()).path;
}

QStringList projectArchivePaths(const QgsProject* project) {
    QStringList paths;
    for (const QgsMapLayer* layer : project->mapLayers()) {
        const QString path = archivePathOfLayer(layer);
        if (!path.isEmpty() && !paths.contains(path))
            paths << path;
    }
    paths.sort();
    return paths;
}

void installRecheckTranslator() {
    static QTranslator* installed = nullptr;
    if (installed)
        return;
    initRecheckResources();
    // QgsApplication::locale() is QGIS's own choice: locale/userLocale when
    // the user overrode it, else the system locale.
    QString locale = QgsApplication::locale();
    if (locale.isEmpty())
        locale = QLocale::system().name();
    auto* translator = new QTranslator(QCoreApplication::instance());
    // The .qm files are compiled into the binaries (i18n/CMakeLists.txt).
    if (translator->load(QStringLiteral(":/recheck/i18n/recheck_%1.qm").arg(locale)) ||
        translator->load(QStringLiteral(":/recheck/i18n/recheck_%1.qm").arg(locale.left(2)))) {
        QCoreApplication::installTranslator(translator);
        installed = translator;
    } else {
        delete translator;
    }
}

} // namespace recheck::plugins
