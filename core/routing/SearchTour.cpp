#include "SearchTour.h"

#include "common/RecheckError.h"

#include <algorithm>
#include <string>
#include <utility>

namespace recheck::routing {

SearchTour::SearchTour(const DistanceMatrix& matrix, bool withOpenDummy)
    : mMatrix(matrix), mSize(matrix.size() + (withOpenDummy ? 1 : 0)),
      mDummy(withOpenDummy ? matrix.size() : -1), mSymmetric(matrix.isSymmetric()) {
    mTour.resize(static_cast<std::size_t>(mSize));
    mPosition.resize(static_cast<std::size_t>(mSize));
    for (int i = 0; i < mSize; ++i) {
        mTour[static_cast<std::size_t>(i)] = i;
        mPosition[static_cast<std::size_t>(i)] = i;
    }
}

void SearchTour::setOrder(const std::vector<int>& order) {
    if (static_cast<int>(order.size()) != mSize)
        throw RecheckError("tour: " + std::to_string(order.size()) + " nodes given for " +
                           std::to_string(mSize));
    std::vector<char> seen(static_cast<std::size_t>(mSize), 0);
    for (int node : order) {
        if (node < 0 || node >= mSize || seen[static_cast<std::size_t>(node)])
            throw RecheckError("tour: node " + std::to_string(node) + " missing, repeated or out of range");
        seen[static_cast<std::size_t>(node)] = 1;
    }
    mTour = order;
    for (int i = 0; i < mSize; ++i)
        mPosition[static_cast<std::size_t>(mTour[static_cast<std::size_t>(i)])] = i;
    mJournal.clear();
    mPrefixValid = false;
}

std::vector<int> SearchTour::routeFromDepot() const {
    std::vector<int> route;
    route.reserve(static_cast<std::size_t>(mSize));
    const int start = position(0);
    // Travel direction: on asymmetric costs the array order is it; on
    // symmetric open paths the dummy sits just before the depot when read
    // the right way round.
    bool backwards = false;
    if (mDummy >= 0 && next(0) == mDummy)
        backwards = true;
    for (int k = 0; k < mSize; ++k) {
        int p = backwards ? start - k : start + k;
        p = ((p % mSize) + mSize) % mSize;
        const int node = mTour[static_cast<std::size_t>(p)];
        if (node != mDummy)
            route.push_back(node);
    }
    return route;
}

void SearchTour::reverseRaw(int start, int count) {
    int i = start;
    int j = start + count - 1;
    if (j >= mSize)
        j -= mSize;
    for (int k = count / 2; k > 0; --k) {
        const int a = mTour[static_cast<std::size_t>(i)];
        const int b = mTour[static_cast<std::size_t>(j)];
        mTour[static_cast<std::size_t>(i)] = b;
        mPosition[static_cast<std::size_t>(b)] = i;
        mTour[static_cast<std::size_t>(j)] = a;
        mPosition[static_cast<std::size_t>(a)] = j;
        if (++i == mSize)
            i = 0;
        if (--j < 0)
            j = mSize - 1;
    }
    mPrefixValid = false;
}

void SearchTour::reversePositions(int start, int count) {
    if (count <= 1)
        return;
    reverseRaw(start, count);
    const int last = (start + count - 1) % mSize;
    mJournal.push_back({start,
                        count,
                        {mTour[static_cast<std::size_t>(start)], mTour[static_cast<std::size_t>(last)],
                         mTour[static_cast<std::size_t>(start == 0 ? mSize - 1 : start - 1)],
                         mTour[static_cast<std::size_t>(last + 1 == mSize ? 0 : last + 1)]}});
}

void SearchTour::flip(int a, int b, int c, int d) {
    // Find the stretch b … c in array order (or c … b when the array reads
    // the tour the other way round).
    int from = b;
    int to = c;
    if (next(a) != b) {
        from = c;
        to = b;
    }
    (void)d;
    int start = position(from);
    int count = forwardCount(from, to);
    if (mSymmetric && 2 * count > mSize) {
        // The complement has the same edges once reversed, and is shorter.
        start = position(to) + 1;
        if (start == mSize)
            start = 0;
        count = mSize - count;
    }
    reversePositions(start, count);
}

double SearchTour::flipGain(int a, int b, int c, int d) const {
    const double edges = cost(a, b) + cost(c, d);
    if (mSymmetric)
        return edges - cost(a, c) - cost(b, d);
    if (next(a) == b) {
        // a→b … c→d becomes a→c … b→d: the stretch b … c is travelled backwards.
        return edges + forwardPathCost(b, c) - cost(a, c) - cost(b, d) - backwardPathCost(b, c);
    }
    // The array reads d→c … b→a; it becomes d→b … c→a.
    return cost(d, c) + cost(b, a) + forwardPathCost(c, b) - cost(d, b) - cost(c, a) - backwardPathCost(c, b);
}

void SearchTour::refreshPrefixSums() const {
    mForwardPrefix.resize(static_cast<std::size_t>(mSize) + 1);
    mBackwardPrefix.resize(static_cast<std::size_t>(mSize) + 1);
    mForwardPrefix[0] = 0.0;
    mBackwardPrefix[0] = 0.0;
    for (int p = 0; p < mSize; ++p) {
        const int u = mTour[static_cast<std::size_t>(p)];
        const int v = mTour[static_cast<std::size_t>(p + 1 == mSize ? 0 : p + 1)];
        mForwardPrefix[static_cast<std::size_t>(p) + 1] =
            mForwardPrefix[static_cast<std::size_t>(p)] + cost(u, v);
        mBackwardPrefix[static_cast<std::size_t>(p) + 1] =
            mBackwardPrefix[static_cast<std::size_t>(p)] + cost(v, u);
    }
    mPrefixValid = true;
}

double SearchTour::forwardPathCost(int a, int b) const {
    if (!mPrefixValid)
        refreshPrefixSums();
    const auto pa = static_cast<std::size_t>(position(a));
    const auto pb = static_cast<std::size_t>(position(b));
    if (pa <= pb)
        return mForwardPrefix[pb] - mForwardPrefix[pa];
    return mForwardPrefix[static_cast<std::size_t>(mSize)] - mForwardPrefix[pa] + mForwardPrefix[pb];
}

double SearchTour::backwardPathCost(int a, int b) const {
    if (!mPrefixValid)
        refreshPrefixSums();
    const auto pa = static_cast<std::size_t>(position(a));
    const auto pb = static_cast<std::size_t>(position(b));
    if (pa <= pb)
        return mBackwardPrefix[pb] - mBackwardPrefix[pa];
    return mBackwardPrefix[static_cast<std::size_t>(mSize)] - mBackwardPrefix[pa] + mBackwardPrefix[pb];
}

double SearchTour::length() const {
    double total = 0.0;
    for (int p = 0; p < mSize; ++p)
        total += cost(mTour[static_cast<std::size_t>(p)],
                      mTour[static_cast<std::size_t>(p + 1 == mSize ? 0 : p + 1)]);
    return total;
}

void SearchTour::rollbackTo(int journalMark) {
    while (static_cast<int>(mJournal.size()) > journalMark) {
        const Reversal r = mJournal.back();
        mJournal.pop_back();
        reverseRaw(r.start, r.count);
    }
}

void SearchTour::appendTouchedSince(int journalMark, std::vector<int>& nodes) const {
    for (std::size_t k = static_cast<std::size_t>(std::max(0, journalMark)); k < mJournal.size(); ++k) {
        for (int node : mJournal[k].ends)
            nodes.push_back(node);
    }
}

} // namespace recheck::routing
