#include "SyncValue.h"

#include <sqlite3.h>

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace recheck {

namespace {

bool isNumber(const QVariant& v) {
    const int type = v.userType();
    return type == QMetaType::LongLong || type == QMetaType::Double || type == QMetaType::Int ||
           type == QMetaType::UInt || type == QMetaType::ULongLong || type == QMetaType::Bool;
}

bool isInteger(const QVariant& v) {
    return isNumber(v) && v.userType() != QMetaType::Double;
}

void addTagged(Sha256& hash, char tag, const char* data, int bytes) {
    char header[5];
    header[0] = tag;
    qToBigEndian<quint32>(static_cast<quint32>(bytes), header + 1);
    hash.addData(header, 5);
    if (bytes > 0)
        hash.addData(data, bytes);
}

void addInteger(Sha256& hash, qint64 value) {
    char bytes[8];
    qToBigEndian<qint64>(value, bytes);
    addTagged(hash, 'I', bytes, 8);
}

void addReal(Sha256& hash, double value) {
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    char bytes[8];
    qToBigEndian<quint64>(bits, bytes);
    addTagged(hash, 'R', bytes, 8);
}

} // namespace

bool sameSqlValue(const QVariant& a, const QVariant& b) {
    const bool nullA = a.isNull() || !a.isValid();
    const bool nullB = b.isNull() || !b.isValid();
    if (nullA || nullB)
        return nullA == nullB;
    if (isNumber(a) || isNumber(b)) {
        if (!isNumber(a) || !isNumber(b))
            return false;
        if (isInteger(a) && isInteger(b))
            return a.toLongLong() == b.toLongLong();
        return a.toDouble() == b.toDouble();
    }
    const bool blobA = a.userType() == QMetaType::QByteArray;
    const bool blobB = b.userType() == QMetaType::QByteArray;
    if (blobA != blobB)
        return false;
    if (blobA)
        return a.toByteArray() == b.toByteArray();
    return a.toString() == b.toString();
}

void addTextToDigest(Sha256& hash, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    addTagged(hash, 'T', utf8.constData(), utf8.size());
}

void addSqlValueToDigest(Sha256& hash, const QVariant& value) {
    if (value.isNull() || !value.isValid()) {
        addTagged(hash, 'N', nullptr, 0);
    } else if (isInteger(value)) {
        addInteger(hash, value.toLongLong());
    } else if (value.userType() == QMetaType::Double) {
        addReal(hash, value.toDouble());
    } else if (value.userType() == QMetaType::QByteArray) {
        const QByteArray bytes = value.toByteArray();
        addTagged(hash, 'B', bytes.constData(), bytes.size());
    } else {
        addTextToDigest(hash, value.toString());
    }
}

void addSqlColumnToDigest(Sha256& hash, sqlite3_stmt* statement, int col) {
    switch (sqlite3_column_type(statement, col)) {
    case SQLITE_INTEGER:
        addInteger(hash, sqlite3_column_int64(statement, col));
        break;
    case SQLITE_FLOAT:
        addReal(hash, sqlite3_column_double(statement, col));
        break;
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, col));
        addTagged(hash, 'T', text, sqlite3_column_bytes(statement, col));
        break;
    }
    case SQLITE_BLOB: {
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(statement, col));
        addTagged(hash, 'B', blob, sqlite3_column_bytes(statement, col));
        break;
    }
    default:
        addTagged(hash, 'N', nullptr, 0);
    }
}

void appendSqlColumnForDigest(QByteArray& buffer, sqlite3_stmt* statement, int col) {
    const auto append = [&](char tag, const char* data, int bytes) {
        char header[5];
        header[0] = tag;
        qToBigEndian<quint32>(static_cast<quint32>(bytes), header + 1);
        buffer.append(header, 5);
        if (bytes > 0)
            buffer.append(data, bytes);
    };
    char number[8];
    switch (sqlite3_column_type(statement, col)) {
    case SQLITE_INTEGER:
        qToBigEndian<qint64>(sqlite3_column_int64(statement, col), number);
        append('I', number, 8);
        break;
    case SQLITE_FLOAT: {
        const double value = sqlite3_column_double(statement, col);
        quint64 bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        qToBigEndian<quint64>(bits, number);
        append('R', number, 8);
        break;
    }
    case SQLITE_TEXT:
        append('T', reinterpret_cast<const char*>(sqlite3_column_text(statement, col)),
               sqlite3_column_bytes(statement, col));
        break;
    case SQLITE_BLOB:
        append('B', static_cast<const char*>(sqlite3_column_blob(statement, col)),
               sqlite3_column_bytes(statement, col));
        break;
    default:
        append('N', nullptr, 0);
    }
}

QJsonValue sqlValueToJson(const QVariant& value) {
    if (value.isNull() || !value.isValid())
        return QJsonValue::Null;
    if (isInteger(value))
        return QJsonValue(value.toLongLong());
    if (value.userType() == QMetaType::Double)
        return QJsonValue(value.toDouble());
    if (value.userType() == QMetaType::QByteArray)
        return QJsonObject{{QStringLiteral("hex"), QString::fromLatin1(value.toByteArray().toHex())}};
    return QJsonValue(value.toString());
}

QVariant sqlValueFromJson(const QJsonValue& json) {
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return QVariant(static_cast<qlonglong>(json.toBool() ? 1 : 0));
    case QJsonValue::Double: {
        // JSON has one number type: whole numbers come back as integers
        // (column affinity turns them into reals where the column is REAL).
        const double d = json.toDouble();
        if (d == static_cast<double>(static_cast<qlonglong>(d)) && std::abs(d) < 9.0e15)
            return QVariant(static_cast<qlonglong>(d));
        return QVariant(d);
    }
    case QJsonValue::String:
        return QVariant(json.toString());
    case QJsonValue::Object:
        return QVariant(
            QByteArray::fromHex(json.toObject().value(QStringLiteral("hex")).toString().toLatin1()));
    case QJsonValue::Array:
        break;
    }
    return {};
}

QJsonObject sqlRowToJson(const QStringList& columns, const QVariantList& values) {
    QJsonObject row;
    for (int i = 0; i < columns.size() && i < values.size(); ++i)
        row.insert(columns[i], sqlValueToJson(values[i]));
    return row;
}

QVariantList sqlRowFromJson(const QStringList& columns, const QJsonObject& row) {
    QVariantList values;
    values.reserve(columns.size());
    for (const QString& column : columns)
        values << sqlValueFromJson(row.value(column));
    return values;
}

QString displaySqlValue(const QVariant& value) {
    if (value.isNull() || !value.isValid())
        return QStringLiteral("NULL");
    if (value.userType() == QMetaType::QByteArray)
        return QStringLiteral("<geometry, %1 bytes>").arg(value.toByteArray().size());
    if (value.userType() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

} // namespace recheck
