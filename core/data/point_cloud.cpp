#include "core/data/point_cloud.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/util/input_file.h"

namespace ganscope {

// [SECTION] Reading the CSV file

namespace {

constexpr const char* kExpected = "expected one or two numeric columns";

/// Throws the error for one line of the file: "data.file 'F' line N: WHAT; expected one or two numeric
/// columns".
[[noreturn]] void failAtLine(const std::string& file, std::size_t line, const std::string& what) {
  throw std::invalid_argument("data.file '" + file + "' line " + std::to_string(line) + ": " + what + "; " +
                              kExpected);
}

/// Throws the error for the file as a whole: "data.file 'F' WHAT; expected a CSV file of one or two numeric
/// columns".
[[noreturn]] void failFile(const std::string& file, const std::string& what) {
  throw std::invalid_argument("data.file '" + file + "' " + what +
                              "; expected a CSV file of one or two numeric columns");
}

/// `text` without the spaces, tabs and carriage returns around it.
std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

/// "1 value", "3 values".
std::string valueCount(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " value" : " values");
}

/// The comma-separated fields of a line, each trimmed.
std::vector<std::string_view> splitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(
        trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

/// The outcome of reading one field as a number.
struct ParsedField {
  enum class Status { Number, NotNumber, OutOfRange };
  Status status = Status::NotNumber;
  double value = 0.0;
};

/// Reads a whole field as a decimal number (an optional leading '+' is allowed; "nan" and "inf" parse, and
/// are rejected later as not finite).
ParsedField parseField(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  ParsedField parsed;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, parsed.value);
  if (text.empty() || stop != end) return parsed;
  if (error == std::errc::result_out_of_range) {
    parsed.status = ParsedField::Status::OutOfRange;
  } else if (error == std::errc{}) {
    parsed.status = ParsedField::Status::Number;
  }
  return parsed;
}

/// Whether a line is a header: every field a non-empty name that does not read as a number.
bool isHeader(const std::vector<std::string_view>& fields) {
  for (const auto field : fields) {
    if (field.empty() || parseField(field).status != ParsedField::Status::NotNumber) return false;
  }
  return true;
}

/// Whether a header's name is the class column's: "class", in any case.
bool isClassName(std::string_view name) {
  constexpr std::string_view kClass = "class";
  if (name.size() != kClass.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) != kClass[i]) return false;
  }
  return true;
}

/// Reads a class cell: an integer from 0 to kMaxClasses − 1 written in decimal digits (a leading '+' allowed).
int parseClass(std::string_view field, const std::string& file, std::size_t line) {
  const std::string shown(field);
  const std::string allowed =
      "; expected a class from 0 to " + std::to_string(kMaxClasses - 1) + " in the class column";
  if (field.empty()) {
    throw std::invalid_argument("data.file '" + file + "' line " + std::to_string(line) + ": the class is empty" +
                                allowed);
  }
  if (field.front() == '+') field.remove_prefix(1);
  int value = -1;
  const char* end = field.data() + field.size();
  const auto [stop, error] = std::from_chars(field.data(), end, value);
  if (field.empty() || stop != end || error != std::errc{} || value < 0 || value >= kMaxClasses) {
    throw std::invalid_argument("data.file '" + file + "' line " + std::to_string(line) + ": '" + shown +
                                "' is not a class" + allowed);
  }
  return value;
}

/// Throws unless every class from 0 to the largest has a point.
void requireEveryClass(const std::vector<int>& classes, const std::string& file) {
  const int most = *std::max_element(classes.begin(), classes.end());
  std::vector<bool> used(static_cast<std::size_t>(most) + 1, false);
  for (int c : classes) used[static_cast<std::size_t>(c)] = true;
  for (int c = 0; c <= most; ++c) {
    if (!used[static_cast<std::size_t>(c)]) {
      throw std::invalid_argument("data.file '" + file + "' has classes up to " + std::to_string(most) +
                                  " but no point of class " + std::to_string(c) +
                                  "; expected every class from 0 to the largest");
    }
  }
}

}  // namespace

Matrix readPointsCsv(const std::string& file) { return readLabelledPointsCsv(file).points; }

PointsCsv readLabelledPointsCsv(const std::string& file) {
  try {
    return parseLabelledPointsCsv(readInputFile(file, kMaxPointsFileBytes, "data.file"), file);
  } catch (const InputFileError& e) {
    throw std::invalid_argument(std::string(e.what()) + "; expected a CSV file of one or two numeric columns");
  }
}

Matrix parsePointsCsv(std::string_view content, const std::string& file) {
  return parseLabelledPointsCsv(content, file).points;
}

PointsCsv parseLabelledPointsCsv(std::string_view content, const std::string& file) {
  std::vector<float> values;    // row-major: the coordinates of each point in turn
  std::vector<int> classes;     // the class column's values, one per point
  std::size_t columns = 0;      // fixed by the header or the first data line
  std::size_t columnsLine = 0;  // the line that fixed `columns`
  bool seenContent = false;     // whether a non-blank line has been read (only the first may be a header)
  bool labelled = false;        // whether the header names the last column `class`
  std::size_t lineStart = 0;
  for (std::size_t lineNumber = 1; lineStart < content.size(); ++lineNumber) {
    const std::size_t lineEnd = std::min(content.find('\n', lineStart), content.size());
    std::string_view line = content.substr(lineStart, lineEnd - lineStart);
    lineStart = lineEnd + 1;
    if (lineNumber == 1 && line.starts_with("\xEF\xBB\xBF")) {  // a UTF-8 byte order mark
      line.remove_prefix(3);
    }
    line = trim(line);
    if (line.empty()) continue;

    const auto fields = splitFields(line);
    const bool headerLine = !seenContent && isHeader(fields);
    if (headerLine && isClassName(fields.back())) {
      if (fields.size() == 1) {
        failAtLine(file, lineNumber, "a class column needs one or two columns of numbers before it");
      }
      labelled = true;
    }
    const std::size_t most = labelled ? 3 : 2;
    if (fields.size() > most) {
      std::string what = valueCount(fields.size()) + ", more than two columns";
      if (labelled) what += " and the class column";
      if (!labelled && fields.size() == 3) what += " (a class column needs a header naming it: x,y,class)";
      failAtLine(file, lineNumber, what);
    }
    if (columns != 0 && fields.size() != columns) {
      failAtLine(file, lineNumber,
                 valueCount(fields.size()) + ", but line " + std::to_string(columnsLine) + " has " +
                     std::to_string(columns) + " (every row needs the same number of columns)");
    }
    if (columns == 0) {
      columns = fields.size();
      columnsLine = lineNumber;
    }
    if (!seenContent) {
      seenContent = true;
      if (headerLine) continue;
    }

    const std::size_t numeric = labelled ? fields.size() - 1 : fields.size();
    for (std::size_t i = 0; i < numeric; ++i) {
      const std::string field(fields[i]);
      if (field.empty()) failAtLine(file, lineNumber, "column " + std::to_string(i + 1) + " is empty");
      const ParsedField parsed = parseField(field);
      if (parsed.status == ParsedField::Status::NotNumber) {
        failAtLine(file, lineNumber, "'" + field + "' is not a number");
      }
      if (parsed.status == ParsedField::Status::OutOfRange) {
        failAtLine(file, lineNumber, "'" + field + "' is out of range");
      }
      const auto value = static_cast<float>(parsed.value);
      if (!std::isfinite(parsed.value)) {
        failAtLine(file, lineNumber, "'" + field + "' is not a finite number");
      }
      if (!std::isfinite(value)) {
        failAtLine(file, lineNumber, "'" + field + "' is too large for a 32-bit float");
      }
      values.push_back(value);
    }
    if (labelled) classes.push_back(parseClass(fields.back(), file, lineNumber));
  }
  if (values.empty()) failFile(file, "holds no points");
  if (labelled) requireEveryClass(classes, file);

  const auto dim = static_cast<Eigen::Index>(labelled ? columns - 1 : columns);
  const auto count = static_cast<Eigen::Index>(values.size()) / dim;
  // The values are row-major (x, y, x, y, ...), which is exactly a column-major dim × n matrix.
  return {Eigen::Map<const Matrix>(values.data(), dim, count), std::move(classes)};
}

// [SECTION] The distribution

PointCloud::PointCloud(Matrix points, double std, std::vector<int> classes)
    : points_(std::move(points)), std_(std), classes_(std::move(classes)) {
  if (!classes_.empty()) {
    if (std::ssize(classes_) != points_.cols()) {
      throw std::invalid_argument("PointCloud: needs one class per point");
    }
    for (int c : classes_) {
      if (c < 0 || c >= kMaxClasses) throw std::invalid_argument("PointCloud: a class outside 0 to 24");
      classCount_ = std::max(classCount_, c + 1);
    }
  }
  if (points_.rows() != 1 && points_.rows() != 2) {
    throw std::invalid_argument("PointCloud: points must be 1D or 2D");
  }
  if (points_.cols() < 1) throw std::invalid_argument("PointCloud: needs at least one point");
  if (points_.cols() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("PointCloud: too many points");
  }
  if (!(std >= 0.0) || !std::isfinite(std)) {
    throw std::invalid_argument("PointCloud: std must be zero or positive");
  }
}

PointCloud PointCloud::fromCsv(const std::string& file, double std) {
  PointsCsv read = readLabelledPointsCsv(file);
  return PointCloud(std::move(read.points), std, std::move(read.classes));
}

void PointCloud::sample(Rng& rng, Eigen::Ref<Matrix> out) const {
  assert(out.rows() == dim());
  const auto count = static_cast<std::uint32_t>(points_.cols());
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    const auto index = static_cast<Eigen::Index>(rng.below(count));
    for (Eigen::Index row = 0; row < out.rows(); ++row) {
      const double jitter = std_ > 0.0 ? std_ * rng.normal() : 0.0;
      out(row, column) = static_cast<float>(points_(row, index) + jitter);
    }
  }
}

void PointCloud::sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const {
  assert(out.rows() == dim() && std::ssize(classes) == out.cols() && classCount_ > 0);
  const auto count = static_cast<std::uint32_t>(points_.cols());
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    const auto index = static_cast<Eigen::Index>(rng.below(count));
    classes[static_cast<std::size_t>(column)] = classes_[static_cast<std::size_t>(index)];
    for (Eigen::Index row = 0; row < out.rows(); ++row) {
      const double jitter = std_ > 0.0 ? std_ * rng.normal() : 0.0;
      out(row, column) = static_cast<float>(points_(row, index) + jitter);
    }
  }
}

void PointCloud::sampleClasses(Rng& rng, std::span<int> classes) const {
  if (classCount_ == 0) throw std::logic_error("sampleClasses: these points have no classes");
  const auto count = static_cast<std::uint32_t>(points_.cols());
  for (int& c : classes) c = classes_[static_cast<std::size_t>(rng.below(count))];
}

int PointCloud::classOf(const float* x) const {
  if (classCount_ == 0) return -1;
  Eigen::Index best = 0;
  float bestDistance = std::numeric_limits<float>::infinity();
  for (Eigen::Index j = 0; j < points_.cols(); ++j) {
    float squared = 0.0f;
    for (Eigen::Index i = 0; i < points_.rows(); ++i) {
      const float difference = x[i] - points_(i, j);
      squared += difference * difference;
    }
    if (squared < bestDistance) bestDistance = squared, best = j;
  }
  return classes_[static_cast<std::size_t>(best)];
}

Bounds PointCloud::bounds() const {
  // The extent of one axis, grown by 4 std, and by ½ when every point has the same coordinate.
  const auto axis = [this](Eigen::Index row, double& low, double& high) {
    low = points_.row(row).minCoeff();
    high = points_.row(row).maxCoeff();
    const double grow = 4.0 * std_ + (low == high ? 0.5 : 0.0);
    low -= grow;
    high += grow;
  };
  Bounds box;
  axis(0, box.xMin, box.xMax);
  if (dim() == 2) axis(1, box.yMin, box.yMax);
  return box;
}

}  // namespace ganscope
