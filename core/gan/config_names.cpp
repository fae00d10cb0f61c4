#include "core/gan/config_names.h"

#include <array>

namespace ganscope {

template <>
std::span<const EnumEntry<DataKind>> enumEntries<DataKind>() {
  static constexpr std::array<EnumEntry<DataKind>, 14> entries{{
      {DataKind::Ring, "ring"},
      {DataKind::Grid, "grid"},
      {DataKind::Gaussian, "gaussian"},
      {DataKind::Circle, "circle"},
      {DataKind::Spiral, "spiral"},
      {DataKind::Moons, "moons"},
      {DataKind::SwissRoll, "swissroll"},
      {DataKind::Line, "line"},
      {DataKind::Uniform, "uniform"},
      {DataKind::Gaussian1d, "gaussian1d"},
      {DataKind::Mixture1d, "mixture1d"},
      {DataKind::Uniform1d, "uniform1d"},
      {DataKind::Dirac, "dirac"},
      {DataKind::Points, "points"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<LatentDistribution>> enumEntries<LatentDistribution>() {
  static constexpr std::array<EnumEntry<LatentDistribution>, 2> entries{{
      {LatentDistribution::Gaussian, "gaussian"},
      {LatentDistribution::Uniform, "uniform"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<Activation>> enumEntries<Activation>() {
  static constexpr std::array<EnumEntry<Activation>, 5> entries{{
      {Activation::Relu, "relu"},
      {Activation::LeakyRelu, "leaky_relu"},
      {Activation::Tanh, "tanh"},
      {Activation::Elu, "elu"},
      {Activation::Sigmoid, "sigmoid"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<LossKind>> enumEntries<LossKind>() {
  static constexpr std::array<EnumEntry<LossKind>, 6> entries{{
      {LossKind::Minimax, "minimax"},
      {LossKind::NonSaturating, "nonsaturating"},
      {LossKind::Wgan, "wgan"},
      {LossKind::WganGp, "wgan-gp"},
      {LossKind::Lsgan, "lsgan"},
      {LossKind::Hinge, "hinge"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<OptimizerKind>> enumEntries<OptimizerKind>() {
  static constexpr std::array<EnumEntry<OptimizerKind>, 4> entries{{
      {OptimizerKind::Sgd, "sgd"},
      {OptimizerKind::Momentum, "momentum"},
      {OptimizerKind::Adam, "adam"},
      {OptimizerKind::RmsProp, "rmsprop"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<UpdateOrder>> enumEntries<UpdateOrder>() {
  static constexpr std::array<EnumEntry<UpdateOrder>, 2> entries{{
      {UpdateOrder::Alternating, "alternating"},
      {UpdateOrder::Simultaneous, "simultaneous"},
  }};
  return entries;
}

template <>
std::span<const EnumEntry<TrainerKind>> enumEntries<TrainerKind>() {
  static constexpr std::array<EnumEntry<TrainerKind>, 3> entries{{
      {TrainerKind::Cpu, "cpu"},
      {TrainerKind::Gpu, "gpu"},
      {TrainerKind::Auto, "auto"},
  }};
  return entries;
}

}  // namespace ganscope
