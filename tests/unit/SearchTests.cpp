// Customer search (core/search): ranking, Chinese partial matches, the index
// following edits made with any tool, migration of older archives, and the
// index in a checked-out package (with change capture and check-in intact).

#include "SyncTestSupport.h"

#include "search/ArchiveSearch.h"
#include "search/SearchIndex.h"

#include <sqlite3.h>

using namespace recheck;
using recheck::test::ScratchDir;

namespace {

Archive makeArchive(const QString& path, int schemaVersion = 0) {
    Archive::CreateOptions options;
    options.name = QStringLiteral("Search county");
    options.createdBy = QStringLiteral("tester");
    options.schemaVersion = schemaVersion;
    return Archive::create(path, options);
}

struct Person {
    const char* account;
    const char* name;
    const char* address;
    const char* phone;
    const char* meter;
};

// A hand-made street: the expected hits below follow from these rows only.
const Person kPeople[] = {
    {"0100000123", "张伟", "示范县城关镇建国路12号", "13800000001", "3330001000100000001"},
    {"01000001234", "李建国", "示范县城关镇胜利路3号", "13800000002", "3330001000100000002"},
    {"0100000200", "王芳", "示范县东关镇建国路8号", "13900000123", "3330001000100000003"},
    {"0100000300", "陈记药店", "示范县城关镇西关街5号", "13700000004", "0100000123"},
    {"0100000400", "张伟明", "示范县城关镇工业二路1号", "13600000005", "3330001000100000005"},
    {"0100000500", "赵丽", "示范县西关镇张庄村", "13500000006", "3330001000100000006"},
};

void fillArchive(SqliteDatabase& db) {
    db.exec(QStringLiteral(
        "INSERT INTO districts (code, name, geom) VALUES "
        "('TQ0001', '建国路1号台区', CastToMultiPolygon(BuildMbr(113.0, 34.0, 113.01, 34.01, 4490))), "
        "('TQ0002', '胜利路1号台区', CastToMultiPolygon(BuildMbr(113.01, 34.0, 113.02, 34.01, 4490))), "
        "('TQ0010', '西关街2号台区', CastToMultiPolygon(BuildMbr(113.02, 34.0, 113.03, 34.01, 4490)))"));
    SqliteStatement insert(
        db, QStringLiteral("INSERT INTO customers (account_no, name, address, phone, meter_asset_no, "
                           "district_uuid, geom) SELECT ?, ?, ?, ?, ?, uuid, "
                           "MakePoint(113.005, 34.005, 4490) FROM districts WHERE code = 'TQ0001'"));
    for (const Person& p : kPeople)
        insert.bind(1, p.account)
            .bind(2, p.name)
            .bind(3, p.address)
            .bind(4, p.phone)
            .bind(5, p.meter)
            .execute();
}

QStringList keys(const std::vector<SearchHit>& hits, SearchHit::Kind kind = SearchHit::Kind::Customer) {
    QStringList out;
    for (const SearchHit& hit : hits)
        if (hit.kind == kind)
            out << hit.key;
    return out;
}

std::vector<SearchHit> customersOnly(SqliteDatabase& db, const QString& query, int limit = 20) {
    ArchiveSearch search(db);
    SearchOptions options;
    options.districts = false;
    options.limit = limit;
    return search.find(query, options);
}

QStringList findKeys(SqliteDatabase& db, const QString& query) {
    return keys(customersOnly(db, query));
}

// Plain LIKE over the same columns: the reference the index must agree with.
QStringList likeKeys(SqliteDatabase& db, const QString& fragment) {
    SqliteStatement st(db, QStringLiteral("SELECT account_no FROM customers WHERE instr(account_no, ?1) OR "
                                          "instr(name, ?1) OR instr(address, ?1) OR instr(phone, ?1) OR "
                                          "instr(meter_asset_no, ?1) ORDER BY account_no"));
    st.bind(1, fragment);
    QStringList out;
    while (st.step())
        out << st.text(0);
    return out;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

} // namespace

TEST_CASE("search ranks exact keys, then key prefixes and names, then text", "[search]") {
    ScratchDir dir;
    Archive archive = makeArchive(dir.file(QStringLiteral("a.sqlite")));
    fillArchive(archive.db());

    // Exact account and exact meter number (陈记药店's meter plate reads like
    // an account number) first, the longer account starting with it next.
    const std::vector<SearchHit> hits = customersOnly(archive.db(), QStringLiteral("0100000123"));
    REQUIRE(hits.size() >= 3);
    CHECK(sorted({hits[0].key, hits[1].key}) ==
          sorted({QStringLiteral("0100000123"), QStringLiteral("0100000300")}));
    CHECK(hits[0].tier == SearchHit::Tier::ExactKey);
    CHECK(hits[1].tier == SearchHit::Tier::ExactKey);
    CHECK(hits[2].key == QStringLiteral("01000001234"));
    CHECK(hits[2].tier == SearchHit::Tier::KeyPrefix);

    // A phone number typed with full-width digits (a Chinese input method).
    const std::vector<SearchHit> phone =
        customersOnly(archive.db(), QString::fromUtf8("１３９０００００１２３"));
    REQUIRE(!phone.empty());
    CHECK(phone[0].key == QStringLiteral("0100000200"));
    CHECK(phone[0].tier == SearchHit::Tier::ExactKey);
    CHECK(phone[0].district == QStringLiteral("TQ0001"));

    // A whole name outranks the address that merely contains it, and the
    // longer name containing it.
    const QStringList zhang = findKeys(archive.db(), QString::fromUtf8("张伟"));
    REQUIRE(zhang.size() == 2);
    CHECK(zhang[0] == QStringLiteral("0100000123"));
    CHECK(zhang[1] == QStringLiteral("0100000400"));

    // 建国 is a street in two addresses and part of one name: the name
    // column weighs more than the address.
    const QStringList jianguo = findKeys(archive.db(), QString::fromUtf8("建国"));
    CHECK(sorted(jianguo) == likeKeys(archive.db(), QString::fromUtf8("建国")));
    REQUIRE(jianguo.size() == 3);
    CHECK(jianguo[0] == QStringLiteral("01000001234"));

    // The limit holds.
    CHECK(customersOnly(archive.db(), QString::fromUtf8("示范县"), 4).size() == 4);
}

TEST_CASE("Chinese fragments of 1, 2 and more characters match like a substring scan", "[search]") {
    ScratchDir dir;
    Archive archive = makeArchive(dir.file(QStringLiteral("a.sqlite")));
    fillArchive(archive.db());
    SqliteDatabase& db = archive.db();
    for (const char* fragment : {"建国", "建国路", "关镇", "西关", "张", "芳", "庄村", "村", "胜利路3号",
                                 "城关镇建国路", "示范县", "二路", "药店", "13800", "0002", "号"}) {
        const QString q = QString::fromUtf8(fragment);
        INFO(fragment);
        CHECK(sorted(findKeys(db, q)) == likeKeys(db, q));
    }
    // Several terms: all must occur.
    CHECK(findKeys(db, QString::fromUtf8("张 建国")) == QStringList{QStringLiteral("0100000123")});
    CHECK(findKeys(db, QString::fromUtf8("城关镇 建国路")) == QStringList{QStringLiteral("0100000123")});
    CHECK(findKeys(db, QString::fromUtf8("西关 药店")) == QStringList{QStringLiteral("0100000300")});
    CHECK(findKeys(db, QString::fromUtf8("不存在的街道")).isEmpty());
    // Quotes and FTS syntax are text, not query language.
    CHECK(findKeys(db, QStringLiteral("\"张 OR *")).isEmpty());
    CHECK(findKeys(db, QStringLiteral("   ")).isEmpty());
}

TEST_CASE("one- and two-character queries rank names that start with them, then names, then addresses",
          "[search]") {
    ScratchDir dir;
    Archive archive = makeArchive(dir.file(QStringLiteral("a.sqlite")));
    fillArchive(archive.db());
    SqliteDatabase& db = archive.db();
    db.exec(QString::fromUtf8("UPDATE customers SET name = '小张' WHERE account_no = '0100000300'"));
    // 张 starts 张伟 and 张伟明 (the shorter name first), is inside 小张's
    // name, and only in 赵丽's address (张庄村).
    CHECK(findKeys(db, QString::fromUtf8("张")) ==
          (QStringList{QStringLiteral("0100000123"), QStringLiteral("0100000400"),
                       QStringLiteral("0100000300"), QStringLiteral("0100000500")}));
    // Two characters: names first, then addresses, the shorter one first
    // (建国路8号 before 建国路12号).
    CHECK(findKeys(db, QString::fromUtf8("建国")) ==
          (QStringList{QStringLiteral("01000001234"), QStringLiteral("0100000200"),
                       QStringLiteral("0100000123")}));
    // A character of every address: the limit holds, and names starting with
    // it would come first (none here).
    CHECK(customersOnly(db, QString::fromUtf8("县"), 2).size() == 2);
    // Punctuation inside a short term is no phrase (the table has no
    // positions): the letters around it are the terms.
    CHECK(findKeys(db, QString::fromUtf8("张-")) == findKeys(db, QString::fromUtf8("张")));
    CHECK(sorted(findKeys(db, QString::fromUtf8("张 伟-"))) ==
          sorted({QStringLiteral("0100000123"), QStringLiteral("0100000400")}));
}

TEST_CASE("an index of the older shape is upgraded in place", "[search]") {
    ScratchDir dir;
    Archive archive = makeArchive(dir.file(QStringLiteral("a.sqlite")));
    fillArchive(archive.db());
    SqliteDatabase& db = archive.db();
    // The short table as the first version of the index had it.
    for (const QString& trigger : SearchIndex::triggerNames())
        db.exec(QStringLiteral("DROP TRIGGER %1").arg(trigger));
    db.exec(QStringLiteral("DROP TABLE customer_search_short; CREATE VIRTUAL TABLE customer_search_short "
                           "USING fts5(name, address, content='', tokenize='unicode61', prefix='1')"));
    SearchIndex::upgrade(db);
    CHECK(db.scalar(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'customer_search_short'"))
              .toString()
              .contains(QStringLiteral("detail='none'")));
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name "
                                   "LIKE 'customers\\_search\\_%' ESCAPE '\\'"))
              .toInt() == 3);
    CHECK(sorted(findKeys(db, QString::fromUtf8("张"))) == likeKeys(db, QString::fromUtf8("张")));
    // Upgrading again changes nothing; the triggers keep the new table current.
    SearchIndex::upgrade(db);
    db.exec(QString::fromUtf8("UPDATE customers SET name = '钱多多' WHERE account_no = '0100000500'"));
    CHECK(findKeys(db, QString::fromUtf8("钱")) == QStringList{QStringLiteral("0100000500")});
    CHECK_NOTHROW(db.exec(QStringLiteral("INSERT INTO customer_search_short (customer_search_short) "
                                         "VALUES ('integrity-check')")));
}

TEST_CASE("districts are found by code and by name", "[search]") {
    ScratchDir dir;
    Archive archive = makeArchive(dir.file(QStringLiteral("a.sqlite")));
    fillArchive(archive.db());
    ArchiveSearch search(archive.db());
    SearchOptions options;
    options.customers = false;
    CHECK(keys(search.find(QStringLiteral("TQ0001"), options), SearchHit::Kind::District) ==
          QStringList{QStringLiteral("TQ0001")});
    const std::vector<SearchHit> byPrefix = search.find(QStringLiteral("tq00"), options);
    CHECK(keys(byPrefix, SearchHit::Kind::District).size() == 3);
    CHECK(byPrefix[0].tier == SearchHit::Tier::KeyPrefix);
    CHECK(keys(search.find(QString::fromUtf8("西关街"), options), SearchHit::Kind::District) ==
          QStringList{QStringLiteral("TQ0010")});
    // Customers and districts together: both kinds come back.
    const std::vector<SearchHit> both = search.find(QString::fromUtf8("建国路"));
    CHECK(keys(both, SearchHit::Kind::District) == QStringList{QStringLiteral("TQ0001")});
    CHECK(keys(both, SearchHit::Kind::Customer).size() == 2);
}

TEST_CASE("the index follows inserts, edits and deletes made with any tool", "[search]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.sqlite"));
    {
        Archive archive = makeArchive(path);
        fillArchive(archive.db());
    }
    // A plain sqlite3 connection without SpatiaLite or our code: the search
    // triggers use built-in SQL only.
    sqlite3* plain = nullptr;
    REQUIRE(sqlite3_open(path.toUtf8().constData(), &plain) == SQLITE_OK);
    const auto run = [&](const char* sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(plain, sql, nullptr, nullptr, &error);
        INFO((error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    };
    run("UPDATE customers SET address = '示范县城关镇和平路7号', name = '张卫' WHERE account_no = "
        "'0100000123'");
    run("DELETE FROM customers WHERE account_no = '0100000500'");
    sqlite3_close(plain);
    // Inserting into a geometry table needs SpatiaLite's functions (its own
    // triggers call them): a SpatiaLite-enabled connection, as QGIS and
    // spatialite's shell have, without our code.
    synctest::plainSql(path,
                       QString::fromUtf8("INSERT INTO customers (account_no, name, address, phone) VALUES "
                                         "('0100000900', '孙和平', '示范县北关镇', '13100000009')"));

    Archive archive = Archive::open(path);
    SqliteDatabase& db = archive.db();
    CHECK(findKeys(db, QString::fromUtf8("和平")) ==
          (QStringList{QStringLiteral("0100000900"), QStringLiteral("0100000123")}));
    CHECK(findKeys(db, QString::fromUtf8("张卫")) == QStringList{QStringLiteral("0100000123")});
    CHECK(findKeys(db, QString::fromUtf8("张伟")) == QStringList{QStringLiteral("0100000400")});
    CHECK(sorted(findKeys(db, QString::fromUtf8("建国路"))) == QStringList{QStringLiteral("0100000200")});
    CHECK(findKeys(db, QString::fromUtf8("张庄")).isEmpty());
    CHECK(findKeys(db, QStringLiteral("13100000009")) == QStringList{QStringLiteral("0100000900")});
    // The change-capture trigger's stamping still ran (search did not get in
    // its way), and FTS5 finds its own index consistent.
    CHECK(
        db.scalar(QStringLiteral("SELECT count(*) FROM change_log WHERE changed_by = 'external'")).toInt() >=
        2);
    CHECK_NOTHROW(
        db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('integrity-check')")));
    CHECK_NOTHROW(db.exec(QStringLiteral("INSERT INTO customer_search_short (customer_search_short) "
                                         "VALUES ('integrity-check')")));
    // The terms the triggers compute in SQL are the ones rebuild() computes
    // in C++ (a 'delete' must name exactly the tokens once inserted).
    SqliteStatement sql(
        db, QStringLiteral("SELECT %1")
                .arg(SearchIndex::shortTermsExpression(QStringLiteral("?1"), QStringLiteral("?2"))));
    const QVariant null;
    const std::vector<QVariant> texts = {null,
                                         QString(),
                                         QString::fromUtf8("张"),
                                         QString::fromUtf8("张伟"),
                                         QString::fromUtf8("示范县城关镇建国路12号"),
                                         QString::fromUtf8("Ab-3 号 楼"),
                                         QString::fromUtf8("𠀋𠀌x")};
    for (const QVariant& name : texts)
        for (const QVariant& address : texts) {
            INFO(name.toString().toStdString() << " / " << address.toString().toStdString());
            sql.reset();
            sql.bind(1, name).bind(2, address);
            REQUIRE(sql.step());
            CHECK(sql.value(0).toString() == SearchIndex::shortTerms(name, address));
        }
    sql.reset();
    // Rebuilding from scratch gives the same answers.
    for (const char* q : {"和平", "张", "建国路", "示范县", "13100000009"}) {
        INFO(q);
        const QStringList before = findKeys(db, QString::fromUtf8(q));
        SearchIndex::rebuild(db);
        CHECK(findKeys(db, QString::fromUtf8(q)) == before);
    }
}

TEST_CASE("an archive of an older schema gets a filled index on upgrade", "[search]") {
    ScratchDir dir;
    const QString path = dir.file(QStringLiteral("old.sqlite"));
    {
        Archive archive = makeArchive(path, 2);
        fillArchive(archive.db());
        CHECK_FALSE(SearchIndex::exists(archive.db()));
        // The fallback scan answers on the old schema too.
        CHECK(findKeys(archive.db(), QString::fromUtf8("建国")).size() == 3);
    }
    Archive::upgrade(path);
    Archive archive = Archive::open(path);
    CHECK(SearchIndex::exists(archive.db()));
    CHECK(sorted(findKeys(archive.db(), QString::fromUtf8("建国"))) ==
          likeKeys(archive.db(), QString::fromUtf8("建国")));
    CHECK(findKeys(archive.db(), QString::fromUtf8("陈记药店")) == QStringList{QStringLiteral("0100000300")});
}

TEST_CASE("a checked-out package has a working index — edits in it check in", "[search][sync]") {
    ScratchDir dir;
    const QString master = synctest::copyMaster(dir);
    const QString package = dir.file(QStringLiteral("p.sqlite"));
    synctest::checkOut(master, package, {QStringLiteral("TQ0002")});

    Archive pkg = Archive::open(package);
    SqliteDatabase& db = pkg.db();
    const QString name =
        db.scalar(QStringLiteral("SELECT name FROM customers ORDER BY fid LIMIT 1")).toString();
    const QString street =
        db.scalar(QStringLiteral("SELECT substr(address, 7, 2) FROM customers ORDER BY fid LIMIT 1"))
            .toString();
    REQUIRE(!name.isEmpty());
    CHECK(findKeys(db, name).size() >= 1);
    // Every customer of the package, and only those, is in the index.
    CHECK(sorted(findKeys(db, street)).size() == std::min<int>(20, likeKeys(db, street).size()));
    CHECK_NOTHROW(
        db.exec(QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('integrity-check')")));

    // An edit in the package: found at once, captured, and checked in.
    db.exec(
        QStringLiteral("UPDATE customers SET address = '示范县城关镇光明巷99号' WHERE fid = (SELECT min(fid) "
                       "FROM customers)"));
    CHECK(findKeys(db, QString::fromUtf8("光明巷")).size() == 1);
    const CheckinReport report = synctest::checkIn(master, package);
    CHECK(report.outcome == CheckinReport::Outcome::Merged);
    CHECK(report.applied.size() == 1);
    Archive office = Archive::open(master);
    CHECK(findKeys(office.db(), QString::fromUtf8("光明巷")).size() == 1);
    CHECK_NOTHROW(office.db().exec(
        QStringLiteral("INSERT INTO customer_search (customer_search) VALUES ('integrity-check')")));
}
