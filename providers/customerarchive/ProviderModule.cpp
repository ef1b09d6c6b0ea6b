// The entry point QGIS looks for in every library of its provider folder.

#include "CustomerArchiveProvider.h"

#include <qgis.h>

QGISEXTERN QgsProviderMetadata* providerMetadataFactory() {
    return new recheck::qgis::CustomerArchiveProviderMetadata();
}
