#include "LinKernighanMove.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace recheck::routing {

namespace {

constexpr double kMinGain = 1e-7;

} // namespace

LinKernighanSearch::LinKernighanSearch(SearchTour& tour, const CandidateNeighbours& candidates,
                                       const LinKernighanOptions& options)
    : mTour(tour), mCandidates(candidates), mOptions(options) {
    // Sized once: extend() holds a reference to its level's buffer while
    // deeper levels run, so the outer vector must never reallocate.
    mSteps.resize(static_cast<std::size_t>(std::max(1, mOptions.maxDepth)));
}

double LinKernighanSearch::improve(int t1) {
    for (int side = 0; side < 2; ++side) {
        const int t2 = side == 0 ? mTour.next(t1) : mTour.prev(t1);
        if (mTour.isFixed(t1, t2))
            continue;
        mBestGain = kMinGain;
        mBestMark = -1;
        mAdded.clear();
        const int start = mTour.mark();
        if (extend(0, t1, t2, mTour.cost(t1, t2))) {
            mTour.rollbackTo(mBestMark);
            return mBestGain;
        }
        mTour.rollbackTo(start);
    }
    return 0.0;
}

bool LinKernighanSearch::wasAdded(int a, int b) const {
    for (const auto& edge : mAdded)
        if ((edge.first == a && edge.second == b) || (edge.first == b && edge.second == a))
            return true;
    return false;
}

bool LinKernighanSearch::extend(int level, int t1, int last, double gain) {
    std::vector<Step>& steps = mSteps[static_cast<std::size_t>(level)]; // reused: no allocation per call
    steps.clear();
    const bool lastFollowsT1 = mTour.next(t1) == last;
    const std::vector<int>& neighbours = mCandidates.of(last);
    const std::vector<double>& neighbourCosts = mCandidates.costsFrom(last);
    for (std::size_t k = 0; k < neighbours.size(); ++k) {
        const int t3 = neighbours[k];
        const double g1 = gain - neighbourCosts[k];
        if (g1 <= kMinGain)
            break; // candidates are sorted by cost
        if (t3 == t1 || t3 == mTour.next(last) || t3 == mTour.prev(last))
            continue;
        // Tour reads t1→last … t4→t3: breaking (t4,t3) and closing (t4,t1) is a tour.
        const int t4 = lastFollowsT1 ? mTour.prev(t3) : mTour.next(t3);
        if (t4 == t1 || t4 == last || mTour.isFixed(t3, t4) || wasAdded(t3, t4))
            continue;
        steps.push_back({t3, t4, mTour.cost(t3, t4) - neighbourCosts[k]});
    }
    std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.score > b.score; });
    const int breadth = level < 3 ? mOptions.breadth[level] : 1;
    const int tries = std::min(breadth, static_cast<int>(steps.size()));
    for (int k = 0; k < tries; ++k) {
        const Step s = steps[static_cast<std::size_t>(k)]; // a copy: deeper levels may reuse buffers
        const int journalMark = mTour.mark();
        mTour.flip(t1, last, s.t4, s.t3); // edges (t1,t4), (last,t3)
        mAdded.emplace_back(last, s.t3);
        const double running = gain + s.score; // − cost(last,t3) + cost(t3,t4)
        const double closed = running - mTour.cost(s.t4, t1);
        if (closed > mBestGain) {
            mBestGain = closed;
            mBestMark = mTour.mark();
        }
        if (level + 1 < mOptions.maxDepth)
            extend(level + 1, t1, s.t4, running);
        if (mBestMark >= 0)
            return true; // an improving chain exists through this step: no backtracking
        mAdded.pop_back();
        mTour.rollbackTo(journalMark);
    }
    return false;
}

double improveWithLinKernighan(SearchTour& tour, const CandidateNeighbours& candidates, int t1,
                               const LinKernighanOptions& options) {
    LinKernighanSearch search(tour, candidates, options);
    return search.improve(t1);
}

} // namespace recheck::routing
