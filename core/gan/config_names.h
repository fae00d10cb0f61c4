#pragma once
// The names by which the config's enumerations are written in JSON, on the command line and in the GUI.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/gan/config.h"

namespace ganscope {

/// One enumerator and its name.
template <typename Enum>
using EnumEntry = std::pair<Enum, std::string_view>;

/// Every enumerator of Enum with its name, in the order menus show them.
template <typename Enum>
std::span<const EnumEntry<Enum>> enumEntries();

template <> std::span<const EnumEntry<DataKind>> enumEntries<DataKind>();
template <> std::span<const EnumEntry<LatentDistribution>> enumEntries<LatentDistribution>();
template <> std::span<const EnumEntry<Activation>> enumEntries<Activation>();
template <> std::span<const EnumEntry<LossKind>> enumEntries<LossKind>();
template <> std::span<const EnumEntry<OptimizerKind>> enumEntries<OptimizerKind>();
template <> std::span<const EnumEntry<UpdateOrder>> enumEntries<UpdateOrder>();
template <> std::span<const EnumEntry<TrainerKind>> enumEntries<TrainerKind>();

/// The name of an enumerator.
template <typename Enum>
std::string_view enumName(Enum value) {
  for (const auto& [v, name] : enumEntries<Enum>()) {
    if (v == value) return name;
  }
  return "?";
}

/// The enumerator with this name, if any.
template <typename Enum>
std::optional<Enum> enumFromName(std::string_view name) {
  for (const auto& [v, n] : enumEntries<Enum>()) {
    if (n == name) return v;
  }
  return std::nullopt;
}

/// "a, b, c": the allowed names, for error messages.
template <typename Enum>
std::string enumNameList() {
  std::string list;
  for (const auto& [v, name] : enumEntries<Enum>()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

}  // namespace ganscope
