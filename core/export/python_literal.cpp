#include "core/export/python_literal.h"

#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

constexpr std::size_t kColumns = 120;

std::string spaces(int count) {
  return std::string(static_cast<std::size_t>(count), ' ');
}

// A Python string literal in double quotes; the bytes of valid UTF-8 are kept (Python 3 source is UTF-8).
std::string pythonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string pythonNumber(const nlohmann::json& value) {
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isnan(number)) return "float(\"nan\")";
    if (std::isinf(number)) return number > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  }
  return value.dump();  // integers as they are, doubles with the digits that read back the same double
}

// Items joined by ", " and wrapped at kColumns, each continuation line indented by `indent`.
std::string wrapped(const std::vector<std::string>& items, int indent) {
  std::string out = "[";
  std::size_t column = static_cast<std::size_t>(indent) + 1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string piece = items[i] + (i + 1 < items.size() ? "," : "");
    if (i > 0) {
      if (column + 1 + piece.size() > kColumns) {
        out += "\n" + spaces(indent + 1);
        column = static_cast<std::size_t>(indent) + 1;
      } else {
        out += ' ';
        ++column;
      }
    }
    out += piece;
    column += piece.size();
  }
  return out + "]";
}

bool allNumbers(const nlohmann::json& array) {
  for (const auto& item : array) {
    if (!item.is_number()) return false;
  }
  return true;
}

}  // namespace

std::string pythonFloat(float value) {
  if (std::isnan(value)) return "float(\"nan\")";
  if (std::isinf(value)) return value > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(value));
  return buffer;
}

std::string pythonFloatList(const float* values, Eigen::Index count, int indent) {
  std::vector<std::string> items;
  items.reserve(static_cast<std::size_t>(count));
  for (Eigen::Index i = 0; i < count; ++i) items.push_back(pythonFloat(values[i]));
  return wrapped(items, indent);
}

std::string pythonDoubleList(const double* values, Eigen::Index count, int indent) {
  std::vector<std::string> items;
  items.reserve(static_cast<std::size_t>(count));
  for (Eigen::Index i = 0; i < count; ++i) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", values[i]);
    items.push_back(std::isfinite(values[i]) ? buffer : "float(\"nan\")");
  }
  return wrapped(items, indent);
}

std::string pythonRows(const Eigen::Ref<const Matrix>& matrix, int indent) {
  std::string out = "[";
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    std::vector<std::string> items;
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) items.push_back(pythonFloat(matrix(r, c)));
    if (r > 0) out += ",\n" + spaces(indent + 1);
    out += wrapped(items, indent + 1);
  }
  return out + "]";
}

std::string pythonLiteral(const nlohmann::json& value, int indent) {
  if (value.is_null()) return "None";
  if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
  if (value.is_number()) return pythonNumber(value);
  if (value.is_string()) return pythonString(value.get<std::string>());
  if (value.is_array()) {
    if (value.empty()) return "[]";
    if (allNumbers(value)) {
      std::vector<std::string> items;
      for (const auto& item : value) items.push_back(pythonNumber(item));
      return wrapped(items, indent);
    }
    std::string out = "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += spaces(indent + 4) + pythonLiteral(value[i], indent + 4) + (i + 1 < value.size() ? ",\n" : "\n");
    }
    return out + spaces(indent) + "]";
  }
  if (value.empty()) return "{}";
  std::string out = "{\n";
  std::size_t i = 0;
  for (const auto& [key, item] : value.items()) {
    out += spaces(indent + 4) + pythonString(key) + ": " + pythonLiteral(item, indent + 4) +
           (++i < value.size() ? ",\n" : "\n");
  }
  return out + spaces(indent) + "}";
}

}  // namespace ganscope
