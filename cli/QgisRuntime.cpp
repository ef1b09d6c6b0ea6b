#include "QgisRuntime.h"

#include "RecheckQgis.h"

#include <qgsapplication.h>

namespace recheck::cli {

std::unique_ptr<QCoreApplication> startQgis(int& argc, char** argv) {
    return std::unique_ptr<QCoreApplication>(recheck::qgis::startHeadlessQgis(argc, argv).release());
}

void stopQgis(std::unique_ptr<QCoreApplication>& app) {
    if (qobject_cast<QgsApplication*>(app.get()))
        QgsApplication::exitQgis();
    app.reset();
}

} // namespace recheck::cli
