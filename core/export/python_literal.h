#pragma once
// Values written as Python source: the config as a dict literal, and float32 numbers written so that Python
// reads back exactly the same float32.
#include <nlohmann/json.hpp>
#include <string>

#include "core/nn/tensor.h"

namespace ganscope {

/// The JSON value as a Python literal, indented by 4 per level from `indent`: objects become dicts, arrays
/// lists, true/false/null True/False/None, strings Python string literals (quotes, backslashes and control
/// characters escaped). Arrays of numbers are written on as few lines as fit 120 columns.
std::string pythonLiteral(const nlohmann::json& value, int indent = 0);

/// A float32 as a Python number with 9 significant digits, which a float32 reads back exactly (IEEE 754's
/// bound for binary32); nan and inf as float("nan") and float("inf").
std::string pythonFloat(float value);

/// The entries of `values` (in storage order) as a Python list, wrapped to 120 columns with `indent` spaces
/// before each continuation line.
std::string pythonFloatList(const float* values, Eigen::Index count, int indent);

/// The entries of `values` as a Python list of doubles (17 significant digits: read back exactly), wrapped as
/// pythonFloatList does.
std::string pythonDoubleList(const double* values, Eigen::Index count, int indent);

/// A matrix as a Python list of its rows, one row a line (rows wrapped to 120 columns), `indent` spaces
/// before each.
std::string pythonRows(const Eigen::Ref<const Matrix>& matrix, int indent);

}  // namespace ganscope
