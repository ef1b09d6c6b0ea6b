#pragma once

#include <qgsprocessingprovider.h>

namespace recheck::plugins {

/// The "Recheck" group in the Processing toolbox (id "recheck").
class RecheckProcessingProvider : public QgsProcessingProvider {
    Q_OBJECT
public:
    using QgsProcessingProvider::QgsProcessingProvider;

    QString id() const override;
    QString name() const override;
    QIcon icon() const override;
    QString versionInfo() const override;

protected:
    void loadAlgorithms() override;
};

} // namespace recheck::plugins
