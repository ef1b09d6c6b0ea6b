#include "TourConstruction.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace recheck::routing {

namespace {

class DisjointSets {
public:
    explicit DisjointSets(int n) : mParent(static_cast<std::size_t>(n)) {
        std::iota(mParent.begin(), mParent.end(), 0);
    }
    int find(int x) {
        while (mParent[static_cast<std::size_t>(x)] != x) {
            mParent[static_cast<std::size_t>(x)] =
                mParent[static_cast<std::size_t>(mParent[static_cast<std::size_t>(x)])];
            x = mParent[static_cast<std::size_t>(x)];
        }
        return x;
    }
    bool unite(int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b)
            return false;
        mParent[static_cast<std::size_t>(a)] = b;
        return true;
    }

private:
    std::vector<int> mParent;
};

struct Edge {
    double cost;
    int a;
    int b;
};

} // namespace

std::vector<int> greedyEdgeOrder(const SearchTour& tour, const CandidateNeighbours& candidates) {
    const int n = tour.size();
    std::vector<int> order;
    if (n <= 3) {
        for (int i = 0; i < n; ++i)
            order.push_back(i);
        return order;
    }
    auto undirected = [&](int a, int b) { return std::min(tour.cost(a, b), tour.cost(b, a)); };
    std::vector<Edge> edges;
    for (int a = 0; a < n && a < candidates.size(); ++a)
        for (int b : candidates.of(a))
            if (a < b && b != tour.dummy())
                edges.push_back({undirected(a, b), a, b});
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        return x.cost < y.cost || (x.cost == y.cost && (x.a < y.a || (x.a == y.a && x.b < y.b)));
    });

    std::vector<int> link(static_cast<std::size_t>(2 * n), -1); // two neighbour slots per node
    std::vector<int> degree(static_cast<std::size_t>(n), 0);
    DisjointSets sets(n);
    auto connect = [&](int a, int b) {
        link[static_cast<std::size_t>(2 * a + degree[static_cast<std::size_t>(a)]++)] = b;
        link[static_cast<std::size_t>(2 * b + degree[static_cast<std::size_t>(b)]++)] = a;
        sets.unite(a, b);
    };
    if (tour.dummy() >= 0)
        connect(tour.dummy(), 0);
    for (const Edge& e : edges)
        if (degree[static_cast<std::size_t>(e.a)] < 2 && degree[static_cast<std::size_t>(e.b)] < 2 &&
            sets.find(e.a) != sets.find(e.b))
            connect(e.a, e.b);

    // Fragments as paths, listed from one end.
    std::vector<std::vector<int>> fragments;
    std::vector<int> fragmentOf(static_cast<std::size_t>(n), -1);
    auto walkFrom = [&](int start) {
        std::vector<int> path;
        int previous = -1;
        int current = start;
        while (current >= 0) {
            path.push_back(current);
            fragmentOf[static_cast<std::size_t>(current)] = static_cast<int>(fragments.size());
            int following = -1;
            for (int slot = 0; slot < degree[static_cast<std::size_t>(current)]; ++slot) {
                const int candidate = link[static_cast<std::size_t>(2 * current + slot)];
                if (candidate != previous) {
                    following = candidate;
                    break;
                }
            }
            previous = current;
            current = following;
        }
        fragments.push_back(std::move(path));
    };
    for (int i = 0; i < n; ++i)
        if (degree[static_cast<std::size_t>(i)] < 2 && fragmentOf[static_cast<std::size_t>(i)] < 0)
            walkFrom(i);

    // Chain the fragments: from the current end, the nearest free fragment end.
    std::vector<char> used(fragments.size(), 0);
    std::size_t current = static_cast<std::size_t>(fragmentOf[0]);
    order.reserve(static_cast<std::size_t>(n));
    std::vector<int> firstPiece = fragments[current];
    used[current] = 1;
    order.insert(order.end(), firstPiece.begin(), firstPiece.end());
    for (std::size_t joined = 1; joined < fragments.size(); ++joined) {
        const int tail = order.back();
        double bestCost = std::numeric_limits<double>::infinity();
        std::size_t bestFragment = 0;
        bool bestReversed = false;
        for (std::size_t f = 0; f < fragments.size(); ++f) {
            if (used[f])
                continue;
            const double toFront = tour.cost(tail, fragments[f].front());
            const double toBack = tour.cost(tail, fragments[f].back());
            if (toFront < bestCost) {
                bestCost = toFront;
                bestFragment = f;
                bestReversed = false;
            }
            if (toBack < bestCost) {
                bestCost = toBack;
                bestFragment = f;
                bestReversed = true;
            }
        }
        used[bestFragment] = 1;
        const auto& piece = fragments[bestFragment];
        if (bestReversed)
            order.insert(order.end(), piece.rbegin(), piece.rend());
        else
            order.insert(order.end(), piece.begin(), piece.end());
    }
    return order;
}

std::vector<int> nearestNeighbourOrder(const DistanceMatrix& matrix) {
    const int n = matrix.size();
    std::vector<int> order;
    if (n == 0)
        return order;
    std::vector<char> visited(static_cast<std::size_t>(n), 0);
    order.push_back(0);
    visited[0] = 1;
    for (int step = 1; step < n; ++step) {
        const int from = order.back();
        int best = -1;
        double bestCost = std::numeric_limits<double>::infinity();
        for (int to = 0; to < n; ++to)
            if (!visited[static_cast<std::size_t>(to)] && matrix(from, to) < bestCost) {
                bestCost = matrix(from, to);
                best = to;
            }
        visited[static_cast<std::size_t>(best)] = 1;
        order.push_back(best);
    }
    return order;
}

} // namespace recheck::routing
