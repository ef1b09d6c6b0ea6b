#include "DiscrepancyRules.h"

#include "common/RecheckError.h"
#include "common/Sqlite.h"

#include <QVariant>

namespace recheck::fieldwork {

namespace {

const QChar kPairSeparator(0x1f);

QString quoted(const QString& identifier) {
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString textOf(const QVariant& value) {
    return value.isNull() ? QString() : value.toString().trimmed();
}

[[noreturn]] void refuseRule(const QString& path, const QString& code, const QString& what) {
    throw RecheckError(QStringLiteral("%1: discrepancy rule %2: %3").arg(path, code, what).toStdString(),
                       RecheckError::Kind::InvalidInput);
}

bool parsePredicate(const QString& name, RulePredicate& predicate) {
    static const QHash<QString, RulePredicate> names = {
        {QStringLiteral("empty"), RulePredicate::Empty},
        {QStringLiteral("all_same_digit"), RulePredicate::AllSameDigit},
        {QStringLiteral("equals_zero"), RulePredicate::EqualsZero},
        {QStringLiteral("not_in_combination"), RulePredicate::NotInCombination},
        {QStringLiteral("duplicate"), RulePredicate::Duplicate},
    };
    const auto it = names.find(name);
    if (it == names.end())
        return false;
    predicate = *it;
    return true;
}

} // namespace

QString DiscrepancyRuleEngine::predicateName(RulePredicate predicate) {
    switch (predicate) {
    case RulePredicate::Empty:
        return QStringLiteral("empty");
    case RulePredicate::AllSameDigit:
        return QStringLiteral("all_same_digit");
    case RulePredicate::EqualsZero:
        return QStringLiteral("equals_zero");
    case RulePredicate::NotInCombination:
        return QStringLiteral("not_in_combination");
    case RulePredicate::Duplicate:
        return QStringLiteral("duplicate");
    }
    return {};
}

bool DiscrepancyRuleEngine::isEmptyValue(const QVariant& value) {
    return textOf(value).isEmpty();
}

bool DiscrepancyRuleEngine::isAllSameDigit(const QVariant& value) {
    const QString text = textOf(value);
    QChar digit;
    int digits = 0;
    for (const QChar c : text) {
        if (!c.isDigit())
            continue; // separators: spaces, dashes, brackets, '+'
        if (digits > 0 && c != digit)
            return false;
        digit = c;
        ++digits;
    }
    return digits >= 2;
}

bool DiscrepancyRuleEngine::isZero(const QVariant& value) {
    if (value.isNull())
        return false;
    bool ok = false;
    const double number = textOf(value).toDouble(&ok);
    return ok && number == 0.0;
}

DiscrepancyRuleEngine::DiscrepancyRuleEngine(SqliteDatabase& db, const QString& table)
    : mDb(db), mTable(table) {
    if (mDb.scalar(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                                  "'discrepancy_rules'"))
            .isNull())
        return;
    QSet<QString> columns;
    {
        SqliteStatement info(mDb, QStringLiteral("PRAGMA table_info(%1)").arg(quoted(table)));
        while (info.step())
            columns.insert(info.text(1));
    }
    if (columns.isEmpty())
        throw RecheckError(
            QStringLiteral("%1: there is no table %2 to check").arg(mDb.path(), table).toStdString(),
            RecheckError::Kind::InvalidInput);
    SqliteStatement st(mDb, QStringLiteral("SELECT code, predicate, field, other_field, severity, label_zh, "
                                           "label_en FROM discrepancy_rules WHERE enabled = 1 AND "
                                           "table_name = ? ORDER BY sort_order, code"));
    st.bind(1, table);
    while (st.step()) {
        DiscrepancyRule rule;
        rule.code = st.text(0);
        rule.table = table;
        if (!parsePredicate(st.text(1), rule.predicate))
            refuseRule(mDb.path(), rule.code,
                       QStringLiteral("unknown predicate '%1' (known: empty, all_same_digit, equals_zero, "
                                      "not_in_combination, duplicate)")
                           .arg(st.text(1)));
        rule.field = st.text(2);
        rule.otherField = st.isNull(3) ? QString() : st.text(3);
        rule.severity = st.text(4);
        rule.labelZh = st.text(5);
        rule.labelEn = st.text(6);
        if (!columns.contains(rule.field))
            refuseRule(mDb.path(), rule.code, QStringLiteral("%1 has no column '%2'").arg(table, rule.field));
        if (!rule.otherField.isEmpty() && !columns.contains(rule.otherField))
            refuseRule(mDb.path(), rule.code,
                       QStringLiteral("%1 has no column '%2'").arg(table, rule.otherField));
        if (rule.predicate == RulePredicate::NotInCombination && rule.otherField.isEmpty())
            refuseRule(mDb.path(), rule.code, QStringLiteral("not_in_combination needs other_field"));
        mRules.push_back(rule);
    }
    SqliteStatement pairs(mDb, QStringLiteral("SELECT value, other_value FROM discrepancy_rule_values "
                                              "WHERE rule_code = ?"));
    for (DiscrepancyRule& rule : mRules) {
        if (rule.predicate != RulePredicate::NotInCombination)
            continue;
        pairs.reset();
        pairs.bind(1, rule.code);
        while (pairs.step())
            rule.allowedPairs.insert(pairs.text(0).trimmed() + kPairSeparator + pairs.text(1).trimmed());
    }
}

QStringList DiscrepancyRuleEngine::neededColumns() const {
    QStringList columns;
    for (const DiscrepancyRule& rule : mRules)
        for (const QString& c : {rule.field, rule.otherField})
            if (!c.isEmpty() && !columns.contains(c))
                columns << c;
    return columns;
}

RuleFinding DiscrepancyRuleEngine::finding(const DiscrepancyRule& rule, const QString& value) const {
    return {rule.code, rule.severity, rule.field, value, mChinese ? rule.labelZh : rule.labelEn};
}

QString DiscrepancyRuleEngine::duplicateKey(const DiscrepancyRule& rule,
                                            const QHash<QString, QVariant>& row) const {
    const QString first = textOf(row.value(rule.field));
    if (first.isEmpty())
        return {};
    QString key = rule.code + kPairSeparator + first;
    if (!rule.otherField.isEmpty())
        key += kPairSeparator + textOf(row.value(rule.otherField));
    return key;
}

std::vector<RuleFinding> DiscrepancyRuleEngine::evaluateRow(const QHash<QString, QVariant>& row,
                                                            const QSet<QString>& duplicateHits) const {
    std::vector<RuleFinding> findings;
    for (const DiscrepancyRule& rule : mRules) {
        const QVariant value = row.value(rule.field);
        switch (rule.predicate) {
        case RulePredicate::Empty:
            if (isEmptyValue(value))
                findings.push_back(finding(rule, QString()));
            break;
        case RulePredicate::AllSameDigit:
            if (isAllSameDigit(value))
                findings.push_back(finding(rule, textOf(value)));
            break;
        case RulePredicate::EqualsZero:
            if (isZero(value))
                findings.push_back(finding(rule, textOf(value)));
            break;
        case RulePredicate::NotInCombination: {
            const QString a = textOf(value), b = textOf(row.value(rule.otherField));
            if (!a.isEmpty() && !b.isEmpty() && !rule.allowedPairs.contains(a + kPairSeparator + b))
                findings.push_back(finding(rule, a + QStringLiteral(" / ") + b));
            break;
        }
        case RulePredicate::Duplicate: {
            const QString key = duplicateKey(rule, row);
            if (!key.isEmpty() && duplicateHits.contains(key)) {
                QString shown = textOf(value);
                if (!rule.otherField.isEmpty())
                    shown += QStringLiteral(" / ") + textOf(row.value(rule.otherField));
                findings.push_back(finding(rule, shown));
            }
            break;
        }
        }
    }
    return findings;
}

std::vector<RuleFinding> DiscrepancyRuleEngine::evaluate(const QString& uuid) {
    return evaluate(QStringList{uuid}).value(uuid);
}

QHash<QString, std::vector<RuleFinding>> DiscrepancyRuleEngine::evaluate(const QStringList& uuids) {
    QHash<QString, std::vector<RuleFinding>> out;
    if (mRules.empty() || uuids.isEmpty())
        return out;
    const QStringList columns = neededColumns();
    QStringList select;
    for (const QString& c : columns)
        select << quoted(c);
    SqliteStatement read(mDb, QStringLiteral("SELECT %1 FROM %2 WHERE uuid = ?")
                                  .arg(select.join(QStringLiteral(", ")), quoted(mTable)));
    std::vector<QHash<QString, QVariant>> rows;
    rows.reserve(static_cast<std::size_t>(uuids.size()));
    QStringList found;
    for (const QString& uuid : uuids) {
        read.reset();
        read.bind(1, uuid);
        if (!read.step())
            continue;
        QHash<QString, QVariant> row;
        for (int i = 0; i < columns.size(); ++i)
            row.insert(columns[i], read.value(i));
        rows.push_back(std::move(row));
        found << uuid;
    }

    // Duplicates: a few rows are probed one by one, many at once with one
    // grouping pass over the table per rule.
    QSet<QString> duplicateHits;
    for (const DiscrepancyRule& rule : mRules) {
        if (rule.predicate != RulePredicate::Duplicate)
            continue;
        const QString first = QStringLiteral("trim(%1)").arg(quoted(rule.field));
        const QString second = rule.otherField.isEmpty()
                                   ? QString()
                                   : QStringLiteral("coalesce(trim(%1), '')").arg(quoted(rule.otherField));
        if (rows.size() <= 8) {
            // Values are compared trimmed on both sides: a scan of the table,
            // which a package's few thousand customers make cheap.
            SqliteStatement probe(
                mDb, QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = ? %3 AND uuid IS NOT ?")
                         .arg(quoted(mTable), first,
                              second.isEmpty() ? QString() : QStringLiteral("AND %1 = ?").arg(second)));
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const QString key = duplicateKey(rule, rows[i]);
                if (key.isEmpty())
                    continue;
                probe.reset();
                probe.bind(1, textOf(rows[i].value(rule.field)));
                int n = 2;
                if (!second.isEmpty())
                    probe.bind(n++, textOf(rows[i].value(rule.otherField)));
                probe.bind(n, found[static_cast<int>(i)]);
                probe.step();
                if (probe.int64(0) > 0)
                    duplicateHits.insert(key);
            }
        } else {
            SqliteStatement groups(
                mDb, QStringLiteral("SELECT %2%3 FROM %1 WHERE %2 <> '' GROUP BY %2%3 HAVING count(*) > 1")
                         .arg(quoted(mTable), first,
                              second.isEmpty() ? QString() : QStringLiteral(", ") + second));
            while (groups.step()) {
                QString key = rule.code + kPairSeparator + groups.text(0);
                if (!second.isEmpty())
                    key += kPairSeparator + groups.text(1);
                duplicateHits.insert(key);
            }
        }
    }

    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<RuleFinding> findings = evaluateRow(rows[i], duplicateHits);
        if (!findings.empty())
            out.insert(found[static_cast<int>(i)], std::move(findings));
    }
    return out;
}

} // namespace recheck::fieldwork
