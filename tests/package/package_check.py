# Run inside real QGIS by `qgis --code` (tests/package/run-package-test.sh):
# records the Recheck menu as QGIS shows it (title and entries, translated),
# which suite plugins and providers are loaded, pops the menu open for the
# screenshot, then quits.
import json
import os

from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QMenu
from qgis.utils import iface

_keep = []


def _menu():
    return iface.mainWindow().findChild(QMenu, "mRecheckMenu")


def _shoot_and_finish():
    menu = _menu()
    shot = os.environ["RECHECK_PACKAGE_SCREENSHOT"]
    saved = QApplication.primaryScreen().grabWindow(0).save(shot)
    expected = [p for p in os.environ["RECHECK_PACKAGE_EXPECTED_PLUGINS"].split(",") if p]
    window = iface.mainWindow()
    result = {
        "locale": QgsApplication.locale(),
        "menu_title": menu.title() if menu else "",
        "menu_entries": [a.text() for a in menu.actions() if not a.isSeparator()] if menu else [],
        "plugins_expected": expected,
        "plugins_found": [p for p in expected if window.findChild(QAction, p) is not None],
        "providers": QgsProviderRegistry.instance().providerList(),
        "screenshot": shot if saved else "",
    }
    if menu:
        menu.hide()
    with open(os.environ["RECHECK_PACKAGE_RESULT"], "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    iface.newProject(False)
    QTimer.singleShot(0, QgsApplication.instance().quit)


def _open_menu():
    menu = _menu()
    if menu:
        bar = iface.mainWindow().menuBar()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
    QTimer.singleShot(600, _shoot_and_finish)


iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
_t = QTimer()
_t.setSingleShot(True)
_t.timeout.connect(_open_menu)
_t.start(2000)
_keep.append(_t)
