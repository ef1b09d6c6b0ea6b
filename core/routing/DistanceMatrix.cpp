#include "DistanceMatrix.h"

#include "common/RecheckError.h"

#include <cmath>
#include <string>

namespace recheck::routing {

DistanceMatrix DistanceMatrix::euclidean(std::vector<Point> points, Metric metric) {
    DistanceMatrix matrix;
    matrix.mSize = static_cast<int>(points.size());
    matrix.mMetric = metric;
    matrix.mSymmetric = true;
    matrix.mPoints = std::move(points);
    return matrix;
}

DistanceMatrix DistanceMatrix::full(int size, std::vector<double> rowMajor, std::vector<Point> points) {
    if (size < 0 || rowMajor.size() != static_cast<std::size_t>(size) * static_cast<std::size_t>(size))
        throw RecheckError("distance matrix: " + std::to_string(rowMajor.size()) + " values do not form a " +
                               std::to_string(size) + "×" + std::to_string(size) + " matrix",
                           RecheckError::Kind::InvalidInput);
    if (!points.empty() && static_cast<int>(points.size()) != size)
        throw RecheckError("distance matrix: " + std::to_string(points.size()) + " coordinates for " +
                               std::to_string(size) + " stops",
                           RecheckError::Kind::InvalidInput);
    DistanceMatrix matrix;
    matrix.mSize = size;
    matrix.mValues = std::move(rowMajor);
    matrix.mPoints = std::move(points);
    matrix.mSymmetric = true;
    for (int a = 0; a < size && matrix.mSymmetric; ++a)
        for (int b = a + 1; b < size; ++b)
            if (matrix(a, b) != matrix(b, a)) {
                matrix.mSymmetric = false;
                break;
            }
    return matrix;
}

double DistanceMatrix::roundedTsplib(double squared) const {
    switch (mMetric) {
    case Metric::Euclidean:
        return std::sqrt(squared);
    case Metric::TsplibEuc2D:
        // TSPLIB: nint(), i.e. round half up (all distances are non-negative).
        return std::floor(std::sqrt(squared) + 0.5);
    case Metric::TsplibCeil2D:
        return std::ceil(std::sqrt(squared));
    case Metric::TsplibAtt: {
        // TSPLIB's definition: r = sqrt((dx²+dy²)/10); t = nint(r); t < r ? t+1 : t.
        const double r = std::sqrt(squared / 10.0);
        const double t = std::floor(r + 0.5);
        return t < r ? t + 1.0 : t;
    }
    }
    return 0.0;
}

DistanceMatrix DistanceMatrix::subset(const std::vector<int>& nodes) const {
    std::vector<Point> points;
    if (hasPoints()) {
        points.reserve(nodes.size());
        for (int node : nodes)
            points.push_back(mPoints[static_cast<std::size_t>(node)]);
    }
    if (mValues.empty())
        return euclidean(std::move(points), mMetric);
    const std::size_t n = nodes.size();
    std::vector<double> values(n * n);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            values[a * n + b] = (*this)(nodes[a], nodes[b]);
    return full(static_cast<int>(n), std::move(values), std::move(points));
}

DistanceMatrix DistanceMatrix::withFreeReturnTo(int node) const {
    const std::size_t n = static_cast<std::size_t>(mSize);
    std::vector<double> values(n * n);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            values[a * n + b] =
                static_cast<int>(b) == node ? 0.0 : (*this)(static_cast<int>(a), static_cast<int>(b));
    return full(mSize, std::move(values), mPoints);
}

double DistanceMatrix::tourLength(const std::vector<int>& order, bool closed) const {
    double length = 0.0;
    for (std::size_t i = 1; i < order.size(); ++i)
        length += (*this)(order[i - 1], order[i]);
    if (closed && order.size() > 1)
        length += (*this)(order.back(), order.front());
    return length;
}

} // namespace recheck::routing
