#pragma once

#include <stdexcept>
#include <string>

namespace recheck {

/// The one exception type of core/: a message a person can act on (what is
/// wrong, where: file, table, row, field). Callers at the UI/CLI boundary show
/// what() as is.
class RecheckError : public std::runtime_error {
public:
    enum class Kind {
        Generic,
        NotAnArchive,  ///< the file exists but is not a Recheck archive
        NewerSchema,   ///< written by a newer Recheck: refuse, change nothing
        OlderSchema,   ///< needs `recheck upgrade` before use
        Io,            ///< cannot open / read / write the file
        Database,      ///< SQLite reported an error
        InvalidInput,  ///< bad arguments or data
    };

    explicit RecheckError(const std::string& message, Kind kind = Kind::Generic)
        : std::runtime_error(message), mKind(kind) {}

    Kind kind() const { return mKind; }

private:
    Kind mKind;
};

} // namespace recheck
