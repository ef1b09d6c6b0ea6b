# Run inside real QGIS by `qgis --code` (tests/smoke/run-fieldwork-smoke.sh):
# opens the Re-check panel through its action, records the layers' validity
# and what the panel lists, takes a screenshot, then quits QGIS.
import json
import os
import time

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QComboBox, QDockWidget, QLabel, QTableView
from qgis.utils import iface

_keepalive = []


def _later(ms, fn):
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.start(ms)
    _keepalive.append(timer)


def _open_panel():
    action = iface.mainWindow().findChild(QAction, "librecheckfieldworkplugin")
    if action is not None:
        action.setChecked(True)
    _later(1500, _finish)


def _finish():
    canvas = iface.mapCanvas()
    canvas.waitWhileRendering()
    window = iface.mainWindow()
    dock = window.findChild(QDockWidget, "RecheckFieldworkDock")
    panel = None
    if dock is not None:
        tasks = dock.findChild(QComboBox, "taskCombo")
        inspector = dock.findChild(QComboBox, "inspectorCombo")
        view = dock.findChild(QTableView, "customersView")
        panel = {
            "tasks": tasks.count(),
            "task_labels": [tasks.itemText(i) for i in range(tasks.count())],
            "inspector": inspector.currentData() or "",
            "rows": view.model().rowCount(),
            "counts": dock.findChild(QLabel, "countsLabel").text(),
            "next_stop": dock.findChild(QLabel, "nextStopLabel").text(),
            "gps": dock.findChild(QLabel, "gpsLabel").text(),
        }
    modal = QApplication.activeModalWidget()
    layers = list(QgsProject.instance().mapLayers().values())
    shot = os.environ["RECHECK_SMOKE_SCREENSHOT"]
    saved = QApplication.primaryScreen().grabWindow(0).save(shot)
    result = {
        "layers": [{"name": l.name(), "provider": l.providerType(), "valid": l.isValid()} for l in layers],
        "panel": panel,
        "modal": (modal.windowTitle() or modal.metaObject().className()) if modal else "",
        "screenshot": shot if saved else "",
        "seconds_to_check": time.time() - float(os.environ.get("RECHECK_SMOKE_T0", time.time())),
    }
    with open(os.environ["RECHECK_SMOKE_RESULT"], "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    # Close the project while the main window is intact, then leave the event
    # loop (see smoke_check.py).
    iface.newProject(False)
    QTimer.singleShot(0, QgsApplication.instance().quit)


iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
_later(2500, _open_panel)
