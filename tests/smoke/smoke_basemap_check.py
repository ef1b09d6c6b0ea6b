# Run inside real QGIS by `qgis --code` (tests/smoke/run-basemap-smoke.sh):
# waits for the package project to render, saves a screenshot, counts the
# basemap's magenta in the map canvas's part of that file, hides the Basemap
# group, saves and counts again, then quits QGIS.
import json
import os
import time

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QPoint, QRect, QTimer
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface

_keepalive = []


def _later(ms, fn):
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.start(ms)
    _keepalive.append(timer)


def _canvas_rect():
    canvas = iface.mapCanvas()
    top_left = canvas.mapToGlobal(QPoint(0, 0))
    return QRect(top_left.x(), top_left.y(), canvas.width(), canvas.height())


def _magenta_share(path, rect):
    """Share of the pixels inside rect of the image file at path that are
    magenta (the imagery's colour, a little blended by the districts' fill)."""
    image = QImage(path)
    if image.isNull():
        return 0.0
    rect = rect.intersected(image.rect())
    hits = total = 0
    for y in range(rect.top(), rect.bottom(), 3):
        for x in range(rect.left(), rect.right(), 3):
            c = image.pixelColor(x, y)
            total += 1
            if c.red() - c.green() > 90 and c.blue() - c.green() > 90:
                hits += 1
    return hits / total if total else 0.0


def _shot(path):
    iface.mapCanvas().waitWhileRendering()
    QApplication.processEvents()
    return QApplication.primaryScreen().grabWindow(0).save(path)


_state = {}


def _first():
    canvas = iface.mapCanvas()
    group = QgsProject.instance().layerTreeRoot().findGroup("Basemap")
    _state["group"] = group
    shot = os.environ["RECHECK_SMOKE_SCREENSHOT"]
    _state["saved"] = _shot(shot)
    _state["with"] = _magenta_share(shot, _canvas_rect())
    if group is not None:
        group.setItemVisibilityChecked(False)
    canvas.refresh()
    _later(2000, _second)


def _second():
    group = _state["group"]
    hidden = os.environ["RECHECK_SMOKE_SCREENSHOT_HIDDEN"]
    _shot(hidden)
    without = _magenta_share(hidden, _canvas_rect())
    modal = QApplication.activeModalWidget()
    layers = list(QgsProject.instance().mapLayers().values())
    result = {
        "layers": [{"name": l.name(), "provider": l.providerType(), "valid": l.isValid()} for l in layers],
        "basemap_layers": [node.layer().name() for node in group.findLayers()] if group else [],
        "magenta_with_basemap": _state["with"],
        "magenta_without_basemap": without,
        "modal": (modal.windowTitle() or modal.metaObject().className()) if modal else "",
        "screenshot": os.environ["RECHECK_SMOKE_SCREENSHOT"] if _state["saved"] else "",
    }
    if group is not None:
        group.setItemVisibilityChecked(True)
    with open(os.environ["RECHECK_SMOKE_RESULT"], "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    # Close the project while the main window is intact, then leave the event
    # loop (see smoke_check.py).
    iface.newProject(False)
    QTimer.singleShot(0, QgsApplication.instance().quit)


iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
_later(4000, _first)
