#include "RecheckProcessingProvider.h"

#include "PlanRoutesAlgorithm.h"

#include <QIcon>

namespace recheck::plugins {

QString RecheckProcessingProvider::id() const {
    return QStringLiteral("recheck");
}

QString RecheckProcessingProvider::name() const {
    return tr("Recheck");
}

QIcon RecheckProcessingProvider::icon() const {
    return QIcon(QStringLiteral(":/recheck/icons/recheck.svg"));
}

QString RecheckProcessingProvider::versionInfo() const {
    return QStringLiteral(RECHECK_VERSION);
}

void RecheckProcessingProvider::loadAlgorithms() {
    addAlgorithm(new PlanRoutesAlgorithm());
}

} // namespace recheck::plugins
