#include "DoubleBridgeKick.h"

#include <algorithm>

namespace recheck::routing {

double applyDoubleBridge(SearchTour& tour, std::mt19937_64& random, int maxSegmentLength,
                         std::vector<int>& touched) {
    const int n = tour.size();
    if (n < 5)
        return 0.0;
    // B and C together must leave at least two positions for A + D.
    const int longest = std::max(1, std::min(maxSegmentLength, (n - 2) / 2));
    for (int attempt = 0; attempt < 8; ++attempt) {
        const int start = static_cast<int>(random() % static_cast<unsigned>(n));
        const int lengthB = 1 + static_cast<int>(random() % static_cast<unsigned>(longest));
        const int lengthC = 1 + static_cast<int>(random() % static_cast<unsigned>(longest));
        auto at = [&](int offset) { return tour.at((start + offset) % n); };
        const int a1 = at(0), b1 = at(1), b2 = at(lengthB), c1 = at(lengthB + 1), c2 = at(lengthB + lengthC),
                  d1 = at(lengthB + lengthC + 1);
        if (tour.isFixed(a1, b1) || tour.isFixed(b2, c1) || tour.isFixed(c2, d1))
            continue;
        const double before = tour.cost(a1, b1) + tour.cost(b2, c1) + tour.cost(c2, d1);
        const double after = tour.cost(a1, c1) + tour.cost(c2, b1) + tour.cost(b2, d1);
        const int first = (start + 1) % n;
        // Reverse B C as a whole, then C and B each back to their direction.
        tour.reversePositions(first, lengthB + lengthC);
        tour.reversePositions(first, lengthC);
        tour.reversePositions((first + lengthC) % n, lengthB);
        touched.insert(touched.end(), {a1, b1, b2, c1, c2, d1});
        return after - before;
    }
    return 0.0;
}

} // namespace recheck::routing
