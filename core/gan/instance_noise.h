#pragma once
// Instance noise (Sønderby, Caballero, Theis, Shi & Huszár 2017, "Amortised MAP Inference for Image
// Super-resolution", §3.2; Arjovsky & Bottou 2017, "Towards Principled Methods for Training GANs", §3.1): Gaussian
// noise added to every input of the discriminator, real and generated alike, so that the two distributions overlap
// and D's gradient stays informative; annealed to zero as training proceeds.
#include <algorithm>

#include "core/gan/config.h"

namespace ganscope {

/// The noise's standard deviation at iteration `step`: config.instanceNoise, falling linearly to 0 over
/// config.instanceNoiseAnneal iterations when that is > 0.
inline double instanceNoiseStd(const Config& config, long long step) {
  if (config.instanceNoise <= 0.0) return 0.0;
  if (config.instanceNoiseAnneal <= 0) return config.instanceNoise;
  const double remaining = 1.0 - static_cast<double>(step) / static_cast<double>(config.instanceNoiseAnneal);
  return config.instanceNoise * std::max(0.0, remaining);
}

}  // namespace ganscope
