#pragma once

#include "ArchiveImporter.h"

#include <QString>

#include <vector>

namespace recheck::io {

struct PullOptions {
    QString folder;       ///< the drop folder the MIS/GIS writes its exports to
    ImportOptions import; ///< profile, skipInvalid, progress; via is set to "pull"
    QString reportFolder; ///< reports go here, one pair per file
    /// Files modified less than this many seconds ago are left for the next
    /// run: the exporter may still be writing them.
    int settleSeconds = 0;
};

struct PullFile {
    enum class Outcome { Applied, AlreadyApplied, InvalidRows, Refused, NotSettled };
    QString path;
    Outcome outcome = Outcome::Applied;
    ImportResult result;
    QString error; ///< Refused: why
};

struct PullResult {
    QString watermarkBefore; ///< newest source_mtime pulled before this run (UTC ISO), empty if none
    QString watermarkAfter;
    std::vector<PullFile> files;
    bool stopped = false; ///< a file failed: the later ones wait for the next run
};

/// The scheduled pull: imports the export files in the drop folder that are
/// not older than the last pulled file (import_runs.source_mtime of kind and
/// via 'pull'), oldest first. A file already applied (same SHA-256) is
/// skipped, so running it again, from cron or by hand, changes nothing. The
/// first file that fails stops the run, so a later export never lands before
/// an earlier one; it is tried again next time.
class DropFolderPull {
public:
    static PullResult run(Archive& archive, const PullOptions& options);
    static QString outcomeName(PullFile::Outcome outcome);
};

} // namespace recheck::io
