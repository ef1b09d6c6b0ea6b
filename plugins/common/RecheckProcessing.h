#pragma once

#include <qgsprocessingprovider.h>

#include <QObject>

#include <functional>
#include <vector>

class QgsProcessingAlgorithm;

namespace recheck::plugins {

/// Makes new instances of one plugin's algorithms (the provider owns them).
using AlgorithmFactory = std::function<std::vector<QgsProcessingAlgorithm*>()>;

/// The suite's one "Recheck" group in the Processing toolbox (id
/// "recheck"). Each plugin contributes its own algorithms to it with
/// contributeRecheckAlgorithms(); the first plugin to do so registers it.
class RecheckProcessingProvider : public QgsProcessingProvider {
    Q_OBJECT
public:
    static QString providerId() { return QStringLiteral("recheck"); }

    QString id() const override;
    QString name() const override;
    QIcon icon() const override;
    QString versionInfo() const override;

    /// Adds (or replaces) `owner`'s algorithms and reloads the list.
    void addContribution(QObject* owner, AlgorithmFactory factory);
    /// Drops `owner`'s algorithms and reloads the list.
    void removeContribution(QObject* owner);
    int contributionCount() const { return static_cast<int>(mContributions.size()); }
    /// The contributor that created (and registered) this provider.
    QObject* creator() const { return mCreator; }
    void setCreator(QObject* creator) { mCreator = creator; }

protected:
    void loadAlgorithms() override;

private:
    struct Contribution {
        QObject* owner = nullptr;
        AlgorithmFactory factory;
    };
    std::vector<Contribution> mContributions;
    QObject* mCreator = nullptr;
};

/// The "recheck" provider registered in QgsApplication::processingRegistry(),
/// or nullptr.
RecheckProcessingProvider* recheckProcessingProvider();

/// Adds `owner`'s algorithms to the suite's provider, registering the
/// provider when no part of the suite has yet. Each plugin is its own
/// library with its own copy of this code: the provider lives in the library
/// of the plugin that registered it, so when that plugin withdraws, the
/// others register a new one and contribute again (they follow the
/// registry's providerRemoved). Call withdrawRecheckAlgorithms(owner) before
/// `owner` goes away.
void contributeRecheckAlgorithms(QObject* owner, AlgorithmFactory factory);
/// Removes `owner`'s algorithms; unregisters the provider when it was the
/// last contributor or the provider's creator (the others then take over).
void withdrawRecheckAlgorithms(QObject* owner);

} // namespace recheck::plugins
