// Editing through QGIS's edit buffer. QGIS commits an edit session as a few
// provider calls (changes, deletes, adds); each call is one SQLite
// transaction on a read-write connection of its own, so a failure anywhere in
// it leaves the archive as it was and QGIS keeps the edit buffer.
//
// Rows are stamped by Recheck in the statement that changes them
// (row_version + 1, updated_at, updated_by = the staff id); the archive's
// triggers then log the change under that name instead of 'external'.

#include "CustomerArchiveProvider.h"

#include "ArchiveConnectionPool.h"

#include <qgsgeometry.h>
#include <qgsmessagelog.h>
#include <qgssettings.h>

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTime>

#include <algorithm>

#include <sqlite3.h>

namespace recheck::qgis {

namespace {

const QString kNow = QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

/// SQLite's own account of a failed statement.
struct WriteFailure {
    int code = SQLITE_ERROR; ///< extended result code
    QString message;         ///< sqlite3_errmsg, or ours
};

/// A prepared statement on the write connection that keeps SQLite's result
/// code on failure (the message alone cannot tell a lock from a constraint).
class WriteStatement {
public:
    WriteStatement(sqlite3* db, const QString& sql) : mDb(db) {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), utf8.size(), &mStatement, nullptr) != SQLITE_OK)
            throw WriteFailure{sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db))};
    }
    ~WriteStatement() { sqlite3_finalize(mStatement); }
    WriteStatement(const WriteStatement&) = delete;
    WriteStatement& operator=(const WriteStatement&) = delete;

    void bind(int index, const QVariant& value) {
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(mStatement, index);
        } else {
            switch (value.type()) {
            case QVariant::Bool:
            case QVariant::Int:
            case QVariant::UInt:
            case QVariant::LongLong:
            case QVariant::ULongLong:
                rc = sqlite3_bind_int64(mStatement, index, value.toLongLong());
                break;
            case QVariant::Double:
                rc = sqlite3_bind_double(mStatement, index, value.toDouble());
                break;
            case QVariant::ByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob(mStatement, index, bytes.constData(), bytes.size(), SQLITE_TRANSIENT);
                break;
            }
            default:
                rc = bindText(index, textOf(value));
                break;
            }
        }
        check(rc);
    }

    /// Steps to completion; the statement is then ready for new values.
    void run() {
        const int rc = sqlite3_step(mStatement);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
            const WriteFailure failure{sqlite3_extended_errcode(mDb), QString::fromUtf8(sqlite3_errmsg(mDb))};
            sqlite3_reset(mStatement);
            throw failure;
        }
        sqlite3_reset(mStatement);
        sqlite3_clear_bindings(mStatement);
    }

    sqlite3_stmt* handle() const { return mStatement; }

private:
    // Dates and times as the archive writes them (ISO 8601).
    static QString textOf(const QVariant& value) {
        switch (value.type()) {
        case QVariant::Date:
            return value.toDate().toString(Qt::ISODate);
        case QVariant::Time:
            return value.toTime().toString(Qt::ISODateWithMs);
        case QVariant::DateTime:
            return value.toDateTime().toString(Qt::ISODateWithMs);
        default:
            return value.toString();
        }
    }
    int bindText(int index, const QString& text) {
        const QByteArray utf8 = text.toUtf8();
        return sqlite3_bind_text(mStatement, index, utf8.constData(), utf8.size(), SQLITE_TRANSIENT);
    }
    void check(int rc) const {
        if (rc != SQLITE_OK)
            throw WriteFailure{rc, QString::fromUtf8(sqlite3_errstr(rc))};
    }

    sqlite3* mDb = nullptr;
    sqlite3_stmt* mStatement = nullptr;
};

void execOrThrow(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw WriteFailure{sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db))};
}

bool isLockFailure(int code) {
    const int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

/// "UNIQUE constraint failed: customers.account_no" → "account_no".
QString uniqueColumnOf(const WriteFailure& failure) {
    if ((failure.code & 0xff) != SQLITE_CONSTRAINT)
        return QString();
    static const QString prefix = QStringLiteral("UNIQUE constraint failed: ");
    if (!failure.message.startsWith(prefix))
        return QString();
    const QString columns = failure.message.mid(prefix.size());
    if (columns.contains(QLatin1Char(',')))
        return QString(); // a multi-column constraint: no single value to name
    return columns.section(QLatin1Char('.'), 1);
}

/// The failing row, for messages: its fid (0 for a new feature) and the
/// values it was to get.
struct RowContext {
    QgsFeatureId fid = 0;
    QHash<QString, QVariant> values; ///< by lower-case column name
};

/// A failed write as something a person can act on. `table` is the layer's.
QString describeFailure(const WriteFailure& failure, const QString& table, const RowContext& row) {
    const QString column = uniqueColumnOf(failure);
    if (!column.isEmpty()) {
        const QString value = row.values.value(column.toLower()).toString();
        if (table.compare(QLatin1String("customers"), Qt::CaseInsensitive) == 0 &&
            column.compare(QLatin1String("account_no"), Qt::CaseInsensitive) == 0)
            return QCoreApplication::translate("CustomerArchiveProvider",
                                               "Account number \"%1\" is already used by another customer")
                .arg(value);
        return QCoreApplication::translate("CustomerArchiveProvider",
                                           "%1: the value \"%2\" of field %3 is already used by another row")
            .arg(table, value, column);
    }
    if (row.fid > 0)
        return QCoreApplication::translate("CustomerArchiveProvider", "%1, feature %2: %3")
            .arg(table)
            .arg(row.fid)
            .arg(failure.message);
    return QCoreApplication::translate("CustomerArchiveProvider", "%1: %2").arg(table, failure.message);
}

/// A column value read back after an insert, typed like the iterator's.
QVariant columnValue(sqlite3_stmt* statement, int column, const ArchiveColumn& archiveColumn) {
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
        return QVariant();
    case SQLITE_INTEGER:
        if (archiveColumn.affinity == ColumnAffinity::Real ||
            archiveColumn.affinity == ColumnAffinity::Numeric)
            return QVariant(sqlite3_column_double(statement, column));
        if (archiveColumn.affinity == ColumnAffinity::Text)
            break;
        return QVariant(static_cast<qlonglong>(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
        if (archiveColumn.affinity == ColumnAffinity::Text)
            break;
        return QVariant(sqlite3_column_double(statement, column));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char*>(sqlite3_column_blob(statement, column)),
                                   sqlite3_column_bytes(statement, column)));
    default:
        break;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(statement, column)));
}

} // namespace

QString CustomerArchiveProvider::editingStaffId() {
    const QString configured = QgsSettings().value(QStringLiteral("recheck/staffId")).toString().trimmed();
    if (!configured.isEmpty())
        return configured;
    for (const char* variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString login = qEnvironmentVariable(variable).trimmed();
        if (!login.isEmpty())
            return login;
    }
    return QStringLiteral("qgis");
}

bool CustomerArchiveProvider::writeTransaction(const QString& action,
                                               const std::function<void(SqliteDatabase&)>& write) {
    if (!mValid) {
        pushError(
            QCoreApplication::translate("CustomerArchiveProvider", "%1: the layer is not valid").arg(action));
        return false;
    }
    QString message;
    try {
        SqliteDatabase db(mUri.path, SqliteDatabase::Mode::ReadWrite);
        db.setBusyTimeout(kBusyTimeoutMs);
        sqlite3* handle = db.handle();
        try {
            // IMMEDIATE: take the write lock now, not half-way through.
            execOrThrow(handle, "BEGIN IMMEDIATE");
        } catch (const WriteFailure& failure) {
            if (isLockFailure(failure.code))
                message = QCoreApplication::translate(
                              "CustomerArchiveProvider",
                              "The archive %1 is locked by another program (%2); nothing was saved. "
                              "Try again when it has finished.")
                              .arg(mUri.path, failure.message);
            else
                message =
                    QCoreApplication::translate("CustomerArchiveProvider", "Cannot start writing to %1: %2")
                        .arg(mUri.path, failure.message);
        }
        if (message.isEmpty()) {
            try {
                write(db);
                execOrThrow(handle, "COMMIT");
            } catch (const WriteFailure& failure) {
                // COMMIT itself can fail (a reader's lock, a deferred foreign
                // key): the transaction is then still open.
                if (!sqlite3_get_autocommit(handle))
                    sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
                if (isLockFailure(failure.code))
                    message = QCoreApplication::translate(
                                  "CustomerArchiveProvider",
                                  "The archive %1 is locked by another program (%2); nothing was saved. "
                                  "Try again when it has finished.")
                                  .arg(mUri.path, failure.message);
                else
                    message = failure.message;
            } catch (const RecheckError& e) {
                if (!sqlite3_get_autocommit(handle))
                    sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
                message = QString::fromStdString(e.what());
            }
        }
    } catch (const RecheckError& e) {
        message = QString::fromStdString(e.what()); // cannot open read-write
    }
    if (!message.isEmpty()) {
        const QString full =
            QCoreApplication::translate("CustomerArchiveProvider", "%1 failed, nothing was saved: %2")
                .arg(action, message);
        pushError(full);
        QgsMessageLog::logMessage(full, messageLogTag(), Qgis::MessageLevel::Warning);
        return false;
    }
    reloadProviderData();
    emit ArchiveChangeNotifier::instance().tableWritten(mUri.path, mSchema->table, this);
    return true;
}

bool CustomerArchiveProvider::addFeatures(QgsFeatureList& features, QgsFeatureSink::Flags flags) {
    Q_UNUSED(flags) // ids and archive-filled values are always read back
    if (features.isEmpty())
        return true;
    const ArchiveTableSchema& schema = *mSchema;
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Adding %n feature(s) to %1", nullptr, features.size())
                               .arg(schema.table);
    const QString staff = editingStaffId();
    const int updatedBy = schema.columnIndex(QStringLiteral("updated_by"));

    // Read back what SQL filled in (fid, uuid, stamps, defaults).
    QStringList storedColumns;
    QVector<int> storedIndexes;
    for (int i = 0; i < schema.columns.size(); ++i) {
        if (schema.columns[i].isDerived())
            continue;
        storedColumns << quotedIdentifier(schema.columns[i].name);
        storedIndexes << i;
    }
    const QString readBackSql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                                    .arg(storedColumns.join(QLatin1String(", ")),
                                         quotedIdentifier(schema.table), quotedIdentifier(schema.key().name));

    QgsFeatureList written = features;
    const bool ok = writeTransaction(action, [&](SqliteDatabase& db) {
        sqlite3* handle = db.handle();
        WriteStatement readBack(handle, readBackSql);
        QHash<QString, std::shared_ptr<WriteStatement>> inserts; // by SQL: features differ in columns
        for (QgsFeature& feature : written) {
            const QgsAttributes attributes = feature.attributes();
            QStringList columns;
            QStringList values;
            QVariantList params;
            RowContext row;
            for (int i = 0; i < schema.columns.size(); ++i) {
                const ArchiveColumn& column = schema.columns[i];
                // The archive fills these: key, uuid, row_version, updated_at
                // (updated_by is stamped below).
                if (schema.isReadOnlyColumn(i))
                    continue;
                const QVariant value = i < attributes.size() ? attributes.at(i) : QVariant();
                // The form holds an SQL default as its text; a NULL in a NOT
                // NULL column with a default takes that default.
                if (!column.defaultSql.isEmpty() &&
                    ((value.isNull() && column.notNull) || value.toString() == defaultValueClause(i)))
                    continue;
                columns << quotedIdentifier(column.name);
                values << QStringLiteral("?");
                params << value;
                row.values.insert(column.name.toLower(), value);
            }
            if (schema.stamped && updatedBy >= 0) {
                columns << quotedIdentifier(schema.columns[updatedBy].name);
                values << QStringLiteral("?");
                params << staff;
            }
            if (schema.hasGeometry()) {
                columns << quotedIdentifier(schema.geometry.name);
                if (feature.hasGeometry()) {
                    QgsGeometry geometry = convertToProviderType(feature.geometry());
                    if (geometry.isNull())
                        geometry = feature.geometry();
                    values << QStringLiteral("GeomFromWKB(?, %1)").arg(schema.geometry.srid);
                    params << geometry.asWkb();
                } else {
                    values << QStringLiteral("NULL");
                }
            }
            const QString sql =
                columns.isEmpty()
                    ? QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(quotedIdentifier(schema.table))
                    : QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                          .arg(quotedIdentifier(schema.table), columns.join(QLatin1String(", ")),
                               values.join(QLatin1String(", ")));
            std::shared_ptr<WriteStatement>& insert = inserts[sql];
            if (!insert)
                insert = std::make_shared<WriteStatement>(handle, sql);
            for (int p = 0; p < params.size(); ++p)
                insert->bind(p + 1, params[p]);
            try {
                insert->run();
            } catch (const WriteFailure& failure) {
                throw WriteFailure{failure.code, describeFailure(failure, schema.table, row)};
            }
            const QgsFeatureId fid = sqlite3_last_insert_rowid(handle);
            feature.setId(fid);
            QgsAttributes stored(mFields.count());
            for (int i = 0; i < attributes.size() && i < stored.size(); ++i)
                stored[i] = attributes.at(i);
            readBack.bind(1, static_cast<qlonglong>(fid));
            if (sqlite3_step(readBack.handle()) == SQLITE_ROW)
                for (int c = 0; c < storedIndexes.size(); ++c)
                    stored[storedIndexes[c]] =
                        columnValue(readBack.handle(), c, schema.columns[storedIndexes[c]]);
            sqlite3_reset(readBack.handle());
            feature.setAttributes(stored);
        }
    });
    if (ok)
        features = written; // ids and filled-in values only once the rows exist
    return ok;
}

bool CustomerArchiveProvider::deleteFeatures(const QgsFeatureIds& ids) {
    if (ids.isEmpty())
        return true;
    const ArchiveTableSchema& schema = *mSchema;
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Deleting %n feature(s) from %1", nullptr, ids.size())
                               .arg(schema.table);
    if (schema.insertOnly) {
        pushError(QCoreApplication::translate("CustomerArchiveProvider",
                                              "%1 failed: rows of %2 are recorded once and cannot be deleted")
                      .arg(action, schema.table));
        return false;
    }
    return writeTransaction(action, [&](SqliteDatabase& db) {
        WriteStatement remove(db.handle(),
                              QStringLiteral("DELETE FROM %1 WHERE %2 = ?")
                                  .arg(quotedIdentifier(schema.table), quotedIdentifier(schema.key().name)));
        for (const QgsFeatureId fid : ids) {
            remove.bind(1, static_cast<qlonglong>(fid));
            try {
                remove.run();
            } catch (const WriteFailure& failure) {
                throw WriteFailure{failure.code, describeFailure(failure, schema.table, {fid, {}})};
            }
        }
    });
}

bool CustomerArchiveProvider::changeAttributeValues(const QgsChangedAttributesMap& attributeMap) {
    return changeFeatures(attributeMap, QgsGeometryMap());
}

bool CustomerArchiveProvider::changeGeometryValues(const QgsGeometryMap& geometryMap) {
    return changeFeatures(QgsChangedAttributesMap(), geometryMap);
}

// One UPDATE per feature for its attributes and geometry together, so a
// feature changed in both ways gets one new row_version.
bool CustomerArchiveProvider::changeFeatures(const QgsChangedAttributesMap& attributeMap,
                                             const QgsGeometryMap& geometryMap) {
    if (attributeMap.isEmpty() && geometryMap.isEmpty())
        return true;
    const ArchiveTableSchema& schema = *mSchema;
    QSet<QgsFeatureId> fids;
    for (auto it = attributeMap.cbegin(); it != attributeMap.cend(); ++it)
        fids.insert(it.key());
    for (auto it = geometryMap.cbegin(); it != geometryMap.cend(); ++it)
        fids.insert(it.key());
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Changing %n feature(s) of %1", nullptr, fids.size())
                               .arg(schema.table);
    if (schema.insertOnly) {
        pushError(QCoreApplication::translate("CustomerArchiveProvider",
                                              "%1 failed: rows of %2 are recorded once and cannot be changed")
                      .arg(action, schema.table));
        return false;
    }
    if (!geometryMap.isEmpty() && !schema.hasGeometry()) {
        pushError(
            QCoreApplication::translate("CustomerArchiveProvider", "%1 failed: the table has no geometry")
                .arg(action));
        return false;
    }
    // Refuse the whole call before writing anything when it touches a field
    // the archive maintains.
    for (auto it = attributeMap.cbegin(); it != attributeMap.cend(); ++it) {
        for (auto change = it.value().cbegin(); change != it.value().cend(); ++change) {
            const int index = change.key();
            if (index < 0 || index >= schema.columns.size()) {
                pushError(QCoreApplication::translate("CustomerArchiveProvider",
                                                      "%1 failed: feature %2 has no field number %3")
                              .arg(action)
                              .arg(it.key())
                              .arg(index));
                return false;
            }
            if (schema.isReadOnlyColumn(index)) {
                pushError(QCoreApplication::translate(
                              "CustomerArchiveProvider",
                              "%1 failed: field %2 is maintained by the archive and cannot be edited")
                              .arg(action, schema.columns[index].name));
                return false;
            }
        }
    }
    const QString staff = editingStaffId();
    QList<QgsFeatureId> ordered(fids.cbegin(), fids.cend());
    std::sort(ordered.begin(), ordered.end());
    return writeTransaction(action, [&](SqliteDatabase& db) {
        QHash<QString, std::shared_ptr<WriteStatement>> updates;
        for (const QgsFeatureId fid : ordered) {
            QStringList assignments;
            QVariantList params;
            RowContext row{fid, {}};
            const QgsAttributeMap changes = attributeMap.value(fid);
            for (auto change = changes.cbegin(); change != changes.cend(); ++change) {
                const ArchiveColumn& column = schema.columns[change.key()];
                assignments << QStringLiteral("%1 = ?").arg(quotedIdentifier(column.name));
                params << change.value();
                row.values.insert(column.name.toLower(), change.value());
            }
            if (geometryMap.contains(fid)) {
                const QgsGeometry& changed = geometryMap[fid];
                if (changed.isNull()) {
                    assignments << QStringLiteral("%1 = NULL").arg(quotedIdentifier(schema.geometry.name));
                } else {
                    QgsGeometry geometry = convertToProviderType(changed);
                    if (geometry.isNull())
                        geometry = changed;
                    assignments << QStringLiteral("%1 = GeomFromWKB(?, %2)")
                                       .arg(quotedIdentifier(schema.geometry.name))
                                       .arg(schema.geometry.srid);
                    params << geometry.asWkb();
                }
            }
            if (schema.stamped) {
                assignments << QStringLiteral("\"row_version\" = \"row_version\" + 1")
                            << QStringLiteral("\"updated_at\" = %1").arg(kNow)
                            << QStringLiteral("\"updated_by\" = ?");
                params << staff;
            }
            const QString sql =
                QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?")
                    .arg(quotedIdentifier(schema.table), assignments.join(QLatin1String(", ")),
                         quotedIdentifier(schema.key().name));
            std::shared_ptr<WriteStatement>& update = updates[sql];
            if (!update)
                update = std::make_shared<WriteStatement>(db.handle(), sql);
            for (int p = 0; p < params.size(); ++p)
                update->bind(p + 1, params[p]);
            update->bind(params.size() + 1, static_cast<qlonglong>(fid));
            try {
                update->run();
            } catch (const WriteFailure& failure) {
                throw WriteFailure{failure.code, describeFailure(failure, schema.table, row)};
            }
            if (sqlite3_changes(db.handle()) == 0)
                throw WriteFailure{SQLITE_NOTFOUND,
                                   QCoreApplication::translate(
                                       "CustomerArchiveProvider",
                                       "%1, feature %2: the row no longer exists (deleted by someone else?)")
                                       .arg(schema.table)
                                       .arg(fid)};
        }
    });
}

bool CustomerArchiveProvider::createSpatialIndex() {
    if (!mValid || !mSchema->hasGeometry())
        return false;
    if (mSchema->geometry.spatialIndex)
        return true;
    const ArchiveTableSchema& schema = *mSchema;
    const bool ok = writeTransaction(
        QCoreApplication::translate("CustomerArchiveProvider", "Creating the spatial index of %1")
            .arg(schema.table),
        [&](SqliteDatabase& db) {
            WriteStatement create(db.handle(), QStringLiteral("SELECT CreateSpatialIndex(?, ?)"));
            create.bind(1, schema.table);
            create.bind(2, schema.geometry.name);
            if (sqlite3_step(create.handle()) != SQLITE_ROW || sqlite3_column_int(create.handle(), 0) != 1)
                throw WriteFailure{SQLITE_ERROR,
                                   QCoreApplication::translate("CustomerArchiveProvider",
                                                               "SpatiaLite's CreateSpatialIndex failed")};
        });
    if (ok) {
        auto updated = std::make_shared<ArchiveTableSchema>(schema);
        updated->geometry.spatialIndex = true;
        mSchema = updated;
    }
    return ok;
}

QgsFeatureSource::SpatialIndexPresence CustomerArchiveProvider::hasSpatialIndex() const {
    if (!mValid || !mSchema->hasGeometry())
        return QgsFeatureSource::SpatialIndexNotPresent;
    return mSchema->geometry.spatialIndex ? QgsFeatureSource::SpatialIndexPresent
                                          : QgsFeatureSource::SpatialIndexNotPresent;
}

} // namespace recheck::qgis
