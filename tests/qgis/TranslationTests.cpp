// The suite's strings are looked up under the context lupdate recorded for
// them: with the zh_CN catalogue installed, user-visible texts of classes
// that are not QObjects (Processing algorithms, free helpers) come out in
// Chinese. A wrong context silently leaves them English.

#include "PlanRoutesAlgorithm.h"

#include <QCoreApplication>
#include <QTranslator>

#include <catch2/catch.hpp>

#include <memory>

static void initTranslationResources() {
    Q_INIT_RESOURCE(recheck_i18n);
}

namespace {

bool hasChinese(const QString& text) {
    for (const QChar c : text)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

// Installs the compiled-in zh_CN catalogue for one test.
struct ChineseTranslator {
    QTranslator translator;
    bool loaded = false;
    ChineseTranslator() {
        initTranslationResources();
        loaded = translator.load(QStringLiteral(":/recheck/i18n/recheck_zh_CN.qm"));
        if (loaded)
            QCoreApplication::installTranslator(&translator);
    }
    ~ChineseTranslator() { QCoreApplication::removeTranslator(&translator); }
};

} // namespace

TEST_CASE("zh_CN: the route algorithm's names and parameters are translated", "[i18n]") {
    recheck::plugins::PlanRoutesAlgorithm english;
    english.initAlgorithm();
    const QString englishName = english.displayName();
    const QString englishGroup = english.group();
    REQUIRE_FALSE(hasChinese(englishName));

    ChineseTranslator zh;
    REQUIRE(zh.loaded);
    std::unique_ptr<QgsProcessingAlgorithm> chinese(english.create());
    CHECK(hasChinese(chinese->displayName()));
    CHECK(chinese->displayName() != englishName);
    CHECK(hasChinese(chinese->group()));
    CHECK(chinese->group() != englishGroup);
    for (const QgsProcessingParameterDefinition* parameter : chinese->parameterDefinitions()) {
        INFO(parameter->name().toStdString());
        CHECK(hasChinese(parameter->description()));
    }
}
