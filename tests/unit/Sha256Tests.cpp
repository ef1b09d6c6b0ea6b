#include "common/Sha256.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>

#include <random>

using recheck::Sha256;

TEST_CASE("Sha256 equals Qt's SHA-256 however the data is cut into pieces", "[sha256]") {
    std::mt19937 random(7);
    QByteArray data(300 * 1024, '\0');
    for (char& c : data)
        c = static_cast<char>(random() & 0xff);
    const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Sha256);

    for (int maxPiece : {1, 7, 4096, 70000, 400000}) {
        INFO("pieces of at most " << maxPiece << " bytes");
        Sha256 hash;
        int offset = 0;
        while (offset < data.size()) {
            const int piece = std::min<int>(data.size() - offset, 1 + static_cast<int>(random() % maxPiece));
            hash.addData(data.constData() + offset, static_cast<std::size_t>(piece));
            offset += piece;
        }
        CHECK(hash.result() == expected);
    }
    Sha256 empty;
    CHECK(empty.result().toHex() ==
          QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}
