#pragma once

#include <QString>

class QAction;
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

/// The message-log tag every part of the suite uses.
inline QString logTag() { return QStringLiteral("Recheck"); }

} // namespace recheck::plugins
