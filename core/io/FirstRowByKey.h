#pragma once

#include <QHash>
#include <QString>

#include <algorithm>
#include <cstring>
#include <vector>

namespace recheck::io {

/// The row each key (account number, district code …) of a file was first
/// seen on, for the duplicate check: an open-addressing table of fixed slots
/// over one buffer of the keys' UTF-16 text. A million accounts take two
/// allocations and ~70 MB, where a QHash<QString, qint64> took a node and a
/// string each (~100 MB, and over a second of the import to free).
class FirstRowByKey {
public:
    /// Room for `keys` keys without growing.
    void reserve(qint64 keys) {
        std::size_t capacity = 1024;
        while (capacity < static_cast<std::size_t>(keys) * 2)
            capacity *= 2;
        if (capacity > mSlots.size())
            rehash(capacity);
        mText.reserve(static_cast<std::size_t>(keys) * 12);
    }
    /// The row `key` was first seen on; 0 when it is new, and `row` (> 0)
    /// is then recorded for it.
    qint64 firstOrRecord(const QString& key, qint64 row) {
        if ((mCount + 1) * 2 > mSlots.size())
            rehash(std::max<std::size_t>(1024, mSlots.size() * 2));
        const uint hash = qHash(key);
        const std::size_t mask = mSlots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = mSlots[i];
            if (slot.row == 0) {
                slot = {hash, static_cast<quint32>(key.size()), mText.size(), row};
                mText.insert(mText.end(), reinterpret_cast<const char16_t*>(key.constData()),
                             reinterpret_cast<const char16_t*>(key.constData()) + key.size());
                ++mCount;
                return 0;
            }
            if (slot.hash == hash && slot.length == static_cast<quint32>(key.size()) &&
                std::memcmp(mText.data() + slot.offset, key.constData(), slot.length * sizeof(char16_t)) == 0)
                return slot.row;
        }
    }
    /// Frees the memory at once.
    void clear() {
        std::vector<Slot>().swap(mSlots);
        std::vector<char16_t>().swap(mText);
        mCount = 0;
    }

private:
    struct Slot {
        uint hash = 0;
        quint32 length = 0;
        std::size_t offset = 0; ///< into mText
        qint64 row = 0;         ///< 0: empty
    };
    void rehash(std::size_t capacity) {
        std::vector<Slot> old(capacity);
        old.swap(mSlots);
        const std::size_t mask = capacity - 1;
        for (const Slot& slot : old) {
            if (slot.row == 0)
                continue;
            std::size_t i = slot.hash & mask;
            while (mSlots[i].row != 0)
                i = (i + 1) & mask;
            mSlots[i] = slot;
        }
    }
    std::vector<Slot> mSlots;
    std::vector<char16_t> mText;
    std::size_t mCount = 0;
};

} // namespace recheck::io
