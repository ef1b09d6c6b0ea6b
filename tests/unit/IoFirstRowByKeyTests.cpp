#include "io/FirstRowByKey.h"

#include <catch2/catch.hpp>

#include <QHash>

#include <random>

using recheck::io::FirstRowByKey;

TEST_CASE("io: FirstRowByKey answers the first row of every key, as a QHash does", "[io]") {
    // Keys of many lengths (and so of many hashes in few slots at first),
    // non-ASCII ones, prefixes of each other, and repeats far apart; grown
    // from nothing reserved and from too little.
    const qint64 reserved = GENERATE(0, 100, 40000);
    FirstRowByKey table;
    table.reserve(reserved);
    QHash<QString, qint64> reference;
    std::mt19937 random(7);
    std::uniform_int_distribution<int> pick(0, 29999);
    for (qint64 row = 2; row < 60000; ++row) {
        const int n = pick(random);
        QString key = QString::number(n);
        if (n % 3 == 0)
            key = QStringLiteral("台区") + key;
        if (n % 7 == 0)
            key += QStringLiteral("-");
        const auto known = reference.constFind(key);
        const qint64 first = table.firstOrRecord(key, row);
        if (known == reference.constEnd()) {
            REQUIRE(first == 0);
            reference.insert(key, row);
        } else {
            REQUIRE(first == known.value());
        }
    }
    CHECK(reference.size() > 20000);
    table.clear();
    CHECK(table.firstOrRecord(QStringLiteral("1"), 5) == 0);
    CHECK(table.firstOrRecord(QStringLiteral("1"), 9) == 5);
    CHECK(table.firstOrRecord(QStringLiteral(""), 10) == 0);
    CHECK(table.firstOrRecord(QStringLiteral(""), 11) == 10);
}
