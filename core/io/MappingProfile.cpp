#include "MappingProfile.h"

#include "common/RecheckError.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace recheck::io {

QString importKindName(ImportKind kind) {
    switch (kind) {
    case ImportKind::Customers:
        return QStringLiteral("customers");
    case ImportKind::Districts:
        return QStringLiteral("districts");
    case ImportKind::Feeders:
        return QStringLiteral("feeders");
    case ImportKind::Roads:
        return QStringLiteral("roads");
    }
    return {};
}

std::optional<ImportKind> importKindFromName(const QString& name) {
    for (ImportKind kind :
         {ImportKind::Customers, ImportKind::Districts, ImportKind::Feeders, ImportKind::Roads})
        if (importKindName(kind) == name.trimmed().toLower())
            return kind;
    return std::nullopt;
}

QString sourceEncodingName(SourceEncoding encoding) {
    switch (encoding) {
    case SourceEncoding::Auto:
        return QStringLiteral("AUTO");
    case SourceEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case SourceEncoding::Gb18030:
        return QStringLiteral("GB18030");
    }
    return {};
}

std::optional<SourceEncoding> sourceEncodingFromName(const QString& name) {
    const QString n = name.trimmed().toUpper().remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    if (n == QLatin1String("AUTO") || n.isEmpty())
        return SourceEncoding::Auto;
    if (n == QLatin1String("UTF8"))
        return SourceEncoding::Utf8;
    if (n == QLatin1String("GBK") || n == QLatin1String("GB18030") || n == QLatin1String("GB2312") ||
        n == QLatin1String("CP936"))
        return SourceEncoding::Gb18030;
    return std::nullopt;
}

namespace {

using Type = TargetField::Type;

TargetField field(const char* name, Type type, bool required, const char* codeList, const char* labelZh,
                  std::initializer_list<const char*> synonyms) {
    TargetField f;
    f.name = QString::fromUtf8(name);
    f.type = type;
    f.required = required;
    f.codeList = QString::fromUtf8(codeList);
    f.labelZh = QString::fromUtf8(labelZh);
    for (const char* s : synonyms)
        f.synonyms << QString::fromUtf8(s);
    return f;
}

} // namespace

const std::vector<TargetField>& MappingProfile::targetFields(ImportKind kind) {
    // Headers seen in State Grid / China Southern Grid marketing-system
    // exports and in our own exports (the archive field name always matches).
    static const std::vector<TargetField> customers = {
        field("account_no", Type::Text, true, "", "户号",
              {"用户编号", "用户号", "客户编号", "客户号", "户号编码", "用电户号", "account", "accountno",
               "customerno", "custno"}),
        field("name", Type::Text, true, "", "户名",
              {"用户名称", "客户名称", "用户名", "姓名", "customername"}),
        field("address", Type::Text, false, "", "用电地址", {"地址", "用户地址", "客户地址", "addr"}),
        field("phone", Type::Text, false, "", "联系电话",
              {"电话", "手机", "手机号", "手机号码", "移动电话", "联系方式", "mobile", "telephone", "tel"}),
        field("usage_category", Type::Code, false, "usage_category", "用电类别",
              {"用电分类", "用户类别", "category", "usage"}),
        field("voltage_level", Type::Code, false, "voltage_level", "电压等级", {"供电电压", "voltage"}),
        field("contracted_capacity", Type::Number, false, "", "合同容量",
              {"合同容量kva", "运行容量", "capacity", "capacitykva"}),
        field("monthly_kwh", Type::Number, false, "", "月均电量",
              {"月用电量", "月电量", "kwh", "monthlykwh"}),
        field("meter_asset_no", Type::Text, false, "", "电能表资产号",
              {"电能表资产编号", "电表资产号", "电表资产编号", "表计资产号", "资产编号", "表号", "meter",
               "meterno", "meterassetno"}),
        field("district_code", Type::DistrictRef, false, "", "台区编号",
              {"台区编码", "台区代码", "台区号", "district", "districtcode"}),
        field("feeder_code", Type::FeederRef, false, "", "线路编号",
              {"线路编码", "线路代码", "馈线编号", "feeder", "feedercode"}),
        field("status", Type::Code, false, "customer_status", "用户状态", {"用电状态", "客户状态"}),
        field("mis_updated_at", Type::Text, false, "", "营销更新时间",
              {"更新时间", "修改时间", "misupdatedat"}),
        field("x", Type::X, false, "", "经度",
              {"lon", "lng", "long", "longitude", "横坐标", "x坐标", "东坐标"}),
        field("y", Type::Y, false, "", "纬度", {"lat", "latitude", "纵坐标", "y坐标", "北坐标"}),
    };
    static const std::vector<TargetField> districts = {
        field("code", Type::Text, true, "", "台区编号",
              {"台区编码", "台区代码", "台区号", "district", "districtcode", "编号", "编码"}),
        field("name", Type::Text, true, "", "台区名称", {"台区名", "名称", "districtname"}),
        field("feeder_code", Type::FeederRef, false, "", "线路编号",
              {"线路编码", "所属线路", "馈线编号", "feeder", "feedercode"}),
        field("transformer_kva", Type::Number, false, "", "配变容量",
              {"变压器容量", "配变容量kva", "transformer", "kva"}),
        field("county", Type::Text, false, "", "区县", {"县", "所属区县", "县公司"}),
    };
    static const std::vector<TargetField> feeders = {
        field("code", Type::Text, true, "", "线路编号",
              {"线路编码", "线路代码", "feeder", "feedercode", "编号"}),
        field("name", Type::Text, true, "", "线路名称", {"线路名", "名称", "feedername"}),
        field("substation", Type::Text, false, "", "变电站", {"所属变电站", "电源点"}),
        field("voltage_level", Type::Code, false, "voltage_level", "电压等级", {"voltage"}),
    };
    static const std::vector<TargetField> roads = {
        field("name", Type::Text, false, "", "道路名称", {"路名", "名称", "roadname"}),
        field("road_class", Type::Text, false, "", "道路等级", {"等级", "class", "highway", "fclass"}),
        field("oneway", Type::Text, false, "", "单行", {"单行线", "单向"}),
    };
    switch (kind) {
    case ImportKind::Customers:
        return customers;
    case ImportKind::Districts:
        return districts;
    case ImportKind::Feeders:
        return feeders;
    case ImportKind::Roads:
        return roads;
    }
    return customers;
}

const TargetField* MappingProfile::targetField(ImportKind kind, const QString& name) {
    for (const TargetField& f : targetFields(kind))
        if (f.name == name)
            return &f;
    return nullptr;
}

QString MappingProfile::normalizeHeader(const QString& header) {
    // NFKC folds full-width letters, digits and brackets to ASCII.
    QString h = header.normalized(QString::NormalizationForm_KC).trimmed().toLower();
    static const QRegularExpression unit(QStringLiteral("[(\\[][^)\\]]*[)\\]]$"));
    h.remove(unit);
    QString out;
    out.reserve(h.size());
    for (const QChar c : h)
        if (c.isLetterOrNumber())
            out += c;
    return out;
}

QString MappingProfile::autoMatch(ImportKind kind, const QString& header) {
    const QString h = normalizeHeader(header);
    if (h.isEmpty())
        return {};
    for (const TargetField& f : targetFields(kind)) {
        if (h == normalizeHeader(f.name) || h == normalizeHeader(f.labelZh))
            return f.name;
        for (const QString& s : f.synonyms)
            if (h == normalizeHeader(s))
                return f.name;
    }
    return {};
}

QString MappingProfile::defaultAccountPattern() {
    return QStringLiteral("^[0-9A-Za-z][0-9A-Za-z-]{3,31}$");
}

QMap<QString, RowIssue::Severity> MappingProfile::defaultSeverities() {
    using S = RowIssue::Severity;
    return {
        {QStringLiteral("phone"), S::Error},
        {QStringLiteral("missing_coordinates"), S::Warning},
        {QStringLiteral("outside_districts"), S::Warning},
        {QStringLiteral("outside_own_district"), S::Warning},
    };
}

RowIssue::Severity MappingProfile::severity(const QString& rule) const {
    return severities.value(rule, defaultSeverities().value(rule, RowIssue::Severity::Error));
}

MappingProfile MappingProfile::fromJson(const QJsonObject& json, const QString& origin) {
    auto bad = [&](const QString& what) {
        return RecheckError(QStringLiteral("%1: %2").arg(origin, what).toStdString(),
                            RecheckError::Kind::InvalidInput);
    };
    MappingProfile p;
    if (json.contains(QStringLiteral("kind"))) {
        const auto kind = importKindFromName(json.value(QStringLiteral("kind")).toString());
        if (!kind)
            throw bad(QStringLiteral("\"kind\" must be customers, districts, feeders or roads"));
        p.kind = *kind;
    }
    if (json.contains(QStringLiteral("encoding"))) {
        const auto encoding = sourceEncodingFromName(json.value(QStringLiteral("encoding")).toString());
        if (!encoding)
            throw bad(QStringLiteral("\"encoding\" must be AUTO, UTF-8 or GBK"));
        p.encoding = *encoding;
    }
    p.layer = json.value(QStringLiteral("layer")).toString();
    p.sourceCrs = json.value(QStringLiteral("crs")).toString();
    const QJsonObject columns = json.value(QStringLiteral("columns")).toObject();
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        const QString target = it.value().toString();
        if (!target.isEmpty() && !targetField(p.kind, target))
            throw bad(QStringLiteral("column \"%1\" maps to \"%2\", which is not a field of %3")
                          .arg(it.key(), target, importKindName(p.kind)));
        p.columns.insert(it.key(), target);
    }
    const QJsonObject values = json.value(QStringLiteral("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!targetField(p.kind, it.key()))
            throw bad(QStringLiteral("\"values\" names \"%1\", which is not a field of %2")
                          .arg(it.key(), importKindName(p.kind)));
        const QJsonObject map = it.value().toObject();
        for (auto v = map.begin(); v != map.end(); ++v)
            p.valueMappings[it.key()].insert(v.key(), v.value().toString());
    }
    p.accountPattern = json.value(QStringLiteral("account_pattern")).toString();
    if (!p.accountPattern.isEmpty() && !QRegularExpression(p.accountPattern).isValid())
        throw bad(QStringLiteral("\"account_pattern\" is not a valid regular expression"));
    const QJsonObject severities = json.value(QStringLiteral("severity")).toObject();
    const auto known = defaultSeverities();
    for (auto it = severities.begin(); it != severities.end(); ++it) {
        const QString level = it.value().toString().toLower();
        if (!known.contains(it.key()) ||
            (level != QLatin1String("error") && level != QLatin1String("warning")))
            throw bad(QStringLiteral("\"severity\": \"%1\" must be one of %2 with \"error\" or \"warning\"")
                          .arg(it.key(), QStringList(known.keys()).join(QStringLiteral(", "))));
        p.severities.insert(it.key(), level == QLatin1String("error") ? RowIssue::Severity::Error
                                                                      : RowIssue::Severity::Warning);
    }
    return p;
}

QJsonObject MappingProfile::toJson() const {
    QJsonObject json;
    json.insert(QStringLiteral("kind"), importKindName(kind));
    json.insert(QStringLiteral("encoding"), sourceEncodingName(encoding));
    if (!layer.isEmpty())
        json.insert(QStringLiteral("layer"), layer);
    if (!sourceCrs.isEmpty())
        json.insert(QStringLiteral("crs"), sourceCrs);
    QJsonObject cols;
    for (auto it = columns.begin(); it != columns.end(); ++it)
        cols.insert(it.key(), it.value());
    json.insert(QStringLiteral("columns"), cols);
    QJsonObject values;
    for (auto it = valueMappings.begin(); it != valueMappings.end(); ++it) {
        QJsonObject map;
        for (auto v = it.value().begin(); v != it.value().end(); ++v)
            map.insert(v.key(), v.value());
        values.insert(it.key(), map);
    }
    json.insert(QStringLiteral("values"), values);
    if (!accountPattern.isEmpty())
        json.insert(QStringLiteral("account_pattern"), accountPattern);
    QJsonObject sev;
    for (auto it = severities.begin(); it != severities.end(); ++it)
        sev.insert(it.key(), it.value() == RowIssue::Severity::Error ? QStringLiteral("error")
                                                                     : QStringLiteral("warning"));
    if (!sev.isEmpty())
        json.insert(QStringLiteral("severity"), sev);
    return json;
}

MappingProfile MappingProfile::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw RecheckError(QStringLiteral("%1: cannot read the mapping profile: %2")
                               .arg(path, file.errorString())
                               .toStdString(),
                           RecheckError::Kind::Io);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw RecheckError(QStringLiteral("%1: not a mapping profile (JSON object expected): %2 at byte %3")
                               .arg(path, error.errorString())
                               .arg(error.offset)
                               .toStdString(),
                           RecheckError::Kind::InvalidInput);
    return fromJson(doc.object(), path);
}

void MappingProfile::save(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw RecheckError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString(),
                           RecheckError::Kind::Io);
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        throw RecheckError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString(),
                           RecheckError::Kind::Io);
}

QHash<QString, int> MappingProfile::resolve(const QStringList& headers, QStringList* unmatched) const {
    QHash<QString, int> byField;
    QHash<QString, QString> claimedBy;
    auto claim = [&](const QString& fieldName, int index) {
        if (claimedBy.contains(fieldName))
            throw RecheckError(
                QStringLiteral("columns \"%1\" and \"%2\" both map to the field %3; say which one "
                               "to use in the mapping profile (map the other to \"\")")
                    .arg(claimedBy.value(fieldName), headers[index], fieldName)
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
        claimedBy.insert(fieldName, headers[index]);
        byField.insert(fieldName, index);
    };
    std::vector<bool> explicitly(static_cast<std::size_t>(headers.size()), false);
    for (int i = 0; i < headers.size(); ++i) {
        auto it = columns.find(headers[i]);
        if (it == columns.end())
            continue;
        explicitly[static_cast<std::size_t>(i)] = true;
        if (!it.value().isEmpty())
            claim(it.value(), i);
    }
    for (int i = 0; i < headers.size(); ++i) {
        if (explicitly[static_cast<std::size_t>(i)])
            continue;
        const QString match = autoMatch(kind, headers[i]);
        if (match.isEmpty() || claimedBy.contains(match)) {
            if (unmatched)
                *unmatched << headers[i];
            continue;
        }
        claim(match, i);
    }
    return byField;
}

} // namespace recheck::io
