#pragma once

#include "ArchiveConnectionPool.h"
#include "ArchiveTableSchema.h"
#include "RecheckStatusCache.h"

#include <qgscoordinatereferencesystem.h>
#include <qgscoordinatetransform.h>
#include <qgsexpressioncontext.h>
#include <qgsfeatureiterator.h>
#include <qgsfields.h>
#include <qgsgeometry.h>
#include <qgsrectangle.h>

#include <memory>

struct sqlite3_stmt;
class QgsExpression;
class QgsFeedback;
class QgsGeometryEngine;

namespace recheck::qgis {

class CustomerArchiveProvider;

/// An immutable snapshot of a provider's state: what an iterator needs to
/// read the table, shared by value with worker threads.
class CustomerArchiveFeatureSource final : public QgsAbstractFeatureSource {
public:
    explicit CustomerArchiveFeatureSource(const CustomerArchiveProvider& provider);

    QgsFeatureIterator getFeatures(const QgsFeatureRequest& request) override;

private:
    friend class CustomerArchiveFeatureIterator;

    QString mPath;
    std::shared_ptr<const ArchiveTableSchema> mSchema;
    QgsFields mFields;
    QgsCoordinateReferenceSystem mCrs;
    SqlCondition mFixedCondition; ///< district + what SQL decides of the subset string
    QString mSubsetForQgis;       ///< the subset string when SQL alone cannot decide it
    QgsRectangle mExtent;         ///< the layer extent when known (null otherwise)
    QgsExpressionContext mExpressionContext;
    /// customers.recheck_status from a table in memory (null: from its SQL,
    /// as for district layers, whose few rows the SQL reads faster).
    std::shared_ptr<RecheckStatusCache> mStatusCache;
    int mStatusField = -1;
};

class CustomerArchiveFeatureIterator final
    : public QgsAbstractFeatureIteratorFromSource<CustomerArchiveFeatureSource> {
public:
    CustomerArchiveFeatureIterator(CustomerArchiveFeatureSource* source, bool ownSource,
                                   const QgsFeatureRequest& request);
    ~CustomerArchiveFeatureIterator() override;

    bool rewind() override;
    bool close() override;
    void setInterruptionChecker(QgsFeedback* interruptionChecker) override;

protected:
    bool fetchFeature(QgsFeature& feature) override;
    bool nextFeatureFilterExpression(QgsFeature& feature) override;
    bool nextFeatureFilterFids(QgsFeature& feature) override;

private:
    /// Up to this many ids, the status comes from its SQL unless the table
    /// is already built (1000 ids: ~10 ms, the table: ~1-2 s at 1M customers).
    static constexpr int kFewIds = 10000;

    enum class ValueReader { Integer, Real, Text, Blob, Status };

    void prepareStatement();
    bool stepStatement();
    /// Builds the feature from the current row; false when a check SQL could
    /// not do (exact bbox, distance, subset string) rejects the row.
    bool readRow(QgsFeature& feature);
    void fail(const QString& message);

    void bindParams();

    ArchiveConnectionPool::Lease mConnection;
    sqlite3_stmt* mStatement = nullptr; ///< owned by the connection's statement cache
    QVariantList mParams;

    QgsCoordinateTransform mTransform;
    QgsRectangle mFilterRect;
    bool mCheckBounds = false;    ///< compare each row's blob bbox with mFilterRect
    bool mExactIntersect = false; ///< ExactIntersect: GEOS check for non-point rows
    std::unique_ptr<QgsGeometryEngine> mRectEngine;
    bool mCheckDistance = false;

    std::unique_ptr<QgsExpression> mSubsetExpression;
    QgsExpressionContext mSubsetContext;
    bool mExpressionCompiled = false;

    QVector<int> mAttributeIndexes;     ///< field index of each selected column after the key
    QVector<ValueReader> mValueReaders; ///< how to read each of them
    /// Status: the column read is the customer's uuid, looked up here.
    std::shared_ptr<const RecheckStatusTable> mStatusTable;
    int mGeometryColumn = -1;           ///< select column of the geometry blob, -1: not read
    bool mReturnGeometry = false;       ///< the caller wants geometries
    bool mDecodeGeometry = false;       ///< decode blobs to QgsGeometry (returned or checked)

    bool mFidMode = false;
    QVector<QgsFeatureId> mFids;
    int mNextFid = 0;

    QgsFeedback* mInterruptionChecker = nullptr;
};

} // namespace recheck::qgis
