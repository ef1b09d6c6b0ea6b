#pragma once

// The "customerarchive" vector data provider: read-only layers over the
// tables of a Recheck archive (first cut of issue 3). The split follows QGIS's
// memory provider: the provider owns the layer's state, a feature source is
// an immutable snapshot of it, and each iterator reads with a connection of
// its own, so renderer worker threads never share SQLite state.

#include "ArchiveLayerUri.h"
#include "ArchiveTableSchema.h"

#include <qgsfields.h>
#include <qgsprovidermetadata.h>
#include <qgsrectangle.h>
#include <qgsvectordataprovider.h>

#include <QMutex>

#include <memory>
#include <optional>

namespace recheck::qgis {

class CustomerArchiveFeatureSource;

class CustomerArchiveProvider final : public QgsVectorDataProvider {
    Q_OBJECT

public:
    static QString providerKey();
    static QString providerDescription();

    CustomerArchiveProvider(const QString& uri, const QgsDataProvider::ProviderOptions& options,
                            QgsDataProvider::ReadFlags flags = QgsDataProvider::ReadFlags());
    ~CustomerArchiveProvider() override;

    // QgsDataProvider
    QgsCoordinateReferenceSystem crs() const override;
    QgsRectangle extent() const override;
    void updateExtents() override;
    bool isValid() const override { return mValid; }
    QString name() const override;
    QString description() const override;
    bool supportsSubsetString() const override { return true; }
    QString subsetString() const override { return mSubsetString; }
    bool setSubsetString(const QString& subset, bool updateFeatureCount = true) override;

    // QgsVectorDataProvider
    QgsAbstractFeatureSource* featureSource() const override;
    QString storageType() const override;
    QgsFeatureIterator getFeatures(const QgsFeatureRequest& request = QgsFeatureRequest()) const override;
    QgsWkbTypes::Type wkbType() const override;
    long long featureCount() const override;
    QgsFields fields() const override { return mFields; }
    QgsVectorDataProvider::Capabilities capabilities() const override;
    QgsAttributeList pkAttributeIndexes() const override;
    QString defaultValueClause(int fieldIndex) const override;
    QgsFeatureRenderer* createRenderer(const QVariantMap& configuration = QVariantMap()) const override;
    QgsAbstractVectorLayerLabeling*
    createLabeling(const QVariantMap& configuration = QVariantMap()) const override;

    const ArchiveLayerUri& layerUri() const { return mUri; }
    const ArchiveTableSchema& schema() const { return *mSchema; }

protected:
    void reloadProviderData() override;

private:
    friend class CustomerArchiveFeatureSource;

    void fail(const QString& message);
    SqlCondition districtCondition() const;
    /// The subset string and district as SQL (what SQL can decide of them).
    void compileSubset();

    ArchiveLayerUri mUri;
    bool mValid = false;
    std::shared_ptr<const ArchiveTableSchema> mSchema;
    QgsFields mFields;
    QgsCoordinateReferenceSystem mCrs;
    QgsWkbTypes::Type mWkbType = QgsWkbTypes::NoGeometry;

    QString mSubsetString;
    SqlCondition mDistrictCondition;
    SqlCondition mFixedCondition;  ///< district + the compiled part of the subset string
    bool mSubsetNeedsQgis = false; ///< the subset string is not decided by SQL alone

    mutable QMutex mCacheMutex;
    mutable std::optional<long long> mFeatureCount;
    mutable std::optional<QgsRectangle> mExtent;
};

class CustomerArchiveProviderMetadata final : public QgsProviderMetadata {
public:
    CustomerArchiveProviderMetadata();

    QgsDataProvider* createProvider(const QString& uri, const QgsDataProvider::ProviderOptions& options,
                                    QgsDataProvider::ReadFlags flags = QgsDataProvider::ReadFlags()) override;
    QVariantMap decodeUri(const QString& uri) const override;
    QString encodeUri(const QVariantMap& parts) const override;
    QgsProviderMetadata::ProviderCapabilities providerCapabilities() const override;
    void cleanupProvider() override;
};

/// Message log tag of everything Recheck writes to QgsMessageLog.
QString messageLogTag();

} // namespace recheck::qgis
