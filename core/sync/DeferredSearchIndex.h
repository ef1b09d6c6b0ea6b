#pragma once

// The customer search index (core/search) brought up to date once for a
// whole bulk write instead of row by row.

#include <QString>

#include <utility>
#include <vector>

namespace recheck {

class SqliteDatabase;

/// Inside the caller's transaction, swaps the per-row search-index triggers
/// on `customers` for temporary ones that only note which rows a bulk write
/// touches (and, the first time, the values the index holds for them);
/// finish() then removes those rows' old entries and adds their new ones in
/// one statement per index table, and puts the triggers back.
///
/// Why: the check-in's merge writes thousands of customers in one
/// transaction. The triggers tokenize every row twice (old and new values)
/// and compute the 1- and 2-character terms in SQL (json_each per character);
/// on the 1M-customer benchmark that was four fifths of the merge's UPDATE.
/// The index ends holding the same terms for the same rows as with the
/// triggers (the tests compare it with a rebuild from scratch).
///
/// Crash safety comes from the caller's transaction: the dropped triggers,
/// the merge and the index update commit or roll back together. Without
/// finish() (an exception unwinding) nothing is restored here: the caller's
/// transaction rolls back, triggers included. An archive without the index
/// (or without all three triggers) is left alone: active() is false.
class DeferredSearchIndex {
public:
    explicit DeferredSearchIndex(SqliteDatabase& db);
    DeferredSearchIndex(const DeferredSearchIndex&) = delete;
    DeferredSearchIndex& operator=(const DeferredSearchIndex&) = delete;

    bool active() const { return mActive; }
    /// Updates the index for every row touched since construction and
    /// restores the triggers; returns the number of rows re-indexed.
    int finish();

private:
    SqliteDatabase& mDb;
    bool mActive = false;
    std::vector<std::pair<QString, QString>> mTriggers; ///< name, CREATE statement
};

} // namespace recheck
