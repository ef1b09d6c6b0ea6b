#pragma once

// Discrepancy rules as data: rows of discrepancy_rules (see the archive
// migration) describe each check with one of a few generic predicates; one
// engine evaluates them all. A new check is a new row, not new code.

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace recheck {
class SqliteDatabase;
}

namespace recheck::fieldwork {

/// The predicates a rule row can name.
enum class RulePredicate {
    Empty,            ///< field is NULL or blank
    AllSameDigit,     ///< field's digits (separators ignored) are one digit repeated, at least two of them
    EqualsZero,       ///< field is numerically 0
    NotInCombination, ///< (field, other_field) is not an allowed pair of discrepancy_rule_values;
                      ///< not judged when either is empty
    Duplicate,        ///< another row of the table has the same non-empty field (and other_field)
};

struct DiscrepancyRule {
    QString code;
    QString table;
    RulePredicate predicate = RulePredicate::Empty;
    QString field, otherField;
    QString severity; ///< info, warning, error
    QString labelZh, labelEn;
    QSet<QString> allowedPairs; ///< NotInCombination: value + '\x1f' + other value
};

/// One rule a row breaks.
struct RuleFinding {
    QString ruleCode;
    QString severity;
    QString field;
    QString value; ///< the offending value(s) as text ("AC10KV / RES" for a pair)
    QString label; ///< in the language asked for
};

/// Loads the enabled rules of one table and evaluates them. Rule rows are
/// validated on load (known predicate, existing columns): a broken row is
/// refused with its code and what is wrong, rather than silently skipped.
class DiscrepancyRuleEngine {
    Q_DECLARE_TR_FUNCTIONS(recheck::fieldwork::DiscrepancyRuleEngine)

public:
    /// Throws RecheckError (InvalidInput) for a rule naming an unknown
    /// predicate or column; an archive without the rules table has no rules.
    DiscrepancyRuleEngine(SqliteDatabase& db, const QString& table = QStringLiteral("customers"));

    const std::vector<DiscrepancyRule>& rules() const { return mRules; }
    /// Labels in Chinese when `language` starts with "zh", else English.
    void setLanguage(const QString& language) { mChinese = language.startsWith(QLatin1String("zh")); }

    /// The findings for one row, by its uuid (empty when the row is clean or
    /// does not exist).
    std::vector<RuleFinding> evaluate(const QString& uuid);
    /// The findings of many rows at once (one read per rule kind rather than
    /// per row): uuid → findings, rows without findings left out.
    QHash<QString, std::vector<RuleFinding>> evaluate(const QStringList& uuids);

    /// Per-row predicates on plain values (exposed for tests and the form).
    static bool isEmptyValue(const QVariant& value);
    static bool isAllSameDigit(const QVariant& value);
    static bool isZero(const QVariant& value);

    static QString predicateName(RulePredicate predicate);

private:
    QStringList neededColumns() const;
    std::vector<RuleFinding> evaluateRow(const QHash<QString, QVariant>& row,
                                         const QSet<QString>& duplicateHits) const;
    RuleFinding finding(const DiscrepancyRule& rule, const QString& value) const;
    QString duplicateKey(const DiscrepancyRule& rule, const QHash<QString, QVariant>& row) const;

    SqliteDatabase& mDb;
    QString mTable;
    std::vector<DiscrepancyRule> mRules;
    bool mChinese = false;
};

} // namespace recheck::fieldwork
