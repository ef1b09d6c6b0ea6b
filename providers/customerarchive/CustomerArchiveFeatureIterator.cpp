#include "CustomerArchiveFeatureIterator.h"

#include "CustomerArchiveProvider.h"
#include "SpatialiteGeometry.h"
#include "SqlFilterCompiler.h"

#include <qgsexception.h>
#include <qgsexpression.h>
#include <qgsexpressioncontextutils.h>
#include <qgsfeedback.h>
#include <qgsgeometryengine.h>
#include <qgsmessagelog.h>
#include <qgsproject.h>

#include <sqlite3.h>

#include <algorithm>

namespace recheck::qgis {

CustomerArchiveFeatureSource::CustomerArchiveFeatureSource(const CustomerArchiveProvider& provider)
    : mPath(provider.mUri.path), mSchema(provider.mSchema), mFields(provider.mFields), mCrs(provider.mCrs),
      mFixedCondition(provider.mFixedCondition),
      mSubsetForQgis(provider.mSubsetNeedsQgis ? provider.mSubsetString : QString()),
      mStatusCache(provider.mStatusCache) {
    if (mStatusCache)
        mStatusField = mSchema->columnIndex(QStringLiteral("recheck_status"));
    {
        QMutexLocker locker(&provider.mCacheMutex);
        if (provider.mExtent)
            mExtent = *provider.mExtent;
    }
    // Scopes are built here, on the provider's thread: the project scope reads
    // QgsProject::instance(), which worker threads must not touch.
    if (!mSubsetForQgis.isEmpty()) {
        mExpressionContext << QgsExpressionContextUtils::globalScope()
                           << QgsExpressionContextUtils::projectScope(QgsProject::instance());
        mExpressionContext.setFields(mFields);
    }
}

QgsFeatureIterator CustomerArchiveFeatureSource::getFeatures(const QgsFeatureRequest& request) {
    return QgsFeatureIterator(new CustomerArchiveFeatureIterator(this, false, request));
}

// ---------------------------------------------------------------------------

CustomerArchiveFeatureIterator::CustomerArchiveFeatureIterator(CustomerArchiveFeatureSource* source,
                                                               bool ownSource,
                                                               const QgsFeatureRequest& request)
    : QgsAbstractFeatureIteratorFromSource<CustomerArchiveFeatureSource>(source, ownSource, request) {
    if (mRequest.destinationCrs().isValid() && mRequest.destinationCrs() != mSource->mCrs)
        mTransform =
            QgsCoordinateTransform(mSource->mCrs, mRequest.destinationCrs(), mRequest.transformContext());
    try {
        mFilterRect = filterRectToSourceCrs(mTransform);
    } catch (const QgsCsException&) {
        // The rectangle has no image in the layer's CRS: nothing can match.
        close();
        return;
    }
    try {
        mConnection = ArchiveConnectionPool::instance().acquire(mSource->mPath);
        prepareStatement();
    } catch (const RecheckError& e) {
        fail(QString::fromStdString(e.what()));
    }
}

CustomerArchiveFeatureIterator::~CustomerArchiveFeatureIterator() {
    close();
}

void CustomerArchiveFeatureIterator::fail(const QString& message) {
    QgsMessageLog::logMessage(message, messageLogTag(), Qgis::MessageLevel::Critical);
    mValid = false;
    close();
}

void CustomerArchiveFeatureIterator::prepareStatement() {
    const ArchiveTableSchema& schema = *mSource->mSchema;
    const QgsFields& fields = mSource->mFields;
    SqlFilterCompiler compiler(schema);
    SqlCondition where = mSource->mFixedCondition;

    // Columns QGIS needs beyond the requested ones: those its own evaluation
    // of the subset string or of an uncompiled filter refers to.
    bool allAttributes = !(mRequest.flags() & QgsFeatureRequest::SubsetOfAttributes);
    QSet<int> attributes;
    bool expressionNeedsGeometry = false;
    auto needColumnsOf = [&](const QgsExpression& expression) {
        const QSet<QString> referenced = expression.referencedColumns();
        if (referenced.contains(QgsFeatureRequest::ALL_ATTRIBUTES))
            allAttributes = true;
        for (const QString& name : referenced) {
            const int index = fields.lookupField(name);
            if (index >= 0)
                attributes.insert(index);
        }
        expressionNeedsGeometry = expressionNeedsGeometry || expression.needsGeometry();
    };
    if (!allAttributes)
        for (const int index : mRequest.subsetOfAttributes())
            if (index >= 0 && index < fields.count())
                attributes.insert(index);

    if (!mSource->mSubsetForQgis.isEmpty()) {
        mSubsetExpression = std::make_unique<QgsExpression>(mSource->mSubsetForQgis);
        mSubsetContext = mSource->mExpressionContext;
        mSubsetExpression->prepare(&mSubsetContext);
        needColumnsOf(*mSubsetExpression);
    }

    if (mRequest.filterType() == QgsFeatureRequest::FilterExpression && mRequest.filterExpression()) {
        const CompiledFilter compiled = compiler.compile(*mRequest.filterExpression());
        where = SqlCondition::both(where, compiled.condition);
        switch (compiled.coverage) {
        case CompiledFilter::Coverage::Complete:
            mExpressionCompiled = true;
            mCompileStatus = Compiled;
            break;
        case CompiledFilter::Coverage::Partial:
            mCompileStatus = PartiallyCompiled;
            needColumnsOf(*mRequest.filterExpression());
            break;
        case CompiledFilter::Coverage::None:
            mCompileStatus = NoCompilation;
            needColumnsOf(*mRequest.filterExpression());
            break;
        }
    }

    // Spatial filter: the R*Tree narrows to candidates (its float32 boxes are
    // rounded outwards), the blob's exact bounding box decides.
    const bool spatialFilter = !mFilterRect.isNull() && schema.hasGeometry();
    if (!mFilterRect.isNull() && !schema.hasGeometry()) {
        close(); // no geometry intersects anything
        return;
    }
    mCheckDistance = mRequest.spatialFilterType() == Qgis::SpatialFilterType::DistanceWithin &&
                     !mRequest.referenceGeometry().isNull();
    const QString geometryColumn = schema.hasGeometry() ? quotedIdentifier(schema.geometry.name) : QString();
    if (spatialFilter) {
        const bool coversLayer = !mSource->mExtent.isNull() && mFilterRect.contains(mSource->mExtent);
        if (coversLayer) {
            where = SqlCondition::both(where, {geometryColumn + QStringLiteral(" IS NOT NULL"), {}});
        } else {
            mCheckBounds = true;
            if (schema.geometry.spatialIndex) {
                const QString rtree =
                    QStringLiteral(
                        "%1 IN (SELECT pkid FROM %2 WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND "
                        "ymax >= ?)")
                        .arg(quotedIdentifier(schema.key().name),
                             quotedIdentifier(schema.geometry.indexTable(schema.table)));
                where = SqlCondition::both(where, {rtree,
                                                   {mFilterRect.xMaximum(), mFilterRect.xMinimum(),
                                                    mFilterRect.yMaximum(), mFilterRect.yMinimum()}});
            } else {
                where = SqlCondition::both(where, {geometryColumn + QStringLiteral(" IS NOT NULL"), {}});
            }
        }
        if (mRequest.flags() & QgsFeatureRequest::ExactIntersect) {
            mExactIntersect = true;
            mRectEngine.reset(
                QgsGeometry::createGeometryEngine(QgsGeometry::fromRect(mFilterRect).constGet()));
            mRectEngine->prepareGeometry();
        }
    }

    mReturnGeometry = schema.hasGeometry() && !(mRequest.flags() & QgsFeatureRequest::NoGeometry);
    mDecodeGeometry = mReturnGeometry || mExactIntersect || mCheckDistance || expressionNeedsGeometry;
    const bool readBlob = schema.hasGeometry() && (mDecodeGeometry || mCheckBounds);

    // recheck_status from the archive-wide table when the request reads it:
    // built on the first request that reads it for more than a few ids,
    // then shared. A few ids alone are cheaper through the column's SQL.
    const bool statusSelected =
        mSource->mStatusField >= 0 && (allAttributes || attributes.contains(mSource->mStatusField));
    if (statusSelected) {
        const bool fewIds = mRequest.filterType() == QgsFeatureRequest::FilterFid ||
                            (mRequest.filterType() == QgsFeatureRequest::FilterFids &&
                             mRequest.filterFids().size() <= kFewIds);
        mStatusTable = mSource->mStatusCache->table(!fewIds);
    }

    // SELECT key, attributes…, geometry
    QStringList columns{quotedIdentifier(schema.key().name)};
    for (int i = 0; i < fields.count(); ++i) {
        if (!allAttributes && !attributes.contains(i))
            continue;
        mAttributeIndexes << i;
        if (i == mSource->mStatusField && mStatusTable) {
            mValueReaders << ValueReader::Status;
            columns << quotedIdentifier(QStringLiteral("uuid"));
            continue;
        }
        switch (schema.columns[i].affinity) {
        case ColumnAffinity::Integer:
            mValueReaders << ValueReader::Integer;
            break;
        case ColumnAffinity::Real:
        case ColumnAffinity::Numeric:
            mValueReaders << ValueReader::Real;
            break;
        case ColumnAffinity::Blob:
            mValueReaders << (fields.at(i).type() == QVariant::ByteArray ? ValueReader::Blob
                                                                         : ValueReader::Text);
            break;
        case ColumnAffinity::Text:
            mValueReaders << ValueReader::Text;
            break;
        }
        columns << schema.columns[i].selectSql();
    }
    if (readBlob) {
        mGeometryColumn = columns.size();
        columns << geometryColumn;
    }

    const QString keyColumn = quotedIdentifier(schema.key().name);
    QString sql = QStringLiteral("SELECT %1 FROM %2")
                      .arg(columns.join(QLatin1String(", ")), quotedIdentifier(schema.table));
    if (mRequest.filterType() == QgsFeatureRequest::FilterFid ||
        mRequest.filterType() == QgsFeatureRequest::FilterFids) {
        // One indexed look-up per id with a reused statement: cheaper than a
        // long IN list and free of SQLite's parameter limit.
        mFidMode = true;
        if (mRequest.filterType() == QgsFeatureRequest::FilterFid) {
            mFids << mRequest.filterFid();
        } else {
            const QgsFeatureIds& ids = mRequest.filterFids();
            mFids = QVector<QgsFeatureId>(ids.cbegin(), ids.cend());
            std::sort(mFids.begin(), mFids.end());
        }
        sql += QStringLiteral(" WHERE %1 = ?").arg(keyColumn);
        if (!where.isEmpty())
            sql += QStringLiteral(" AND (%1)").arg(where.sql);
        mParams = QVariantList{QVariant()} + where.params;
    } else {
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE ") + where.sql;
        mParams = where.params;
        const bool everyRowReturned =
            !mCheckBounds && !mCheckDistance && !mSubsetExpression &&
            (mRequest.filterType() != QgsFeatureRequest::FilterExpression || mExpressionCompiled);
        if (mRequest.limit() >= 0 && everyRowReturned && mRequest.orderBy().isEmpty())
            sql += QStringLiteral(" LIMIT %1").arg(mRequest.limit());
    }
    mStatement = mConnection.connection().statement(sql);
    rewind();
}

namespace {

void bindValue(sqlite3_stmt* statement, int index, const QVariant& value) {
    int rc = SQLITE_OK;
    if (value.isNull()) {
        rc = sqlite3_bind_null(statement, index);
    } else {
        switch (value.type()) {
        case QVariant::Int:
        case QVariant::LongLong:
        case QVariant::UInt:
        case QVariant::ULongLong:
        case QVariant::Bool:
            rc = sqlite3_bind_int64(statement, index, value.toLongLong());
            break;
        case QVariant::Double:
            rc = sqlite3_bind_double(statement, index, value.toDouble());
            break;
        default: {
            const QByteArray utf8 = value.toString().toUtf8();
            rc = sqlite3_bind_text(statement, index, utf8.constData(), utf8.size(), SQLITE_TRANSIENT);
            break;
        }
        }
    }
    if (rc != SQLITE_OK)
        throw RecheckError(QStringLiteral("cannot bind parameter %1: %2")
                               .arg(index)
                               .arg(QString::fromUtf8(sqlite3_errstr(rc)))
                               .toStdString(),
                           RecheckError::Kind::Database);
}

} // namespace

void CustomerArchiveFeatureIterator::bindParams() {
    for (int i = 0; i < mParams.size(); ++i)
        bindValue(mStatement, i + 1, mParams[i]);
}

bool CustomerArchiveFeatureIterator::rewind() {
    if (mClosed || !mStatement)
        return false;
    sqlite3_reset(mStatement);
    mNextFid = 0;
    try {
        bindParams();
    } catch (const RecheckError& e) {
        fail(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool CustomerArchiveFeatureIterator::close() {
    if (mClosed)
        return false;
    mStatement = nullptr; // the pool resets it with the connection
    mConnection.release();
    iteratorClosed();
    mClosed = true;
    return true;
}

void CustomerArchiveFeatureIterator::setInterruptionChecker(QgsFeedback* interruptionChecker) {
    mInterruptionChecker = interruptionChecker;
}

bool CustomerArchiveFeatureIterator::nextFeatureFilterExpression(QgsFeature& feature) {
    if (mExpressionCompiled)
        return fetchFeature(feature);
    return QgsAbstractFeatureIterator::nextFeatureFilterExpression(feature);
}

bool CustomerArchiveFeatureIterator::nextFeatureFilterFids(QgsFeature& feature) {
    return fetchFeature(feature); // the SQL already selects exactly these ids
}

bool CustomerArchiveFeatureIterator::stepStatement() {
    auto step = [this] {
        const int rc = sqlite3_step(mStatement);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            mConnection->throwError(
                QStringLiteral("reading %1").arg(QString::fromUtf8(sqlite3_sql(mStatement)).left(200)));
        return false;
    };
    if (!mFidMode)
        return step();
    // Parameters other than the id stay bound across resets.
    while (mNextFid < mFids.size()) {
        sqlite3_reset(mStatement);
        bindValue(mStatement, 1, static_cast<qlonglong>(mFids[mNextFid++]));
        if (step())
            return true;
    }
    return false;
}

bool CustomerArchiveFeatureIterator::fetchFeature(QgsFeature& feature) {
    feature.setValid(false);
    if (mClosed || !mStatement)
        return false;
    try {
        while (stepStatement()) {
            if (mInterruptionChecker && mInterruptionChecker->isCanceled())
                break;
            if (readRow(feature))
                return true;
        }
    } catch (const RecheckError& e) {
        fail(QString::fromStdString(e.what()));
        return false;
    }
    close();
    return false;
}

bool CustomerArchiveFeatureIterator::readRow(QgsFeature& feature) {
    sqlite3_stmt* row = mStatement;

    QgsGeometry geometry;
    if (mGeometryColumn >= 0) {
        const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(row, mGeometryColumn));
        const int size = sqlite3_column_bytes(row, mGeometryColumn);
        if (mCheckBounds) {
            BlobBounds bounds;
            if (!blob || !spatialiteBlobBounds(blob, size, bounds) || !bounds.intersects(mFilterRect))
                return false;
        }
        if (blob && mDecodeGeometry) {
            geometry = geometryFromSpatialiteBlob(blob, size);
            if (mExactIntersect && !spatialiteBlobIsPoint(blob, size) &&
                !mRectEngine->intersects(geometry.constGet()))
                return false;
        }
    }

    QgsAttributes attributes(mSource->mFields.count());
    for (int i = 0; i < mAttributeIndexes.size(); ++i) {
        const int column = i + 1;
        const int field = mAttributeIndexes[i];
        if (sqlite3_column_type(row, column) == SQLITE_NULL) {
            if (mValueReaders[i] == ValueReader::Status) { // no uuid: in no scope
                attributes[field] = QVariant(mStatusTable->statusOf(nullptr, 0));
                continue;
            }
            attributes[field] = QVariant(mSource->mFields.at(field).type());
            continue;
        }
        switch (mValueReaders[i]) {
        case ValueReader::Integer:
            attributes[field] = QVariant(static_cast<qlonglong>(sqlite3_column_int64(row, column)));
            break;
        case ValueReader::Real:
            attributes[field] = QVariant(sqlite3_column_double(row, column));
            break;
        case ValueReader::Text: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, column));
            attributes[field] = QVariant(QString::fromUtf8(text, sqlite3_column_bytes(row, column)));
            break;
        }
        case ValueReader::Status: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, column));
            attributes[field] = QVariant(mStatusTable->statusOf(text, sqlite3_column_bytes(row, column)));
            break;
        }
        case ValueReader::Blob: {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(row, column));
            attributes[field] = QVariant(QByteArray(data, sqlite3_column_bytes(row, column)));
            break;
        }
        }
    }

    feature.setId(sqlite3_column_int64(row, 0));
    feature.setFields(mSource->mFields, false);
    feature.setAttributes(attributes);
    if (!geometry.isNull())
        feature.setGeometry(geometry);
    else
        feature.clearGeometry();
    feature.setValid(true);

    if (mSubsetExpression) {
        mSubsetContext.setFeature(feature);
        if (!mSubsetExpression->evaluate(&mSubsetContext).toBool())
            return false;
    }
    geometryToDestinationCrs(feature, mTransform);
    if (mCheckDistance) {
        // The reference geometry and distance are in the request's CRS.
        if (!feature.hasGeometry() || mRequest.referenceGeometryEngine()->distance(
                                          feature.geometry().constGet()) > mRequest.distanceWithin())
            return false;
    }
    if (!mReturnGeometry && feature.hasGeometry())
        feature.clearGeometry();
    return true;
}

} // namespace recheck::qgis
