# Run inside real QGIS by `qgis --code` (tests/smoke/run-smoke.sh): records
# which plugins, providers and layers QGIS has, whether a modal dialog is
# open, takes a screenshot of the screen, then quits QGIS.
import json
import os
import time

from qgis.core import QgsApplication, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication
from qgis.utils import iface

_timer_keepalive = []


def _finish():
    canvas = iface.mapCanvas()
    canvas.waitWhileRendering()
    expected = [p for p in os.environ["RECHECK_SMOKE_EXPECTED_PLUGINS"].split(",") if p]
    window = iface.mainWindow()
    modal = QApplication.activeModalWidget()
    layers = list(QgsProject.instance().mapLayers().values())
    shot = os.environ["RECHECK_SMOKE_SCREENSHOT"]
    saved = QApplication.primaryScreen().grabWindow(0).save(shot)
    result = {
        "plugins_expected": expected,
        # Every plugin of the suite names its main action after its library.
        "plugins_found": [p for p in expected if window.findChild(QAction, p) is not None],
        "providers": QgsProviderRegistry.instance().providerList(),
        "layers": [
            {
                "name": layer.name(),
                "provider": layer.providerType(),
                "valid": layer.isValid(),
                "features": layer.featureCount() if hasattr(layer, "featureCount") else None,
            }
            for layer in layers
        ],
        "canvas_layers": len(canvas.layers()),
        "modal": (modal.windowTitle() or modal.metaObject().className()) if modal else "",
        "screenshot": shot if saved else "",
        "seconds_to_check": time.time() - float(os.environ["RECHECK_SMOKE_T0"]),
    }
    with open(os.environ["RECHECK_SMOKE_RESULT"], "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    # Close the project while the main window is intact, then leave the
    # event loop: quitting with layers loaded makes QGIS 3.22 remove them
    # from its half-destroyed main window at exit and abort.
    iface.newProject(False)
    QTimer.singleShot(0, QgsApplication.instance().quit)


# Fill the virtual screen (a readable screenshot), then let the canvas draw
# the project once before looking.
iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
_timer = QTimer()
_timer.setSingleShot(True)
_timer.timeout.connect(_finish)
_timer.start(2500)
_timer_keepalive.append(_timer)
