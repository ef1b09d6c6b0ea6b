#pragma once

// The C++ entry points QGIS 3.22 resolves in a plugin library (classFactory,
// name, description, category, type, version, icon, unload), written once for
// every plugin of the suite. At file scope in the plugin's .cpp, after the
// plugin's name and description strings:
//   RECHECK_QGIS_PLUGIN_ENTRY_POINTS(GanttPlugin, sName, sDescription)

#include <qgis.h>
#include <qgisplugin.h>

#include <QString>

namespace recheck::plugins {
// What every plugin of the suite shares in QGIS's plugin manager.
inline const QString kPluginCategory = QStringLiteral("Plugins");
inline const QString kPluginVersion = QStringLiteral(RECHECK_VERSION);
inline const QString kPluginIcon = QStringLiteral(":/recheck/icons/recheck.svg");
} // namespace recheck::plugins

#define RECHECK_QGIS_PLUGIN_ENTRY_POINTS(PluginClass, nameString, descriptionString)                         \
    QGISEXTERN QgisPlugin* classFactory(QgisInterface* iface) {                                              \
        return new PluginClass(iface);                                                                       \
    }                                                                                                        \
    QGISEXTERN const QString* name() {                                                                       \
        return &(nameString);                                                                                \
    }                                                                                                        \
    QGISEXTERN const QString* description() {                                                                \
        return &(descriptionString);                                                                         \
    }                                                                                                        \
    QGISEXTERN const QString* category() {                                                                   \
        return &recheck::plugins::kPluginCategory;                                                           \
    }                                                                                                        \
    QGISEXTERN int type() {                                                                                  \
        return QgisPlugin::UI;                                                                               \
    }                                                                                                        \
    QGISEXTERN const QString* version() {                                                                    \
        return &recheck::plugins::kPluginVersion;                                                            \
    }                                                                                                        \
    QGISEXTERN const QString* icon() {                                                                       \
        return &recheck::plugins::kPluginIcon;                                                               \
    }                                                                                                        \
    QGISEXTERN void unload(QgisPlugin* plugin) {                                                             \
        delete plugin;                                                                                       \
    }
