#pragma once

#include <qgslocatorfilter.h>

#include <QPointer>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

class QgsFeature;
class QgsMapCanvas;
class QgsVectorLayer;

namespace recheck::archiveui {

class ArchiveSearchSessions;

/// QGIS's "Type to locate" bar over every open Recheck archive (prefix `cu`):
/// account number, name, address fragment, phone or meter asset number give
/// ranked customers (core/search's ArchiveSearch over the archive's FTS5
/// index), a district code or name gives districts. Choosing a result zooms
/// to it, selects it and opens the customer's form.
class CustomerLocatorFilter : public QgsLocatorFilter {
    Q_OBJECT
public:
    /// Opens a feature's form (the plugin passes QgisInterface's; tests a probe).
    using FormOpener = std::function<void(QgsVectorLayer*, const QgsFeature&)>;

    CustomerLocatorFilter(QgsMapCanvas* canvas, FormOpener openForm, QObject* parent = nullptr);

    QgsLocatorFilter* clone() const override;
    QString name() const override { return QStringLiteral("recheck-customers"); }
    QString displayName() const override;
    QString description() const override;
    Priority priority() const override { return High; }
    QString prefix() const override { return QStringLiteral("cu"); }

    /// Main thread: which archive layers are open (fetchResults runs in a
    /// worker thread and must not touch the project).
    QStringList prepare(const QString& string, const QgsLocatorContext& context) override;
    void fetchResults(const QString& string, const QgsLocatorContext& context,
                      QgsFeedback* feedback) override;
    void triggerResult(const QgsLocatorResult& result) override;

    /// Most results per archive and kind.
    static constexpr int kResultsPerArchive = 15;

    /// Connections kept open between searches (shared with the clones).
    ArchiveSearchSessions& sessions() const { return *mSessions; }

private:
    struct ArchiveLayer {
        QString layerId;
        QString layerName;
        QString path;  ///< the archive file
        QString table; ///< customers or districts
    };

    /// A clone for one search: shares the original's sessions.
    CustomerLocatorFilter(QgsMapCanvas* canvas, FormOpener openForm,
                          std::shared_ptr<ArchiveSearchSessions> sessions);
    /// The customers and districts layers of archives open in the project.
    static QVector<ArchiveLayer> openArchiveLayers();
    static QStringList pathsOf(const QVector<ArchiveLayer>& layers);

    QPointer<QgsMapCanvas> mCanvas;
    FormOpener mOpenForm;
    QVector<ArchiveLayer> mLayers;
    std::shared_ptr<ArchiveSearchSessions> mSessions;
};

} // namespace recheck::archiveui
