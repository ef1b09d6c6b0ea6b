#include "RouteSplit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace recheck::routing {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Greedy fill: returns the piece boundaries (indices into the giant tour
/// where each route starts), or an empty vector when more than `routes`
/// pieces would be needed to stay within `bound`.
std::vector<std::size_t> fillWithin(const DistanceMatrix& matrix, const std::vector<int>& giant, int routes,
                                    bool closed, const RouteCostModel& model, double bound) {
    std::vector<std::size_t> starts;
    std::size_t i = 1;
    while (i < giant.size()) {
        if (static_cast<int>(starts.size()) == routes)
            return {};
        starts.push_back(i);
        // Route depot → giant[i] … giant[j] (→ depot).
        // `path` = travel cost from the depot to giant[j] plus the stops' costs.
        double path = model.perLength * matrix(0, giant[i]) + model.stop(giant[i]);
        auto back = [&](std::size_t j) { return closed ? model.perLength * matrix(giant[j], 0) : 0.0; };
        if (path + back(i) > bound)
            return {}; // even a single stop does not fit
        std::size_t j = i;
        while (j + 1 < giant.size()) {
            const double extended =
                path + model.perLength * matrix(giant[j], giant[j + 1]) + model.stop(giant[j + 1]);
            if (extended + back(j + 1) > bound)
                break;
            path = extended;
            ++j;
        }
        i = j + 1;
    }
    return starts;
}

double insertionCost(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed, int stop,
                     std::size_t& bestPosition) {
    double best = kInfinity;
    for (std::size_t p = 1; p <= route.size(); ++p) {
        const int before = route[p - 1];
        double delta;
        if (p < route.size())
            delta = matrix(before, stop) + matrix(stop, route[p]) - matrix(before, route[p]);
        else
            delta = matrix(before, stop) + (closed ? matrix(stop, route[0]) - matrix(before, route[0]) : 0.0);
        if (delta < best) {
            best = delta;
            bestPosition = p;
        }
    }
    return best;
}

double removalGain(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed, std::size_t p) {
    const int before = route[p - 1];
    const int stop = route[p];
    if (p + 1 < route.size())
        return matrix(before, stop) + matrix(stop, route[p + 1]) - matrix(before, route[p + 1]);
    return matrix(before, stop) + (closed ? matrix(stop, route[0]) - matrix(before, route[0]) : 0.0);
}

/// Length change when the stop at `p` is replaced by `stop`.
double replacementDelta(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed,
                        std::size_t p, int stop) {
    const int before = route[p - 1];
    const int old = route[p];
    double delta = matrix(before, stop) - matrix(before, old);
    if (p + 1 < route.size())
        delta += matrix(stop, route[p + 1]) - matrix(old, route[p + 1]);
    else if (closed)
        delta += matrix(stop, route[0]) - matrix(old, route[0]);
    return delta;
}

} // namespace

double routeLength(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed) {
    return matrix.tourLength(route, closed);
}

double routeCost(const DistanceMatrix& matrix, const std::vector<int>& route, bool closed,
                 const RouteCostModel& model) {
    double cost = model.perLength * matrix.tourLength(route, closed);
    for (std::size_t p = 1; p < route.size(); ++p)
        cost += model.stop(route[p]);
    return cost;
}

std::vector<std::vector<int>> splitMinMax(const DistanceMatrix& matrix, const std::vector<int>& giantTour,
                                          int routes, bool closed, const RouteCostModel& model) {
    routes = std::max(1, routes);
    std::vector<std::vector<int>> result;
    if (giantTour.size() <= 1 || routes == 1) {
        result.push_back(giantTour);
        return result;
    }
    double low = 0.0;
    double high = routeCost(matrix, giantTour, closed, model);
    // Always feasible with one route ≤ the whole tour (triangle inequality);
    // guard against rounding in asymmetric matrices anyway.
    while (fillWithin(matrix, giantTour, routes, closed, model, high).empty())
        high *= 2.0;
    for (int step = 0; step < 100 && high - low > 1e-9 * std::max(1.0, high); ++step) {
        const double middle = 0.5 * (low + high);
        if (fillWithin(matrix, giantTour, routes, closed, model, middle).empty())
            low = middle;
        else
            high = middle;
    }
    const std::vector<std::size_t> starts = fillWithin(matrix, giantTour, routes, closed, model, high);
    for (std::size_t r = 0; r < starts.size(); ++r) {
        std::vector<int> route{giantTour[0]};
        const std::size_t end = r + 1 < starts.size() ? starts[r + 1] : giantTour.size();
        route.insert(route.end(), giantTour.begin() + static_cast<std::ptrdiff_t>(starts[r]),
                     giantTour.begin() + static_cast<std::ptrdiff_t>(end));
        result.push_back(std::move(route));
    }
    return result;
}

int rebalanceRoutes(const DistanceMatrix& matrix, std::vector<std::vector<int>>& routes, bool closed,
                    const RouteCostModel& model, int maxMoves) {
    int moves = 0;
    std::vector<double> lengths(routes.size());
    for (std::size_t r = 0; r < routes.size(); ++r)
        lengths[r] = routeCost(matrix, routes[r], closed, model);
    while (moves < maxMoves && routes.size() > 1) {
        const auto longest =
            static_cast<std::size_t>(std::max_element(lengths.begin(), lengths.end()) - lengths.begin());
        const double current = lengths[longest];
        // Best relocation out of the longest route: the resulting longer of
        // the two routes touched, as small as possible.
        double bestMax = current - 1e-9 * std::max(1.0, current);
        std::size_t bestFrom = 0, bestTo = 0, bestInsert = 0;
        bool found = false;
        std::vector<int>& source = routes[longest];
        for (std::size_t p = 1; p < source.size(); ++p) {
            const double shorter =
                current - model.perLength * removalGain(matrix, source, closed, p) - model.stop(source[p]);
            if (shorter >= bestMax)
                continue;
            for (std::size_t r = 0; r < routes.size(); ++r) {
                if (r == longest)
                    continue;
                std::size_t position = 1;
                const double longer =
                    lengths[r] + insertionCost(matrix, routes[r], closed, source[p], position);
                const double worst = std::max(shorter, longer);
                if (worst < bestMax) {
                    bestMax = worst;
                    bestFrom = p;
                    bestTo = r;
                    bestInsert = position;
                    found = true;
                }
            }
        }
        if (!found) {
            // Exchange one stop of the longest route with one of another route.
            for (std::size_t p = 1; p < source.size() && !found; ++p) {
                for (std::size_t r = 0; r < routes.size() && !found; ++r) {
                    if (r == longest)
                        continue;
                    for (std::size_t q = 1; q < routes[r].size(); ++q) {
                        const double la = current + replacementDelta(matrix, source, closed, p, routes[r][q]);
                        const double lb =
                            lengths[r] + replacementDelta(matrix, routes[r], closed, q, source[p]);
                        if (std::max(la, lb) < bestMax) {
                            std::swap(source[p], routes[r][q]);
                            lengths[longest] = routeCost(matrix, source, closed, model);
                            lengths[r] = routeCost(matrix, routes[r], closed, model);
                            found = true;
                            break;
                        }
                    }
                }
            }
            if (!found)
                break;
            ++moves;
            continue;
        }
        const int stop = source[bestFrom];
        source.erase(source.begin() + static_cast<std::ptrdiff_t>(bestFrom));
        routes[bestTo].insert(routes[bestTo].begin() + static_cast<std::ptrdiff_t>(bestInsert), stop);
        lengths[longest] = routeCost(matrix, source, closed, model);
        lengths[bestTo] = routeCost(matrix, routes[bestTo], closed, model);
        ++moves;
    }
    return moves;
}

} // namespace recheck::routing
