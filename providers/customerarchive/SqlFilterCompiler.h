#pragma once

// Translates QGIS expressions (layer subset strings and request filters) into
// SQLite WHERE clauses with bound parameters. Only what has the same meaning
// in both languages is translated: comparisons between same-kind operands
// (text with text, number with number -- QGIS compares a text column with a
// number numerically, SQLite does not), AND/OR/NOT, IN lists, IS [NOT] NULL,
// LIKE/ILIKE. Everything else stays with QGIS's own evaluation.

#include "ArchiveTableSchema.h"

class QgsExpression;
class QgsExpressionNode;

namespace recheck::qgis {

struct CompiledFilter {
    enum class Coverage {
        None,     ///< nothing translated: QGIS evaluates the expression
        Partial,  ///< some AND terms translated: SQL narrows, QGIS still evaluates all
        Complete, ///< SQL alone decides
    };
    Coverage coverage = Coverage::None;
    SqlCondition condition;
};

class SqlFilterCompiler {
public:
    explicit SqlFilterCompiler(const ArchiveTableSchema& schema) : mSchema(schema) {}

    /// An expression with a parser error compiles to Coverage::None.
    CompiledFilter compile(const QgsExpression& expression) const;

private:
    struct Operand;
    bool predicate(const QgsExpressionNode* node, SqlCondition& out) const;
    bool operand(const QgsExpressionNode* node, Operand& out) const;

    const ArchiveTableSchema& mSchema;
};

/// QGIS's LIKE pattern (case-sensitive, `\%` and `\_` literal) as an SQLite
/// GLOB pattern, which is case-sensitive like QGIS's LIKE; SQLite's LIKE is not.
QString likePatternToGlob(const QString& pattern);

/// QGIS's ILIKE pattern as an SQLite LIKE pattern with ESCAPE '\'. SQLite
/// folds case for ASCII only, so this returns a null string for patterns
/// with other characters (QGIS folds those too).
QString ilikePatternToSqliteLike(const QString& pattern);

} // namespace recheck::qgis
