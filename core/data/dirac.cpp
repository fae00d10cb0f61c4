#include "core/data/dirac.h"

namespace ganscope {

void Dirac::sample(Rng& rng, Eigen::Ref<Matrix> out) const {
  (void)rng;
  out.setZero();
}

Bounds Dirac::bounds() const {
  Bounds box;
  box.xMin = -2.0;
  box.xMax = 2.0;
  return box;
}

}  // namespace ganscope
