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

    // Editing (CustomerArchiveProviderEditing.cpp). A layer's commit --
    // changes, deletes and adds, up to three provider calls -- is ONE SQLite
    // transaction: when the layer starts committing, the provider reads its
    // edit buffer; the commit's first call writes all of it at once and the
    // later calls hand back what was written. A failure therefore always ends
    // the first call, while QGIS still holds the whole edit buffer. Outside a
    // layer's commit each call is a transaction of its own. On failure
    // nothing is written, the reason goes to pushError() and QGIS keeps its
    // edit buffer.
    bool enterUpdateMode() override;
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
    /// connection; false (rolled back, error pushed) when it throws. The
    /// archive's foreign keys are deferred: a violation is found before
    /// COMMIT and described by `describeForeignKeys` (else generically).
    bool writeTransaction(const QString& action, const std::function<void(SqliteDatabase&)>& write,
                          const std::function<QString(SqliteDatabase&)>& describeForeignKeys = {});
    // The parts of an edit; each throws a WriteFailure (nothing committed).
    void writeChanges(SqliteDatabase& db, const QgsChangedAttributesMap& attributeMap,
                      const QgsGeometryMap& geometryMap, const QString& staff);
    void writeDeletes(SqliteDatabase& db, const QgsFeatureIds& ids);
    void writeAdds(SqliteDatabase& db, QgsFeatureList& features, const QString& staff);
    /// The rows of other tables that still point at the deleted rows.
    QString describeReferencingRows(SqliteDatabase& db, const QgsFeatureIds& deleted);
    /// The layer starts committing its edit buffer: with more than one part,
    /// write them all now in one transaction (see above).
    void layerCommitStarting();
    /// A later call of a commit whose combined write failed: report, fail.
    bool failLayerCommitPart();
    void reportWriteError(const QString& message);
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

    // The layer commit in progress (main thread only): the parts already
    // written by its first call, handed back by the later calls.
    struct LayerCommit {
        bool active = false;
        bool failed = false; ///< the combined write failed: every part fails
        QString error;
        bool changesDone = false;
        QgsFeatureIds deletedIds;
        bool deletesDone = false;
        QMap<QgsFeatureId, QgsFeature> addedFeatures; ///< by QGIS's temporary id, as written
        bool addsDone = false;
    };
    LayerCommit mLayerCommit;
    bool mReportWriteErrors = true; ///< writeTransaction pushes/logs its failure
    QString mLastWriteError;
    bool mWatchingLayer = false;
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
