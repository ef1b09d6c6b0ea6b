#include "RouteReaders.h"

#include "common/RecheckError.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <unordered_map>

namespace recheck::routing {

namespace {

using Kind = RecheckError::Kind;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw RecheckError(where + ": " + what, Kind::InvalidInput);
}

std::string trimmed(const std::string& text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    return text.substr(begin, end - begin);
}

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::ifstream openForReading(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw RecheckError(path + ": cannot open for reading", Kind::Io);
    return in;
}

/// Lines without their end-of-line (LF or CRLF) and without a UTF-8 BOM.
bool nextLine(std::ifstream& in, std::string& line, int& lineNumber) {
    if (!std::getline(in, line))
        return false;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    if (lineNumber == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
        line.erase(0, 3);
    return true;
}

/// RFC 4180 fields of one line (quotes, doubled quotes inside quotes).
std::vector<std::string> csvFields(const std::string& line, const std::string& where) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    bool wasQuoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            wasQuoted = true;
        } else if (c == ',') {
            fields.push_back(wasQuoted ? field : trimmed(field));
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    if (quoted)
        fail(where, "a quoted field is not closed (quotes must pair up on one line)");
    fields.push_back(wasQuoted ? field : trimmed(field));
    return fields;
}

double parseNumber(const std::string& text, const std::string& where, const std::string& column) {
    const std::string value = trimmed(text);
    if (value.empty())
        fail(where, "column '" + column + "' is empty; a number is expected");
    errno = 0;
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (end != value.c_str() + value.size() || errno == ERANGE || !std::isfinite(number))
        fail(where, "column '" + column + "': '" + value + "' is not a finite number");
    return number;
}

/// Maps required (and optional) header names to column indices.
class CsvHeader {
public:
    CsvHeader(const std::vector<std::string>& fields, const std::string& path) : mPath(path) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            mIndex.emplace(lowered(trimmed(fields[i])), i);
        for (const auto& field : fields)
            mFound += (mFound.empty() ? "" : ", ") + field;
    }
    std::size_t require(const std::string& name) const {
        const auto it = mIndex.find(name);
        if (it == mIndex.end())
            fail(mPath + ":1", "the header has no column '" + name + "' (found: " + mFound + ")");
        return it->second;
    }
    long optional(const std::string& name) const {
        const auto it = mIndex.find(name);
        return it == mIndex.end() ? -1 : static_cast<long>(it->second);
    }

private:
    std::string mPath;
    std::map<std::string, std::size_t> mIndex;
    std::string mFound;
};

const std::string& fieldAt(const std::vector<std::string>& fields, std::size_t index,
                           const std::string& where, const std::string& column) {
    if (index >= fields.size())
        fail(where,
             "the row has " + std::to_string(fields.size()) + " fields; column '" + column + "' is missing");
    return fields[index];
}

void addId(std::unordered_map<std::string, int>& lineOfId, const std::string& id, int lineNumber,
           const std::string& where) {
    if (id.empty())
        fail(where, "column 'id' is empty");
    const auto inserted = lineOfId.emplace(id, lineNumber);
    if (!inserted.second)
        fail(where, "id '" + id + "' repeats the id of line " + std::to_string(inserted.first->second) +
                        " (ids must be unique)");
}

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

// Skips leading blank lines and reads the header row; an empty file is an
// error that says what the file should hold.
CsvHeader readCsvHeader(std::ifstream& in, const std::string& path, std::string& line, int& lineNumber,
                        const char* whatIsExpected) {
    bool haveHeader = false;
    while (!haveHeader && nextLine(in, line, lineNumber))
        haveHeader = !trimmed(line).empty();
    if (!haveHeader)
        fail(path, std::string("the file is empty; expected ") + whatIsExpected);
    return CsvHeader(csvFields(line, path + ":" + std::to_string(lineNumber)), path);
}

} // namespace

RouteInstance readPointsCsv(const std::string& path) {
    std::ifstream in = openForReading(path);
    RouteInstance instance;
    instance.name = baseName(path);
    std::string line;
    int lineNumber = 0;
    const CsvHeader header =
        readCsvHeader(in, path, line, lineNumber, "a header 'id,x,y' and a row for the depot");
    const std::size_t idColumn = header.require("id");
    const std::size_t xColumn = header.require("x");
    const std::size_t yColumn = header.require("y");
    std::unordered_map<std::string, int> lineOfId;
    while (nextLine(in, line, lineNumber)) {
        if (trimmed(line).empty())
            continue;
        const std::string where = path + ":" + std::to_string(lineNumber);
        const auto fields = csvFields(line, where);
        const std::string id = trimmed(fieldAt(fields, idColumn, where, "id"));
        addId(lineOfId, id, lineNumber, where);
        const double x = parseNumber(fieldAt(fields, xColumn, where, "x"), where, "x");
        const double y = parseNumber(fieldAt(fields, yColumn, where, "y"), where, "y");
        instance.ids.push_back(id);
        instance.points.push_back({x, y});
    }
    if (instance.points.empty())
        fail(path, "no data rows; the first row must be the depot, then the customers");
    if (instance.points.size() == 1)
        fail(path, "only the depot (id '" + instance.ids.front() + "'), no customers to route");
    return instance;
}

RouteInstance readTsplib(const std::string& path) {
    std::ifstream in = openForReading(path);
    RouteInstance instance;
    instance.name = baseName(path);
    std::string line;
    int lineNumber = 0;
    long dimension = -1;
    std::string weightType;
    bool inCoordinates = false;
    std::unordered_map<std::string, int> lineOfId;
    while (nextLine(in, line, lineNumber)) {
        const std::string where = path + ":" + std::to_string(lineNumber);
        const std::string text = trimmed(line);
        if (text.empty())
            continue;
        if (text == "EOF")
            break;
        if (inCoordinates &&
            (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+')) {
            // "index x y", separated by blanks.
            std::vector<std::string> tokens;
            std::size_t i = 0;
            while (i < text.size()) {
                while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
                    ++i;
                std::size_t j = i;
                while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])))
                    ++j;
                if (j > i)
                    tokens.push_back(text.substr(i, j - i));
                i = j;
            }
            if (tokens.size() < 3)
                fail(where, "a NODE_COORD_SECTION line needs 'index x y', found '" + text + "'");
            addId(lineOfId, tokens[0], lineNumber, where);
            instance.ids.push_back(tokens[0]);
            instance.points.push_back(
                {parseNumber(tokens[1], where, "x"), parseNumber(tokens[2], where, "y")});
            continue;
        }
        inCoordinates = false;
        const auto colon = text.find(':');
        const std::string key = trimmed(colon == std::string::npos ? text : text.substr(0, colon));
        const std::string value =
            colon == std::string::npos ? std::string() : trimmed(text.substr(colon + 1));
        if (key == "NODE_COORD_SECTION") {
            inCoordinates = true;
        } else if (key == "TYPE") {
            if (value != "TSP")
                fail(where, "TYPE " + value + " is not supported (only symmetric TSP)");
        } else if (key == "DIMENSION") {
            dimension = static_cast<long>(parseNumber(value, where, "DIMENSION"));
        } else if (key == "EDGE_WEIGHT_TYPE") {
            weightType = value;
            if (value == "EUC_2D")
                instance.metric = DistanceMatrix::Metric::TsplibEuc2D;
            else if (value == "CEIL_2D")
                instance.metric = DistanceMatrix::Metric::TsplibCeil2D;
            else if (value == "ATT")
                instance.metric = DistanceMatrix::Metric::TsplibAtt;
            else
                fail(where, "EDGE_WEIGHT_TYPE " + value + " is not supported (EUC_2D, CEIL_2D, ATT are)");
        } else if (key == "NAME") {
            instance.name = value;
        } else if (key == "EDGE_WEIGHT_SECTION" || key == "DISPLAY_DATA_SECTION" || key == "TOUR_SECTION" ||
                   key == "DEMAND_SECTION") {
            fail(where, "section " + key + " is not supported (only NODE_COORD_SECTION)");
        }
        // COMMENT, DISPLAY_DATA_TYPE and other specification lines carry nothing we need.
    }
    if (weightType.empty())
        fail(path, "no EDGE_WEIGHT_TYPE line (EUC_2D, CEIL_2D or ATT expected)");
    if (instance.points.empty())
        fail(path, "no NODE_COORD_SECTION entries");
    if (dimension >= 0 && static_cast<std::size_t>(dimension) != instance.points.size())
        fail(path, "DIMENSION says " + std::to_string(dimension) + " but NODE_COORD_SECTION lists " +
                       std::to_string(instance.points.size()) + " nodes");
    if (instance.points.size() == 1)
        fail(path, "only one node, nothing to route");
    return instance;
}

std::vector<std::vector<Point>> parseLineWkt(const std::string& wkt, const std::string& where) {
    const std::string text = trimmed(wkt);
    const std::string upper = [&] {
        std::string u = text;
        std::transform(u.begin(), u.end(), u.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return u;
    }();
    const bool multi = upper.rfind("MULTILINESTRING", 0) == 0;
    if (!multi && upper.rfind("LINESTRING", 0) != 0)
        fail(where,
             "column 'wkt': expected LINESTRING or MULTILINESTRING, found '" + text.substr(0, 40) + "'");
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        fail(where, "column 'wkt': unbalanced parentheses");
    if (upper.find("EMPTY") != std::string::npos && open == std::string::npos)
        return {};
    std::vector<std::vector<Point>> lines;
    // Each innermost "( x y, x y … )" group is one polyline.
    std::size_t i = open;
    const std::string body = text.substr(0, close + 1);
    while (true) {
        std::size_t groupOpen = multi ? body.find('(', i + 1) : open;
        if (groupOpen == std::string::npos)
            break;
        const std::size_t groupClose = body.find(')', groupOpen);
        if (groupClose == std::string::npos)
            fail(where, "column 'wkt': unbalanced parentheses");
        std::vector<Point> vertices;
        std::size_t start = groupOpen + 1;
        while (start <= groupClose) {
            std::size_t comma = body.find(',', start);
            if (comma == std::string::npos || comma > groupClose)
                comma = groupClose;
            const std::string vertex = trimmed(body.substr(start, comma - start));
            // "x y" or "x y z" / "x y z m": the first two numbers count.
            char* end = nullptr;
            errno = 0;
            const double x = std::strtod(vertex.c_str(), &end);
            const char* afterX = end;
            const double y = std::strtod(afterX, &end);
            if (vertex.empty() || afterX == vertex.c_str() || end == afterX || !std::isfinite(x) ||
                !std::isfinite(y))
                fail(where, "column 'wkt': vertex '" + vertex + "' is not 'x y'");
            vertices.push_back({x, y});
            start = comma + 1;
        }
        if (vertices.size() < 2)
            fail(where, "column 'wkt': a line needs at least two vertices");
        lines.push_back(std::move(vertices));
        if (!multi)
            break;
        i = groupClose;
    }
    return lines;
}

std::vector<RoadLine> readRoadsCsv(const std::string& path) {
    std::ifstream in = openForReading(path);
    std::string line;
    int lineNumber = 0;
    const CsvHeader header =
        readCsvHeader(in, path, line, lineNumber, "a header 'id,wkt[,oneway]' and road lines");
    const std::size_t idColumn = header.require("id");
    const std::size_t wktColumn = header.require("wkt");
    const long onewayColumn = header.optional("oneway");
    std::vector<RoadLine> roads;
    std::unordered_map<std::string, int> lineOfId;
    while (nextLine(in, line, lineNumber)) {
        if (trimmed(line).empty())
            continue;
        const std::string where = path + ":" + std::to_string(lineNumber);
        const auto fields = csvFields(line, where);
        const std::string id = trimmed(fieldAt(fields, idColumn, where, "id"));
        addId(lineOfId, id, lineNumber, where);
        int oneway = 0;
        if (onewayColumn >= 0) {
            const std::string value =
                lowered(trimmed(fieldAt(fields, static_cast<std::size_t>(onewayColumn), where, "oneway")));
            if (value.empty() || value == "0" || value == "no" || value == "false" || value == "b")
                oneway = 0;
            else if (value == "1" || value == "yes" || value == "true" || value == "ft")
                oneway = 1;
            else if (value == "-1" || value == "tf" || value == "reverse")
                oneway = -1;
            else
                fail(where, "column 'oneway': '" + value + "' is not one of 0, 1, -1 (yes/no, FT/TF)");
        }
        for (auto& vertices : parseLineWkt(fieldAt(fields, wktColumn, where, "wkt"), where))
            roads.push_back({id, std::move(vertices), oneway});
    }
    if (roads.empty())
        fail(path, "no road lines");
    return roads;
}

} // namespace recheck::routing
