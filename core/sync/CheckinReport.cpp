#include "CheckinReport.h"

#include <QJsonArray>
#include <QTextStream>

namespace recheck {

namespace {

QJsonArray itemsToJson(const QList<CheckinItem>& items) {
    QJsonArray array;
    for (const CheckinItem& item : items) {
        QJsonObject o;
        if (!item.table.isEmpty())
            o.insert(QStringLiteral("table"), item.table);
        if (!item.uuid.isEmpty())
            o.insert(QStringLiteral("uuid"), item.uuid);
        if (!item.op.isEmpty())
            o.insert(QStringLiteral("op"), item.op);
        if (!item.fields.isEmpty())
            o.insert(QStringLiteral("fields"), QJsonArray::fromStringList(item.fields));
        if (!item.conflictIds.isEmpty()) {
            QJsonArray ids;
            for (qint64 id : item.conflictIds)
                ids.append(id);
            o.insert(QStringLiteral("conflict_ids"), ids);
        }
        if (!item.detail.isEmpty())
            o.insert(QStringLiteral("detail"), item.detail);
        array.append(o);
    }
    return array;
}

QList<CheckinItem> itemsFromJson(const QJsonValue& value) {
    QList<CheckinItem> items;
    for (const QJsonValue& v : value.toArray()) {
        const QJsonObject o = v.toObject();
        CheckinItem item;
        item.table = o.value(QStringLiteral("table")).toString();
        item.uuid = o.value(QStringLiteral("uuid")).toString();
        item.op = o.value(QStringLiteral("op")).toString();
        for (const QJsonValue& f : o.value(QStringLiteral("fields")).toArray())
            item.fields << f.toString();
        for (const QJsonValue& id : o.value(QStringLiteral("conflict_ids")).toArray())
            item.conflictIds << static_cast<qint64>(id.toDouble());
        item.detail = o.value(QStringLiteral("detail")).toString();
        items << item;
    }
    return items;
}

void writeItems(QTextStream& out, const QString& heading, const QList<CheckinItem>& items) {
    if (items.isEmpty())
        return;
    out << heading << " (" << items.size() << "):\n";
    for (const CheckinItem& item : items) {
        out << "  ";
        if (!item.table.isEmpty())
            out << item.op << (item.op.isEmpty() ? "" : " ") << item.table << ' ' << item.uuid;
        if (!item.fields.isEmpty())
            out << " [" << item.fields.join(QStringLiteral(", ")) << ']';
        if (!item.conflictIds.isEmpty()) {
            QStringList ids;
            for (qint64 id : item.conflictIds)
                ids << QString::number(id);
            out << " conflict " << ids.join(QStringLiteral(", "));
        }
        if (!item.detail.isEmpty())
            out << (item.table.isEmpty() ? "" : ": ") << item.detail;
        out << '\n';
    }
}

} // namespace

QString CheckinReport::outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Merged:
        return QStringLiteral("merged");
    case Outcome::MergedWithConflicts:
        return QStringLiteral("conflicts");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject CheckinReport::toJson() const {
    return QJsonObject{
        {QStringLiteral("outcome"), outcomeName(outcome)},
        {QStringLiteral("package_id"), packageId},
        {QStringLiteral("master_id"), masterId},
        {QStringLiteral("changeset_sha256"), changesetSha256},
        {QStringLiteral("checked_in_at"), checkedInAt},
        {QStringLiteral("checked_in_by"), checkedInBy},
        {QStringLiteral("editor"), editor},
        {QStringLiteral("counts"), QJsonObject{{QStringLiteral("applied"), applied.size()},
                                               {QStringLiteral("merged"), merged.size()},
                                               {QStringLiteral("unchanged"), unchanged.size()},
                                               {QStringLiteral("conflicts"), conflicts.size()},
                                               {QStringLiteral("decided"), decided.size()},
                                               {QStringLiteral("refused"), refused.size()}}},
        {QStringLiteral("applied"), itemsToJson(applied)},
        {QStringLiteral("merged"), itemsToJson(merged)},
        {QStringLiteral("unchanged"), itemsToJson(unchanged)},
        {QStringLiteral("conflicts"), itemsToJson(conflicts)},
        {QStringLiteral("decided"), itemsToJson(decided)},
        {QStringLiteral("refused"), itemsToJson(refused)},
    };
}

namespace {

// A JSON string as Qt's compact writer escapes it: UTF-8, with only the
// quote, the backslash and control characters escaped.
void appendJsonString(QByteArray& out, const QString& text) {
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

// Writes one JSON object's members; the caller names them in the order
// QJsonObject keeps them (sorted by key).
class JsonObjectWriter {
public:
    explicit JsonObjectWriter(QByteArray& out) : mOut(out) { mOut += '{'; }
    ~JsonObjectWriter() { mOut += '}'; }
    JsonObjectWriter(const JsonObjectWriter&) = delete;
    JsonObjectWriter& operator=(const JsonObjectWriter&) = delete;

    /// Starts member `key`; its value is written next.
    QByteArray& key(const char* key) {
        if (!mFirst)
            mOut += ',';
        mFirst = false;
        mOut += '"';
        mOut += key;
        mOut += "\":";
        return mOut;
    }
    void string(const char* name, const QString& value) { appendJsonString(key(name), value); }
    void number(const char* name, qint64 value) { key(name) += QByteArray::number(value); }
    template <typename T, typename Append>
    void array(const char* name, const QList<T>& values, Append append) {
        QByteArray& out = key(name);
        out += '[';
        for (int i = 0; i < values.size(); ++i) {
            if (i > 0)
                out += ',';
            append(out, values[i]);
        }
        out += ']';
    }

private:
    QByteArray& mOut;
    bool mFirst = true;
};

void appendItemJson(QByteArray& out, const CheckinItem& item) {
    JsonObjectWriter o(out);
    if (!item.conflictIds.isEmpty())
        o.array("conflict_ids", item.conflictIds,
                [](QByteArray& to, qint64 id) { to += QByteArray::number(id); });
    if (!item.detail.isEmpty())
        o.string("detail", item.detail);
    if (!item.fields.isEmpty())
        o.array("fields", item.fields, appendJsonString);
    if (!item.op.isEmpty())
        o.string("op", item.op);
    if (!item.table.isEmpty())
        o.string("table", item.table);
    if (!item.uuid.isEmpty())
        o.string("uuid", item.uuid);
}

} // namespace

QByteArray CheckinReport::toCompactJson() const {
    QByteArray out;
    // About 100 bytes per item (a uuid, a table, an operation, two fields).
    out.reserve(512 + 100 * (applied.size() + merged.size() + unchanged.size() + conflicts.size() +
                             decided.size() + refused.size()));
    {
        // Closed (its brace written) before `out` is returned.
        JsonObjectWriter o(out);
        o.array("applied", applied, appendItemJson);
        o.string("changeset_sha256", changesetSha256);
        o.string("checked_in_at", checkedInAt);
        o.string("checked_in_by", checkedInBy);
        o.array("conflicts", conflicts, appendItemJson);
        {
            JsonObjectWriter counts(o.key("counts"));
            counts.number("applied", applied.size());
            counts.number("conflicts", conflicts.size());
            counts.number("decided", decided.size());
            counts.number("merged", merged.size());
            counts.number("refused", refused.size());
            counts.number("unchanged", unchanged.size());
        }
        o.array("decided", decided, appendItemJson);
        o.string("editor", editor);
        o.string("master_id", masterId);
        o.array("merged", merged, appendItemJson);
        o.string("outcome", outcomeName(outcome));
        o.string("package_id", packageId);
        o.array("refused", refused, appendItemJson);
        o.array("unchanged", unchanged, appendItemJson);
    }
    return out;
}

CheckinReport CheckinReport::fromJson(const QJsonObject& json) {
    CheckinReport report;
    const QString outcome = json.value(QStringLiteral("outcome")).toString();
    report.outcome = outcome == QLatin1String("merged")      ? Outcome::Merged
                     : outcome == QLatin1String("conflicts") ? Outcome::MergedWithConflicts
                     : outcome == QLatin1String("cancelled") ? Outcome::Cancelled
                                                             : Outcome::Refused;
    report.packageId = json.value(QStringLiteral("package_id")).toString();
    report.masterId = json.value(QStringLiteral("master_id")).toString();
    report.changesetSha256 = json.value(QStringLiteral("changeset_sha256")).toString();
    report.checkedInAt = json.value(QStringLiteral("checked_in_at")).toString();
    report.checkedInBy = json.value(QStringLiteral("checked_in_by")).toString();
    report.editor = json.value(QStringLiteral("editor")).toString();
    report.applied = itemsFromJson(json.value(QStringLiteral("applied")));
    report.merged = itemsFromJson(json.value(QStringLiteral("merged")));
    report.unchanged = itemsFromJson(json.value(QStringLiteral("unchanged")));
    report.conflicts = itemsFromJson(json.value(QStringLiteral("conflicts")));
    report.decided = itemsFromJson(json.value(QStringLiteral("decided")));
    report.refused = itemsFromJson(json.value(QStringLiteral("refused")));
    return report;
}

QString CheckinReport::toText() const {
    QString text;
    QTextStream out(&text);
    if (outcome == Outcome::Refused) {
        out << "Check-in refused; the master was not changed.\n";
    } else if (outcome == Outcome::Cancelled) {
        out << "Check-in cancelled; the master was not changed.\n";
    } else {
        if (repeat)
            out << "Already checked in at " << checkedInAt << "; nothing was written this time. "
                << "The report of that check-in:\n";
        out << "Package " << packageId << " checked in at " << checkedInAt << " by " << checkedInBy << '\n'
            << "  change set SHA-256 " << changesetSha256 << '\n'
            << "  applied " << applied.size() << ", merged " << merged.size() << ", unchanged "
            << unchanged.size() << ", conflicts " << conflicts.size() << ", decided by policy "
            << decided.size() << '\n';
    }
    writeItems(out, QStringLiteral("Refused"), refused);
    writeItems(out, QStringLiteral("Conflicts (resolve with `recheck conflicts` / `recheck resolve`)"),
               conflicts);
    writeItems(out, QStringLiteral("Decided by field policy"), decided);
    writeItems(out, QStringLiteral("Merged"), merged);
    writeItems(out, QStringLiteral("Applied"), applied);
    writeItems(out, QStringLiteral("Unchanged"), unchanged);
    return text;
}

} // namespace recheck
