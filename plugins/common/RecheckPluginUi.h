#pragma once

#include <QString>
#include <QStringList>

class QAction;
class QgsMapLayer;
class QgsProject;
class QMenu;
class QToolBar;
class QgisInterface;

namespace recheck::plugins {

/// The "Recheck" menu in QGIS's menu bar, shared by every plugin of the
/// suite: the first plugin creates it, the others find it by object name.
QMenu* recheckMenu(QgisInterface* iface);
/// The "Recheck" toolbar, shared the same way.
QToolBar* recheckToolBar(QgisInterface* iface);
/// Removes `action` from the shared menu and toolbar, and the menu and
/// toolbar themselves once no plugin has actions left in them.
void removeFromRecheckUi(QgisInterface* iface, QAction* action);

/// Loads the suite's translation for QGIS's locale setting
/// (locale/userLocale, else the system locale) once per process.
void installRecheckTranslator();

/// The archive file a customerarchive layer shows, or an empty string for
/// any other layer.
QString archivePathOfLayer(const QgsMapLayer* layer);
/// The archive files behind the project's customerarchive layers, sorted,
/// each once (what the docks offer to work on).
QStringList projectArchivePaths(const QgsProject* project);

/// The message-log tag every part of the suite uses.
inline QString logTag() {
    return QStringLiteral("Recheck");
}

} // namespace recheck::plugins
