#pragma once

// The "customerarchive" vector data provider: layers over the tables of a
// Recheck archive, edited through QGIS's edit buffer. The split follows QGIS's
// memory provider: the provider owns the layer's state, a feature source is
// an immutable snapshot of it, and each iterator reads with a connection of
// its own, so renderer worker threads never share SQLite state.

#include "ArchiveLayerUri.h"
#include "ArchiveTableSchema.h"
#include "RecheckStatusCache.h"

#include <qgsfields.h>
#include <qgsprovidermetadata.h>
#include <qgsrectangle.h>
#include <qgsvectordataprovider.h>

#include <QMutex>

#include <functional>
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
    QVariant defaultValue(int fieldIndex) const override;
    bool skipConstraintCheck(int fieldIndex, QgsFieldConstraints::Constraint constraint,
                             const QVariant& value = QVariant()) const override;

    // Editing: each call is one SQLite transaction on a read-write connection
    // (CustomerArchiveProviderEditing.cpp); on failure nothing is written,
    // the reason goes to pushError() and QGIS keeps its edit buffer.
    bool addFeatures(QgsFeatureList& features,
                     QgsFeatureSink::Flags flags = QgsFeatureSink::Flags()) override;
    bool deleteFeatures(const QgsFeatureIds& ids) override;
    bool changeAttributeValues(const QgsChangedAttributesMap& attributeMap) override;
    bool changeGeometryValues(const QgsGeometryMap& geometryMap) override;
    bool changeFeatures(const QgsChangedAttributesMap& attributeMap,
                        const QgsGeometryMap& geometryMap) override;
    bool createSpatialIndex() override;
    QgsFeatureSource::SpatialIndexPresence hasSpatialIndex() const override;

    /// Who Recheck stamps edits with: QgsSettings "recheck/staffId", else the
    /// login name.
    static QString editingStaffId();
    /// Milliseconds a commit waits for another program's lock on the archive.
    static constexpr int kBusyTimeoutMs = 2000;
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
    /// Runs `write` in one BEGIN IMMEDIATE … COMMIT on a read-write
    /// connection; false (rolled back, error pushed) when it throws.
    bool writeTransaction(const QString& action, const std::function<void(SqliteDatabase&)>& write);
    /// After a committed write to `table` of this archive (by any layer):
    /// drops the cached count/extent of the layers that show it.
    void archiveWritten(const QString& path, const QString& table, const CustomerArchiveProvider* writer);
    bool dependsOnTable(const QString& table) const;
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
    /// customers.recheck_status of the whole archive (null: no such field,
    /// or a district layer); shared with the feature sources.
    std::shared_ptr<RecheckStatusCache> mStatusCache;
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
    QList<QgsDataItemProvider*> dataItemProviders() const override;
};

/// Tells every provider of an archive that one of its tables was written, so
/// layers derived from it (customers' recheck_status after a visit) refresh.
class ArchiveChangeNotifier final : public QObject {
    Q_OBJECT

public:
    static ArchiveChangeNotifier& instance();

signals:
    void tableWritten(const QString& path, const QString& table, const void* writer);
};

/// Message log tag of everything Recheck writes to QgsMessageLog.
QString messageLogTag();

} // namespace recheck::qgis
