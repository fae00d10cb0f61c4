#include "core/data/uniform_box.h"

#include <cassert>
#include <cmath>
#include <stdexcept>

namespace ganscope {

UniformBox::UniformBox(int dim, double low, double high) : dim_(dim), low_(low), high_(high) {
  if (dim != 1 && dim != 2) throw std::invalid_argument("UniformBox: dim must be 1 or 2");
  if (!(low < high) || !std::isfinite(low) || !std::isfinite(high)) {
    throw std::invalid_argument("UniformBox: low and high must be finite with low < high");
  }
}

void UniformBox::sample(Rng& rng, Eigen::Ref<Matrix> out) const {
  assert(out.rows() == dim_);
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    for (Eigen::Index row = 0; row < out.rows(); ++row) {
      out(row, column) = static_cast<float>(rng.uniform(low_, high_));
    }
  }
}

double UniformBox::density(const Eigen::Ref<const Vector>& x) const {
  assert(x.size() == dim_);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x(i) < low_ || x(i) > high_) return 0.0;
  }
  return std::pow(high_ - low_, -static_cast<double>(dim_));
}

Bounds UniformBox::bounds() const {
  Bounds box;
  box.xMin = low_;
  box.xMax = high_;
  if (dim_ == 2) {
    box.yMin = low_;
    box.yMax = high_;
  }
  return box;
}

}  // namespace ganscope
