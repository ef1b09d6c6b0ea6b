#include "CliProgress.h"

#include <unistd.h>

namespace recheck::cli {

CliProgress::CliProgress(QTextStream& err, const QString& label)
    : mErr(err), mLabel(label), mTerminal(isatty(STDERR_FILENO) != 0) {
    mTimer.start();
}

void CliProgress::update(double fraction) {
    const int percent = static_cast<int>(fraction * 100.0);
    const int step = mTerminal ? 1 : 10;
    if (percent / step == mLastShown / step)
        return;
    mLastShown = percent;
    if (mTerminal)
        mErr << '\r' << mLabel << ' ' << percent << "% " << Qt::flush;
    else
        mErr << mLabel << ' ' << percent << "%\n" << Qt::flush;
}

void CliProgress::finish() {
    if (mTerminal)
        mErr << '\r' << mLabel << " 100% (" << QString::number(mTimer.elapsed() / 1000.0, 'f', 1) << " s)\n"
             << Qt::flush;
}

} // namespace recheck::cli
