#include "DemoCountyGenerator.h"

#include "SpatialIndexLoader.h"

#include "Archive.h"
#include "ArchiveSchema.h"
#include "DemoCountyLayout.h"
#include "search/SearchIndex.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>

namespace recheck {

namespace {

using namespace demo;

const char kUpdatedBy[] = "demo";

// Surnames roughly by frequency (the common ones listed twice).
const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "王", "李", "张", "刘", "陈", "杨", "赵",
    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯",
    "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁",
    "魏", "薛", "叶", "阎", "潘", "杜", "戴", "夏", "田", "任", "姜", "范", "方", "石", "姚", "孟", "侯",
};
const char* const kGivenNames[] = {
    "伟",   "芳",   "娜",   "秀英", "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",   "勇",   "艳",
    "杰",   "娟",   "涛",   "明",   "超",   "秀兰", "霞",   "平",   "刚",   "桂英", "建国", "建华", "国强",
    "志强", "玉兰", "红梅", "海燕", "春花", "丽娟", "德胜", "保国", "振华", "文杰", "建军", "红霞", "小红",
    "国庆", "卫东", "爱华", "金凤", "永刚", "俊杰", "浩然", "子涵", "雨轩", "欣怡", "梓萱", "宇航", "一诺",
    "晓东", "秀珍", "凤英", "玉梅", "长春", "新民", "守义", "广亮", "书芳", "素芬", "全胜", "万里", "天佑",
};
const char* const kShopKinds[] = {"超市",   "便利店", "饭店",   "理发店", "五金店", "药店",
                                  "烟酒店", "服装店", "手机店", "早餐店", "面馆",   "农资店"};
const char* const kCompanyWords[] = {"华丰", "恒达", "宏远", "金穗", "永兴",
                                     "鑫源", "中原", "豫丰", "建业", "瑞祥"};
const char* const kIndustryKinds[] = {"机械制造有限公司", "面粉有限公司", "纺织有限公司", "建材有限公司",
                                      "食品有限公司",     "包装有限公司", "塑业有限公司"};
const char* const kMobilePrefixes[] = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                                       "151", "152", "155", "156", "157", "158", "159", "176", "177", "180",
                                       "181", "182", "183", "185", "186", "187", "188", "189", "199"};

enum Category : std::uint8_t { RES, COM, IND, AGR, PUB };
const char* const kCategoryCodes[] = {"RES", "COM", "IND", "AGR", "PUB"};

// Deliberate archive errors the field work should find (customer flags).
enum CustomerFlag : std::uint8_t {
    PhoneMissing = 1,
    PhoneInvalid = 2,
    MeterMissing = 4,
    CapacityZero = 8,
    VoltageInconsistent = 16,
};

/// Thrown from the progress check; never leaves generate().
struct Cancelled {};

// SpatiaLite's internal BLOB geometry, written directly: binding a ready
// blob is cheaper than a MakePoint()/GeomFromText() call per row.
class GeometryBlob {
public:
    static constexpr std::uint8_t kByteOrder = Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? 0x01 : 0x00;

    const std::string& point(double x, double y, int srid) {
        begin(srid, x, y, x, y, 1);
        put(x);
        put(y);
        return end();
    }

    /// Multi-linestring of one part.
    const std::string& line(const std::vector<Point2>& points, const LocalPlane& plane, int srid) {
        double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
        bounds(points, plane, minX, minY, maxX, maxY);
        begin(srid, minX, minY, maxX, maxY, 5);
        put(std::int32_t{1});
        mBuffer.push_back(static_cast<char>(0x69));
        put(std::int32_t{2});
        putPoints(points, plane);
        return end();
    }

    const std::string& multiPolygon(const MultiPolygon& polygons, const LocalPlane& plane, int srid) {
        double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
        for (const Polygon& polygon : polygons)
            bounds(polygon.front(), plane, minX, minY, maxX, maxY);
        begin(srid, minX, minY, maxX, maxY, 6);
        put(static_cast<std::int32_t>(polygons.size()));
        for (const Polygon& polygon : polygons) {
            mBuffer.push_back(static_cast<char>(0x69));
            put(std::int32_t{3});
            put(static_cast<std::int32_t>(polygon.size()));
            for (const Ring& ring : polygon)
                putPoints(ring, plane);
        }
        return end();
    }

private:
    template <typename T> void put(T value) {
        mBuffer.append(reinterpret_cast<const char*>(&value), sizeof value);
    }

    void begin(int srid, double minX, double minY, double maxX, double maxY, std::int32_t type) {
        mBuffer.clear();
        mBuffer.push_back(0x00);
        mBuffer.push_back(static_cast<char>(kByteOrder));
        put(static_cast<std::int32_t>(srid));
        put(minX);
        put(minY);
        put(maxX);
        put(maxY);
        mBuffer.push_back(static_cast<char>(0x7C));
        put(type);
    }
    const std::string& end() {
        mBuffer.push_back(static_cast<char>(0xFE));
        return mBuffer;
    }
    static void bounds(const std::vector<Point2>& points, const LocalPlane& plane, double& minX, double& minY,
                       double& maxX, double& maxY) {
        for (const Point2& p : points) {
            const double x = plane.lon(p.x), y = plane.lat(p.y);
            minX = std::min(minX, x);
            maxX = std::max(maxX, x);
            minY = std::min(minY, y);
            maxY = std::max(maxY, y);
        }
    }
    void putPoints(const std::vector<Point2>& points, const LocalPlane& plane) {
        put(static_cast<std::int32_t>(points.size()));
        for (const Point2& p : points) {
            put(plane.lon(p.x));
            put(plane.lat(p.y));
        }
    }

    std::string mBuffer;
};

void bindText(SqliteStatement& statement, int index, const std::string& text) {
    statement.bind(index, text.data(), static_cast<int>(text.size()));
}

void bindBlob(SqliteStatement& statement, int index, const std::string& blob) {
    statement.bindBlob(index, blob.data(), static_cast<int>(blob.size()));
}

void bindUuid(SqliteStatement& statement, int index, const Uuid& id) {
    char text[36];
    id.format(text);
    statement.bind(index, text, 36);
}

// Random v4 UUIDs handed out in ascending order: a row's uuid is as random
// as ever, but the UNIQUE index on it grows at its end instead of taking a
// random B-tree insert per row (3x faster bulk load at a million rows).
std::vector<Uuid> sortedUuids(DemoRandom& random, std::size_t count) {
    std::vector<Uuid> ids(count);
    for (Uuid& id : ids)
        id = random.uuid();
    std::sort(ids.begin(), ids.end(), [](const Uuid& a, const Uuid& b) {
        return a.high < b.high || (a.high == b.high && a.low < b.low);
    });
    return ids;
}

std::string isoDate(const QDate& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    return text;
}

/// Local Beijing time (UTC+8) as UTC text in the archive's timestamp format.
std::string utcTimestamp(const QDate& localDate, int localSecondsOfDay) {
    int seconds = localSecondsOfDay - 8 * 3600;
    QDate date = localDate;
    if (seconds < 0) {
        seconds += 86400;
        date = date.addDays(-1);
    }
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", date.year(), date.month(),
                  date.day(), seconds / 3600, seconds / 60 % 60, seconds % 60);
    return text;
}

struct TaskRow {
    Uuid id;
    int plan = 0;
    int district = 0;
    int assignee = 0; ///< index into staff
    std::string status;
    bool urgent = false;
    std::string periodKey;
    QDate plannedStart, plannedEnd, baselineStart, baselineEnd, actualStart, actualEnd;
};

class Generator {
public:
    Generator(const DemoCountyOptions& options, const std::function<bool(double)>& progress)
        : mOptions(options), mProgress(progress), mRandom(options.seed),
          mPlane(options.centerLon, options.centerLat) {}

    DemoCountySummary run(SqliteDatabase& db);

private:
    void checkpoint(double fraction) {
        if (mProgress && !mProgress(std::clamp(fraction, 0.0, 1.0)))
            throw Cancelled{};
    }
    std::string personName() { return std::string(mRandom.pick(kSurnames)) + mRandom.pick(kGivenNames); }
    std::string mobile();
    void writeFeedersAndDistricts(SqliteDatabase& db);
    void writeStaff(SqliteDatabase& db);
    void writeCustomers(SqliteDatabase& db);
    void writePlansAndTasks(SqliteDatabase& db);
    void writeScopeAndVisits(SqliteDatabase& db);
    void writeRoads(SqliteDatabase& db);

    const DemoCountyOptions& mOptions;
    const std::function<bool(double)>& mProgress;
    DemoRandom mRandom;
    LocalPlane mPlane;
    QDate mToday;
    std::string mUpdatedAt;
    std::string mCounty;
    int mTeams = 2;
    CountyLayout mLayout;
    GeometryBlob mBlob;
    DemoCountySummary mSummary;

    std::vector<Uuid> mFeederIds, mDistrictIds, mStaffIds, mPlanIds;
    std::vector<int> mResponsible; ///< district -> staff index of its inspector
    std::vector<int> mStaffCapacity;
    // Per customer, in insertion order (no strings: a million of them).
    std::vector<Uuid> mCustomerIds;
    std::vector<std::uint32_t> mCustomerLocation;
    std::vector<std::uint8_t> mCustomerFlags;
    std::vector<TaskRow> mTasks;
};

std::string Generator::mobile() {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%s%08d", mRandom.pick(kMobilePrefixes),
                  mRandom.between(0, 99999999));
    return digits;
}

DemoCountySummary Generator::run(SqliteDatabase& db) {
    mToday = mOptions.today.isValid() ? mOptions.today : QDate(2026, 11, 2);
    mUpdatedAt = isoDate(mToday) + "T00:00:00.000Z";
    mCounty = mOptions.countyName.toStdString();
    mTeams = mOptions.districts / 6 > 12 ? 3 : 2;
    mLayout = buildCountyLayout(mOptions.customers, mOptions.districts, mTeams, mCounty, mRandom);
    checkpoint(0.05);
    writeFeedersAndDistricts(db);
    checkpoint(0.08);
    writeStaff(db);
    writeCustomers(db);
    writePlansAndTasks(db);
    writeScopeAndVisits(db);
    writeRoads(db);
    return mSummary;
}

void Generator::writeFeedersAndDistricts(SqliteDatabase& db) {
    SqliteStatement feeder(
        db, QStringLiteral("INSERT INTO feeders (uuid, updated_at, updated_by, code, name, "
                           "substation, voltage_level, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    const int codeWidth = std::max(2, static_cast<int>(std::to_string(mLayout.feeders.size()).size()));
    for (std::size_t f = 0; f < mLayout.feeders.size(); ++f) {
        const Feeder& line = mLayout.feeders[f];
        mFeederIds.push_back(mRandom.uuid());
        char code[16];
        std::snprintf(code, sizeof code, "XL%0*d", codeWidth, static_cast<int>(f + 1));
        std::vector<Point2> points = {mLayout.substations[static_cast<std::size_t>(line.substation)].at};
        for (int site : line.sites)
            points.push_back(mLayout.sites[static_cast<std::size_t>(site)].at);
        bindUuid(feeder, 1, mFeederIds.back());
        bindText(feeder, 2, mUpdatedAt);
        feeder.bind(3, kUpdatedBy);
        feeder.bind(4, code);
        bindText(feeder, 5, line.name);
        bindText(feeder, 6, mLayout.substations[static_cast<std::size_t>(line.substation)].name);
        feeder.bind(7, "AC10KV");
        bindBlob(feeder, 8, mBlob.line(points, mPlane, 4490));
        feeder.execute();
    }
    mSummary.feeders = static_cast<int>(mLayout.feeders.size());

    const std::vector<MultiPolygon> polygons = districtPolygons(mLayout);
    SqliteStatement district(
        db, QStringLiteral("INSERT INTO districts (uuid, updated_at, updated_by, code, name, "
                           "feeder_uuid, transformer_kva, county, geom) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    std::map<std::string, int> numbers;
    const int kva[] = {100, 200, 315, 400, 630};
    for (std::size_t d = 0; d < mLayout.sites.size(); ++d) {
        const Site& site = mLayout.sites[d];
        mDistrictIds.push_back(mRandom.uuid());
        const Settlement& settlement = mLayout.settlements[static_cast<std::size_t>(site.settlement)];
        // 东关街3号台区 in towns, 张庄1号台区 in villages.
        const std::string base =
            settlement.town ? mLayout.streets[static_cast<std::size_t>(site.street)].name : settlement.name;
        const std::string name = base + std::to_string(++numbers[base]) + "号台区";
        char code[16];
        std::snprintf(code, sizeof code, "TQ%04d", static_cast<int>(d + 1));
        // Transformer sized to the load, sometimes one size up (growth reserve).
        int size = site.customers < 80    ? 0
                   : site.customers < 200 ? 1
                   : site.customers < 400 ? 2
                   : site.customers < 700 ? 3
                                          : 4;
        if (size < 4 && mRandom.chance(0.2))
            ++size;
        bindUuid(district, 1, mDistrictIds.back());
        bindText(district, 2, mUpdatedAt);
        district.bind(3, kUpdatedBy);
        district.bind(4, code);
        bindText(district, 5, name);
        bindUuid(district, 6, mFeederIds[static_cast<std::size_t>(site.feeder)]);
        district.bind(7, static_cast<double>(kva[size]));
        bindText(district, 8, mCounty);
        bindBlob(district, 9, mBlob.multiPolygon(polygons[d], mPlane, 4490));
        district.execute();
    }
    mSummary.districts = static_cast<int>(mLayout.sites.size());
}

// One inspector per 4–8 neighbouring districts (taken along the feeders),
// the inspectors split among 2–3 supervisors.
void Generator::writeStaff(SqliteDatabase& db) {
    std::vector<int> order;
    for (const Feeder& feeder : mLayout.feeders)
        order.insert(order.end(), feeder.sites.begin(), feeder.sites.end());
    std::vector<std::vector<int>> groups;
    for (std::size_t begin = 0; begin < order.size();) {
        std::size_t size = static_cast<std::size_t>(mRandom.between(4, 8));
        if (order.size() - begin < size + 4)
            size = order.size() - begin; // no group smaller than four at the end
        groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(begin),
                            order.begin() + static_cast<std::ptrdiff_t>(begin + size));
        begin += size;
    }
    const int inspectors = static_cast<int>(groups.size());
    const int staffCount = mTeams + inspectors;
    SqliteStatement staff(
        db, QStringLiteral("INSERT INTO staff (uuid, updated_at, updated_by, code, name, phone, "
                           "email, role, supervisor_uuid, language, digest, capacity_per_day, "
                           "geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'zh_CN', ?, ?, ?)"));
    SqliteStatement link(
        db, QStringLiteral("INSERT INTO staff_districts (uuid, updated_at, updated_by, staff_uuid, "
                           "district_uuid, role) VALUES (?, ?, ?, ?, ?, ?)"));
    mResponsible.assign(mLayout.sites.size(), -1);
    for (int s = 0; s < staffCount; ++s) {
        const bool supervisor = s < mTeams;
        const int team = supervisor ? s : (s - mTeams) * mTeams / inspectors;
        mStaffIds.push_back(mRandom.uuid());
        char code[16], email[32];
        std::snprintf(code, sizeof code, "S%03d", s + 1);
        std::snprintf(email, sizeof email, "s%03d@example.com", s + 1);
        const double roll = mRandom.uniform();
        const char* digest = roll < 0.6 ? "daily" : roll < 0.85 ? "weekly" : roll < 0.95 ? "monthly" : "none";
        mStaffCapacity.push_back(mRandom.between(30, 60));
        const Point2& office =
            mLayout.teamOffices[static_cast<std::size_t>(team) % mLayout.teamOffices.size()];
        bindUuid(staff, 1, mStaffIds.back());
        bindText(staff, 2, mUpdatedAt);
        staff.bind(3, kUpdatedBy);
        staff.bind(4, code);
        bindText(staff, 5, personName());
        bindText(staff, 6, mobile());
        staff.bind(7, email);
        staff.bind(8, supervisor ? "supervisor" : "inspector");
        if (supervisor)
            staff.bindNull(9);
        else
            bindUuid(staff, 9, mStaffIds[static_cast<std::size_t>(team)]);
        staff.bind(10, digest);
        staff.bind(11, static_cast<std::int64_t>(mStaffCapacity.back()));
        bindBlob(staff, 12, mBlob.point(mPlane.lon(office.x), mPlane.lat(office.y), 4490));
        staff.execute();
        if (supervisor)
            continue;
        for (int district : groups[static_cast<std::size_t>(s - mTeams)]) {
            mResponsible[static_cast<std::size_t>(district)] = s;
            for (int holder : {s, team}) {
                bindUuid(link, 1, mRandom.uuid());
                bindText(link, 2, mUpdatedAt);
                link.bind(3, kUpdatedBy);
                bindUuid(link, 4, mStaffIds[static_cast<std::size_t>(holder)]);
                bindUuid(link, 5, mDistrictIds[static_cast<std::size_t>(district)]);
                link.bind(6, holder == s ? "responsible" : "supervisor");
                link.execute();
            }
        }
    }
    mSummary.staff = staffCount;
}

void Generator::writeCustomers(SqliteDatabase& db) {
    const int n = mOptions.customers;
    // Account numbers and meter numbers from a random permutation: unique,
    // but unrelated to where the customer lives (MIS numbers are messy).
    std::vector<std::uint32_t> permutation(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        permutation[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(i);
    for (int i = n - 1; i > 0; --i)
        std::swap(permutation[static_cast<std::size_t>(i)],
                  permutation[static_cast<std::size_t>(mRandom.between(0, i))]);
    const std::int64_t stride = std::clamp<std::int64_t>(90000000LL / n, 1, 97);
    const std::int64_t accountBase = mRandom.between(0, static_cast<int>(99999999 - stride * n));
    const std::int64_t meterBase = mRandom.between(0, 999999999);

    SqliteStatement insert(
        db,
        QStringLiteral("INSERT INTO customers (uuid, updated_at, updated_by, account_no, name, address, "
                       "phone, usage_category, "
                       "voltage_level, contracted_capacity, monthly_kwh, meter_asset_no, district_uuid, "
                       "feeder_uuid, status, "
                       "mis_updated_at, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    mCustomerIds = sortedUuids(mRandom, static_cast<std::size_t>(n));
    mCustomerLocation.reserve(static_cast<std::size_t>(n));
    mCustomerFlags.reserve(static_cast<std::size_t>(n));
    const QDate misEpoch(2019, 1, 1);
    const int misDays = static_cast<int>(misEpoch.daysTo(mToday)) - 30;
    std::string name, address, phone;
    char buffer[64];
    int customer = 0;
    for (std::size_t l = 0; l < mLayout.locations.size(); ++l) {
        const Location& location = mLayout.locations[l];
        const Street& street = mLayout.streets[static_cast<std::size_t>(location.street)];
        const Settlement& settlement = mLayout.settlements[static_cast<std::size_t>(street.settlement)];
        const Site& site = mLayout.sites[static_cast<std::size_t>(location.district)];
        if (location.meters > 1)
            ++mSummary.sharedLocations;
        const std::string& point = mBlob.point(mPlane.lon(location.at.x), mPlane.lat(location.at.y), 4490);
        for (int meter = 0; meter < location.meters; ++meter, ++customer) {
            std::uint8_t flags = 0;
            Category category = RES;
            switch (location.kind) {
            case LocationKind::House:
            case LocationKind::Apartment:
                category = mRandom.chance(location.kind == LocationKind::House ? 0.03 : 0.02) ? COM : RES;
                break;
            case LocationKind::Shop:
                category = COM;
                break;
            case LocationKind::Public:
                category = PUB;
                break;
            case LocationKind::Factory:
                category = IND;
                break;
            case LocationKind::Farm:
                category = AGR;
                break;
            }

            if (location.kind == LocationKind::Shop)
                name = (mRandom.chance(0.5) ? std::string(mRandom.pick(kSurnames)) + "记"
                                            : std::string("利民")) +
                       mRandom.pick(kShopKinds);
            else if (category == IND)
                name = mCounty + mRandom.pick(kCompanyWords) + mRandom.pick(kIndustryKinds);
            else if (category == PUB)
                name = settlement.town ? street.name + "路灯" : settlement.name + "村民委员会";
            else if (category == AGR)
                name = personName() + "（农灌机井）";
            else
                name = personName();

            std::snprintf(buffer, sizeof buffer, "%d号", location.houseNo);
            address = settlement.addressPrefix + street.name + buffer;
            if (location.kind == LocationKind::Apartment) {
                // Twelve flats per entrance: two per floor on six floors.
                std::snprintf(buffer, sizeof buffer, "%d单元%d室", meter / 12 + 1,
                              (meter % 12 / 2 + 1) * 100 + meter % 2 + 1);
                address += buffer;
            }

            const double phoneRoll = mRandom.uniform();
            if (phoneRoll < 0.08) {
                phone.clear();
                flags |= PhoneMissing;
            } else if (phoneRoll < 0.09) {
                phone.assign(11, static_cast<char>('0' + mRandom.between(0, 9)));
                flags |= PhoneInvalid;
            } else if (phoneRoll < 0.12) {
                std::snprintf(buffer, sizeof buffer, "0371-6%07d", mRandom.between(0, 9999999));
                phone = buffer;
            } else {
                phone = mobile();
            }

            static const char* const consistent[][2] = {{"AC220V", "AC220V"},
                                                        {"AC220V", "AC380V"},
                                                        {"AC10KV", "AC35KV"},
                                                        {"AC380V", "AC380V"},
                                                        {"AC220V", "AC380V"}};
            static const char* const inconsistent[] = {"AC10KV", "AC10KV", "AC220V", "AC10KV", "AC10KV"};
            const char* voltage = consistent[category][mRandom.chance(category == IND ? 0.1 : 0.3) ? 1 : 0];
            if (mRandom.chance(0.01)) {
                voltage = inconsistent[category];
                flags |= VoltageInconsistent;
            }

            double capacity = 0;
            double kwh = 0;
            switch (category) {
            case RES: {
                const double sizes[] = {4, 5, 6, 8, 10};
                capacity = mRandom.pick(sizes);
                kwh = std::clamp(150 * std::exp(0.5 * mRandom.normal()), 5.0, 1500.0);
                break;
            }
            case COM:
                capacity = mRandom.between(10, 100);
                kwh = 800 * std::exp(0.7 * mRandom.normal());
                break;
            case IND: {
                const double sizes[] = {250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000};
                capacity = mRandom.pick(sizes);
                kwh = capacity * 150 * std::exp(0.4 * mRandom.normal());
                break;
            }
            case AGR: {
                const double sizes[] = {7.5, 11, 15, 22, 30};
                capacity = mRandom.pick(sizes);
                kwh = 400 * std::exp(0.8 * mRandom.normal());
                break;
            }
            case PUB:
                capacity = mRandom.between(1, 20);
                kwh = 300 * std::exp(0.5 * mRandom.normal());
                break;
            }
            if (mRandom.chance(0.005)) {
                capacity = 0;
                flags |= CapacityZero;
            }
            const double statusRoll = mRandom.uniform();
            const char* status = statusRoll < 0.96 ? "active" : statusRoll < 0.99 ? "suspended" : "closed";
            if (statusRoll >= 0.96)
                kwh = 0;

            const std::uint32_t scrambled = permutation[static_cast<std::size_t>(customer)];
            const Uuid& id = mCustomerIds[static_cast<std::size_t>(customer)];
            bindUuid(insert, 1, id);
            bindText(insert, 2, mUpdatedAt);
            insert.bind(3, kUpdatedBy);
            std::snprintf(buffer, sizeof buffer, "01%08lld",
                          static_cast<long long>(accountBase + scrambled * stride));
            insert.bind(4, buffer);
            bindText(insert, 5, name);
            bindText(insert, 6, address);
            bindText(insert, 7, phone);
            insert.bind(8, kCategoryCodes[category]);
            insert.bind(9, voltage);
            insert.bind(10, capacity);
            insert.bind(11, std::round(kwh));
            if (mRandom.chance(0.01)) {
                insert.bindNull(12);
                flags |= MeterMissing;
            } else {
                std::snprintf(buffer, sizeof buffer, "3330001000100%09lld",
                              static_cast<long long>((meterBase + scrambled * 7919LL) % 1000000000LL));
                insert.bind(12, buffer);
            }
            bindUuid(insert, 13, mDistrictIds[static_cast<std::size_t>(location.district)]);
            bindUuid(insert, 14, mFeederIds[static_cast<std::size_t>(site.feeder)]);
            insert.bind(15, status);
            const QDate misDate = misEpoch.addDays(mRandom.between(0, std::max(0, misDays)));
            const std::string misUpdated = utcTimestamp(misDate, mRandom.between(8 * 3600, 18 * 3600));
            bindText(insert, 16, misUpdated);
            bindBlob(insert, 17, point);
            insert.execute();

            mCustomerLocation.push_back(static_cast<std::uint32_t>(l));
            mCustomerFlags.push_back(flags);
            if ((customer & 8191) == 0)
                checkpoint(0.08 + 0.52 * customer / n);
        }
    }
    mSummary.customers = customer;
}

void Generator::writePlansAndTasks(SqliteDatabase& db) {
    // Periodic: the half-year cycle around today; ad hoc: a line-loss check
    // two weeks ago; urgent: an arrears check this week.
    const QDate cycleStart(mToday.year(), mToday.month() >= 7 ? 7 : 1, 1);
    const std::string half = mToday.month() >= 7 ? "H2" : "H1";
    const std::string year = std::to_string(mToday.year());
    struct PlanRow {
        std::string code, name, kind;
        int cycleMonths;
        std::string cycleStart;
        int duration;
        std::string note;
    };
    const PlanRow plans[] = {
        {"ZQ" + year + half, year + (half == "H2" ? "年下半年" : "年上半年") + "客户档案周期复查", "periodic",
         6, isoDate(cycleStart), 30, "每六个月按台区轮查一次"},
        {"LS" + mToday.addDays(-21).toString(QStringLiteral("yyyyMM")).toStdString(), "高损台区专项核查",
         "adhoc", 0, std::string(), 14, "线损率异常台区"},
        {"JJ" + mToday.toString(QStringLiteral("yyyyMM")).toStdString(), "欠费风险用户紧急核查", "urgent", 0,
         std::string(), 3, "营销部紧急通知"},
    };
    SqliteStatement plan(db,
                         QStringLiteral("INSERT INTO plans (uuid, updated_at, updated_by, code, name, kind, "
                                        "cycle_months, cycle_start, duration_days, status, note) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)"));
    for (const PlanRow& row : plans) {
        mPlanIds.push_back(mRandom.uuid());
        bindUuid(plan, 1, mPlanIds.back());
        bindText(plan, 2, mUpdatedAt);
        plan.bind(3, kUpdatedBy);
        bindText(plan, 4, row.code);
        bindText(plan, 5, row.name);
        bindText(plan, 6, row.kind);
        if (row.cycleMonths > 0) {
            plan.bind(7, static_cast<std::int64_t>(row.cycleMonths));
            bindText(plan, 8, row.cycleStart);
        } else {
            plan.bindNull(7);
            plan.bindNull(8);
        }
        plan.bind(9, static_cast<std::int64_t>(row.duration));
        bindText(plan, 10, row.note);
        plan.execute();
    }
    mSummary.plans = 3;

    auto settle = [&](TaskRow& task, bool mayBeOverdue) {
        if (task.plannedEnd < mToday) {
            if (mayBeOverdue && mRandom.chance(0.08))
                task.status = mRandom.chance(0.5) ? "in_progress" : "issued";
            else
                task.status = "done";
        } else if (task.plannedStart <= mToday) {
            task.status = mRandom.chance(0.75) ? "in_progress" : "issued";
        } else {
            task.status = task.plannedStart.daysTo(mToday) >= -30 ? "issued" : "draft";
        }
        if (task.status == "done" || task.status == "in_progress") {
            task.actualStart = std::min(task.plannedStart.addDays(mRandom.between(0, 3)), mToday);
            if (task.status == "done")
                task.actualEnd = std::clamp(task.plannedEnd.addDays(mRandom.between(-5, 3)), task.actualStart,
                                            mToday.addDays(-1));
        }
    };

    // Periodic: each inspector's districts one after another over the cycle.
    std::vector<std::vector<int>> byInspector(mStaffIds.size());
    for (std::size_t d = 0; d < mResponsible.size(); ++d)
        byInspector[static_cast<std::size_t>(mResponsible[d])].push_back(static_cast<int>(d));
    const int cycleDays = static_cast<int>(cycleStart.daysTo(cycleStart.addMonths(6)));
    for (std::size_t s = 0; s < byInspector.size(); ++s) {
        const auto& districts = byInspector[s];
        for (std::size_t k = 0; k < districts.size(); ++k) {
            if (!mRandom.chance(0.9))
                continue; // checked in the previous cycle's overrun, or newly built
            TaskRow task;
            task.id = mRandom.uuid();
            task.plan = 0;
            task.district = districts[k];
            task.assignee = static_cast<int>(s);
            task.periodKey = year + half;
            task.baselineStart = cycleStart.addDays(static_cast<qint64>(cycleDays * k / districts.size()));
            task.baselineEnd = task.baselineStart.addDays(29);
            const int shift = mRandom.chance(0.1) ? mRandom.between(3, 10) : 0; // rescheduled
            task.plannedStart = task.baselineStart.addDays(shift);
            task.plannedEnd = task.baselineEnd.addDays(shift);
            settle(task, true);
            mTasks.push_back(task);
        }
    }
    // At least one overdue task, so the reminders have something to say.
    const bool anyOverdue = std::any_of(mTasks.begin(), mTasks.end(), [&](const TaskRow& t) {
        return t.plannedEnd < mToday && t.status != "done";
    });
    if (!anyOverdue)
        for (TaskRow& task : mTasks)
            if (task.plannedEnd < mToday) {
                task.status = "in_progress";
                task.actualEnd = QDate();
                break;
            }

    // Ad hoc and urgent plans on a few random districts.
    const int districts = static_cast<int>(mDistrictIds.size());
    const int adhoc = std::max(1, districts / 20);
    for (int k = 0; k < adhoc + std::min(2, districts); ++k) {
        const bool urgent = k >= adhoc;
        TaskRow task;
        task.id = mRandom.uuid();
        task.plan = urgent ? 2 : 1;
        task.district = mRandom.between(0, districts - 1);
        task.assignee = mResponsible[static_cast<std::size_t>(task.district)];
        task.urgent = urgent;
        const QDate start = urgent ? mToday.addDays(-1) : mToday.addDays(-21);
        task.periodKey = start.toString(QStringLiteral("yyyy-MM")).toStdString();
        task.plannedStart = task.baselineStart = start;
        task.plannedEnd = task.baselineEnd = start.addDays(urgent ? 2 : 13);
        const bool duplicate = std::any_of(mTasks.begin(), mTasks.end(), [&](const TaskRow& t) {
            return t.plan == task.plan && t.district == task.district;
        });
        if (duplicate)
            continue;
        settle(task, false);
        if (urgent && k == adhoc) { // the urgent work has started
            task.status = "in_progress";
            task.actualStart = start;
        }
        mTasks.push_back(task);
    }

    SqliteStatement insert(
        db,
        QStringLiteral(
            "INSERT INTO tasks (uuid, updated_at, updated_by, plan_uuid, district_uuid, assignee_uuid, "
            "status, priority, "
            "period_key, planned_start, planned_end, baseline_start, baseline_end, actual_start, actual_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const TaskRow& task : mTasks) {
        bindUuid(insert, 1, task.id);
        bindText(insert, 2, mUpdatedAt);
        insert.bind(3, kUpdatedBy);
        bindUuid(insert, 4, mPlanIds[static_cast<std::size_t>(task.plan)]);
        bindUuid(insert, 5, mDistrictIds[static_cast<std::size_t>(task.district)]);
        bindUuid(insert, 6, mStaffIds[static_cast<std::size_t>(task.assignee)]);
        bindText(insert, 7, task.status);
        insert.bind(8, task.urgent ? "urgent" : "normal");
        bindText(insert, 9, task.periodKey);
        const QDate dates[] = {task.plannedStart, task.plannedEnd,  task.baselineStart,
                               task.baselineEnd,  task.actualStart, task.actualEnd};
        for (int k = 0; k < 6; ++k) {
            if (dates[k].isValid())
                bindText(insert, 10 + k, isoDate(dates[k]));
            else
                insert.bindNull(10 + k);
        }
        insert.execute();
    }
    mSummary.tasks = static_cast<int>(mTasks.size());
}

// Scope: every customer of each tasked district. Visits: the first part of
// that scope (in street order, as an inspector walks it) for tasks under
// way or done, spread over the working days with a GPS fix near the house.
void Generator::writeScopeAndVisits(SqliteDatabase& db) {
    const std::size_t districts = mDistrictIds.size();
    std::vector<std::uint32_t> start(districts + 1, 0);
    for (std::uint32_t location : mCustomerLocation)
        ++start[static_cast<std::size_t>(mLayout.locations[location].district) + 1];
    for (std::size_t d = 0; d < districts; ++d)
        start[d + 1] += start[d];
    std::vector<std::uint32_t> members(mCustomerLocation.size());
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::size_t c = 0; c < mCustomerLocation.size(); ++c)
            members[fill[static_cast<std::size_t>(mLayout.locations[mCustomerLocation[c]].district)]++] =
                static_cast<std::uint32_t>(c);
    }

    SqliteStatement scope(db,
                          QStringLiteral("INSERT INTO task_scope (uuid, updated_at, updated_by, task_uuid, "
                                         "customer_uuid) VALUES (?, ?, ?, ?, ?)"));
    SqliteStatement visit(db,
                          QStringLiteral("INSERT INTO visits (uuid, updated_at, updated_by, task_uuid, "
                                         "customer_uuid, staff_uuid, visited_at, result, "
                                         "note, gps_time, gps_accuracy_m, gps_satellites, distance_m, geom) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    SqliteStatement archived(
        db, QStringLiteral("SELECT phone, address, name, usage_category, voltage_level, "
                           "meter_asset_no, contracted_capacity FROM customers WHERE uuid = ?"));
    SqliteStatement discrepancy(db, QStringLiteral("INSERT INTO discrepancies (uuid, updated_at, updated_by, "
                                                   "visit_uuid, customer_uuid, field, archive_value, "
                                                   "observed_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));

    // How much of each task's scope has been visited, decided up front so
    // that the visits' uuids can be drawn (sorted) before they are written.
    struct Progress {
        std::uint32_t visits = 0;
        double minutesApart = 0;
    };
    std::vector<Progress> progress(mTasks.size());
    std::size_t scopeTotal = 0, visitTotal = 0;
    for (std::size_t t = 0; t < mTasks.size(); ++t) {
        const TaskRow& task = mTasks[t];
        const std::uint32_t size = start[static_cast<std::size_t>(task.district) + 1] -
                                   start[static_cast<std::size_t>(task.district)];
        scopeTotal += size;
        if (!task.actualStart.isValid())
            continue;
        double share = 0.97;
        if (!task.actualEnd.isValid()) {
            const double elapsed =
                static_cast<double>(task.actualStart.daysTo(mToday)) /
                static_cast<double>(std::max<qint64>(1, task.actualStart.daysTo(task.plannedEnd) + 1));
            share = std::clamp(elapsed, 0.05, 0.9) * mRandom.uniform(0.7, 1.0);
        }
        progress[t].visits = static_cast<std::uint32_t>(std::lround(share * size));
        progress[t].minutesApart = mRandom.uniform(3, 8);
        visitTotal += progress[t].visits;
    }
    const std::vector<Uuid> scopeIds = sortedUuids(mRandom, scopeTotal);
    const std::vector<Uuid> visitIds = sortedUuids(mRandom, visitTotal);
    std::size_t scopeDone = 0, visitDone = 0;
    std::string visitedAt;
    for (std::size_t t = 0; t < mTasks.size(); ++t) {
        const TaskRow& task = mTasks[t];
        const std::uint32_t first = start[static_cast<std::size_t>(task.district)];
        const std::uint32_t last = start[static_cast<std::size_t>(task.district) + 1];
        for (std::uint32_t m = first; m < last; ++m) {
            bindUuid(scope, 1, scopeIds[scopeDone]);
            bindText(scope, 2, mUpdatedAt);
            scope.bind(3, kUpdatedBy);
            bindUuid(scope, 4, task.id);
            bindUuid(scope, 5, mCustomerIds[members[m]]);
            scope.execute();
            if ((++scopeDone & 8191) == 0)
                checkpoint(0.6 + 0.35 * static_cast<double>(scopeDone) / static_cast<double>(scopeTotal));
        }
        const std::uint32_t count = progress[t].visits;
        if (count == 0)
            continue;
        const QDate end = task.actualEnd.isValid() ? task.actualEnd : mToday;
        const int days = static_cast<int>(task.actualStart.daysTo(end)) + 1;
        const int perDay = std::max<int>(1, static_cast<int>((count + days - 1) / days));
        const double minutesApart = std::min(progress[t].minutesApart, 540.0 / perDay);
        for (std::uint32_t k = 0; k < count; ++k) {
            const std::uint32_t c = members[first + k];
            const Location& location = mLayout.locations[mCustomerLocation[c]];
            const std::uint8_t flags = mCustomerFlags[c];
            const QDate day = task.actualStart.addDays(static_cast<qint64>(k) * days / count);
            const int withinDay = static_cast<int>(k % static_cast<std::uint32_t>(perDay));
            visitedAt = utcTimestamp(day, 8 * 3600 + 1800 + static_cast<int>(withinDay * minutesApart * 60) +
                                              mRandom.between(0, 59));

            const char* result = "ok";
            const double roll = mRandom.uniform();
            if (flags != 0 ? roll < 0.7 : roll < 0.05)
                result = "discrepancy";
            else if (roll > 0.97)
                result = "unreachable";
            else if (roll > 0.955)
                result = "refused";

            // Mostly a good fix at the door; now and then one from the road
            // or the office, 60–200 m away (the check-in review flags those).
            Point2 fix = location.at;
            double accuracy = 0;
            int satellites = 0;
            if (mRandom.chance(0.03)) {
                const double angle = mRandom.uniform(0, 6.283185307179586), far = mRandom.uniform(60, 200);
                fix.x += far * std::cos(angle);
                fix.y += far * std::sin(angle);
                accuracy = mRandom.uniform(15, 60);
                satellites = mRandom.between(4, 8);
            } else {
                fix.x += 3 * mRandom.normal();
                fix.y += 3 * mRandom.normal();
                accuracy = mRandom.uniform(3, 12);
                satellites = mRandom.between(7, 20);
            }
            const Uuid& id = visitIds[visitDone++];
            bindUuid(visit, 1, id);
            bindText(visit, 2, mUpdatedAt);
            visit.bind(3, kUpdatedBy);
            bindUuid(visit, 4, task.id);
            bindUuid(visit, 5, mCustomerIds[c]);
            bindUuid(visit, 6, mStaffIds[static_cast<std::size_t>(task.assignee)]);
            bindText(visit, 7, visitedAt);
            visit.bind(8, result);
            if (std::strcmp(result, "unreachable") == 0)
                visit.bind(9, "家中无人，已留联系卡");
            else if (std::strcmp(result, "refused") == 0)
                visit.bind(9, "用户拒绝核查");
            else
                visit.bindNull(9);
            bindText(visit, 10, visitedAt);
            visit.bind(11, std::round(accuracy * 10) / 10);
            visit.bind(12, static_cast<std::int64_t>(satellites));
            visit.bind(13, std::round(distance(fix, location.at) * 100) / 100);
            bindBlob(visit, 14, mBlob.point(mPlane.lon(fix.x), mPlane.lat(fix.y), 4326));
            visit.execute();
            ++mSummary.visits;
            if (std::strcmp(result, "discrepancy") != 0)
                continue;

            // What differs: the planted error if there is one, else a change
            // in the field (new phone, new householder, a shop opened).
            bindUuid(archived, 1, mCustomerIds[c]);
            if (!archived.step())
                throw RecheckError("demo county: a visited customer is missing",
                                   RecheckError::Kind::Database);
            const QString phone = archived.text(0), address = archived.text(1), name = archived.text(2);
            const QString category = archived.text(3), voltage = archived.text(4), meter = archived.text(5);
            archived.reset();
            QString field, archiveValue, observed;
            const double which = mRandom.uniform();
            if (flags & (PhoneMissing | PhoneInvalid)) {
                field = QStringLiteral("phone"), archiveValue = phone,
                observed = QString::fromStdString(mobile());
            } else if (flags & MeterMissing) {
                field = QStringLiteral("meter_asset_no"),
                observed = QStringLiteral("3330001000100%1")
                               .arg(mRandom.between(0, 999999999), 9, 10, QLatin1Char('0'));
            } else if (flags & CapacityZero) {
                field = QStringLiteral("contracted_capacity"), archiveValue = QStringLiteral("0"),
                observed = category == QLatin1String("RES") ? QStringLiteral("8") : QStringLiteral("50");
            } else if (flags & VoltageInconsistent) {
                field = QStringLiteral("voltage_level"), archiveValue = voltage,
                observed =
                    category == QLatin1String("IND") ? QStringLiteral("AC10KV") : QStringLiteral("AC220V");
            } else if (which < 0.5) {
                field = QStringLiteral("phone"), archiveValue = phone,
                observed = QString::fromStdString(mobile());
            } else if (which < 0.7) {
                field = QStringLiteral("name"), archiveValue = name,
                observed = QString::fromStdString(personName()); // householder changed
            } else if (which < 0.85) {
                field = QStringLiteral("address"), archiveValue = address,
                observed = address + QStringLiteral("（门牌已改）");
            } else if (which < 0.95 || meter.isEmpty()) {
                field = QStringLiteral("usage_category"), archiveValue = category,
                observed = category == QLatin1String("RES") ? QStringLiteral("COM") : QStringLiteral("RES");
            } else {
                field = QStringLiteral("meter_asset_no"), archiveValue = meter,
                observed = QStringLiteral("3330001000100%1")
                               .arg(mRandom.between(0, 999999999), 9, 10, QLatin1Char('0'));
            }
            bindUuid(discrepancy, 1, mRandom.uuid());
            bindText(discrepancy, 2, mUpdatedAt);
            discrepancy.bind(3, kUpdatedBy);
            bindUuid(discrepancy, 4, id);
            bindUuid(discrepancy, 5, mCustomerIds[c]);
            discrepancy.bind(6, field);
            discrepancy.bind(7, archiveValue);
            discrepancy.bind(8, observed);
            discrepancy.execute();
        }
    }
}

void Generator::writeRoads(SqliteDatabase& db) {
    SqliteStatement insert(
        db, QStringLiteral("INSERT INTO roads (name, road_class, oneway, geom) VALUES (?, ?, ?, ?)"));
    for (const Street& street : mLayout.streets) {
        bindText(insert, 1, street.name);
        insert.bind(2, street.roadClass);
        insert.bind(3, static_cast<std::int64_t>(street.oneway));
        bindBlob(insert, 4, mBlob.line(street.points, mPlane, 4490));
        insert.execute();
    }
    mSummary.roads = static_cast<int>(mLayout.streets.size());
    checkpoint(0.98);
}

// Per-row work the bulk load can do in one pass at the end instead.
// SpatiaLite guards every geometry table with triggers that run per row (a
// geometry-type check, a last-insert timestamp, and the R*Tree update whose
// RTreeAlign() prepares an SQL statement on every call); the schema's plain
// indexes cost a random B-tree insert per row where CREATE INDEX sorts once.
// Both are dropped for the load and recreated from their own SQL after it;
// the R*Trees are packed in one pass each (SpatialIndexLoader). All of it inside the
// load's transaction, so a failure rolls everything back.
class BulkLoadSuspension {
public:
    explicit BulkLoadSuspension(SqliteDatabase& db) : mDb(db) {
        SqliteStatement objects(
            db, QStringLiteral(
                    "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
                    "(type = 'trigger' AND tbl_name IN (SELECT f_table_name FROM geometry_columns)) OR "
                    "(type = 'index' AND tbl_name IN ('customers', 'task_scope', 'visits', 'discrepancies', "
                    "'tasks'))) "
                    "ORDER BY type, name"));
        while (objects.step())
            mObjects.push_back({objects.text(0), objects.text(1)});
        for (const Object& object : mObjects)
            mDb.exec(QStringLiteral("DROP %1 \"%2\"")
                         .arg(object.sql.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive)
                                  ? QStringLiteral("TRIGGER")
                                  : QStringLiteral("INDEX"),
                              object.name));
    }

    void resume() {
        for (const Object& object : mObjects)
            mDb.exec(object.sql);
        SqliteStatement tables(mDb,
                               QStringLiteral("SELECT f_table_name, f_geometry_column FROM geometry_columns "
                                              "WHERE spatial_index_enabled = 1 ORDER BY f_table_name"));
        std::vector<std::pair<QString, QString>> indexed;
        while (tables.step())
            indexed.emplace_back(tables.text(0), tables.text(1));
        for (const auto& [table, column] : indexed)
            SpatialIndexLoader::load(mDb, table, column);
    }

private:
    struct Object {
        QString name;
        QString sql;
    };
    SqliteDatabase& mDb;
    std::vector<Object> mObjects;
};

void removeArchiveFiles(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

} // namespace

DemoCountyGenerator::DemoCountyGenerator(DemoCountyOptions options) : mOptions(std::move(options)) {}

DemoCountySummary DemoCountyGenerator::generate(const QString& path,
                                                const std::function<bool(double)>& progress) {
    QElapsedTimer timer;
    timer.start();
    if (mOptions.customers < 1 || mOptions.districts < 1 || mOptions.districts > mOptions.customers ||
        mOptions.customers > 50000000 || mOptions.countyName.trimmed().isEmpty())
        throw RecheckError(
            QStringLiteral("demo county: need 1 ≤ districts ≤ customers ≤ 50 000 000 and a county "
                           "name (got %1 customers, %2 districts)")
                .arg(mOptions.customers)
                .arg(mOptions.districts)
                .toStdString(),
            RecheckError::Kind::InvalidInput);
    if (QFileInfo::exists(path))
        throw RecheckError(
            QStringLiteral("%1: file exists; refusing to overwrite it").arg(path).toStdString(),
            RecheckError::Kind::Io);
    // A .partial beside the target is a previous run's remains, never an archive.
    const QString partial = path + QStringLiteral(".partial");
    removeArchiveFiles(partial);

    DemoCountySummary summary;
    try {
        Archive::CreateOptions create;
        create.role = ArchiveInfo::Role::Master;
        create.srid = 4490;
        create.name = mOptions.countyName;
        create.createdBy = QString::fromLatin1(kUpdatedBy);
        Archive archive = Archive::create(partial, create);
        SqliteDatabase& db = archive.db();
        // The file is not an archive until renamed: durability per statement
        // buys nothing here, a big page cache buys the bulk load its speed.
        db.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        db.exec(QStringLiteral("PRAGMA journal_mode = MEMORY"));
        db.exec(QStringLiteral("PRAGMA cache_size = -262144"));
        // Every reference is built from the generator's own arrays; checking
        // each one costs an index probe per row (the tests run
        // foreign_key_check on the result instead).
        db.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
        SqliteTransaction transaction(db);
        ChangeCaptureSuspension suspension(db);
        BulkLoadSuspension bulkLoad(db);
        Generator generator(mOptions, progress);
        summary = generator.run(db);
        bulkLoad.resume();
        suspension.resume();
        // The load ran without the search triggers (dropped with the spatial ones).
        SearchIndex::rebuild(db);
        transaction.commit();
        db.exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
        db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    } catch (const Cancelled&) {
        removeArchiveFiles(partial);
        return DemoCountySummary();
    } catch (...) {
        removeArchiveFiles(partial);
        throw;
    }
    if (!QFile::rename(partial, path)) {
        removeArchiveFiles(partial);
        throw RecheckError(
            QStringLiteral("%1: cannot move the generated archive into place").arg(path).toStdString(),
            RecheckError::Kind::Io);
    }
    summary.path = path;
    summary.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (progress)
        progress(1.0);
    return summary;
}

} // namespace recheck
