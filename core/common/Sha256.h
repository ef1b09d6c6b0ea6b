#pragma once

#include <QByteArray>

#include <array>
#include <cstddef>

namespace recheck {

/// SHA-256 for digests over many small pieces (the check-in change-set and
/// base digests feed it a few bytes per column). OpenSSL's implementation
/// uses the CPU's SHA extensions and runs about ten times faster than
/// QCryptographicHash here; the pieces are gathered in a buffer so each
/// call costs a memcpy, not a digest update.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void addData(const char* data, std::size_t length);
    void addData(const QByteArray& data) { addData(data.constData(), static_cast<std::size_t>(data.size())); }
    /// The 32-byte digest; the object cannot take more data afterwards.
    QByteArray result();

private:
    void flush();

    void* mContext; // EVP_MD_CTX, kept opaque to keep OpenSSL out of headers
    std::array<char, 64 * 1024> mBuffer;
    std::size_t mUsed = 0;
};

} // namespace recheck
