#pragma once

// The offline basemap in QGIS's Options dialog (Settings ▸ Options ▸ Recheck
// Basemap): the sources the office clips into every check-out, their zoom
// levels, the margin around the districts and the package size limit. The
// settings live where check-out reads them (core/sync's BasemapClipper): in
// the master archive (tables basemap_sources and basemap_settings), so the
// page edits one master, the last one the suite opened unless chosen here;
// `recheck basemap` edits the same.

#include "sync/BasemapClipper.h"

#include <qgsoptionswidgetfactory.h>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace recheck::archiveui {

class BasemapSettingsPage : public QgsOptionsPageWidget {
    Q_OBJECT
public:
    explicit BasemapSettingsPage(QWidget* parent = nullptr);

    /// Writes the form to the master (validated; on an error nothing is
    /// stored and lastApplyError() says why).
    void apply() override;

    QString masterPath() const;
    /// Shows the configuration of the master at `path` (empty: none chosen).
    /// False with the reason in lastApplyError() when it cannot be read.
    bool setMasterPath(const QString& path);

    BasemapSettings settings() const; ///< as the form is now
    void setSettings(const BasemapSettings& settings);

    /// Appends a source row for `dataset`, named after its file.
    void addSource(BasemapSource::Kind kind, const QString& dataset);
    void removeSelectedSources();

    QString lastApplyError() const { return mError; }

    /// QgsSettings key of the master the page edits.
    static QString masterKey();

private:
    void browseMaster();
    void browseSource(BasemapSource::Kind kind);
    void showError(const QString& error);
    QString uniqueName(const QString& wanted) const;

    QLineEdit* mMaster = nullptr;
    QTableWidget* mSources = nullptr;
    QDoubleSpinBox* mMargin = nullptr;
    QSpinBox* mLimitMb = nullptr;
    QLabel* mStatus = nullptr;
    QString mLoadedMaster;
    QString mError;
};

class BasemapSettingsPageFactory : public QgsOptionsWidgetFactory {
    Q_OBJECT
public:
    BasemapSettingsPageFactory();
    QgsOptionsPageWidget* createWidget(QWidget* parent = nullptr) const override;
};

} // namespace recheck::archiveui
