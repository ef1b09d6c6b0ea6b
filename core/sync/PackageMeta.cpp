#include "PackageMeta.h"

#include "common/Sqlite.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace recheck {

namespace {

QString toJsonArray(const QStringList& list) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromJsonArray(const QString& text) {
    QStringList list;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array())
        list << v.toString();
    return list;
}

} // namespace

PackageMeta PackageMeta::read(SqliteDatabase& db) {
    QHash<QString, QString> values;
    try {
        SqliteStatement st(db, QStringLiteral("SELECT key, value FROM package_meta"));
        while (st.step())
            values.insert(st.text(0), st.text(1));
    } catch (const RecheckError&) {
        // Older schema or not an archive at all: said below.
    }
    if (values.value(QStringLiteral("package_id")).isEmpty())
        throw RecheckError(
            QStringLiteral("%1: not a Recheck package (no package metadata)").arg(db.path()).toStdString(),
            RecheckError::Kind::NotAnArchive);
    PackageMeta meta;
    meta.formatVersion = values.value(QStringLiteral("format_version")).toInt();
    meta.packageId = values.value(QStringLiteral("package_id"));
    meta.masterId = values.value(QStringLiteral("master_id"));
    meta.masterName = values.value(QStringLiteral("master_name"));
    meta.schemaVersion = values.value(QStringLiteral("schema_version")).toInt();
    meta.columnHash = values.value(QStringLiteral("column_hash"));
    meta.districtCodes = fromJsonArray(values.value(QStringLiteral("scope")));
    meta.districtUuids = fromJsonArray(values.value(QStringLiteral("district_uuids")));
    meta.assignee = values.value(QStringLiteral("assignee"));
    meta.checkedOutBy = values.value(QStringLiteral("checked_out_by"));
    meta.checkedOutAt = values.value(QStringLiteral("checked_out_at"));
    meta.host = values.value(QStringLiteral("host"));
    meta.srid = values.value(QStringLiteral("srid")).toInt();
    meta.appVersion = values.value(QStringLiteral("app_version"));
    meta.baseDigest = values.value(QStringLiteral("base_digest"));
    meta.baseRows = values.value(QStringLiteral("base_rows")).toLongLong();
    const QJsonObject perTable =
        QJsonDocument::fromJson(values.value(QStringLiteral("base_rows_per_table")).toUtf8()).object();
    for (auto it = perTable.begin(); it != perTable.end(); ++it)
        meta.baseRowsPerTable.insert(it.key(), static_cast<qint64>(it.value().toDouble()));
    return meta;
}

void PackageMeta::write(SqliteDatabase& db) const {
    QJsonObject perTable;
    for (auto it = baseRowsPerTable.begin(); it != baseRowsPerTable.end(); ++it)
        perTable.insert(it.key(), static_cast<double>(it.value()));
    const QList<QPair<QString, QString>> rows = {
        {QStringLiteral("format_version"), QString::number(formatVersion)},
        {QStringLiteral("package_id"), packageId},
        {QStringLiteral("master_id"), masterId},
        {QStringLiteral("master_name"), masterName},
        {QStringLiteral("schema_version"), QString::number(schemaVersion)},
        {QStringLiteral("column_hash"), columnHash},
        {QStringLiteral("scope"), toJsonArray(districtCodes)},
        {QStringLiteral("district_uuids"), toJsonArray(districtUuids)},
        {QStringLiteral("assignee"), assignee},
        {QStringLiteral("checked_out_by"), checkedOutBy},
        {QStringLiteral("checked_out_at"), checkedOutAt},
        {QStringLiteral("host"), host},
        {QStringLiteral("srid"), QString::number(srid)},
        {QStringLiteral("app_version"), appVersion},
        {QStringLiteral("base_digest"), baseDigest},
        {QStringLiteral("base_rows"), QString::number(baseRows)},
        {QStringLiteral("base_rows_per_table"),
         QString::fromUtf8(QJsonDocument(perTable).toJson(QJsonDocument::Compact))},
    };
    SqliteStatement st(db, QStringLiteral("INSERT OR REPLACE INTO package_meta (key, value) VALUES (?, ?)"));
    for (const auto& [key, value] : rows)
        st.bind(1, key).bind(2, value.isNull() ? QStringLiteral("") : value).execute();
}

} // namespace recheck
