// The precompiled header of recheck_qgis and its users (QGIS-NOTES.md: one
// QGIS-including file takes ~5 s to compile; the headers are the cost).
#pragma once

#include <qgsapplication.h>
#include <qgsexpression.h>
#include <qgsfeatureiterator.h>
#include <qgsfeaturerequest.h>
#include <qgsgeometry.h>
#include <qgsproject.h>
#include <qgsvectordataprovider.h>
#include <qgsvectorlayer.h>

#include <QString>
#include <QVariant>
