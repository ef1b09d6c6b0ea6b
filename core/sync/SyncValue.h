#pragma once

// Values as they travel through a check-in: QVariant holding exactly what
// SQLite stored (qlonglong, double, QString, QByteArray or null), compared
// the way SQLite's IS compares them, encoded canonically for digests and as
// JSON for reports and conflict rows.

#include "common/Sha256.h"
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QVariant>

struct sqlite3_stmt;

namespace recheck {

/// SQLite's `a IS b`: NULL equals NULL, integers and reals compare by value,
/// text and blobs byte for byte, and text never equals a number.
bool sameSqlValue(const QVariant& a, const QVariant& b);

/// Adds a type tag, length and the bytes of one value to a digest, so that
/// (NULL, 'x') and ('', 'x') or 1 and '1' never hash alike.
void addSqlValueToDigest(Sha256& hash, const QVariant& value);
/// The same for column `col` of a stepped statement, read without copying
/// into a QVariant (the base digest reads every row of a package).
void addSqlColumnToDigest(Sha256& hash, sqlite3_stmt* statement, int col);
/// The same encoding appended to a buffer (hash a whole row with one call).
void appendSqlColumnForDigest(QByteArray& buffer, sqlite3_stmt* statement, int col);
void addTextToDigest(Sha256& hash, const QString& text);

/// JSON for reports and stored rows: numbers stay numbers, text stays text,
/// blobs (geometries) become {"hex": "..."}.
QJsonValue sqlValueToJson(const QVariant& value);
QVariant sqlValueFromJson(const QJsonValue& json);
QJsonObject sqlRowToJson(const QStringList& columns, const QVariantList& values);
QVariantList sqlRowFromJson(const QStringList& columns, const QJsonObject& row);

/// One line for people: text as is, blobs as "<geometry, N bytes>".
QString displaySqlValue(const QVariant& value);

} // namespace recheck
