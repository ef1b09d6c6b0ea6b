#pragma once

#include "CandidateNeighbours.h"
#include "SearchTour.h"

#include <utility>
#include <vector>

namespace recheck::routing {

/// LK-style sequential move (symmetric costs only): a chain of 2-opt flips
/// that all keep t1 as one end of the edge still to be closed. Level i breaks
/// one more tour edge and adds one candidate edge while the running gain
/// stays positive; the chain is kept up to its best closing point. Depth 3
/// covers the sequential 3-opt moves ("or-3opt") that 2-opt + Or-opt miss;
/// DESIGN.md: without them the search stalls about 1% above the best.
struct LinKernighanOptions {
    /// Deeper chains found better tours per second on pr1002 than depth 6
    /// (deep levels try one step each, so they are cheap).
    int maxDepth = 10;
    /// Alternatives tried per level before giving up on that level (backtracking).
    int breadth[3] = {5, 2, 1};
};

/// The search state, kept between calls so that its buffers are reused.
class LinKernighanSearch {
public:
    LinKernighanSearch(SearchTour& tour, const CandidateNeighbours& candidates,
                       const LinKernighanOptions& options);
    /// Applies the best chain found from t1 and returns its gain, or leaves
    /// the tour unchanged and returns 0.
    double improve(int t1);

private:
    struct Step {
        int t3;
        int t4;
        double score; ///< LK look-ahead: cost(t3,t4) − cost(last,t3)
    };
    bool wasAdded(int a, int b) const;
    /// The tour has edge (t1, last), still to be broken; `gain` = cost of the
    /// edges broken so far − cost of the edges added so far.
    bool extend(int level, int t1, int last, double gain);

    SearchTour& mTour;
    const CandidateNeighbours& mCandidates;
    LinKernighanOptions mOptions;
    double mBestGain = 0.0;
    int mBestMark = -1;
    std::vector<std::pair<int, int>> mAdded;
    std::vector<std::vector<Step>> mSteps; ///< candidate steps per level, reused
};

/// One-off form of LinKernighanSearch::improve.
double improveWithLinKernighan(SearchTour& tour, const CandidateNeighbours& candidates, int t1,
                               const LinKernighanOptions& options = {});

} // namespace recheck::routing
