#include "Sha256.h"

#include "RecheckError.h"

#include <openssl/evp.h>

#include <cstring>

namespace recheck {

Sha256::Sha256() : mContext(EVP_MD_CTX_new()) {
    if (!mContext || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(mContext), EVP_sha256(), nullptr) != 1)
        throw RecheckError("SHA-256: OpenSSL could not initialise a digest");
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(mContext));
}

void Sha256::flush() {
    if (mUsed > 0)
        EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(mContext), mBuffer.data(), mUsed);
    mUsed = 0;
}

void Sha256::addData(const char* data, std::size_t length) {
    if (length >= mBuffer.size()) {
        flush();
        EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(mContext), data, length);
        return;
    }
    if (mUsed + length > mBuffer.size())
        flush();
    std::memcpy(mBuffer.data() + mUsed, data, length);
    mUsed += length;
}

QByteArray Sha256::result() {
    flush();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(mContext), digest, &size);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<int>(size));
}

} // namespace recheck
