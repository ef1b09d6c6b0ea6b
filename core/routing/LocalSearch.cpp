#include "LocalSearch.h"

#include "OrOptMove.h"
#include "TwoOptMove.h"

namespace recheck::routing {

LocalSearch::LocalSearch(SearchTour& tour, const CandidateNeighbours& candidates, const Options& options)
    : mTour(tour), mCandidates(candidates), mOptions(options),
      mLinKernighan(tour, candidates, options.linKernighan) {
    mQueue.assign(static_cast<std::size_t>(tour.size()), -1);
    mQueued.assign(static_cast<std::size_t>(tour.size()), 0);
    if (!tour.symmetric())
        mOptions.useLinKernighan = false; // its running gains assume symmetric costs
}

void LocalSearch::activate(int node) {
    if (mQueued[static_cast<std::size_t>(node)])
        return;
    mQueued[static_cast<std::size_t>(node)] = 1;
    mQueue[(mHead + mCount) % mQueue.size()] = node;
    ++mCount;
}

void LocalSearch::activateAll() {
    for (int p = 0; p < mTour.size(); ++p)
        activate(mTour.at(p));
}

bool LocalSearch::improveFrom(int node) {
    const int journalMark = mTour.mark();
    double gain = 0.0;
    if (mOptions.useLinKernighan) {
        gain = mLinKernighan.improve(node);
    } else {
        TwoOptMove move;
        if (findTwoOptMove(mTour, mCandidates, node, move)) {
            applyTwoOptMove(mTour, move);
            gain = move.gain;
        }
    }
    if (gain <= 0.0 && mOptions.useOrOpt) {
        OrOptMove move;
        if (findOrOptMove(mTour, mCandidates, node, move)) {
            applyOrOptMove(mTour, move);
            gain = move.gain;
        }
    }
    if (gain <= 0.0)
        return false;
    mGain += gain;
    ++mMoves;
    mTouched.clear();
    mTour.appendTouchedSince(journalMark, mTouched);
    activate(mTouched.begin(), mTouched.end());
    activate(node);
    return true;
}

double LocalSearch::run() {
    mGain = 0.0;
    // Every move shortens the tour, so the descent ends; the cap only guards
    // against cycling on rounding noise (gains near the 1e-7 threshold).
    const long long moveCap = mMoves + 50LL * mTour.size() + 1000;
    while (mCount > 0 && mMoves < moveCap) {
        const int node = mQueue[mHead];
        mHead = (mHead + 1) % mQueue.size();
        --mCount;
        mQueued[static_cast<std::size_t>(node)] = 0;
        improveFrom(node);
    }
    for (; mCount > 0; --mCount) { // cap reached: leave the queue empty for the next run
        mQueued[static_cast<std::size_t>(mQueue[mHead])] = 0;
        mHead = (mHead + 1) % mQueue.size();
    }
    return mGain;
}

} // namespace recheck::routing
