// Editing through QGIS's edit buffer. QGIS commits an edit session as up to
// three provider calls (changes, deletes, adds) and forgets each part that
// succeeded. So that the commit is still ONE SQLite transaction, the provider
// watches its layer: when the commit starts it writes the whole edit buffer
// in one transaction, and the calls that follow return what was written (or
// the failure, in the first call, while QGIS still holds every part). Calls
// outside a layer's commit are a transaction each. A failure leaves the
// archive as it was and QGIS keeps the edit buffer.
//
// Rows are stamped by Recheck in the statement that changes them
// (row_version + 1, updated_at, updated_by = the staff id); the archive's
// triggers then log the change under that name instead of 'external'.

#include "CustomerArchiveProvider.h"

#include "ArchiveConnectionPool.h"

#include <qgsgeometry.h>
#include <qgsmessagelog.h>
#include <qgssettings.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayereditbuffer.h>

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

namespace {

QString lockedMessage(const QString& path, const QString& detail) {
    return QCoreApplication::translate("CustomerArchiveProvider",
                                       "The archive %1 is locked by another program (%2); nothing was saved. "
                                       "Try again when it has finished.")
        .arg(path, detail);
}

/// True while a deferred foreign key of the open transaction is unresolved:
/// COMMIT would fail with SQLite's bare "FOREIGN KEY constraint failed".
bool hasUnresolvedForeignKeys(sqlite3* handle) {
    int current = 0, highwater = 0;
    sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0);
    return current != 0;
}

/// A foreign key of another table that points at `table`.
struct Reference {
    QString childTable;
    QString childColumn;
    QString parentColumn;
};

QList<Reference> referencesTo(sqlite3* handle, const QString& table) {
    QList<Reference> references;
    WriteStatement tables(handle, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                 "sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"));
    QStringList names;
    while (sqlite3_step(tables.handle()) == SQLITE_ROW)
        names << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(tables.handle(), 0)));
    for (const QString& child : names) {
        WriteStatement keys(handle, QStringLiteral("SELECT \"table\", \"from\", \"to\" FROM "
                                                   "pragma_foreign_key_list(?)"));
        keys.bind(1, child);
        while (sqlite3_step(keys.handle()) == SQLITE_ROW) {
            auto text = [&](int c) {
                return QString::fromUtf8(
                    reinterpret_cast<const char*>(sqlite3_column_text(keys.handle(), c)));
            };
            if (text(0).compare(table, Qt::CaseInsensitive) == 0)
                references.append({child, text(1), text(2)});
        }
    }
    return references;
}

/// Generic account of unresolved foreign keys of `table`'s own rows (an
/// added or changed row naming a row that does not exist).
QString describeForeignKeyCheck(sqlite3* handle, const QString& table) {
    WriteStatement check(handle, QStringLiteral("SELECT rowid, \"parent\" FROM pragma_foreign_key_check(?) "
                                                "LIMIT 5"));
    check.bind(1, table);
    QStringList rows;
    while (sqlite3_step(check.handle()) == SQLITE_ROW)
        rows << QCoreApplication::translate("CustomerArchiveProvider", "feature %1 names a row of %2 that "
                                                                       "does not exist")
                    .arg(sqlite3_column_int64(check.handle(), 0))
                    .arg(QString::fromUtf8(
                        reinterpret_cast<const char*>(sqlite3_column_text(check.handle(), 1))));
    if (rows.isEmpty())
        return QCoreApplication::translate("CustomerArchiveProvider",
                                           "%1: the edit leaves a reference between tables unresolved")
            .arg(table);
    return QCoreApplication::translate("CustomerArchiveProvider", "%1: %2")
        .arg(table, rows.join(QStringLiteral("; ")));
}

} // namespace

bool CustomerArchiveProvider::writeTransaction(
    const QString& action, const std::function<void(SqliteDatabase&)>& write,
    const std::function<QString(SqliteDatabase&)>& describeForeignKeys) {
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
            message =
                isLockFailure(failure.code)
                    ? lockedMessage(mUri.path, failure.message)
                    : QCoreApplication::translate("CustomerArchiveProvider", "Cannot start writing to %1: %2")
                          .arg(mUri.path, failure.message);
        }
        if (message.isEmpty()) {
            try {
                write(db);
                // The archive's foreign keys are deferred: find a violation
                // now, while the rows can still be named, not at COMMIT.
                if (hasUnresolvedForeignKeys(handle))
                    throw WriteFailure{SQLITE_CONSTRAINT_FOREIGNKEY,
                                       describeForeignKeys ? describeForeignKeys(db)
                                                           : describeForeignKeyCheck(handle, mSchema->table)};
                execOrThrow(handle, "COMMIT");
            } catch (const WriteFailure& failure) {
                // COMMIT itself can fail (a reader's lock): the transaction
                // is then still open.
                if (!sqlite3_get_autocommit(handle))
                    sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
                message =
                    isLockFailure(failure.code) ? lockedMessage(mUri.path, failure.message) : failure.message;
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
        mLastWriteError = full;
        if (mReportWriteErrors)
            reportWriteError(full);
        return false;
    }
    reloadProviderData();
    emit ArchiveChangeNotifier::instance().tableWritten(mUri.path, mSchema->table, this);
    return true;
}

void CustomerArchiveProvider::reportWriteError(const QString& message) {
    pushError(message);
    QgsMessageLog::logMessage(message, messageLogTag(), Qgis::MessageLevel::Warning);
}

bool CustomerArchiveProvider::enterUpdateMode() {
    // QGIS parents a layer's provider to the layer; its edit buffer says
    // which parts a commit will write.
    if (!mWatchingLayer) {
        if (auto* layer = qobject_cast<QgsVectorLayer*>(parent())) {
            connect(layer, &QgsVectorLayer::beforeCommitChanges, this, [this] { layerCommitStarting(); });
            // Whatever happened, the next commit starts afresh.
            connect(layer, &QgsVectorLayer::afterCommitChanges, this, [this] { mLayerCommit = {}; });
            mWatchingLayer = true;
        }
    }
    return true;
}

void CustomerArchiveProvider::layerCommitStarting() {
    mLayerCommit = {};
    auto* layer = qobject_cast<QgsVectorLayer*>(parent());
    const QgsVectorLayerEditBuffer* buffer = layer ? layer->editBuffer() : nullptr;
    // A handler before this one may have vetoed the commit.
    if (!buffer || !mValid || !layer->allowCommit())
        return;
    const QgsChangedAttributesMap attributes = buffer->changedAttributeValues();
    const QgsGeometryMap geometries = buffer->changedGeometries();
    const QgsFeatureIds deleted = buffer->deletedFeatureIds();
    const QMap<QgsFeatureId, QgsFeature> added = buffer->addedFeatures();
    const int parts =
        int(!attributes.isEmpty() || !geometries.isEmpty()) + int(!deleted.isEmpty()) + int(!added.isEmpty());
    if (parts < 2)
        return; // one provider call is one transaction anyway
    // In the order they were added (QGIS counts temporary ids down from -1,
    // and reverses the map the same way), so the archive's fids follow it.
    const QList<QgsFeatureId> ascending = added.keys();
    const QList<QgsFeatureId> temporaryIds(ascending.crbegin(), ascending.crend());
    QgsFeatureList toAdd;
    for (const QgsFeatureId id : temporaryIds)
        toAdd << added.value(id);
    const QString staff = editingStaffId();
    const QString action =
        QCoreApplication::translate("CustomerArchiveProvider", "Saving the edits of %1").arg(mSchema->table);
    mReportWriteErrors = false; // the commit's first call reports them
    const bool ok = writeTransaction(
        action,
        [&](SqliteDatabase& db) {
            writeChanges(db, attributes, geometries, staff);
            writeDeletes(db, deleted);
            writeAdds(db, toAdd, staff);
        },
        [&](SqliteDatabase& db) { return describeReferencingRows(db, deleted); });
    mReportWriteErrors = true;
    mLayerCommit.active = true;
    mLayerCommit.failed = !ok;
    mLayerCommit.error = mLastWriteError;
    mLayerCommit.changesDone = ok;
    mLayerCommit.deletedIds = deleted;
    mLayerCommit.deletesDone = ok;
    mLayerCommit.addsDone = ok;
    if (ok) {
        for (int i = 0; i < temporaryIds.size(); ++i)
            mLayerCommit.addedFeatures.insert(temporaryIds[i], toAdd[i]);
    }
}

void CustomerArchiveProvider::writeAdds(SqliteDatabase& db, QgsFeatureList& written, const QString& staff) {
    if (written.isEmpty())
        return;
    const ArchiveTableSchema& schema = *mSchema;
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
}

bool CustomerArchiveProvider::addFeatures(QgsFeatureList& features, QgsFeatureSink::Flags flags) {
    Q_UNUSED(flags) // ids and archive-filled values are always read back
    if (features.isEmpty())
        return true;
    if (mLayerCommit.active) {
        if (mLayerCommit.failed)
            return failLayerCommitPart();
        // Written by the commit's first call: hand back the stored rows.
        bool all = mLayerCommit.addsDone;
        for (const QgsFeature& feature : features)
            all = all && mLayerCommit.addedFeatures.contains(feature.id());
        if (all) {
            for (QgsFeature& feature : features)
                feature = mLayerCommit.addedFeatures.value(feature.id());
            mLayerCommit.addsDone = false;
            return true;
        }
    }
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Adding %n feature(s) to %1", nullptr, features.size())
                               .arg(mSchema->table);
    const QString staff = editingStaffId();
    QgsFeatureList written = features;
    const bool ok = writeTransaction(action, [&](SqliteDatabase& db) { writeAdds(db, written, staff); });
    if (ok)
        features = written; // ids and filled-in values only once the rows exist
    return ok;
}

void CustomerArchiveProvider::writeDeletes(SqliteDatabase& db, const QgsFeatureIds& ids) {
    if (ids.isEmpty())
        return;
    const ArchiveTableSchema& schema = *mSchema;
    if (schema.insertOnly)
        throw WriteFailure{SQLITE_CONSTRAINT,
                           QCoreApplication::translate("CustomerArchiveProvider",
                                                       "rows of %1 are recorded once and cannot be deleted")
                               .arg(schema.table)};
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
}

QString CustomerArchiveProvider::describeReferencingRows(SqliteDatabase& db, const QgsFeatureIds& deleted) {
    sqlite3* handle = db.handle();
    const QString table = mSchema->table;
    if (deleted.isEmpty())
        return describeForeignKeyCheck(handle, table);
    // The deleted rows are gone inside this transaction, so their keys are
    // read from the archive as it was: a second, read-only connection.
    SqliteDatabase before(mUri.path, SqliteDatabase::Mode::ReadOnly);
    QStringList parts;
    for (const Reference& reference : referencesTo(handle, table)) {
        WriteStatement parentKey(before.handle(),
                                 QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                                     .arg(quotedIdentifier(reference.parentColumn), quotedIdentifier(table),
                                          quotedIdentifier(mSchema->key().name)));
        WriteStatement children(handle, QStringLiteral("SELECT rowid FROM %1 WHERE %2 = ? ORDER BY rowid")
                                            .arg(quotedIdentifier(reference.childTable),
                                                 quotedIdentifier(reference.childColumn)));
        QList<QgsFeatureId> sorted(deleted.cbegin(), deleted.cend());
        std::sort(sorted.begin(), sorted.end());
        for (const QgsFeatureId fid : sorted) {
            parentKey.bind(1, static_cast<qlonglong>(fid));
            QVariant key;
            if (sqlite3_step(parentKey.handle()) == SQLITE_ROW)
                key = QString::fromUtf8(
                    reinterpret_cast<const char*>(sqlite3_column_text(parentKey.handle(), 0)));
            sqlite3_reset(parentKey.handle());
            if (key.isNull())
                continue;
            children.bind(1, key);
            QStringList rows;
            int count = 0;
            while (sqlite3_step(children.handle()) == SQLITE_ROW) {
                if (++count <= 5)
                    rows << QString::number(sqlite3_column_int64(children.handle(), 0));
            }
            sqlite3_reset(children.handle());
            if (count == 0)
                continue;
            if (count > 5)
                rows << QStringLiteral("…");
            parts << QCoreApplication::translate(
                         "CustomerArchiveProvider",
                         "feature %1 is referenced by %n row(s) of %2 (%3 %4) through %2.%5", nullptr, count)
                         .arg(fid)
                         .arg(reference.childTable, QStringLiteral("fid"), rows.join(QStringLiteral(", ")),
                              reference.childColumn);
        }
    }
    if (parts.isEmpty())
        return describeForeignKeyCheck(handle, table);
    return QCoreApplication::translate("CustomerArchiveProvider",
                                       "%1 cannot be deleted while other rows point at it: %2. Delete or "
                                       "reassign those rows first.")
        .arg(table, parts.join(QStringLiteral("; ")));
}

bool CustomerArchiveProvider::deleteFeatures(const QgsFeatureIds& ids) {
    if (ids.isEmpty())
        return true;
    if (mLayerCommit.active) {
        if (mLayerCommit.failed)
            return failLayerCommitPart();
        if (mLayerCommit.deletesDone && ids == mLayerCommit.deletedIds) {
            mLayerCommit.deletesDone = false;
            return true;
        }
    }
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Deleting %n feature(s) from %1", nullptr, ids.size())
                               .arg(mSchema->table);
    return writeTransaction(
        action, [&](SqliteDatabase& db) { writeDeletes(db, ids); },
        [&](SqliteDatabase& db) { return describeReferencingRows(db, ids); });
}

bool CustomerArchiveProvider::failLayerCommitPart() {
    // The commit's combined write failed in beforeCommitChanges; QGIS clears
    // the provider's errors when it starts, so the reason is given here.
    mLayerCommit.active = false;
    reportWriteError(mLayerCommit.error);
    return false;
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
    if (mLayerCommit.active) {
        if (mLayerCommit.failed)
            return failLayerCommitPart();
        // Attributes and geometry may come as two calls: both were written.
        if (mLayerCommit.changesDone)
            return true;
    }
    QSet<QgsFeatureId> fids;
    for (auto it = attributeMap.cbegin(); it != attributeMap.cend(); ++it)
        fids.insert(it.key());
    for (auto it = geometryMap.cbegin(); it != geometryMap.cend(); ++it)
        fids.insert(it.key());
    const QString action = QCoreApplication::translate("CustomerArchiveProvider",
                                                       "Changing %n feature(s) of %1", nullptr, fids.size())
                               .arg(mSchema->table);
    const QString staff = editingStaffId();
    return writeTransaction(action,
                            [&](SqliteDatabase& db) { writeChanges(db, attributeMap, geometryMap, staff); });
}

void CustomerArchiveProvider::writeChanges(SqliteDatabase& db, const QgsChangedAttributesMap& attributeMap,
                                           const QgsGeometryMap& geometryMap, const QString& staff) {
    const ArchiveTableSchema& schema = *mSchema;
    QSet<QgsFeatureId> fids;
    for (auto it = attributeMap.cbegin(); it != attributeMap.cend(); ++it)
        fids.insert(it.key());
    for (auto it = geometryMap.cbegin(); it != geometryMap.cend(); ++it)
        fids.insert(it.key());
    if (fids.isEmpty())
        return;
    if (schema.insertOnly) {
        throw WriteFailure{SQLITE_CONSTRAINT,
                           QCoreApplication::translate("CustomerArchiveProvider",
                                                       "rows of %1 are recorded once and cannot be changed")
                               .arg(schema.table)};
    }
    if (!geometryMap.isEmpty() && !schema.hasGeometry()) {
        throw WriteFailure{
            SQLITE_CONSTRAINT,
            QCoreApplication::translate("CustomerArchiveProvider", "%1 has no geometry").arg(schema.table)};
    }
    // Refuse the whole call before writing anything when it touches a field
    // the archive maintains.
    for (auto it = attributeMap.cbegin(); it != attributeMap.cend(); ++it) {
        for (auto change = it.value().cbegin(); change != it.value().cend(); ++change) {
            const int index = change.key();
            if (index < 0 || index >= schema.columns.size()) {
                throw WriteFailure{SQLITE_CONSTRAINT,
                                   QCoreApplication::translate("CustomerArchiveProvider",
                                                               "%1, feature %2: there is no field number %3")
                                       .arg(schema.table)
                                       .arg(it.key())
                                       .arg(index)};
            }
            if (schema.isReadOnlyColumn(index)) {
                throw WriteFailure{SQLITE_CONSTRAINT,
                                   QCoreApplication::translate(
                                       "CustomerArchiveProvider",
                                       "%1: field %2 is maintained by the archive and cannot be edited")
                                       .arg(schema.table, schema.columns[index].name)};
            }
        }
    }
    QList<QgsFeatureId> ordered(fids.cbegin(), fids.cend());
    std::sort(ordered.begin(), ordered.end());
    {
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
    }
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
