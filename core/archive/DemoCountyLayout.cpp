#include "DemoCountyLayout.h"

#include "common/RecheckError.h"

#include <geos_c.h>

#include <QString>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>
#include <set>
#include <tuple>

namespace recheck::demo {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Village names are a surname plus a place word (张庄, 李楼, 王集): the way
// villages on the Henan plain are named after the founding family.
const char* const kVillageSurnames[] = {
    "张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何",
    "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许",
    "傅", "沈", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "潘", "杜", "戴",
    "夏", "田", "任", "姜", "范", "方", "石", "姚", "孟", "侯", "邵", "史", "常", "武", "乔", "贺", "毛",
};
const char* const kVillageSuffixes[] = {"庄", "楼", "集", "营", "寨", "店", "屯", "村", "湾",
                                        "岗", "庙", "桥", "坡", "园", "铺", "河", "洼"};
const char* const kVillagePrefixes[] = {"前", "后", "东", "西", "南", "北", "大", "小", "新", "老"};

const char* const kTownNames[] = {"朱集镇", "王店镇", "李寨镇", "高庙镇",
                                  "柳林镇", "石桥镇", "马头镇", "白沙镇"};

const char* const kTownStreetNames[] = {
    "人民路", "解放路", "建设路", "文化路", "中山路", "新华路", "和平路", "胜利路", "健康路", "幸福路",
    "长江路", "黄河路", "东关街", "西关街", "南关街", "北关街", "光明路", "振兴路", "迎宾路", "育才路",
    "友谊路", "团结路", "商业街", "民主路", "朝阳路", "青年路", "春风路", "花园路", "复兴路", "太行路",
    "嵩山路", "淮河路", "红旗路", "车站路", "府前街", "鼓楼街", "书院街", "丰收路", "滨河路", "永安街",
};

// One settlement in its own frame (metres around its centre) before it is
// placed in the county.
struct Draft {
    Settlement settlement;
    std::vector<Street> streets;
    std::vector<Location> locations; ///< street = index into `streets`
};

Point2 add(const Point2& a, const Point2& b) {
    return {a.x + b.x, a.y + b.y};
}
Point2 along(const Point2& origin, const Point2& direction, double t) {
    return {origin.x + direction.x * t, origin.y + direction.y * t};
}

double boundaryRadius(double nominal, const double (&phase)[4], double angle) {
    return nominal * (1.0 + 0.06 * std::sin(angle + phase[0]) + 0.07 * std::sin(2 * angle + phase[1]) +
                      0.04 * std::sin(3 * angle + phase[2]) + 0.02 * std::sin(5 * angle + phase[3]));
}

// Places houses along one side of a straight street, 10–30 m apart, 8–20 m
// off the street: close enough for a route planner to snap them to it.
class StreetFiller {
public:
    StreetFiller(DemoRandom& random, Draft& draft, int& remaining)
        : mRandom(random), mDraft(draft), mRemaining(remaining) {}

    /// Returns how far along the street the last house stands (0: none).
    double fillSide(int street, const Point2& start, const Point2& direction, double from, double to,
                    int side, const std::vector<double>& keepClear, double shopShare, bool firstIsPublic) {
        const Point2 normal{-direction.y * side, direction.x * side};
        double last = 0;
        int number = side > 0 ? 1 : 2;
        for (double t = from + mRandom.uniform(0, 8); t < to && mRemaining > 0;
             t += mRandom.uniform(10, 30)) {
            const bool blocked = std::any_of(keepClear.begin(), keepClear.end(),
                                             [t](double clear) { return std::abs(t - clear) < 12; });
            if (blocked)
                continue;
            Location location;
            location.at =
                along(along(start, direction, t + mRandom.uniform(-2, 2)), normal, mRandom.uniform(8, 20));
            location.street = street;
            location.houseNo = static_cast<std::uint16_t>(number);
            number += 2;
            if (firstIsPublic) {
                location.kind = LocationKind::Public;
                firstIsPublic = false;
            } else if (mRandom.chance(0.006)) {
                location.kind = LocationKind::Farm;
            } else if (mRandom.chance(shopShare)) {
                location.kind = LocationKind::Shop;
            } else {
                location.kind = LocationKind::House;
                // A yard shared by several households: one coordinate, 2–4 meters.
                if (mRandom.chance(0.04))
                    location.meters = static_cast<std::uint8_t>(mRandom.between(2, 4));
            }
            location.meters = static_cast<std::uint8_t>(std::min<int>(location.meters, mRemaining));
            mRemaining -= location.meters;
            mDraft.locations.push_back(location);
            last = t;
        }
        return last;
    }

private:
    DemoRandom& mRandom;
    Draft& mDraft;
    int& mRemaining;
};

class LayoutBuilder {
public:
    LayoutBuilder(int customers, int districts, int teams, std::string county, DemoRandom& random)
        : mCustomers(customers), mDistricts(districts), mTeams(teams), mCounty(std::move(county)),
          mRandom(random) {}

    CountyLayout build();

private:
    std::string uniqueVillageName();
    Draft draftVillage(int budget);
    Draft draftTown(const std::string& name, int budget, int factories, bool main);
    void placeSettlements(std::vector<Draft>& drafts);
    void connectSettlements();
    void placeSites();
    void assignDistricts();
    void buildFeeders();

    int mCustomers;
    int mDistricts;
    int mTeams;
    std::string mCounty;
    DemoRandom& mRandom;
    CountyLayout mLayout;
    std::set<std::string> mVillageNames;
    double mPhase[4] = {0, 0, 0, 0};
};

std::string LayoutBuilder::uniqueVillageName() {
    for (int attempt = 0;; ++attempt) {
        std::string name = std::string(mRandom.pick(kVillageSurnames)) + mRandom.pick(kVillageSuffixes);
        if (attempt > 20)
            name = std::string(mRandom.pick(kVillagePrefixes)) + name;
        if (attempt > 200)
            name += chineseNumber(attempt);
        if (mVillageNames.insert(name).second)
            return name;
    }
}

// A fishbone village: one main street (two crossing ones when large) with
// lanes branching off it; houses along all of them.
Draft LayoutBuilder::draftVillage(int budget) {
    const std::string name = uniqueVillageName();
    for (double scale = 1.0;; scale *= 1.3) {
        Draft draft;
        draft.settlement.name = name;
        draft.settlement.shortName = name;
        draft.settlement.addressPrefix = mCounty;
        draft.settlement.customers = budget;
        int remaining = budget;
        StreetFiller filler(mRandom, draft, remaining);

        const double angle = mRandom.uniform(0, kPi);
        const Point2 direction{std::cos(angle), std::sin(angle)};
        const Point2 across{-direction.y, direction.x};
        const bool twoMains = budget > 700;
        const double laneMax = std::clamp(80 + budget / 8.0, 100.0, 300.0);
        const double housesPerMetre = 0.1 + 4 * ((60 + laneMax) / 2 - 22) / 20 / 80;
        const double mainLength = std::clamp(budget / 1.05 / housesPerMetre * scale, 200.0, 6000.0);
        const double half = mainLength / 2;
        const Point2 centre{0, 0};

        // Junctions (lane starts) alternate outwards from the centre so the
        // lanes nearest the centre are filled first.
        std::vector<double> junctions;
        for (double t = mRandom.uniform(60, 100); t < half - 30; t += mRandom.uniform(60, 100)) {
            junctions.push_back(t);
            junctions.push_back(-t);
        }
        std::vector<double> mainVertices = junctions;
        mainVertices.push_back(-half);
        mainVertices.push_back(half);
        if (twoMains)
            mainVertices.push_back(0);
        std::sort(mainVertices.begin(), mainVertices.end());
        // Computed once and copied, so a lane's first point is bit-identical
        // to the main street's vertex it starts at (a routing graph node).
        std::vector<Point2> mainPoints;
        for (double t : mainVertices)
            mainPoints.push_back(along(centre, direction, t));
        auto mainPointAt = [&](double t) {
            const auto it = std::lower_bound(mainVertices.begin(), mainVertices.end(), t);
            return mainPoints[static_cast<std::size_t>(it - mainVertices.begin())];
        };

        Street main;
        main.name = name + "村主街";
        main.roadClass = "secondary";
        main.points = mainPoints;
        draft.streets.push_back(main);
        // Keep the mouths of the lanes (and the crossing) free of houses;
        // fillSide measures from the street's start, hence the shift.
        std::vector<double> mainClear;
        for (double t : junctions)
            mainClear.push_back(t + half);
        if (twoMains)
            mainClear.push_back(half);
        for (int side : {1, -1})
            filler.fillSide(0, mainPoints.front(), direction, 5, mainLength - 5, side, mainClear, 0.04,
                            side == 1);
        draft.settlement.gateways = {mainPoints.front(), mainPoints.back()};

        if (twoMains) {
            const double half2 = half * mRandom.uniform(0.4, 0.7);
            Street second;
            second.name = name + "村中心街";
            second.roadClass = "residential";
            second.points = {along(centre, across, -half2), mainPointAt(0), along(centre, across, half2)};
            draft.streets.push_back(second);
            const int index = static_cast<int>(draft.streets.size()) - 1;
            const std::vector<double> clearCrossing = {half2 - 10, half2, half2 + 10};
            for (int side : {1, -1})
                filler.fillSide(index, second.points.front(), across, 5, 2 * half2 - 5, side, clearCrossing,
                                0.03, false);
            draft.settlement.gateways.push_back(second.points.front());
            draft.settlement.gateways.push_back(second.points.back());
        }

        int laneNumber = 0;
        for (double t : junctions) {
            for (int side : {1, -1}) {
                if (remaining == 0)
                    break;
                const Point2 start = mainPointAt(t);
                const Point2 laneDirection{across.x * side, across.y * side};
                const double length = mRandom.uniform(60, laneMax);
                Street lane;
                lane.name = name + "村" + chineseNumber(laneNumber + 1) + "巷";
                lane.points = {start};
                draft.streets.push_back(lane);
                const int index = static_cast<int>(draft.streets.size()) - 1;
                double last = 0;
                for (int houseSide : {1, -1})
                    last = std::max(last, filler.fillSide(index, start, laneDirection, 28, length - 5,
                                                          houseSide, {}, 0.005, false));
                if (last == 0) {
                    draft.streets.pop_back();
                    continue;
                }
                draft.streets.back().points.push_back(
                    along(start, laneDirection, std::min(length, last + 10)));
                ++laneNumber;
            }
        }
        if (remaining > 0)
            continue; // streets too short for the budget: lay the village out larger

        double radius = 0;
        for (const Street& street : draft.streets)
            for (const Point2& p : street.points)
                radius = std::max(radius, distance(p, centre));
        draft.settlement.radius = radius + 30;
        return draft;
    }
}

// A town: a grid of streets, apartment buildings and shops along the block
// edges; the main town also has an industrial road with its factories.
Draft LayoutBuilder::draftTown(const std::string& name, int budget, int factories, bool main) {
    std::vector<std::string> names(std::begin(kTownStreetNames), std::end(kTownStreetNames));
    for (std::size_t i = names.size(); i > 1; --i)
        std::swap(names[i - 1], names[static_cast<std::size_t>(mRandom.between(0, static_cast<int>(i) - 1))]);
    for (double scale = 1.0;; scale *= 1.25) {
        Draft draft;
        draft.settlement.name = name;
        draft.settlement.shortName = name.substr(0, name.size() - std::string("镇").size());
        draft.settlement.addressPrefix = mCounty + name;
        draft.settlement.town = true;
        draft.settlement.customers = budget + factories;
        int remaining = budget;

        const double block = mRandom.uniform(160, 220);
        const int blocks = std::max(1, static_cast<int>(std::ceil(std::sqrt(budget / 450.0 * scale))));
        const double half = blocks * block / 2;
        std::vector<std::vector<Point2>> grid(static_cast<std::size_t>(blocks + 1));
        for (int i = 0; i <= blocks; ++i)
            for (int j = 0; j <= blocks; ++j)
                grid[static_cast<std::size_t>(i)].push_back({-half + i * block, -half + j * block});
        auto at = [&](int i, int j) {
            return grid[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
        };

        // Streets 0..blocks run east-west (index j), blocks+1.. north-south (index i).
        auto streetClass = [&](int index) {
            if (index == blocks / 2)
                return "primary";
            if (index == 0 || index == blocks || index % 2 == 0)
                return "secondary";
            return "residential";
        };
        for (int direction = 0; direction < 2; ++direction) {
            for (int k = 0; k <= blocks; ++k) {
                Street street;
                const std::size_t n = static_cast<std::size_t>(direction * (blocks + 1) + k);
                if (n < names.size())
                    street.name = names[n];
                else
                    street.name = (direction == 0 ? "纬" : "经") + chineseNumber(k + 1) + "路";
                street.roadClass = streetClass(k);
                for (int m = 0; m <= blocks; ++m)
                    street.points.push_back(direction == 0 ? at(m, k) : at(k, m));
                draft.streets.push_back(street);
                draft.settlement.gateways.push_back(street.points.front());
                draft.settlement.gateways.push_back(street.points.back());
            }
        }
        // A few one-way streets in opposite directions, as town centres have.
        if (blocks >= 4) {
            for (int direction = 0; direction < 2; ++direction) {
                Street& first = draft.streets[static_cast<std::size_t>(direction * (blocks + 1) + 1)];
                Street& last = draft.streets[static_cast<std::size_t>(direction * (blocks + 1) + blocks - 1)];
                first.oneway = 1;
                last.oneway = 1;
                std::reverse(last.points.begin(), last.points.end());
            }
        }

        std::vector<std::pair<int, int>> order;
        for (int i = 0; i < blocks; ++i)
            for (int j = 0; j < blocks; ++j)
                order.emplace_back(i, j);
        auto centreDistance = [&](const std::pair<int, int>& b) {
            const double x = -half + (b.first + 0.5) * block, y = -half + (b.second + 0.5) * block;
            return x * x + y * y;
        };
        std::stable_sort(order.begin(), order.end(),
                         [&](const auto& a, const auto& b) { return centreDistance(a) < centreDistance(b); });

        for (const auto& [bi, bj] : order) {
            struct Edge {
                int street;
                Point2 start;
                Point2 direction;
                Point2 inward;
                int parity; ///< 1: odd numbers on this side
            };
            const Edge edges[] = {
                {bj, at(bi, bj), {1, 0}, {0, 1}, 1},
                {bj + 1, at(bi, bj + 1), {1, 0}, {0, -1}, 2},
                {blocks + 1 + bi, at(bi, bj), {0, 1}, {1, 0}, 1},
                {blocks + 1 + bi + 1, at(bi + 1, bj), {0, 1}, {-1, 0}, 2},
            };
            for (const Edge& edge : edges) {
                const bool primary =
                    std::string(draft.streets[static_cast<std::size_t>(edge.street)].roadClass) == "primary";
                double t = 15;
                while (remaining > 0) {
                    Location location;
                    const double roll = mRandom.uniform();
                    double width = 0;
                    if (roll < (primary ? 0.42 : 0.08)) {
                        location.kind = LocationKind::Shop;
                        width = mRandom.uniform(8, 12);
                    } else if (roll < (primary ? 0.87 : 0.80)) {
                        location.kind = LocationKind::Apartment;
                        location.meters = static_cast<std::uint8_t>(mRandom.between(6, 60));
                        width = mRandom.uniform(25, 45);
                    } else if (roll < (primary ? 0.90 : 0.82)) {
                        location.kind = LocationKind::Public;
                        width = 15;
                    } else {
                        location.kind = LocationKind::House;
                        location.meters =
                            static_cast<std::uint8_t>(mRandom.chance(0.25) ? mRandom.between(2, 4) : 1);
                        width = mRandom.uniform(12, 18);
                    }
                    if (t + width > block - 15)
                        break;
                    const double middle = t + width / 2;
                    location.at = along(along(edge.start, edge.direction, middle), edge.inward,
                                        mRandom.uniform(10, 20));
                    location.street = edge.street;
                    // Numbers grow along the street, odd on one side, even on the other.
                    const double fromStreetStart =
                        (edge.direction.x > 0 ? edge.start.x : edge.start.y) + half + middle;
                    location.houseNo =
                        static_cast<std::uint16_t>(2 * static_cast<int>(fromStreetStart / 6) + edge.parity);
                    location.meters = static_cast<std::uint8_t>(std::min<int>(location.meters, remaining));
                    remaining -= location.meters;
                    draft.locations.push_back(location);
                    t += width;
                }
            }
            if (remaining == 0)
                break;
        }
        if (remaining > 0)
            continue;

        if (main) {
            // Industrial roads leave the grid's east and west ends, at most 40
            // factories each; the factories are the large-industry customers.
            const int roads = std::min(2 * (blocks + 1), (factories + 39) / 40);
            const int perRoad = (factories + roads - 1) / roads;
            for (int road = 0, placed = 0; road < roads; ++road) {
                const int count = std::min(perRoad, factories - placed);
                const bool east = road % 2 == 0;
                // Rows used from the centre outwards: 0, +1, -1, +2, ...
                const int pair = road / 2;
                const int j = std::clamp(blocks / 2 + (pair + 1) / 2 * (pair % 2 == 1 ? 1 : -1), 0, blocks);
                const Point2 start = at(east ? blocks : 0, j);
                const Point2 direction{east ? 1.0 : -1.0, 0};
                Street industrial;
                industrial.name = road == 0 ? std::string("工业路") : "工业" + chineseNumber(road + 1) + "路";
                industrial.roadClass = "secondary";
                industrial.points = {start, along(start, direction, 200 + count * 55.0)};
                draft.streets.push_back(industrial);
                const int index = static_cast<int>(draft.streets.size()) - 1;
                double t = 60;
                for (int k = 0; k < count; ++k, ++placed) {
                    Location factory;
                    factory.kind = LocationKind::Factory;
                    factory.street = index;
                    const int side = k % 2 == 0 ? 1 : -1;
                    factory.at = along(start, direction, t);
                    factory.at.y += side * mRandom.uniform(15, 25);
                    factory.houseNo = static_cast<std::uint16_t>(2 * (k / 2) + (side > 0 ? 1 : 2));
                    draft.locations.push_back(factory);
                    t += mRandom.uniform(40, 70);
                }
                draft.settlement.gateways.push_back(industrial.points.back());
            }
            // Team offices and the county substation near the centre.
            const Point2 middle = at(blocks / 2, blocks / 2);
            for (int k = 0; k < mTeams; ++k)
                mLayout.teamOffices.push_back({middle.x + 30 + 25 * (k % 3), middle.y + 30 + 25 * (k / 3)});
            mLayout.substations.push_back({"城关变电站", add(at(0, 0), {-120, -120})});
        }

        double radius = 0;
        for (const Street& street : draft.streets)
            for (const Point2& p : street.points)
                radius = std::max(radius, distance(p, {0, 0}));
        draft.settlement.radius = radius + 30;
        return draft;
    }
}

// Places the drafts without overlap inside a county large enough for them,
// then copies them into the layout in county coordinates.
void LayoutBuilder::placeSettlements(std::vector<Draft>& drafts) {
    double builtArea = 0;
    for (const Draft& d : drafts)
        builtArea += kPi * (d.settlement.radius + 150) * (d.settlement.radius + 150);
    // 25 km across at 20 000 customers, growing slowly: rural density on the
    // plain stays plausible at a million. The settlements may cover a third.
    double radius = 12500 * std::pow(mCustomers / 20000.0, 0.25);
    radius = std::max({radius, 5000.0, std::sqrt(builtArea / (0.3 * kPi))});
    for (double& phase : mPhase)
        phase = mRandom.uniform(0, 2 * kPi);
    double largest = 0;
    for (const Draft& d : drafts)
        largest = std::max(largest, d.settlement.radius);

    for (;; radius *= 1.1) {
        const double cellSize = 1000;
        const int cells = static_cast<int>(std::ceil(2.6 * radius / cellSize)) + 1;
        std::vector<std::vector<int>> grid(static_cast<std::size_t>(cells * cells));
        auto cellOf = [&](double v) {
            return std::clamp(static_cast<int>((v + 1.3 * radius) / cellSize), 0, cells - 1);
        };
        std::vector<Point2> centres(drafts.size());
        auto fits = [&](std::size_t index, const Point2& p) {
            const double r = drafts[index].settlement.radius;
            const double angle = std::atan2(p.y, p.x);
            if (std::hypot(p.x, p.y) + 1.5 * r + 400 > 0.97 * boundaryRadius(radius, mPhase, angle))
                return false;
            const double reach = r + 250 + largest;
            for (int cx = cellOf(p.x - reach); cx <= cellOf(p.x + reach); ++cx)
                for (int cy = cellOf(p.y - reach); cy <= cellOf(p.y + reach); ++cy)
                    for (int other : grid[static_cast<std::size_t>(cx * cells + cy)])
                        if (distance(p, centres[static_cast<std::size_t>(other)]) <
                            r + drafts[static_cast<std::size_t>(other)].settlement.radius + 250)
                            return false;
            return true;
        };
        bool placedAll = true;
        for (std::size_t i = 0; i < drafts.size() && placedAll; ++i) {
            bool placed = false;
            for (int attempt = 0; attempt < 3000 && !placed; ++attempt) {
                Point2 p;
                if (i == 0) {
                    p = {mRandom.uniform(-0.08, 0.08) * radius, mRandom.uniform(-0.08, 0.08) * radius};
                } else if (drafts[i].settlement.town) {
                    const double angle = mRandom.uniform(0, 2 * kPi), r = mRandom.uniform(0.4, 0.55) * radius;
                    p = {r * std::cos(angle), r * std::sin(angle)};
                } else {
                    p = {mRandom.uniform(-1.2, 1.2) * radius, mRandom.uniform(-1.2, 1.2) * radius};
                }
                if (!fits(i, p))
                    continue;
                centres[i] = p;
                // Registered in every cell its disc touches (towns span many).
                const double r = drafts[i].settlement.radius;
                for (int cx = cellOf(p.x - r); cx <= cellOf(p.x + r); ++cx)
                    for (int cy = cellOf(p.y - r); cy <= cellOf(p.y + r); ++cy)
                        grid[static_cast<std::size_t>(cx * cells + cy)].push_back(static_cast<int>(i));
                placed = true;
            }
            placedAll = placed;
        }
        if (!placedAll)
            continue;

        mLayout.radius = radius;
        const int vertices = 128;
        for (int k = 0; k <= vertices; ++k) {
            const double angle = 2 * kPi * (k % vertices) / vertices;
            const double r = boundaryRadius(radius, mPhase, angle);
            mLayout.boundary.push_back({r * std::cos(angle), r * std::sin(angle)});
        }
        // The main town's offices and substation were drafted in its frame.
        for (Point2& p : mLayout.teamOffices)
            p = add(p, centres[0]);
        for (Substation& s : mLayout.substations)
            s.at = add(s.at, centres[0]);
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            Draft& draft = drafts[i];
            const Point2 c = centres[i];
            Settlement settlement = std::move(draft.settlement);
            settlement.centre = c;
            for (Point2& g : settlement.gateways)
                g = add(g, c);
            const int streetBase = static_cast<int>(mLayout.streets.size());
            for (Street& street : draft.streets) {
                for (Point2& p : street.points)
                    p = add(p, c);
                street.settlement = static_cast<int>(i);
                mLayout.streets.push_back(std::move(street));
            }
            settlement.firstLocation = static_cast<int>(mLayout.locations.size());
            settlement.locationCount = static_cast<int>(draft.locations.size());
            for (Location location : draft.locations) {
                location.at = add(location.at, c);
                location.street += streetBase;
                mLayout.locations.push_back(location);
            }
            mLayout.settlements.push_back(std::move(settlement));
            draft = Draft();
        }
        return;
    }
}

// Country roads: a minimum spanning tree over the settlements (so the
// network is connected) plus a few extra links, from gateway to gateway.
void LayoutBuilder::connectSettlements() {
    const auto& settlements = mLayout.settlements;
    const std::size_t n = settlements.size();
    std::vector<std::pair<int, int>> links;
    std::vector<double> best(n, std::numeric_limits<double>::infinity());
    std::vector<int> parent(n, -1);
    std::vector<bool> inTree(n, false);
    if (n > 0)
        best[0] = 0;
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t next = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!inTree[i] && (next == n || best[i] < best[next]))
                next = i;
        inTree[next] = true;
        if (parent[next] >= 0)
            links.emplace_back(parent[next], static_cast<int>(next));
        for (std::size_t i = 0; i < n; ++i) {
            const double d = distance(settlements[next].centre, settlements[i].centre);
            if (!inTree[i] && d < best[i]) {
                best[i] = d;
                parent[i] = static_cast<int>(next);
            }
        }
    }
    // Loops: real networks offer more than one way between villages.
    for (std::size_t i = 1; i < n; ++i) {
        if (!mRandom.chance(0.15))
            continue;
        int nearest = -1;
        double nearestDistance = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || parent[i] == static_cast<int>(j) || parent[j] == static_cast<int>(i))
                continue;
            const double d = distance(settlements[i].centre, settlements[j].centre);
            if (d < nearestDistance) {
                nearestDistance = d;
                nearest = static_cast<int>(j);
            }
        }
        if (nearest >= 0)
            links.emplace_back(static_cast<int>(i), nearest);
    }
    auto nearestGateway = [](const Settlement& s, const Point2& target) {
        return *std::min_element(s.gateways.begin(), s.gateways.end(), [&](const Point2& a, const Point2& b) {
            return distance(a, target) < distance(b, target);
        });
    };
    int county = 0, township = 0;
    char name[32];
    for (const auto& [a, b] : links) {
        const Settlement& from = settlements[static_cast<std::size_t>(a)];
        const Settlement& to = settlements[static_cast<std::size_t>(b)];
        const Point2 start = nearestGateway(from, to.centre);
        const Point2 end = nearestGateway(to, start);
        const double length = distance(start, end);
        if (length < 1)
            continue;
        const Point2 normal{-(end.y - start.y) / length, (end.x - start.x) / length};
        const Point2 middle = along({(start.x + end.x) / 2, (start.y + end.y) / 2}, normal,
                                    mRandom.uniform(-0.08, 0.08) * length);
        Street road;
        if (from.town || to.town) {
            std::snprintf(name, sizeof name, "X%03d", ++county);
            road.name = std::string("县道") + name;
            road.roadClass = "primary";
        } else {
            std::snprintf(name, sizeof name, "Y%03d", ++township);
            road.name = std::string("乡道") + name;
            road.roadClass = "secondary";
        }
        road.points = {start, middle, end};
        mLayout.streets.push_back(std::move(road));
    }
}

// Finds the nearest and second-nearest site of a point; sites in a uniform grid.
class SiteIndex {
public:
    explicit SiteIndex(const std::vector<Site>& sites) : mSites(sites) {
        double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
        for (const Site& s : sites) {
            minX = std::min(minX, s.at.x);
            minY = std::min(minY, s.at.y);
            maxX = std::max(maxX, s.at.x);
            maxY = std::max(maxY, s.at.y);
        }
        mCell = std::max(
            100.0, std::sqrt((maxX - minX + 1) * (maxY - minY + 1) / static_cast<double>(sites.size())));
        mX0 = minX;
        mY0 = minY;
        mColumns = static_cast<int>((maxX - minX) / mCell) + 1;
        mRows = static_cast<int>((maxY - minY) / mCell) + 1;
        mCells.assign(static_cast<std::size_t>(mColumns * mRows), {});
        for (std::size_t i = 0; i < sites.size(); ++i)
            mCells[static_cast<std::size_t>(cellIndex(column(sites[i].at.x), row(sites[i].at.y)))].push_back(
                static_cast<int>(i));
    }

    struct Nearest {
        int first = -1, second = -1;
        double firstSquared = std::numeric_limits<double>::infinity();
        double secondSquared = std::numeric_limits<double>::infinity();
    };

    Nearest nearest(const Point2& p) const {
        Nearest result;
        const int cx = column(p.x), cy = row(p.y);
        const int maxRing = std::max(mColumns, mRows);
        for (int ring = 0; ring <= maxRing; ++ring) {
            for (int x = cx - ring; x <= cx + ring; ++x) {
                if (x < 0 || x >= mColumns)
                    continue;
                const bool edgeColumn = x == cx - ring || x == cx + ring;
                for (int y = cy - ring; y <= cy + ring; y += edgeColumn ? 1 : 2 * ring) {
                    if (y >= 0 && y < mRows)
                        for (int i : mCells[static_cast<std::size_t>(cellIndex(x, y))])
                            consider(result, i, p);
                    if (ring == 0)
                        break;
                }
            }
            // Distance from p to the outside of the searched square.
            const double left = p.x - (mX0 + (cx - ring) * mCell),
                         right = mX0 + (cx + ring + 1) * mCell - p.x;
            const double bottom = p.y - (mY0 + (cy - ring) * mCell),
                         top = mY0 + (cy + ring + 1) * mCell - p.y;
            const double reach = std::min({left, right, bottom, top});
            if (reach > 0 && reach * reach >= result.secondSquared)
                break;
        }
        return result;
    }

private:
    int column(double x) const { return std::clamp(static_cast<int>((x - mX0) / mCell), 0, mColumns - 1); }
    int row(double y) const { return std::clamp(static_cast<int>((y - mY0) / mCell), 0, mRows - 1); }
    int cellIndex(int x, int y) const { return y * mColumns + x; }
    void consider(Nearest& result, int i, const Point2& p) const {
        const double dx = mSites[static_cast<std::size_t>(i)].at.x - p.x;
        const double dy = mSites[static_cast<std::size_t>(i)].at.y - p.y;
        const double d = dx * dx + dy * dy;
        if (d < result.firstSquared) {
            result.second = result.first;
            result.secondSquared = result.firstSquared;
            result.first = i;
            result.firstSquared = d;
        } else if (d < result.secondSquared) {
            result.second = i;
            result.secondSquared = d;
        }
    }

    const std::vector<Site>& mSites;
    double mCell = 1, mX0 = 0, mY0 = 0;
    int mColumns = 1, mRows = 1;
    std::vector<std::vector<int>> mCells;
};

// Transformer sites: shared among settlements in proportion to their
// customers; within a settlement, placed by weighted recursive bisection so
// a town's districts come out about equal.
void LayoutBuilder::placeSites() {
    const auto& settlements = mLayout.settlements;
    const std::size_t n = settlements.size();
    std::vector<int> share(n, 0);
    std::vector<std::pair<double, std::size_t>> remainders;
    int given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double quota = static_cast<double>(mDistricts) * settlements[i].customers / mCustomers;
        share[i] = std::min(static_cast<int>(quota), settlements[i].locationCount);
        given += share[i];
        remainders.emplace_back(quota - share[i], i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    while (given < mDistricts) {
        bool progress = false;
        for (const auto& [remainder, i] : remainders) {
            if (given == mDistricts)
                break;
            if (share[i] < settlements[i].locationCount) {
                ++share[i];
                ++given;
                progress = true;
            }
        }
        if (!progress)
            throw RecheckError(
                QStringLiteral("demo county: %1 districts but only %2 distinct customer locations")
                    .arg(mDistricts)
                    .arg(mLayout.locations.size())
                    .toStdString(),
                RecheckError::Kind::InvalidInput);
    }

    std::vector<int> indices;
    for (std::size_t s = 0; s < n; ++s) {
        if (share[s] == 0)
            continue;
        indices.resize(static_cast<std::size_t>(settlements[s].locationCount));
        std::iota(indices.begin(), indices.end(), settlements[s].firstLocation);
        // Recursive bisection on the longer axis, split by meter weight.
        std::vector<std::tuple<std::size_t, std::size_t, int>> stack = {{0, indices.size(), share[s]}};
        while (!stack.empty()) {
            const auto [begin, end, parts] = stack.back();
            stack.pop_back();
            const auto first = indices.begin() + static_cast<std::ptrdiff_t>(begin);
            const auto last = indices.begin() + static_cast<std::ptrdiff_t>(end);
            if (parts == 1) {
                double sx = 0, sy = 0, weight = 0;
                for (auto it = first; it != last; ++it) {
                    const Location& l = mLayout.locations[static_cast<std::size_t>(*it)];
                    sx += l.at.x * l.meters;
                    sy += l.at.y * l.meters;
                    weight += l.meters;
                }
                const Point2 centroid{sx / weight, sy / weight};
                const int chosen = *std::min_element(first, last, [&](int a, int b) {
                    return distance(mLayout.locations[static_cast<std::size_t>(a)].at, centroid) <
                           distance(mLayout.locations[static_cast<std::size_t>(b)].at, centroid);
                });
                const Location& l = mLayout.locations[static_cast<std::size_t>(chosen)];
                const double angle = mRandom.uniform(0, 2 * kPi);
                Site site;
                site.at = {l.at.x + 2.5 * std::cos(angle), l.at.y + 2.5 * std::sin(angle)};
                site.settlement = static_cast<int>(s);
                site.street = l.street;
                mLayout.sites.push_back(site);
                continue;
            }
            double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
            double total = 0;
            for (auto it = first; it != last; ++it) {
                const Location& l = mLayout.locations[static_cast<std::size_t>(*it)];
                minX = std::min(minX, l.at.x);
                maxX = std::max(maxX, l.at.x);
                minY = std::min(minY, l.at.y);
                maxY = std::max(maxY, l.at.y);
                total += l.meters;
            }
            const bool byX = maxX - minX >= maxY - minY;
            std::sort(first, last, [&](int a, int b) {
                const Point2& pa = mLayout.locations[static_cast<std::size_t>(a)].at;
                const Point2& pb = mLayout.locations[static_cast<std::size_t>(b)].at;
                return byX ? (pa.x < pb.x || (pa.x == pb.x && a < b))
                           : (pa.y < pb.y || (pa.y == pb.y && a < b));
            });
            const int leftParts = parts / 2;
            const double target = total * leftParts / parts;
            // Each side keeps at least as many locations as it has parts.
            std::size_t split = begin;
            double running = 0;
            while (split < end && running < target) {
                running += mLayout.locations[static_cast<std::size_t>(indices[split])].meters;
                ++split;
            }
            split = std::clamp(split, begin + static_cast<std::size_t>(leftParts),
                               end - static_cast<std::size_t>(parts - leftParts));
            stack.emplace_back(split, end, parts - leftParts);
            stack.emplace_back(begin, split, leftParts);
        }
    }
}

// Every location goes to its nearest site, so it lies inside that site's
// Voronoi cell. A location almost equidistant from two sites is moved a
// little towards its own so that containment is robust in floating point.
void LayoutBuilder::assignDistricts() {
    auto& sites = mLayout.sites;
    auto& locations = mLayout.locations;
    for (int round = 0;; ++round) {
        const SiteIndex index(sites);
        for (Site& s : sites)
            s.customers = 0;
        for (Location& location : locations) {
            for (int nudge = 0;; ++nudge) {
                const SiteIndex::Nearest nearest = index.nearest(location.at);
                location.district = nearest.first;
                if (nearest.second < 0 || nudge == 20)
                    break;
                const Point2& own = sites[static_cast<std::size_t>(nearest.first)].at;
                const Point2& other = sites[static_cast<std::size_t>(nearest.second)].at;
                const double margin =
                    (nearest.secondSquared - nearest.firstSquared) / (2 * distance(own, other));
                if (margin >= 0.05)
                    break;
                const double d = std::sqrt(nearest.firstSquared);
                const double step = std::min(0.2, d / 2);
                location.at.x += (own.x - location.at.x) / d * step;
                location.at.y += (own.y - location.at.y) / d * step;
            }
            sites[static_cast<std::size_t>(location.district)].customers += location.meters;
        }
        const auto empty =
            std::find_if(sites.begin(), sites.end(), [](const Site& s) { return s.customers == 0; });
        if (empty == sites.end())
            return;
        if (round == 50)
            throw RecheckError("demo county: could not give every district a customer",
                               RecheckError::Kind::InvalidInput);
        // Move the empty site next to the far edge of the largest district.
        const auto largest = std::max_element(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
            return a.customers < b.customers;
        });
        const int largestIndex = static_cast<int>(largest - sites.begin());
        const Location* far = nullptr;
        for (const Location& location : locations)
            if (location.district == largestIndex &&
                (!far || distance(location.at, largest->at) > distance(far->at, largest->at)))
                far = &location;
        const double d = std::max(distance(far->at, largest->at), 1e-6);
        empty->at = {far->at.x + (largest->at.x - far->at.x) / d * 1.5,
                     far->at.y + (largest->at.y - far->at.y) / d * 1.5};
        empty->settlement = 0;
        for (const Settlement& s : mLayout.settlements)
            if (far - locations.data() >= s.firstLocation &&
                far - locations.data() < s.firstLocation + s.locationCount)
                empty->settlement = static_cast<int>(&s - mLayout.settlements.data());
        empty->street = far->street;
    }
}

// Substations (the county's own in the main town, one more per ~60
// districts), ~8 districts per feeder, each feeder a line from its
// substation through its transformer sites.
void LayoutBuilder::buildFeeders() {
    auto& sites = mLayout.sites;
    auto& substations = mLayout.substations;
    const int wanted = std::max(1, static_cast<int>(std::lround(mDistricts / 60.0)));
    while (static_cast<int>(substations.size()) < wanted) {
        // Farthest-point choice among settlements holding sites.
        int bestSettlement = -1;
        double bestDistance = -1;
        for (const Site& site : sites) {
            const Settlement& s = mLayout.settlements[static_cast<std::size_t>(site.settlement)];
            double nearest = std::numeric_limits<double>::infinity();
            for (const Substation& sub : substations)
                nearest = std::min(nearest, distance(sub.at, s.centre));
            if (nearest > bestDistance) {
                bestDistance = nearest;
                bestSettlement = site.settlement;
            }
        }
        const Settlement& s = mLayout.settlements[static_cast<std::size_t>(bestSettlement)];
        if (bestDistance < 1000)
            break;
        substations.push_back({s.shortName + "变电站", along(s.centre, {0.6, 0.8}, s.radius + 150)});
    }
    std::vector<std::vector<int>> bySubstation(substations.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        std::size_t nearest = 0;
        for (std::size_t k = 1; k < substations.size(); ++k)
            if (distance(sites[i].at, substations[k].at) < distance(sites[i].at, substations[nearest].at))
                nearest = k;
        bySubstation[nearest].push_back(static_cast<int>(i));
    }
    const int feederCount = std::max(1, static_cast<int>(std::lround(mDistricts / 8.0)));
    std::set<std::string> names;
    for (std::size_t k = 0; k < substations.size(); ++k) {
        std::vector<int>& group = bySubstation[k];
        if (group.empty())
            continue;
        const Point2 origin = substations[k].at;
        const int feeders =
            std::clamp(static_cast<int>(std::lround(feederCount * static_cast<double>(group.size()) /
                                                    static_cast<double>(sites.size()))),
                       1, static_cast<int>(group.size()));
        std::stable_sort(group.begin(), group.end(), [&](int a, int b) {
            const Point2& pa = sites[static_cast<std::size_t>(a)].at;
            const Point2& pb = sites[static_cast<std::size_t>(b)].at;
            return std::atan2(pa.y - origin.y, pa.x - origin.x) <
                   std::atan2(pb.y - origin.y, pb.x - origin.x);
        });
        for (int f = 0; f < feeders; ++f) {
            const std::size_t begin =
                group.size() * static_cast<std::size_t>(f) / static_cast<std::size_t>(feeders);
            const std::size_t end =
                group.size() * static_cast<std::size_t>(f + 1) / static_cast<std::size_t>(feeders);
            std::vector<int> pending(group.begin() + static_cast<std::ptrdiff_t>(begin),
                                     group.begin() + static_cast<std::ptrdiff_t>(end));
            Feeder feeder;
            feeder.substation = static_cast<int>(k);
            Point2 at = origin;
            while (!pending.empty()) {
                const auto next = std::min_element(pending.begin(), pending.end(), [&](int a, int b) {
                    return distance(sites[static_cast<std::size_t>(a)].at, at) <
                           distance(sites[static_cast<std::size_t>(b)].at, at);
                });
                feeder.sites.push_back(*next);
                at = sites[static_cast<std::size_t>(*next)].at;
                sites[static_cast<std::size_t>(*next)].feeder = static_cast<int>(mLayout.feeders.size());
                pending.erase(next);
            }
            // Named after the far end, like 10kV张庄线; town lines after a street.
            const Site& farEnd = sites[static_cast<std::size_t>(feeder.sites.back())];
            const Settlement& s = mLayout.settlements[static_cast<std::size_t>(farEnd.settlement)];
            std::string base = s.shortName;
            if (s.town) {
                const std::string& street = mLayout.streets[static_cast<std::size_t>(farEnd.street)].name;
                base = street.substr(0, street.size() - std::string("路").size());
            }
            std::string name = "10kV" + base + "线";
            for (int n = 2; !names.insert(name).second; ++n)
                name = "10kV" + base + chineseNumber(n) + "线";
            feeder.name = name;
            mLayout.feeders.push_back(std::move(feeder));
        }
    }
}

CountyLayout LayoutBuilder::build() {
    // Budgets: the main town holds ~28% of the meters (plus a few factories),
    // a second town ~10% in counties of 10 000 or more, villages the rest.
    const int factories = std::max(1, mCustomers / 800);
    const bool secondTown = mCustomers >= 10000;
    int mainTown = std::max(1, static_cast<int>(mCustomers * 0.28));
    const int otherTown = secondTown ? static_cast<int>(mCustomers * 0.10) : 0;
    int villageTotal = mCustomers - mainTown - otherTown - factories;
    if (villageTotal < 0) { // a toy county: everything in the main town
        mainTown = mCustomers - factories;
        villageTotal = 0;
    }
    std::vector<int> villages;
    for (int left = villageTotal; left > 0;) {
        int size = static_cast<int>(std::lround(300 * std::exp(0.55 * mRandom.normal())));
        size = std::clamp(size, 40, 2500);
        if (left - size < 30)
            size = left;
        villages.push_back(size);
        left -= size;
    }

    std::vector<Draft> drafts;
    if (mainTown > 0)
        drafts.push_back(draftTown("城关镇", mainTown, factories, true));
    else
        throw RecheckError("demo county: too few customers", RecheckError::Kind::InvalidInput);
    if (otherTown > 0)
        drafts.push_back(draftTown(mRandom.pick(kTownNames), otherTown, 0, false));
    for (int size : villages)
        drafts.push_back(draftVillage(size));
    placeSettlements(drafts);
    connectSettlements();
    placeSites();
    assignDistricts();
    buildFeeders();
    return std::move(mLayout);
}

using GeosGeometry = std::unique_ptr<GEOSGeometry, std::function<void(GEOSGeometry*)>>;

void appendPolygons(GEOSContextHandle_t context, const GEOSGeometry* geometry, MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(context, geometry);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(context, geometry); ++i)
            appendPolygons(context, GEOSGetGeometryN_r(context, geometry, i), out);
        return;
    }
    if (type != GEOS_POLYGON || GEOSisEmpty_r(context, geometry))
        return;
    auto readRing = [&](const GEOSGeometry* ring) {
        Ring points;
        const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(context, sequence, &size);
        for (unsigned int k = 0; k < size; ++k) {
            Point2 p;
            GEOSCoordSeq_getXY_r(context, sequence, k, &p.x, &p.y);
            points.push_back(p);
        }
        return points;
    };
    Polygon polygon;
    polygon.push_back(readRing(GEOSGetExteriorRing_r(context, geometry)));
    for (int i = 0; i < GEOSGetNumInteriorRings_r(context, geometry); ++i)
        polygon.push_back(readRing(GEOSGetInteriorRingN_r(context, geometry, i)));
    out.push_back(std::move(polygon));
}

} // namespace

void Uuid::format(char* out) const {
    static const char digits[] = "0123456789abcdef";
    int position = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20)
            out[position++] = '-';
        const std::uint64_t word = nibble < 16 ? high : low;
        out[position++] = digits[(word >> (60 - 4 * (nibble % 16))) & 0xF];
    }
}

std::string Uuid::toString() const {
    std::string text(36, '0');
    format(text.data());
    return text;
}

double DemoRandom::normal() {
    const double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * kPi * u2);
}

Uuid DemoRandom::uuid() {
    Uuid id;
    id.high = (bits() & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    id.low = (bits() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    return id;
}

std::string chineseNumber(int value) {
    static const char* const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char* const units[] = {"", "十", "百", "千"};
    if (value <= 0 || value > 9999)
        return std::to_string(value);
    std::string out;
    bool pendingZero = false;
    for (int position = 3; position >= 0; --position) {
        const int divisor = position == 3 ? 1000 : position == 2 ? 100 : position == 1 ? 10 : 1;
        const int digit = value / divisor % 10;
        if (digit == 0) {
            pendingZero = !out.empty();
            continue;
        }
        if (pendingZero)
            out += digits[0];
        pendingZero = false;
        // 十二, not 一十二, when the number starts with the tens.
        if (!(position == 1 && digit == 1 && out.empty()))
            out += digits[digit];
        out += units[position];
    }
    return out;
}

CountyLayout buildCountyLayout(int customers, int districts, int teams, const std::string& countyName,
                               DemoRandom& random) {
    return LayoutBuilder(customers, districts, teams, countyName, random).build();
}

std::vector<MultiPolygon> districtPolygons(const CountyLayout& layout) {
    GEOSContextHandle_t context = GEOS_init_r();
    const auto destroy = [context](GEOSGeometry* g) { GEOSGeom_destroy_r(context, g); };
    std::vector<MultiPolygon> result(layout.sites.size());
    try {
        GEOSCoordSequence* sequence =
            GEOSCoordSeq_create_r(context, static_cast<unsigned int>(layout.boundary.size()), 2);
        for (std::size_t i = 0; i < layout.boundary.size(); ++i)
            GEOSCoordSeq_setXY_r(context, sequence, static_cast<unsigned int>(i), layout.boundary[i].x,
                                 layout.boundary[i].y);
        GeosGeometry boundary(
            GEOSGeom_createPolygon_r(context, GEOSGeom_createLinearRing_r(context, sequence), nullptr, 0),
            destroy);
        if (layout.sites.size() == 1) {
            appendPolygons(context, boundary.get(), result[0]);
            GEOS_finish_r(context);
            return result;
        }
        std::vector<GEOSGeometry*> points;
        for (const Site& site : layout.sites)
            points.push_back(GEOSGeom_createPointFromXY_r(context, site.at.x, site.at.y));
        GeosGeometry sites(GEOSGeom_createCollection_r(context, GEOS_MULTIPOINT, points.data(),
                                                       static_cast<unsigned int>(points.size())),
                           destroy);
        GeosGeometry cells(GEOSVoronoiDiagram_r(context, sites.get(), boundary.get(), 0.0, 0), destroy);
        if (!cells)
            throw RecheckError(
                "demo county: GEOS could not compute the Voronoi diagram of the transformer sites");
        const SiteIndex index(layout.sites);
        const int cellCount = GEOSGetNumGeometries_r(context, cells.get());
        std::vector<bool> matched(layout.sites.size(), false);
        for (int c = 0; c < cellCount; ++c) {
            const GEOSGeometry* cell = GEOSGetGeometryN_r(context, cells.get(), c);
            // A Voronoi cell is convex, so its centroid lies inside it and the
            // nearest site to the centroid is the cell's own; check by containment.
            GeosGeometry centroid(GEOSGetCentroid_r(context, cell), destroy);
            Point2 p;
            GEOSGeomGetX_r(context, centroid.get(), &p.x);
            GEOSGeomGetY_r(context, centroid.get(), &p.y);
            int site = index.nearest(p).first;
            auto contains = [&](int candidate) {
                const Point2& at = layout.sites[static_cast<std::size_t>(candidate)].at;
                GeosGeometry point(GEOSGeom_createPointFromXY_r(context, at.x, at.y), destroy);
                return GEOSContains_r(context, cell, point.get()) == 1;
            };
            if (!contains(site)) {
                site = -1;
                for (std::size_t k = 0; k < layout.sites.size() && site < 0; ++k)
                    if (!matched[k] && contains(static_cast<int>(k)))
                        site = static_cast<int>(k);
            }
            if (site < 0 || matched[static_cast<std::size_t>(site)])
                throw RecheckError("demo county: a Voronoi cell matches no transformer site");
            matched[static_cast<std::size_t>(site)] = true;
            GeosGeometry clipped(GEOSIntersection_r(context, cell, boundary.get()), destroy);
            if (!clipped)
                throw RecheckError("demo county: GEOS could not clip a district to the county boundary");
            appendPolygons(context, clipped.get(), result[static_cast<std::size_t>(site)]);
        }
        if (std::find(matched.begin(), matched.end(), false) != matched.end())
            throw RecheckError("demo county: a transformer site got no Voronoi cell");
    } catch (...) {
        GEOS_finish_r(context);
        throw;
    }
    GEOS_finish_r(context);
    return result;
}

} // namespace recheck::demo
