#pragma once

// Archives for the QGIS tests, built with core's Archive::create and plain
// SQL, and the SQL-side answers the provider is compared with.

#include <QSet>
#include <QString>
#include <QVariantList>

namespace recheck::test {

struct TestArchiveOptions {
    int customers = 400;
    unsigned seed = 7;
    int customersWithoutGeometry = 5;
};

/// Writes an archive with 4 square districts (EPSG:4490) in a 2×2 grid and a
/// triangular one beside them, 2
/// feeders, and customers with varied attributes (Chinese and Latin names,
/// NULLs, every usage category) at points inside the districts.
void createTestArchive(const QString& path, const TestArchiveOptions& options = {});

/// The ids a plain SQL query returns (first column), SpatiaLite loaded.
QSet<qint64> sqlIds(const QString& path, const QString& sql, const QVariantList& params = {});

} // namespace recheck::test
