#include "RecheckProcessing.h"

#include <qgsapplication.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingregistry.h>

#include <QIcon>

#include <algorithm>
#include <cstring>

namespace recheck::plugins {

namespace {

// Set on the registry while a contributor hands the provider over: only then
// do the others register a new one (not while QGIS tears the registry down).
const char* const kHandingOver = "recheckProcessingHandover";

// Adds `owner`'s algorithms, registering a provider (made by this library)
// when there is none.
void addToProvider(QObject* owner, const AlgorithmFactory& factory) {
    RecheckProcessingProvider* provider = recheckProcessingProvider();
    if (!provider) {
        if (QgsApplication::processingRegistry()->providerById(RecheckProcessingProvider::providerId()))
            return; // a foreign provider holds the id: never two of one id
        provider = new RecheckProcessingProvider();
        provider->setCreator(owner);
        QgsApplication::processingRegistry()->addProvider(provider);
    }
    provider->addContribution(owner, factory);
}

} // namespace

QString RecheckProcessingProvider::id() const {
    return providerId();
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

void RecheckProcessingProvider::addContribution(QObject* owner, AlgorithmFactory factory) {
    auto it = std::find_if(mContributions.begin(), mContributions.end(),
                           [owner](const Contribution& c) { return c.owner == owner; });
    if (it != mContributions.end())
        it->factory = std::move(factory);
    else
        mContributions.push_back({owner, std::move(factory)});
    refreshAlgorithms();
}

void RecheckProcessingProvider::removeContribution(QObject* owner) {
    mContributions.erase(std::remove_if(mContributions.begin(), mContributions.end(),
                                        [owner](const Contribution& c) { return c.owner == owner; }),
                         mContributions.end());
    // Deletes the owner's algorithms while its library is still loaded.
    refreshAlgorithms();
}

void RecheckProcessingProvider::loadAlgorithms() {
    for (const Contribution& contribution : mContributions)
        for (QgsProcessingAlgorithm* algorithm : contribution.factory())
            addAlgorithm(algorithm);
}

RecheckProcessingProvider* recheckProcessingProvider() {
    QgsProcessingProvider* provider =
        QgsApplication::processingRegistry()->providerById(RecheckProcessingProvider::providerId());
    // qobject_cast and dynamic_cast fail across the plugins' libraries (each
    // has its own copy of the class, symbols hidden); the class name tells
    // that it is this class, built from this source with the suite.
    if (!provider || std::strcmp(provider->metaObject()->className(),
                                 RecheckProcessingProvider::staticMetaObject.className()))
        return nullptr;
    return static_cast<RecheckProcessingProvider*>(provider);
}

void contributeRecheckAlgorithms(QObject* owner, AlgorithmFactory factory) {
    addToProvider(owner, factory);
    QgsProcessingRegistry* registry = QgsApplication::processingRegistry();
    QObject::connect(registry, &QgsProcessingRegistry::providerRemoved, owner,
                     [registry, owner, factory](const QString& id) {
                         if (id == RecheckProcessingProvider::providerId() &&
                             registry->property(kHandingOver).toBool())
                             addToProvider(owner, factory);
                     });
}

void withdrawRecheckAlgorithms(QObject* owner) {
    QgsProcessingRegistry* registry = QgsApplication::processingRegistry();
    QObject::disconnect(registry, &QgsProcessingRegistry::providerRemoved, owner, nullptr);
    RecheckProcessingProvider* provider = recheckProcessingProvider();
    if (!provider)
        return;
    provider->removeContribution(owner);
    if (provider->contributionCount() > 0 && provider->creator() != owner)
        return;
    // The provider's code may be in the withdrawing library: it goes, and
    // the remaining contributors register one of their own.
    registry->setProperty(kHandingOver, true);
    registry->removeProvider(provider);
    registry->setProperty(kHandingOver, false);
}

} // namespace recheck::plugins
