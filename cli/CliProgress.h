#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

namespace recheck::cli {

/// Progress for long verbs on stderr: a live percentage on a terminal, a line
/// every 10 % when redirected (cron logs stay short).
class CliProgress {
public:
    CliProgress(QTextStream& err, const QString& label);
    /// fraction in [0, 1]
    void update(double fraction);
    void finish();

private:
    QTextStream& mErr;
    QString mLabel;
    bool mTerminal;
    int mLastShown = -1;
    QElapsedTimer mTimer;
};

} // namespace recheck::cli
