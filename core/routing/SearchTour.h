#pragma once

#include "DistanceMatrix.h"

#include <vector>

namespace recheck::routing {

/// The tour the local search works on: an array of nodes plus each node's
/// position, so next/prev/between are O(1) and a 2-opt flip costs the length
/// of the reversed stretch.
///
/// Symmetric costs: a flip reverses the shorter side (same edges, mirrored
/// orientation), so callers describe moves by edges, never by "forward".
/// Asymmetric costs: the exact stretch is reversed, so the orientation is the
/// travel direction and never changes; reversed stretches are costed with
/// prefix sums of forward and backward edge costs.
///
/// Open paths on symmetric costs use a dummy node (index = matrix size) at
/// cost 0 from and to everyone, tied to the depot (node 0) by a fixed edge:
/// the tour depot … end, dummy, back to the depot is the path depot … end.
///
/// Every flip is journalled (positions reversed), so a whole kick + local
/// search can be undone exactly, and the nodes whose edges changed can be
/// listed for the don't-look bits.
class SearchTour {
public:
    SearchTour(const DistanceMatrix& matrix, bool withOpenDummy);

    int size() const { return mSize; }
    int dummy() const { return mDummy; }
    bool symmetric() const { return mSymmetric; }
    const DistanceMatrix& matrix() const { return mMatrix; }

    double cost(int from, int to) const {
        if (from == mDummy || to == mDummy)
            return 0.0;
        return mMatrix(from, to);
    }
    /// The dummy's edge to the depot must stay (open paths).
    bool isFixed(int a, int b) const {
        return mDummy >= 0 && ((a == mDummy && b == 0) || (a == 0 && b == mDummy));
    }

    /// `order` holds every node once (the dummy too, when there is one).
    void setOrder(const std::vector<int>& order);
    std::vector<int> order() const { return mTour; }
    /// Rotated to start at the depot, dummy dropped, in travel direction.
    std::vector<int> routeFromDepot() const;

    int at(int position) const { return mTour[static_cast<std::size_t>(position)]; }
    int position(int node) const { return mPosition[static_cast<std::size_t>(node)]; }
    int next(int node) const {
        const int p = position(node) + 1;
        return mTour[static_cast<std::size_t>(p == mSize ? 0 : p)];
    }
    int prev(int node) const {
        const int p = position(node);
        return mTour[static_cast<std::size_t>(p == 0 ? mSize - 1 : p - 1)];
    }
    /// Whether b lies on the forward path from a to c (inclusive).
    bool between(int a, int b, int c) const {
        const int pa = position(a), pb = position(b), pc = position(c);
        return pa <= pc ? (pa <= pb && pb <= pc) : (pb >= pa || pb <= pc);
    }
    /// Number of nodes on the forward path from a to b (inclusive).
    int forwardCount(int a, int b) const {
        const int d = position(b) - position(a);
        return (d < 0 ? d + mSize : d) + 1;
    }

    /// The 2-opt flip. Precondition: in one of its two orientations the tour
    /// reads a→b … c→d. Afterwards it has edges (a,c) and (b,d) instead of
    /// (a,b) and (c,d).
    void flip(int a, int b, int c, int d);
    /// Exact length change of flip(a,b,c,d) (positive = shorter), including
    /// the reversed stretch on asymmetric costs.
    double flipGain(int a, int b, int c, int d) const;

    /// Reverses `count` consecutive positions starting at `start` (cyclic);
    /// the raw operation, journalled; the kicks use it.
    void reversePositions(int start, int count);

    /// Cost of travelling the forward path a … b along the tour, and of
    /// travelling it backwards (b … a). O(1) after an O(n) refresh per change.
    double forwardPathCost(int a, int b) const;
    double backwardPathCost(int a, int b) const;

    double length() const;

    /// Journal: `mark()` then `rollbackTo(mark)` undoes everything since.
    int mark() const { return static_cast<int>(mJournal.size()); }
    void rollbackTo(int journalMark);
    void clearJournal() { mJournal.clear(); }
    /// The nodes whose tour neighbours changed since `journalMark`.
    void appendTouchedSince(int journalMark, std::vector<int>& nodes) const;

private:
    struct Reversal {
        int start;
        int count;
        int ends[4]; ///< the nodes whose neighbours this reversal changed
    };
    void reverseRaw(int start, int count);
    void refreshPrefixSums() const;

    const DistanceMatrix& mMatrix;
    int mSize = 0;
    int mDummy = -1;
    bool mSymmetric = true;
    std::vector<int> mTour;
    std::vector<int> mPosition;
    std::vector<Reversal> mJournal;
    mutable bool mPrefixValid = false;
    mutable std::vector<double> mForwardPrefix;  ///< cost of edges before each position
    mutable std::vector<double> mBackwardPrefix; ///< same edges travelled backwards
};

} // namespace recheck::routing
