#include "CustomerArchiveProvider.h"

#include "ArchiveConnectionPool.h"
#include "ArchiveDataItems.h"
#include "ArchiveStyles.h"
#include "CustomerArchiveFeatureIterator.h"
#include "SqlFilterCompiler.h"

#include "archive/Archive.h"

#include <qgsexpression.h>
#include <qgsfeedback.h>
#include <qgsmessagelog.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace recheck::qgis {

namespace {

// A DEFAULT clause that is a plain literal ('active', 40, 1.5, NULL): its
// value, so a new feature's form shows it; nullopt for an SQL expression.
std::optional<QVariant> literalDefault(const ArchiveColumn& column) {
    const QString sql = column.defaultSql.trimmed();
    if (sql.isEmpty() || sql.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        return QVariant();
    if (sql.size() >= 2 && sql.startsWith(QLatin1Char('\'')) && sql.endsWith(QLatin1Char('\''))) {
        const QString inner = sql.mid(1, sql.size() - 2);
        if (inner.contains(QRegularExpression(QStringLiteral("(^|[^'])'([^']|$)"))))
            return std::nullopt; // 'a' || 'b': an expression after all
        return QVariant(QString(inner).replace(QLatin1String("''"), QLatin1String("'")));
    }
    bool ok = false;
    const qlonglong integer = sql.toLongLong(&ok);
    if (ok)
        return column.affinity == ColumnAffinity::Real ? QVariant(static_cast<double>(integer))
                                                       : QVariant(integer);
    const double real = sql.toDouble(&ok);
    if (ok)
        return QVariant(real);
    return std::nullopt;
}

QgsField fieldOf(const ArchiveTableSchema& schema, int index) {
    const ArchiveColumn& column = schema.columns[index];
    QVariant::Type type = QVariant::String;
    QString typeName = column.declaredType.isEmpty() ? QStringLiteral("text") : column.declaredType.toLower();
    switch (column.affinity) {
    case ColumnAffinity::Integer:
        type = QVariant::LongLong;
        break;
    case ColumnAffinity::Real:
    case ColumnAffinity::Numeric:
        type = QVariant::Double;
        break;
    case ColumnAffinity::Blob:
        type = column.declaredType.isEmpty() ? QVariant::String : QVariant::ByteArray;
        break;
    case ColumnAffinity::Text:
        type = QVariant::String;
        break;
    }
    QgsField field(column.name, type, typeName);
    QgsFieldConstraints constraints;
    if (column.notNull || column.primaryKey)
        constraints.setConstraint(QgsFieldConstraints::ConstraintNotNull,
                                  QgsFieldConstraints::ConstraintOriginProvider);
    if (column.primaryKey || column.unique)
        constraints.setConstraint(QgsFieldConstraints::ConstraintUnique,
                                  QgsFieldConstraints::ConstraintOriginProvider);
    field.setConstraints(constraints);
    // The key, the sync identity, the stamps and derived values are the
    // archive's to set: QGIS's forms and attribute table show them read-only.
    field.setReadOnly(schema.isReadOnlyColumn(index));
    return field;
}

// count(*) where `filter` holds: SQLite counts the smallest index without a
// filter and reads every row with one, as ogr's SQLite driver does. (Counting
// key ranges on parallel connections was tried: twice as slow on a loaded
// 2-core machine.)
long long countRows(const QString& path, const ArchiveTableSchema& schema, const SqlCondition& filter) {
    ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(path);
    QString sql = QStringLiteral("SELECT count(*) FROM %1").arg(quotedIdentifier(schema.table));
    if (!filter.isEmpty())
        sql += QStringLiteral(" WHERE ") + filter.sql;
    SqliteStatement st(*db, sql);
    bindAll(st, filter.params);
    return st.step() ? st.int64(0) : 0;
}

} // namespace

QString messageLogTag() {
    return QStringLiteral("Recheck");
}

QString CustomerArchiveProvider::providerKey() {
    return QStringLiteral("customerarchive");
}

QString CustomerArchiveProvider::providerDescription() {
    return QCoreApplication::translate("CustomerArchiveProvider",
                                       "Recheck customer archive (SpatiaLite) data provider");
}

CustomerArchiveProvider::CustomerArchiveProvider(const QString& uri,
                                                 const QgsDataProvider::ProviderOptions& options,
                                                 QgsDataProvider::ReadFlags flags)
    : QgsVectorDataProvider(uri, options, flags), mUri(ArchiveLayerUri::parse(uri)) {
    if (mUri.table.isEmpty())
        mUri.table = ArchiveLayerUri::defaultTable();
    if (mUri.path.isEmpty()) {
        fail(QCoreApplication::translate("CustomerArchiveProvider",
                                         "No archive file in the layer source \"%1\"")
                 .arg(uri));
        return;
    }
    try {
        // Validates without writing: not an archive, a newer schema → throws
        // with a message naming the file.
        Archive::schemaVersionOf(mUri.path);
        ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(mUri.path);
        mSchema = std::make_shared<ArchiveTableSchema>(ArchiveTableSchema::read(*db, mUri.table));
        mUri.table = mSchema->table; // the table's own spelling
        for (int i = 0; i < mSchema->columns.size(); ++i)
            mFields.append(fieldOf(*mSchema, i));
        if (mSchema->hasGeometry()) {
            mWkbType = static_cast<QgsWkbTypes::Type>(mSchema->geometry.typeCode);
            if (mSchema->geometry.srid > 0)
                mCrs = QgsCoordinateReferenceSystem(QStringLiteral("EPSG:%1").arg(mSchema->geometry.srid));
        }
        if (!mUri.district.isEmpty()) {
            SqliteStatement district(*db, QStringLiteral("SELECT 1 FROM districts WHERE code = ?"));
            district.bind(1, mUri.district);
            if (!district.step()) {
                fail(QCoreApplication::translate("CustomerArchiveProvider",
                                                 "%1: the archive has no district with code \"%2\"")
                         .arg(mUri.path, mUri.district));
                return;
            }
            mDistrictCondition = districtCondition();
        }
    } catch (const RecheckError& e) {
        fail(QCoreApplication::translate("CustomerArchiveProvider", "Cannot open layer \"%1\": %2")
                 .arg(mUri.table, QString::fromStdString(e.what())));
        return;
    }
    mValid = true;
    if (mUri.district.isEmpty() && mSchema->table.compare(QLatin1String("customers"), Qt::CaseInsensitive) == 0) {
        const int status = mSchema->columnIndex(QStringLiteral("recheck_status"));
        if (status >= 0 && mSchema->columns[status].isDerived())
            mStatusCache = std::make_shared<RecheckStatusCache>(mUri.path);
    }
    connect(&ArchiveChangeNotifier::instance(), &ArchiveChangeNotifier::tableWritten, this,
            [this](const QString& path, const QString& table, const void* writer) {
                archiveWritten(path, table, static_cast<const CustomerArchiveProvider*>(writer));
            });
    if (mUri.subset.isEmpty())
        compileSubset();
    else if (!setSubsetString(mUri.subset, false))
        fail(QCoreApplication::translate("CustomerArchiveProvider", "Invalid subset string for %1: %2")
                 .arg(mUri.table, mUri.subset));
}

CustomerArchiveProvider::~CustomerArchiveProvider() = default;

void CustomerArchiveProvider::fail(const QString& message) {
    mValid = false;
    QgsMessageLog::logMessage(message, messageLogTag(), Qgis::MessageLevel::Critical);
    appendError(QgsErrorMessage(message, providerKey()));
}

SqlCondition CustomerArchiveProvider::districtCondition() const {
    // Rows belong to a district directly (district_uuid), through their
    // customer, or through the staff-district assignments.
    const ArchiveTableSchema& schema = *mSchema;
    const QString inDistrict = QStringLiteral("SELECT uuid FROM districts WHERE code = ?");
    const QString table = schema.table.toLower();
    if (table == QLatin1String("districts"))
        return {QStringLiteral("\"code\" = ?"), {mUri.district}};
    if (schema.columnIndex(QStringLiteral("district_uuid")) >= 0)
        return {QStringLiteral("\"district_uuid\" IN (%1)").arg(inDistrict), {mUri.district}};
    if (schema.columnIndex(QStringLiteral("customer_uuid")) >= 0)
        return {
            QStringLiteral("\"customer_uuid\" IN (SELECT uuid FROM customers WHERE district_uuid IN (%1))")
                .arg(inDistrict),
            {mUri.district}};
    if (table == QLatin1String("staff"))
        return {
            QStringLiteral("\"uuid\" IN (SELECT staff_uuid FROM staff_districts WHERE district_uuid IN (%1))")
                .arg(inDistrict),
            {mUri.district}};
    return {}; // feeders, roads, plans: shared by all districts
}

void CustomerArchiveProvider::compileSubset() {
    mFixedCondition = mDistrictCondition;
    mSubsetNeedsQgis = false;
    if (mSubsetString.isEmpty())
        return;
    const QgsExpression expression(mSubsetString);
    const CompiledFilter compiled = SqlFilterCompiler(*mSchema).compile(expression);
    mFixedCondition = SqlCondition::both(mFixedCondition, compiled.condition);
    mSubsetNeedsQgis = compiled.coverage != CompiledFilter::Coverage::Complete;
}

bool CustomerArchiveProvider::setSubsetString(const QString& subset, bool updateFeatureCount) {
    Q_UNUSED(updateFeatureCount) // the count is recomputed lazily
    if (!mSchema)
        return false;
    const QString trimmed = subset.trimmed();
    if (!trimmed.isEmpty()) {
        const QgsExpression expression(trimmed);
        if (expression.hasParserError()) {
            QgsMessageLog::logMessage(QCoreApplication::translate("CustomerArchiveProvider",
                                                                  "Invalid subset string \"%1\" for %2: %3")
                                          .arg(trimmed, mUri.table, expression.parserErrorString()),
                                      messageLogTag(), Qgis::MessageLevel::Warning);
            return false;
        }
    }
    mSubsetString = trimmed;
    mUri.subset = trimmed;
    setDataSourceUri(mUri.toString());
    compileSubset();
    reloadProviderData();
    return true;
}

void CustomerArchiveProvider::reloadProviderData() {
    QMutexLocker locker(&mCacheMutex);
    mFeatureCount.reset();
    mExtent.reset();
    if (mStatusCache)
        mStatusCache->invalidate();
}

QgsCoordinateReferenceSystem CustomerArchiveProvider::crs() const {
    return mCrs;
}

QgsRectangle CustomerArchiveProvider::extent() const {
    if (!mValid || !mSchema->hasGeometry())
        return QgsRectangle();
    QMutexLocker locker(&mCacheMutex);
    if (mExtent)
        return *mExtent;
    QgsRectangle rect;
    try {
        if (!mSubsetNeedsQgis) {
            ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(mUri.path);
            const ArchiveBounds bounds = computeExtent(*db, *mSchema, mFixedCondition);
            if (!bounds.empty)
                rect = QgsRectangle(bounds.xMin, bounds.yMin, bounds.xMax, bounds.yMax, false);
        } else {
            // The subset needs QGIS: union of the matching geometries' boxes.
            locker.unlock();
            CustomerArchiveFeatureSource source(*this);
            QgsFeatureIterator it = source.getFeatures(QgsFeatureRequest().setNoAttributes());
            QgsFeature feature;
            while (it.nextFeature(feature))
                if (feature.hasGeometry())
                    rect.combineExtentWith(feature.geometry().boundingBox());
            locker.relock();
        }
    } catch (const RecheckError& e) {
        QgsMessageLog::logMessage(QString::fromStdString(e.what()), messageLogTag(),
                                  Qgis::MessageLevel::Critical);
    }
    mExtent = rect;
    return rect;
}

void CustomerArchiveProvider::updateExtents() {
    QMutexLocker locker(&mCacheMutex);
    mExtent.reset();
}

QString CustomerArchiveProvider::name() const {
    return providerKey();
}

QString CustomerArchiveProvider::description() const {
    return providerDescription();
}

QgsAbstractFeatureSource* CustomerArchiveProvider::featureSource() const {
    return new CustomerArchiveFeatureSource(*this);
}

QString CustomerArchiveProvider::storageType() const {
    return QStringLiteral("Recheck archive (SpatiaLite)");
}

QgsFeatureIterator CustomerArchiveProvider::getFeatures(const QgsFeatureRequest& request) const {
    if (!mValid)
        return QgsFeatureIterator();
    return QgsFeatureIterator(
        new CustomerArchiveFeatureIterator(new CustomerArchiveFeatureSource(*this), true, request));
}

QgsWkbTypes::Type CustomerArchiveProvider::wkbType() const {
    return mWkbType;
}

long long CustomerArchiveProvider::featureCount() const {
    if (!mValid)
        return static_cast<long long>(Qgis::FeatureCountState::UnknownCount);
    QMutexLocker locker(&mCacheMutex);
    if (mFeatureCount)
        return *mFeatureCount;
    long long count = 0;
    try {
        if (!mSubsetNeedsQgis) {
            count = countRows(mUri.path, *mSchema, mFixedCondition);
        } else {
            locker.unlock();
            CustomerArchiveFeatureSource source(*this);
            QgsFeatureIterator it = source.getFeatures(
                QgsFeatureRequest().setFlags(QgsFeatureRequest::NoGeometry).setNoAttributes());
            QgsFeature feature;
            while (it.nextFeature(feature))
                ++count;
            locker.relock();
        }
    } catch (const RecheckError& e) {
        QgsMessageLog::logMessage(QString::fromStdString(e.what()), messageLogTag(),
                                  Qgis::MessageLevel::Critical);
        return static_cast<long long>(Qgis::FeatureCountState::UnknownCount);
    }
    mFeatureCount = count;
    return count;
}

QgsVectorDataProvider::Capabilities CustomerArchiveProvider::capabilities() const {
    QgsVectorDataProvider::Capabilities capabilities = QgsVectorDataProvider::SelectAtId |
                                                       QgsVectorDataProvider::CreateRenderer |
                                                       QgsVectorDataProvider::CreateLabeling;
    if (!mValid)
        return capabilities;
    capabilities |= QgsVectorDataProvider::AddFeatures;
    if (mSchema->insertOnly)
        return capabilities; // visits: recorded once, never changed
    capabilities |= QgsVectorDataProvider::DeleteFeatures | QgsVectorDataProvider::ChangeAttributeValues |
                    QgsVectorDataProvider::ChangeFeatures;
    if (mSchema->hasGeometry())
        capabilities |= QgsVectorDataProvider::ChangeGeometries | QgsVectorDataProvider::CreateSpatialIndex;
    return capabilities;
}

QgsAttributeList CustomerArchiveProvider::pkAttributeIndexes() const {
    if (!mSchema)
        return {};
    return {mSchema->keyColumn};
}

// Only SQL expressions are clauses (a uuid, a timestamp): QGIS puts a clause
// into a new feature's form as text and the insert then leaves the column to
// SQL. Literal defaults come as values from defaultValue().
QString CustomerArchiveProvider::defaultValueClause(int fieldIndex) const {
    if (!mSchema || fieldIndex < 0 || fieldIndex >= mSchema->columns.size())
        return QString();
    const ArchiveColumn& column = mSchema->columns[fieldIndex];
    if (column.isDerived() || literalDefault(column))
        return QString();
    return column.defaultSql;
}

QVariant CustomerArchiveProvider::defaultValue(int fieldIndex) const {
    if (!mSchema || fieldIndex < 0 || fieldIndex >= mSchema->columns.size())
        return QVariant();
    const ArchiveColumn& column = mSchema->columns[fieldIndex];
    if (column.isDerived())
        return QVariant();
    const std::optional<QVariant> value = literalDefault(column);
    return value ? *value : QVariant();
}

bool CustomerArchiveProvider::skipConstraintCheck(int fieldIndex, QgsFieldConstraints::Constraint constraint,
                                                  const QVariant& value) const {
    if (!mSchema || fieldIndex < 0 || fieldIndex >= mSchema->columns.size())
        return false;
    // Columns the archive fills in (key, uuid, stamps) are empty in a new
    // feature's form; so is a column whose SQL default will apply.
    if (mSchema->isReadOnlyColumn(fieldIndex))
        return true;
    const QString clause = defaultValueClause(fieldIndex);
    if (!clause.isEmpty() && value.toString() == clause)
        return true;
    return constraint == QgsFieldConstraints::ConstraintNotNull && value.isNull() &&
           !mSchema->columns[fieldIndex].defaultSql.isEmpty();
}

bool CustomerArchiveProvider::dependsOnTable(const QString& table) const {
    const QString mine = mSchema->table.toLower();
    const QString written = table.toLower();
    if (mine == written)
        return true;
    // Derived columns read tasks, their scopes and visits.
    const bool derivedInput = written == QLatin1String("visits") || written == QLatin1String("tasks") ||
                              written == QLatin1String("task_scope");
    return derivedInput && std::any_of(mSchema->columns.cbegin(), mSchema->columns.cend(),
                                       [](const ArchiveColumn& column) { return column.isDerived(); });
}

void CustomerArchiveProvider::archiveWritten(const QString& path, const QString& table,
                                             const CustomerArchiveProvider* writer) {
    if (!mValid || path != mUri.path || !dependsOnTable(table))
        return;
    reloadProviderData();
    // The writer's own layer knows what it changed; other layers showing the
    // table or values derived from it must re-read.
    if (writer != this)
        emit dataChanged();
}

QgsFeatureRenderer* CustomerArchiveProvider::createRenderer(const QVariantMap&) const {
    if (!mValid)
        return nullptr;
    try {
        ArchiveConnectionPool::Lease db = ArchiveConnectionPool::instance().acquire(mUri.path);
        return createDefaultRenderer(*db, *mSchema);
    } catch (const RecheckError&) {
        return nullptr;
    }
}

QgsAbstractVectorLayerLabeling* CustomerArchiveProvider::createLabeling(const QVariantMap&) const {
    return mValid ? createDefaultLabeling(*mSchema) : nullptr;
}

// ---------------------------------------------------------------------------

CustomerArchiveProviderMetadata::CustomerArchiveProviderMetadata()
    : QgsProviderMetadata(CustomerArchiveProvider::providerKey(),
                          CustomerArchiveProvider::providerDescription()) {}

QgsDataProvider* CustomerArchiveProviderMetadata::createProvider(
    const QString& uri, const QgsDataProvider::ProviderOptions& options, QgsDataProvider::ReadFlags flags) {
    return new CustomerArchiveProvider(uri, options, flags);
}

QVariantMap CustomerArchiveProviderMetadata::decodeUri(const QString& uri) const {
    return ArchiveLayerUri::parse(uri).toParts();
}

QString CustomerArchiveProviderMetadata::encodeUri(const QVariantMap& parts) const {
    return ArchiveLayerUri::fromParts(parts).toString();
}

QgsProviderMetadata::ProviderCapabilities CustomerArchiveProviderMetadata::providerCapabilities() const {
    return QgsProviderMetadata::FileBasedUris;
}

QList<QgsDataItemProvider*> CustomerArchiveProviderMetadata::dataItemProviders() const {
    return {new ArchiveDataItemProvider()};
}

ArchiveChangeNotifier& ArchiveChangeNotifier::instance() {
    static ArchiveChangeNotifier notifier;
    return notifier;
}

void CustomerArchiveProviderMetadata::cleanupProvider() {
    // Idle connections are plain SQLite/SpatiaLite handles, but close them
    // while QGIS (and PROJ under SpatiaLite) is still up.
    ArchiveConnectionPool::instance().clear();
}

} // namespace recheck::qgis
