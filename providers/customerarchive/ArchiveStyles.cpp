#include "ArchiveStyles.h"

#include <QFont>
#include <QFontDatabase>

#include <qgsapplication.h>
#include <qgscategorizedsymbolrenderer.h>
#include <qgsfillsymbol.h>
#include <qgslinesymbol.h>
#include <qgsmarkersymbol.h>
#include <qgspallabeling.h>
#include <qgssinglesymbolrenderer.h>
#include <qgstextformat.h>
#include <qgsvectorlayerlabeling.h>

#include <QCoreApplication>

namespace recheck::qgis {

namespace {

// Okabe & Ito's palette: told apart with every common colour-vision
// deficiency. Black is left out (it reads as "no data").
const char* const kCategoryColours[] = {"#E69F00", "#56B4E9", "#009E73", "#0072B2",
                                        "#D55E00", "#CC79A7", "#F0E442"};
const char* const kOtherColour = "#999999";

QgsMarkerSymbol* circle(const QString& colour, double sizeMm) {
    return QgsMarkerSymbol::createSimple({{QStringLiteral("name"), QStringLiteral("circle")},
                                          {QStringLiteral("color"), colour},
                                          {QStringLiteral("size"), QString::number(sizeMm)},
                                          {QStringLiteral("outline_color"), QStringLiteral("#ffffff")},
                                          {QStringLiteral("outline_width"), QStringLiteral("0.15")}});
}

using CodeLabel = QPair<QString, QString>; ///< code, label

QList<CodeLabel> codeList(SqliteDatabase& db, const QString& list) {
    QList<CodeLabel> codes;
    try {
        SqliteStatement st(
            db, QStringLiteral("SELECT code, %1 FROM code_lists WHERE list = ? ORDER BY sort_order, code")
                    .arg(codeListLabelColumn()));
        st.bind(1, list);
        while (st.step())
            codes << CodeLabel{st.text(0), st.text(1)};
    } catch (const RecheckError&) {
        // No code lists (not expected in an archive): the renderer shows codes.
    }
    return codes;
}

CodeListReader sqliteCodeLists(SqliteDatabase& db) {
    return [&db](const QString& list) { return codeList(db, list); };
}

/// `fixedColours` pins codes to colours that mean the same elsewhere (a
/// visit's result and a customer's status); other codes take the palette.
QgsFeatureRenderer* categorisedPoints(const CodeListReader& codes, const QString& column, const QString& list,
                                      double sizeMm, const QMap<QString, QString>& fixedColours = {}) {
    QgsCategoryList categories;
    int colour = 0;
    for (const CodeLabel& code : codes(list)) {
        const QString label = code.second.isEmpty() ? code.first : code.second;
        QString fill = fixedColours.value(code.first);
        if (fill.isEmpty()) {
            fill = QString::fromLatin1(kCategoryColours[colour]);
            colour = (colour + 1) % static_cast<int>(std::size(kCategoryColours));
        }
        categories << QgsRendererCategory(code.first, circle(fill, sizeMm), label);
    }
    // An empty value is QGIS's "all other values": NULL and unknown codes.
    categories << QgsRendererCategory(QVariant(QString()),
                                      circle(QString::fromLatin1(kOtherColour), sizeMm * 0.8),
                                      QCoreApplication::translate("CustomerArchiveProvider", "Other / none"));
    return new QgsCategorizedSymbolRenderer(column, categories);
}

struct RecheckStatusStyle {
    const char* code;
    const char* colour;
    const char* english; ///< source text for translation
    const char* chinese; ///< shown in a Chinese UI when no translation is installed
};

// Okabe & Ito colours again; grey for customers no plan covers.
const RecheckStatusStyle kRecheckStatusStyles[] = {
    {"pending", "#E69F00", QT_TRANSLATE_NOOP("CustomerArchiveProvider", "Pending"), "待复查"},
    {"checked_ok", "#009E73", QT_TRANSLATE_NOOP("CustomerArchiveProvider", "Checked OK"), "核查无误"},
    {"discrepancy", "#D55E00", QT_TRANSLATE_NOOP("CustomerArchiveProvider", "Discrepancy"), "存在差异"},
    {"unreachable", "#CC79A7", QT_TRANSLATE_NOOP("CustomerArchiveProvider", "Unreachable"), "无法核查"},
    {"not_planned", "#999999", QT_TRANSLATE_NOOP("CustomerArchiveProvider", "Not planned"), "未列入计划"},
};

QgsFeatureRenderer* recheckStatusRenderer(double sizeMm) {
    const bool chinese = QgsApplication::locale().startsWith(QLatin1String("zh"));
    QgsCategoryList categories;
    for (const RecheckStatusStyle& style : kRecheckStatusStyles) {
        QString label = QCoreApplication::translate("CustomerArchiveProvider", style.english);
        if (chinese && label == QLatin1String(style.english))
            label = QString::fromUtf8(style.chinese);
        // Customers nobody plans to visit are drawn smaller: they are context.
        const bool context = qstrcmp(style.code, "not_planned") == 0;
        categories << QgsRendererCategory(
            QString::fromLatin1(style.code),
            circle(QString::fromLatin1(style.colour), context ? sizeMm * 0.8 : sizeMm), label);
    }
    return new QgsCategorizedSymbolRenderer(QStringLiteral("recheck_status"), categories);
}

} // namespace

QString codeListLabelColumn() {
    return QgsApplication::locale().startsWith(QLatin1String("zh")) ? QStringLiteral("label_zh")
                                                                    : QStringLiteral("label_en");
}

QgsFeatureRenderer* createDefaultRenderer(SqliteDatabase& db, const ArchiveTableSchema& schema) {
    return createDefaultRenderer(sqliteCodeLists(db), schema);
}

QgsFeatureRenderer* createDefaultRenderer(const CodeListReader& codes, const ArchiveTableSchema& schema) {
    if (!schema.hasGeometry())
        return nullptr;
    const QString table = schema.table.toLower();
    if (table == QLatin1String("districts")) {
        return new QgsSingleSymbolRenderer(QgsFillSymbol::createSimple(
            {{QStringLiteral("color"), QStringLiteral("86,180,233,25")}, // a hint of sky blue
             {QStringLiteral("outline_color"), QStringLiteral("#3d3d3d")},
             {QStringLiteral("outline_width"), QStringLiteral("0.5")}}));
    }
    if (table == QLatin1String("customers") && schema.columnIndex(QStringLiteral("recheck_status")) >= 0)
        return recheckStatusRenderer(1.8);
    if (table == QLatin1String("customers") && schema.columnIndex(QStringLiteral("usage_category")) >= 0)
        return categorisedPoints(codes, QStringLiteral("usage_category"), QStringLiteral("usage_category"),
                                 1.8);
    if (table == QLatin1String("visits") && schema.columnIndex(QStringLiteral("result")) >= 0)
        return categorisedPoints(codes, QStringLiteral("result"), QStringLiteral("visit_result"), 2.4,
                                 {{QStringLiteral("ok"), QStringLiteral("#009E73")},
                                  {QStringLiteral("discrepancy"), QStringLiteral("#D55E00")},
                                  {QStringLiteral("unreachable"), QStringLiteral("#CC79A7")},
                                  {QStringLiteral("refused"), QStringLiteral("#0072B2")}});
    if (table == QLatin1String("feeders")) {
        return new QgsSingleSymbolRenderer(
            QgsLineSymbol::createSimple({{QStringLiteral("line_color"), QStringLiteral("#CC79A7")},
                                         {QStringLiteral("line_width"), QStringLiteral("0.6")}}));
    }
    if (table == QLatin1String("roads")) {
        return new QgsSingleSymbolRenderer(
            QgsLineSymbol::createSimple({{QStringLiteral("line_color"), QStringLiteral("#b0b0b0")},
                                         {QStringLiteral("line_width"), QStringLiteral("0.35")}}));
    }
    if (table == QLatin1String("staff")) {
        return new QgsSingleSymbolRenderer(
            QgsMarkerSymbol::createSimple({{QStringLiteral("name"), QStringLiteral("square")},
                                           {QStringLiteral("color"), QStringLiteral("#0072B2")},
                                           {QStringLiteral("size"), QStringLiteral("3")},
                                           {QStringLiteral("outline_color"), QStringLiteral("#ffffff")}}));
    }
    return nullptr;
}

// Labels are mostly Chinese: pick a family that has the glyphs. QGIS's
// default text format uses the application font, which under the offscreen
// platform (the CLI writing a project) is a Latin-only family that the
// desktop then reports as missing.
QString chineseLabelFontFamily() {
    const QFontDatabase fonts;
    const QStringList available = fonts.families(QFontDatabase::SimplifiedChinese);
    for (const QString& preferred :
         {QStringLiteral("Noto Sans CJK SC"), QStringLiteral("WenQuanYi Micro Hei"),
          QStringLiteral("Source Han Sans SC"), QStringLiteral("Microsoft YaHei"), QStringLiteral("SimHei")})
        if (available.contains(preferred))
            return preferred;
    return available.isEmpty() ? QFontDatabase::systemFont(QFontDatabase::GeneralFont).family()
                               : available.first();
}

QgsAbstractVectorLayerLabeling* createDefaultLabeling(const ArchiveTableSchema& schema) {
    if (schema.table.toLower() != QLatin1String("districts") ||
        schema.columnIndex(QStringLiteral("code")) < 0 || schema.columnIndex(QStringLiteral("name")) < 0)
        return nullptr;
    QgsPalLayerSettings settings;
    // Progress (the derived progress_pct) on a second line when a task
    // covers the district.
    settings.fieldName =
        schema.columnIndex(QStringLiteral("progress_pct")) >= 0
            ? QStringLiteral(
                  "concat(\"code\", ' ', \"name\", "
                  "if(\"progress_pct\" IS NULL, '', '\\n' || format_number(\"progress_pct\", 1) || '%'))")
            : QStringLiteral("concat(\"code\", '\\n', \"name\")");
    settings.isExpression = true;
    settings.placement = QgsPalLayerSettings::OverPoint;
    QgsTextFormat format;
    format.setFont(QFont(chineseLabelFontFamily()));
    format.setSize(9);
    format.setColor(QColor(QStringLiteral("#1a1a1a")));
    QgsTextBufferSettings buffer;
    buffer.setEnabled(true);
    buffer.setSize(0.8);
    buffer.setColor(Qt::white);
    format.setBuffer(buffer);
    settings.setFormat(format);
    return new QgsVectorLayerSimpleLabeling(settings);
}

QMap<int, QgsEditorWidgetSetup> codeListWidgets(SqliteDatabase& db, const ArchiveTableSchema& schema) {
    return codeListWidgets(sqliteCodeLists(db), schema);
}

QMap<int, QgsEditorWidgetSetup> codeListWidgets(const CodeListReader& codes,
                                                const ArchiveTableSchema& schema) {
    // Which code list a column takes its values from: its own name, except
    // the status/role columns whose list names carry the table.
    const QString table = schema.table.toLower();
    const QMap<QString, QString> statusLists = {
        {QStringLiteral("customers"), QStringLiteral("customer_status")},
        {QStringLiteral("tasks"), QStringLiteral("task_status")},
        {QStringLiteral("discrepancies"), QStringLiteral("discrepancy_status")}};
    QMap<int, QgsEditorWidgetSetup> widgets;
    for (int i = 0; i < schema.columns.size(); ++i) {
        const QString column = schema.columns[i].name.toLower();
        QString list;
        if (column == QLatin1String("usage_category") || column == QLatin1String("voltage_level") ||
            column == QLatin1String("digest"))
            list = column;
        else if (column == QLatin1String("status"))
            list = statusLists.value(table);
        else if (column == QLatin1String("result") && table == QLatin1String("visits"))
            list = QStringLiteral("visit_result");
        else if (column == QLatin1String("priority") && table == QLatin1String("tasks"))
            list = QStringLiteral("task_priority");
        else if (column == QLatin1String("kind") && table == QLatin1String("plans"))
            list = QStringLiteral("plan_kind");
        else if (column == QLatin1String("role") && table == QLatin1String("staff"))
            list = QStringLiteral("staff_role");
        if (list.isEmpty())
            continue;
        QVariantList map;
        for (const CodeLabel& code : codes(list))
            map << QVariantMap{{code.second.isEmpty() ? code.first : code.second, code.first}};
        if (!map.isEmpty())
            widgets.insert(i,
                           QgsEditorWidgetSetup(QStringLiteral("ValueMap"), {{QStringLiteral("map"), map}}));
    }
    return widgets;
}

} // namespace recheck::qgis
