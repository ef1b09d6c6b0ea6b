#include "RecheckStatusCache.h"

#include <QMutexLocker>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace recheck::qgis {

namespace {

// The order of RecheckStatusTable::name(); 0 marks an empty slot.
enum Status : std::uint8_t { Empty = 0, Pending, CheckedOk, Discrepancy, Unreachable, NotPlanned };

struct Uuid {
    std::uint64_t hi = 0, lo = 0;
    bool operator==(const Uuid& other) const { return hi == other.hi && lo == other.lo; }
};

struct UuidHash {
    std::size_t operator()(const Uuid& uuid) const {
        return static_cast<std::size_t>((uuid.hi ^ (uuid.lo * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL);
    }
};

// Only the canonical lowercase form parses: two uuids are then equal as keys
// exactly when SQLite finds their texts equal, and a text that does not parse
// can equal no text that does.
bool parseUuid(const char* text, int size, Uuid& out) {
    if (!text || size != 36)
        return false;
    std::uint64_t parts[2] = {0, 0};
    int digits = 0;
    for (int i = 0; i < 36; ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
            continue;
        }
        unsigned value = 0;
        if (c >= '0' && c <= '9')
            value = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            value = static_cast<unsigned>(c - 'a' + 10);
        else
            return false;
        std::uint64_t& part = parts[digits / 16];
        part = (part << 4) | value;
        ++digits;
    }
    out = {parts[0], parts[1]};
    return true;
}

bool columnUuid(sqlite3_stmt* st, int column, Uuid& out) {
    if (sqlite3_column_type(st, column) != SQLITE_TEXT)
        return false;
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
    return parseUuid(text, sqlite3_column_bytes(st, column), out);
}

// SQLite's BINARY collation: memcmp, then the shorter first.
int compareText(const std::string& a, const std::string& b) {
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c != 0)
        return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

class Query {
public:
    Query(SqliteDatabase& db, const char* sql) : mDb(db) {
        if (sqlite3_prepare_v2(db.handle(), sql, -1, &mStatement, nullptr) != SQLITE_OK)
            db.throwError(QStringLiteral("preparing the recheck_status table"));
    }
    ~Query() { sqlite3_finalize(mStatement); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    bool step() {
        const int rc = sqlite3_step(mStatement);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            mDb.throwError(QStringLiteral("computing the recheck_status table"));
        return false;
    }
    sqlite3_stmt* operator*() const { return mStatement; }

private:
    SqliteDatabase& mDb;
    sqlite3_stmt* mStatement = nullptr;
};

} // namespace

const QString& RecheckStatusTable::name(int status) {
    static const QString names[] = {QString(),
                                    QStringLiteral("pending"),
                                    QStringLiteral("checked_ok"),
                                    QStringLiteral("discrepancy"),
                                    QStringLiteral("unreachable"),
                                    QStringLiteral("not_planned")};
    return names[std::clamp(status, 0, 5)];
}

const QString& RecheckStatusTable::statusOf(const char* uuid, int size) const {
    Uuid key;
    if (mSlots.empty() || !parseUuid(uuid, size, key))
        return name(NotPlanned);
    const std::size_t mask = mSlots.size() - 1;
    for (std::size_t i = UuidHash()(key) & mask;; i = (i + 1) & mask) {
        const Slot& slot = mSlots[i];
        if (slot.status == Empty)
            return name(NotPlanned);
        if (slot.hi == key.hi && slot.lo == key.lo)
            return name(slot.status);
    }
}

// The column's SQL, restated: a customer's current task is the latest (by
// planned_start, NULL first, then fid) non-cancelled task whose scope holds
// it; its status is the result of its latest visit (by visited_at, then fid)
// for that task, pending without one.
class RecheckStatusBuilder {
public:
    static std::shared_ptr<const RecheckStatusTable> build(SqliteDatabase& db) {
        // Tasks ranked best first.
        struct Task {
            Uuid uuid;
            qint64 fid = 0;
            bool hasStart = false;
            std::string start;
        };
        std::vector<Task> tasks;
        {
            Query q(db, "SELECT uuid, fid, planned_start FROM tasks WHERE status <> 'cancelled'");
            while (q.step()) {
                Task task;
                if (!columnUuid(*q, 0, task.uuid))
                    return nullptr;
                task.fid = sqlite3_column_int64(*q, 1);
                const int type = sqlite3_column_type(*q, 2);
                if (type != SQLITE_NULL && type != SQLITE_TEXT)
                    return nullptr; // another storage class sorts differently
                if (type == SQLITE_TEXT) {
                    task.hasStart = true;
                    task.start.assign(reinterpret_cast<const char*>(sqlite3_column_text(*q, 2)),
                                      static_cast<std::size_t>(sqlite3_column_bytes(*q, 2)));
                }
                tasks.push_back(std::move(task));
            }
        }
        std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) {
            if (a.hasStart != b.hasStart)
                return a.hasStart; // NULL is the smallest value: last when descending
            if (a.hasStart) {
                const int c = compareText(a.start, b.start);
                if (c != 0)
                    return c > 0;
            }
            return a.fid > b.fid;
        });
        std::unordered_map<Uuid, int, UuidHash> rankOf;
        rankOf.reserve(tasks.size());
        for (int i = 0; i < static_cast<int>(tasks.size()); ++i)
            rankOf.emplace(tasks[static_cast<std::size_t>(i)].uuid, i);

        // Each scoped customer's current task, straight into the table's open
        // addressing cells (rank and latest visit in arrays beside them): a
        // node-based map cost a second per million customers in allocations
        // and cache misses.
        auto table = std::make_shared<RecheckStatusTable>();
        std::size_t capacity = 16;
        {
            Query count(db, "SELECT count(*) FROM task_scope");
            const auto rows = static_cast<std::size_t>(count.step() ? sqlite3_column_int64(*count, 0) : 0);
            while (capacity * 7 < rows * 10)
                capacity *= 2;
        }
        std::vector<RecheckStatusTable::Slot>& cells = table->mSlots;
        cells.resize(capacity);
        std::vector<int> rankAt(capacity, 0);
        std::vector<int> visitAt(capacity, -1); ///< index in visits of the latest visit for that task
        const std::size_t mask = capacity - 1;
        auto slotOf = [&](const Uuid& key) {
            std::size_t i = UuidHash()(key) & mask;
            while (cells[i].status != Empty && (cells[i].hi != key.hi || cells[i].lo != key.lo))
                i = (i + 1) & mask;
            return i;
        };
        {
            Query q(db, "SELECT customer_uuid, task_uuid FROM task_scope");
            while (q.step()) {
                Uuid customer, task;
                if (!columnUuid(*q, 0, customer) || !columnUuid(*q, 1, task))
                    return nullptr;
                const auto rank = rankOf.find(task);
                if (rank == rankOf.end())
                    continue; // cancelled (or a dangling reference: no join row either)
                const std::size_t i = slotOf(customer);
                if (cells[i].status == Empty) {
                    if ((table->mCount + 1) * 10 > capacity * 9)
                        return nullptr; // cannot happen: the count is of the same transaction
                    cells[i] = {customer.hi, customer.lo, Pending};
                    rankAt[i] = rank->second;
                    ++table->mCount;
                } else if (rank->second < rankAt[i]) {
                    rankAt[i] = rank->second;
                }
            }
        }

        // Their latest visit for it.
        struct Visit {
            qint64 fid = 0;
            std::string at;
        };
        std::vector<Visit> visits;
        {
            Query q(db, "SELECT customer_uuid, task_uuid, visited_at, fid, result FROM visits");
            while (q.step()) {
                if (sqlite3_column_type(*q, 1) == SQLITE_NULL)
                    continue; // NULL equals no task
                Uuid customer, task;
                if (!columnUuid(*q, 0, customer) || !columnUuid(*q, 1, task))
                    return nullptr;
                const std::size_t i = slotOf(customer);
                if (cells[i].status == Empty)
                    continue;
                const auto rank = rankOf.find(task);
                if (rank == rankOf.end() || rank->second != rankAt[i])
                    continue;
                if (sqlite3_column_type(*q, 2) != SQLITE_TEXT)
                    return nullptr;
                Visit visit;
                visit.at.assign(reinterpret_cast<const char*>(sqlite3_column_text(*q, 2)),
                                static_cast<std::size_t>(sqlite3_column_bytes(*q, 2)));
                visit.fid = sqlite3_column_int64(*q, 3);
                int& best = visitAt[i];
                if (best >= 0) {
                    const Visit& current = visits[static_cast<std::size_t>(best)];
                    const int c = compareText(visit.at, current.at);
                    if (c < 0 || (c == 0 && visit.fid < current.fid))
                        continue;
                    visits[static_cast<std::size_t>(best)] = std::move(visit);
                } else {
                    best = static_cast<int>(visits.size());
                    visits.push_back(std::move(visit));
                }
                const auto* result = reinterpret_cast<const char*>(sqlite3_column_text(*q, 4));
                const int resultSize = sqlite3_column_bytes(*q, 4);
                const bool isText = sqlite3_column_type(*q, 4) == SQLITE_TEXT;
                auto is = [&](const char* value) {
                    return isText && resultSize == static_cast<int>(std::strlen(value)) &&
                           std::memcmp(result, value, static_cast<std::size_t>(resultSize)) == 0;
                };
                cells[i].status = is("ok") ? CheckedOk : is("discrepancy") ? Discrepancy : Unreachable;
            }
        }
        return table;
    }
};

std::shared_ptr<const RecheckStatusTable> RecheckStatusTable::build(SqliteDatabase& db) {
    return RecheckStatusBuilder::build(db);
}

std::shared_ptr<const RecheckStatusTable> RecheckStatusCache::table(bool build) {
    QMutexLocker locker(&mMutex);
    if (!mWatch)
        mWatch = std::make_unique<SqliteDatabase>(mPath, SqliteDatabase::Mode::ReadOnly);
    // One read transaction: the version and the table come from the same
    // state of the file.
    mWatch->exec(QStringLiteral("BEGIN"));
    try {
        const qint64 version = mWatch->scalar(QStringLiteral("PRAGMA data_version")).toLongLong();
        if (version != mDataVersion) {
            mTable.reset();
            mUntabled = false;
            mDataVersion = version;
        }
        if (!mTable && !mUntabled && build) {
            mTable = RecheckStatusTable::build(*mWatch);
            mUntabled = !mTable;
        }
        mWatch->exec(QStringLiteral("COMMIT"));
    } catch (...) {
        sqlite3_exec(mWatch->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return mTable;
}

void RecheckStatusCache::invalidate() {
    QMutexLocker locker(&mMutex);
    mTable.reset();
    mUntabled = false;
}

} // namespace recheck::qgis
