#pragma once

#include <QCoreApplication>

#include <memory>

namespace recheck::cli {

/// A QgsApplication for verbs that write projects or render: offscreen when
/// there is no display, prefix /usr, our provider registered.
std::unique_ptr<QCoreApplication> startQgis(int& argc, char** argv);
/// exitQgis() if startQgis made the application; then releases it.
void stopQgis(std::unique_ptr<QCoreApplication>& app);

} // namespace recheck::cli
