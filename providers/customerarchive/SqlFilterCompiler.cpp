#include "SqlFilterCompiler.h"

#include <qgsexpression.h>
#include <qgsexpressionnodeimpl.h>

namespace recheck::qgis {

namespace {

// The parts of an AND chain; an expression that is no AND is its own part.
void andTerms(const QgsExpressionNode* node, QList<const QgsExpressionNode*>& terms) {
    if (node->nodeType() == QgsExpressionNode::ntBinaryOperator) {
        const auto* binary = static_cast<const QgsExpressionNodeBinaryOperator*>(node);
        if (binary->op() == QgsExpressionNodeBinaryOperator::boAnd) {
            andTerms(binary->opLeft(), terms);
            andTerms(binary->opRight(), terms);
            return;
        }
    }
    terms << node;
}

bool isAscii(const QString& text) {
    for (const QChar c : text)
        if (c.unicode() > 0x7f)
            return false;
    return true;
}

} // namespace

// A value in SQL: a column or a bound literal, with the kind QGIS would see.
struct SqlFilterCompiler::Operand {
    enum class Kind { Text, Number, Null };
    Kind kind = Kind::Null;
    SqlCondition sql;
    bool isTextColumn = false;
};

QString likePatternToGlob(const QString& pattern) {
    QString glob;
    glob.reserve(pattern.size() + 8);
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == QLatin1Char('\\') && i + 1 < pattern.size() &&
            (pattern[i + 1] == QLatin1Char('%') || pattern[i + 1] == QLatin1Char('_'))) {
            glob += pattern[++i]; // an escaped wildcard is a literal character
        } else if (c == QLatin1Char('%')) {
            glob += QLatin1Char('*');
        } else if (c == QLatin1Char('_')) {
            glob += QLatin1Char('?');
        } else if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('[')) {
            glob += QLatin1Char('[') + c + QLatin1Char(']');
        } else {
            glob += c;
        }
    }
    return glob;
}

QString ilikePatternToSqliteLike(const QString& pattern) {
    if (!isAscii(pattern))
        return QString();
    QString like;
    like.reserve(pattern.size() + 8);
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == QLatin1Char('\\') && i + 1 < pattern.size() &&
            (pattern[i + 1] == QLatin1Char('%') || pattern[i + 1] == QLatin1Char('_'))) {
            like += QLatin1Char('\\') + pattern[++i];
        } else if (c == QLatin1Char('\\')) {
            like += QLatin1String("\\\\");
        } else {
            like += c;
        }
    }
    return like.isNull() ? QStringLiteral("") : like;
}

CompiledFilter SqlFilterCompiler::compile(const QgsExpression& expression) const {
    CompiledFilter result;
    if (expression.hasParserError() || !expression.rootNode())
        return result;
    QList<const QgsExpressionNode*> terms;
    andTerms(expression.rootNode(), terms);
    int compiled = 0;
    for (const QgsExpressionNode* term : terms) {
        SqlCondition condition;
        if (predicate(term, condition)) {
            result.condition = SqlCondition::both(result.condition, condition);
            ++compiled;
        }
    }
    if (compiled == terms.size())
        result.coverage = CompiledFilter::Coverage::Complete;
    else if (compiled > 0)
        result.coverage = CompiledFilter::Coverage::Partial;
    return result;
}

bool SqlFilterCompiler::operand(const QgsExpressionNode* node, Operand& out) const {
    switch (node->nodeType()) {
    case QgsExpressionNode::ntColumnRef: {
        const int index = mSchema.columnIndex(static_cast<const QgsExpressionNodeColumnRef*>(node)->name());
        if (index < 0)
            return false;
        const ArchiveColumn& column = mSchema.columns[index];
        switch (column.affinity) {
        case ColumnAffinity::Integer:
        case ColumnAffinity::Real:
            out.kind = Operand::Kind::Number;
            break;
        case ColumnAffinity::Text:
            out.kind = Operand::Kind::Text;
            out.isTextColumn = true;
            break;
        default:
            return false; // values of any storage class: no safe translation
        }
        out.sql = {column.selectSql(), {}};
        return true;
    }
    case QgsExpressionNode::ntLiteral: {
        const QVariant value = static_cast<const QgsExpressionNodeLiteral*>(node)->value();
        if (value.isNull()) {
            out.kind = Operand::Kind::Null;
            out.sql = {QStringLiteral("NULL"), {}};
            return true;
        }
        switch (value.type()) {
        case QVariant::Int:
        case QVariant::LongLong:
        case QVariant::Double:
            out.kind = Operand::Kind::Number;
            break;
        case QVariant::String:
            out.kind = Operand::Kind::Text;
            break;
        default:
            return false;
        }
        out.sql = {QStringLiteral("?"), {value}};
        return true;
    }
    case QgsExpressionNode::ntUnaryOperator: {
        // A negative number literal is "-" applied to a literal.
        const auto* unary = static_cast<const QgsExpressionNodeUnaryOperator*>(node);
        if (unary->op() != QgsExpressionNodeUnaryOperator::uoMinus ||
            unary->operand()->nodeType() != QgsExpressionNode::ntLiteral)
            return false;
        const QVariant value = static_cast<const QgsExpressionNodeLiteral*>(unary->operand())->value();
        if (value.type() == QVariant::Int || value.type() == QVariant::LongLong)
            out.sql = {QStringLiteral("?"), {QVariant(-value.toLongLong())}};
        else if (value.type() == QVariant::Double)
            out.sql = {QStringLiteral("?"), {QVariant(-value.toDouble())}};
        else
            return false;
        out.kind = Operand::Kind::Number;
        return true;
    }
    default:
        return false;
    }
}

bool SqlFilterCompiler::predicate(const QgsExpressionNode* node, SqlCondition& out) const {
    switch (node->nodeType()) {
    case QgsExpressionNode::ntUnaryOperator: {
        const auto* unary = static_cast<const QgsExpressionNodeUnaryOperator*>(node);
        SqlCondition inner;
        if (unary->op() != QgsExpressionNodeUnaryOperator::uoNot || !predicate(unary->operand(), inner))
            return false;
        out = {QStringLiteral("NOT (%1)").arg(inner.sql), inner.params};
        return true;
    }
    case QgsExpressionNode::ntBinaryOperator: {
        using Op = QgsExpressionNodeBinaryOperator;
        const auto* binary = static_cast<const QgsExpressionNodeBinaryOperator*>(node);
        const Op::BinaryOperator op = binary->op();
        if (op == Op::boAnd || op == Op::boOr) {
            SqlCondition left, right;
            if (!predicate(binary->opLeft(), left) || !predicate(binary->opRight(), right))
                return false;
            out = {
                QStringLiteral("(%1) %2 (%3)")
                    .arg(left.sql, op == Op::boAnd ? QLatin1String("AND") : QLatin1String("OR"), right.sql),
                left.params + right.params};
            return true;
        }
        Operand left, right;
        if (!operand(binary->opLeft(), left) || !operand(binary->opRight(), right))
            return false;
        const bool sameKind = left.kind == right.kind;
        const bool eitherNull = left.kind == Operand::Kind::Null || right.kind == Operand::Kind::Null;
        QString sqlOperator;
        switch (op) {
        case Op::boEQ:
            sqlOperator = QStringLiteral("=");
            break;
        case Op::boNE:
            sqlOperator = QStringLiteral("<>");
            break;
        case Op::boLE:
            sqlOperator = QStringLiteral("<=");
            break;
        case Op::boGE:
            sqlOperator = QStringLiteral(">=");
            break;
        case Op::boLT:
            sqlOperator = QStringLiteral("<");
            break;
        case Op::boGT:
            sqlOperator = QStringLiteral(">");
            break;
        case Op::boIs:
            sqlOperator = QStringLiteral("IS");
            break;
        case Op::boIsNot:
            sqlOperator = QStringLiteral("IS NOT");
            break;
        case Op::boLike:
        case Op::boNotLike:
        case Op::boILike:
        case Op::boNotILike: {
            // A text column against a literal pattern; a NULL pattern gives
            // NULL in both languages.
            if (!left.isTextColumn || binary->opRight()->nodeType() != QgsExpressionNode::ntLiteral ||
                right.kind != Operand::Kind::Text)
                return false;
            const QString pattern = right.sql.params.value(0).toString();
            const bool negated = op == Op::boNotLike || op == Op::boNotILike;
            const QString notWord = negated ? QStringLiteral("NOT ") : QString();
            if (op == Op::boLike || op == Op::boNotLike) {
                out = {QStringLiteral("%1 %2GLOB ?").arg(left.sql.sql, notWord),
                       {likePatternToGlob(pattern)}};
                return true;
            }
            const QString like = ilikePatternToSqliteLike(pattern);
            if (like.isNull())
                return false;
            out = {QStringLiteral("%1 %2LIKE ? ESCAPE '\\'").arg(left.sql.sql, notWord), {like}};
            return true;
        }
        default:
            return false; // arithmetic, concatenation, regular expressions
        }
        if (!sameKind && !eitherNull)
            return false;
        out = {QStringLiteral("%1 %2 %3").arg(left.sql.sql, sqlOperator, right.sql.sql),
               left.sql.params + right.sql.params};
        return true;
    }
    case QgsExpressionNode::ntInOperator: {
        const auto* in = static_cast<const QgsExpressionNodeInOperator*>(node);
        Operand value;
        if (!operand(in->node(), value) || value.kind == Operand::Kind::Null)
            return false;
        const QList<QgsExpressionNode*> items = in->list()->list();
        if (items.isEmpty())
            return false; // QGIS: false (or true for NOT IN); SQLite agrees, but keep it simple
        QStringList placeholders;
        QVariantList params = value.sql.params;
        for (const QgsExpressionNode* item : items) {
            Operand listItem;
            if (!operand(item, listItem) ||
                (listItem.kind != value.kind && listItem.kind != Operand::Kind::Null))
                return false;
            placeholders << listItem.sql.sql;
            params += listItem.sql.params;
        }
        out = {QStringLiteral("%1 %2IN (%3)")
                   .arg(value.sql.sql, in->isNotIn() ? QStringLiteral("NOT ") : QString(),
                        placeholders.join(QLatin1String(", "))),
               params};
        return true;
    }
    default:
        return false;
    }
}

} // namespace recheck::qgis
