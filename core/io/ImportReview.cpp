#include "ImportReview.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"
#include "sync/SyncValue.h"

#include <QDateTime>
#include <QSet>

namespace recheck::io {

namespace {

// The customer columns an import may hold back, i.e. the MIS-owned ones
// (ArchiveImporter's kCustomerColumns plus the location). Accepting writes
// only these: the column name comes from the table, so it is checked before
// it goes into SQL.
const QSet<QString>& reviewableColumns() {
    static const QSet<QString> columns = {
        QStringLiteral("name"),          QStringLiteral("address"),
        QStringLiteral("phone"),         QStringLiteral("usage_category"),
        QStringLiteral("voltage_level"), QStringLiteral("contracted_capacity"),
        QStringLiteral("monthly_kwh"),   QStringLiteral("meter_asset_no"),
        QStringLiteral("district_uuid"), QStringLiteral("feeder_uuid"),
        QStringLiteral("status"),        QStringLiteral("mis_updated_at"),
        QStringLiteral("geom")};
    return columns;
}

const char* const kSelect =
    "SELECT r.id, r.run_id, r.table_name, r.row_uuid, r.natural_key, r.field, r.archive_value, "
    "r.incoming_value, r.reason, r.status, r.reviewed_by, r.reviewed_at, ru.source, ru.finished_at "
    "FROM import_review r LEFT JOIN import_runs ru ON ru.id = r.run_id";

ImportReviewItem itemFrom(SqliteStatement& st) {
    ImportReviewItem i;
    i.id = st.int64(0);
    i.runId = st.int64(1);
    i.table = st.text(2);
    i.rowUuid = st.text(3);
    i.naturalKey = st.text(4);
    i.field = st.text(5);
    i.archiveValue = st.value(6);
    i.incomingValue = st.value(7);
    i.reason = st.text(8);
    i.status = st.text(9);
    i.reviewedBy = st.text(10);
    i.reviewedAt = st.text(11);
    i.source = st.text(12);
    i.heldAt = st.text(13);
    return i;
}

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject ImportReviewItem::toJson() const {
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("run_id"), runId},
                  {QStringLiteral("table"), table},
                  {QStringLiteral("uuid"), rowUuid},
                  {QStringLiteral("account_no"), naturalKey},
                  {QStringLiteral("field"), field},
                  {QStringLiteral("archive_value"), sqlValueToJson(archiveValue)},
                  {QStringLiteral("mis_value"), sqlValueToJson(incomingValue)},
                  {QStringLiteral("current_value"), sqlValueToJson(currentValue)},
                  {QStringLiteral("row_exists"), rowExists},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("held_at"), heldAt}};
    if (!incomingDisplay.isEmpty() || !archiveDisplay.isEmpty() || !currentDisplay.isEmpty()) {
        o.insert(QStringLiteral("archive_code"), archiveDisplay);
        o.insert(QStringLiteral("mis_code"), incomingDisplay);
        o.insert(QStringLiteral("current_code"), currentDisplay);
    }
    if (!isOpen()) {
        o.insert(QStringLiteral("reviewed_by"), reviewedBy);
        o.insert(QStringLiteral("reviewed_at"), reviewedAt);
    }
    return o;
}

QList<ImportReviewItem> ImportReviewStore::list(const Filter& filter) {
    QList<ImportReviewItem> items;
    {
        QStringList where;
        if (!filter.includeDecided)
            where << QStringLiteral("r.status = 'open'");
        if (!filter.naturalKey.isEmpty())
            where << QStringLiteral("r.natural_key = ?1");
        SqliteStatement st(mDb, QString::fromLatin1(kSelect) +
                                    (where.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))) +
                                    QStringLiteral(" ORDER BY r.id"));
        if (!filter.naturalKey.isEmpty())
            st.bind(1, filter.naturalKey);
        while (st.step())
            items << itemFrom(st);
    }
    // The archive's value now beside the two recorded ones, and codes for the
    // district and feeder references (people know T001, not a uuid).
    QHash<QString, QString> codes;
    {
        SqliteStatement refs(mDb, QStringLiteral("SELECT uuid, code FROM districts UNION ALL "
                                                 "SELECT uuid, code FROM feeders"));
        while (refs.step())
            codes.insert(refs.text(0), refs.text(1));
    }
    const auto code = [&codes](const QVariant& uuid) {
        return uuid.isNull() ? QString() : codes.value(uuid.toString(), uuid.toString());
    };
    for (ImportReviewItem& i : items) {
        if (i.table != QLatin1String("customers") || !reviewableColumns().contains(i.field))
            continue;
        const QString column = i.field == QLatin1String("geom")
                                   ? QStringLiteral("CASE WHEN geom IS NULL THEN NULL ELSE "
                                                    "printf('POINT(%.9f %.9f)', X(geom), Y(geom)) END")
                                   : QStringLiteral("\"%1\"").arg(i.field);
        SqliteStatement now(mDb, QStringLiteral("SELECT %1 FROM customers WHERE uuid = ?").arg(column));
        now.bind(1, i.rowUuid);
        i.rowExists = now.step();
        if (i.rowExists)
            i.currentValue = now.value(0);
        if (i.field == QLatin1String("district_uuid") || i.field == QLatin1String("feeder_uuid")) {
            i.archiveDisplay = code(i.archiveValue);
            i.incomingDisplay = code(i.incomingValue);
            i.currentDisplay = code(i.currentValue);
        }
    }
    return items;
}

ImportReviewItem ImportReviewStore::get(qint64 id) {
    Filter all;
    all.includeDecided = true;
    for (const ImportReviewItem& i : list(all))
        if (i.id == id)
            return i;
    throw RecheckError(QStringLiteral("%1: no held import value with id %2 (see recheck review --all)")
                           .arg(mDb.path())
                           .arg(id)
                           .toStdString(),
                       RecheckError::Kind::InvalidInput);
}

QList<qint64> ImportReviewStore::openIds(const Filter& filter) {
    Filter open = filter;
    open.includeDecided = false;
    QList<qint64> ids;
    for (const ImportReviewItem& i : list(open))
        ids << i.id;
    return ids;
}

ImportReviewItem ImportReviewStore::accept(qint64 id, const QString& who) {
    return decide({id}, Decision::Accept, who).value(0);
}

ImportReviewItem ImportReviewStore::reject(qint64 id, const QString& who) {
    return decide({id}, Decision::Reject, who).value(0);
}

QList<ImportReviewItem> ImportReviewStore::acceptAll(const QList<qint64>& ids, const QString& who) {
    return decide(ids, Decision::Accept, who);
}

QList<ImportReviewItem> ImportReviewStore::rejectAll(const QList<qint64>& ids, const QString& who) {
    return decide(ids, Decision::Reject, who);
}

QList<ImportReviewItem> ImportReviewStore::decide(const QList<qint64>& ids, Decision decision,
                                                  const QString& who) {
    if (who.trimmed().isEmpty())
        throw RecheckError("a review decision needs the name of who made it",
                           RecheckError::Kind::InvalidInput);
    const QString now = nowUtc();
    {
        SqliteTransaction tx(mDb);
        for (qint64 id : ids)
            decideOne(id, decision, who, now);
        tx.commit();
    }
    QList<ImportReviewItem> decided;
    for (qint64 id : ids)
        decided << get(id);
    return decided;
}

void ImportReviewStore::decideOne(qint64 id, Decision decision, const QString& who, const QString& now) {
    ImportReviewItem item;
    {
        SqliteStatement st(mDb, QString::fromLatin1(kSelect) + QStringLiteral(" WHERE r.id = ?"));
        st.bind(1, static_cast<std::int64_t>(id));
        if (!st.step())
            throw RecheckError(
                QStringLiteral("%1: no held import value with id %2 (see recheck review --all)")
                    .arg(mDb.path())
                    .arg(id)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        item = itemFrom(st);
    }
    if (!item.isOpen())
        throw RecheckError(
            QStringLiteral("held import value %1 (%2 %3) was already %4 by %5 at %6")
                .arg(id)
                .arg(item.naturalKey, item.field, item.status, item.reviewedBy, item.reviewedAt)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    if (decision == Decision::Accept) {
        if (item.table != QLatin1String("customers") || !reviewableColumns().contains(item.field))
            throw RecheckError(QStringLiteral("held import value %1: %2.%3 is not a field an import writes")
                                   .arg(id)
                                   .arg(item.table, item.field)
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        if (item.field == QLatin1String("district_uuid") || item.field == QLatin1String("feeder_uuid")) {
            const QString table = item.field == QLatin1String("district_uuid") ? QStringLiteral("districts")
                                                                               : QStringLiteral("feeders");
            if (!item.incomingValue.isNull()) {
                SqliteStatement ref(mDb, QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?").arg(table));
                ref.bind(1, item.incomingValue.toString());
                if (!ref.step())
                    throw RecheckError(QStringLiteral("held import value %1 (%2): the %3 it names no longer "
                                                      "exists in the archive; reject it instead")
                                           .arg(id)
                                           .arg(item.naturalKey, table.chopped(1))
                                           .toStdString(),
                                       RecheckError::Kind::InvalidInput);
            }
        }
        QString set;
        if (item.field == QLatin1String("geom"))
            set = QStringLiteral("geom = CASE WHEN ?1 IS NULL THEN NULL ELSE GeomFromText(?1, (SELECT srid "
                                 "FROM geometry_columns WHERE lower(f_table_name) = 'customers' AND "
                                 "lower(f_geometry_column) = 'geom')) END");
        else
            set = QStringLiteral("\"%1\" = ?1").arg(item.field);
        SqliteStatement update(mDb, QStringLiteral("UPDATE customers SET %1, row_version = row_version + 1, "
                                                   "updated_at = ?2, updated_by = ?3 WHERE uuid = ?4")
                                        .arg(set));
        update.bind(1, item.incomingValue).bind(2, now).bind(3, who).bind(4, item.rowUuid);
        try {
            update.execute();
        } catch (const RecheckError& e) {
            throw RecheckError(QStringLiteral("held import value %1 (%2 %3 = %4): the archive refuses it: %5")
                                   .arg(id)
                                   .arg(item.naturalKey, item.field, displaySqlValue(item.incomingValue),
                                        QString::fromUtf8(e.what()))
                                   .toStdString(),
                               RecheckError::Kind::InvalidInput);
        }
        if (mDb.changes() == 0)
            throw RecheckError(
                QStringLiteral("held import value %1: customer %2 is no longer in the archive; "
                               "reject it instead")
                    .arg(id)
                    .arg(item.naturalKey)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
    }
    SqliteStatement mark(mDb,
                         QStringLiteral("UPDATE import_review SET status = ?, reviewed_by = ?, reviewed_at "
                                        "= ? WHERE id = ? AND status = 'open'"));
    mark.bind(1, decision == Decision::Accept ? QStringLiteral("accepted") : QStringLiteral("rejected"))
        .bind(2, who)
        .bind(3, now)
        .bind(4, static_cast<std::int64_t>(id));
    mark.execute();
}

} // namespace recheck::io
