#pragma once

#include <QString>
#include <QVariantMap>

namespace recheck::qgis {

/// The data source of a customerarchive layer, in the form QGIS's ogr
/// provider uses: `<path>|layername=<table>[|district=<code>]`. Plain Qt so
/// that the plugins and the CLI can build and read URIs without a provider.
struct ArchiveLayerUri {
    QString path;     ///< the archive file
    QString table;    ///< layername: an archive table (default customers)
    QString district; ///< district code restricting the rows; empty = all
    QString subset;   ///< the layer's subset string (a QGIS expression); empty = none

    static ArchiveLayerUri parse(const QString& uri);
    QString toString() const;

    /// QgsProviderMetadata::decodeUri/encodeUri parts: "path", "layerName",
    /// "district", "subset" (the keys ogr uses where they overlap).
    static ArchiveLayerUri fromParts(const QVariantMap& parts);
    QVariantMap toParts() const;

    /// The table a URI without |layername= opens.
    static QString defaultTable() { return QStringLiteral("customers"); }
};

} // namespace recheck::qgis
