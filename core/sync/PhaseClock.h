#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QString>

namespace recheck {

/// Wall time per named phase of a long operation, appended to `phases`.
class PhaseClock {
public:
    explicit PhaseClock(QList<QPair<QString, double>>& phases) : mPhases(phases) { mTimer.start(); }
    /// Ends the current phase under `name` and starts the next.
    void lap(const QString& name) {
        mPhases.append({name, static_cast<double>(mTimer.nsecsElapsed()) / 1e9});
        mTimer.restart();
    }

private:
    QList<QPair<QString, double>>& mPhases;
    QElapsedTimer mTimer;
};

} // namespace recheck
