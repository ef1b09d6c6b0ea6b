#pragma once

#include "CandidateNeighbours.h"
#include "LinKernighanMove.h"
#include "SearchTour.h"

#include <vector>

namespace recheck::routing {

/// First-improvement descent driven by a queue of active stops (the
/// don't-look bits: a stop leaves the queue when no move from it improves,
/// and comes back when one of its tour edges changes).
///
/// Per stop: the LK-style chain (symmetric; it contains 2-opt as its first
/// level), else plain 2-opt with exact stretch costs (asymmetric), then
/// Or-opt of stretches of 1–3 stops.
class LocalSearch {
public:
    struct Options {
        bool useLinKernighan = true;
        bool useOrOpt = true;
        LinKernighanOptions linKernighan;
    };

    LocalSearch(SearchTour& tour, const CandidateNeighbours& candidates, const Options& options);

    void activate(int node);
    void activateAll();
    template <typename It> void activate(It first, It last) {
        for (; first != last; ++first)
            activate(*first);
    }

    /// Descends until no active stop remains; returns the total gain.
    double run();

    long long movesApplied() const { return mMoves; }

private:
    bool improveFrom(int node);

    SearchTour& mTour;
    const CandidateNeighbours& mCandidates;
    Options mOptions;
    LinKernighanSearch mLinKernighan;
    std::vector<int> mQueue; ///< ring buffer
    std::size_t mHead = 0;
    std::size_t mCount = 0;
    std::vector<char> mQueued;
    std::vector<int> mTouched;
    double mGain = 0.0;
    long long mMoves = 0;
};

} // namespace recheck::routing
