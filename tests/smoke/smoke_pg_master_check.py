# Run inside real QGIS by `qgis --code` (tests/smoke/run-pg-master-smoke.sh):
# triggers the suite's "Open PostgreSQL Master…", types the master's
# connection string into the dialog it opens and accepts it, then records
# the layers added (provider, validity, feature count, features read), takes
# a screenshot and quits QGIS.
import json
import os
import time

from qgis.core import QgsApplication, QgsDataSourceUri, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QComboBox, QDialog
from qgis.utils import iface

_keepalive = []
_state = {"action": False, "typed": False}


def _later(ms, fn):
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.start(ms)
    _keepalive.append(timer)


def _answer_dialog(tries=0):
    # The dialog runs its own event loop inside the action: answer it from a timer.
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog) and dialog.findChild(QComboBox) is not None:
        dialog.findChild(QComboBox).setCurrentText(os.environ["RECHECK_SMOKE_MASTER"])
        _state["typed"] = True
        dialog.accept()
    elif tries < 100:
        _later(100, lambda: _answer_dialog(tries + 1))


def _open_master():
    for action in iface.mainWindow().findChildren(QAction):
        if action.text().startswith("Open PostgreSQL Master"):
            _state["action"] = True
            _later(200, _answer_dialog)
            action.trigger()
            break
    _later(1500, _finish)


def _finish():
    canvas = iface.mapCanvas()
    canvas.waitWhileRendering()
    modal = QApplication.activeModalWidget()
    layers = []
    for layer in QgsProject.instance().mapLayers().values():
        read = 0
        if layer.isValid() and hasattr(layer, "getFeatures"):
            for _ in layer.getFeatures(QgsFeatureRequest().setNoAttributes()):
                read += 1
        layers.append({
            "name": layer.name(),
            "table": QgsDataSourceUri(layer.source()).table() if layer.providerType() == "postgres" else "",
            "provider": layer.providerType(),
            "valid": layer.isValid(),
            "features": layer.featureCount() if hasattr(layer, "featureCount") else None,
            "read": read,
        })
    shot = os.environ["RECHECK_SMOKE_SCREENSHOT"]
    saved = QApplication.primaryScreen().grabWindow(0).save(shot)
    result = {
        "action": _state["action"],
        "typed": _state["typed"],
        "layers": layers,
        "canvas_layers": len(canvas.layers()),
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
_later(2500, _open_master)
