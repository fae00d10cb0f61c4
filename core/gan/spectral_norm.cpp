#include "core/gan/spectral_norm.h"

#include <cmath>
#include <utility>

namespace ganscope {
namespace {

// x / ‖x‖, or x unchanged when it is zero (a zero weight matrix has σ = 0 and nothing to normalise).
void normalizeInPlace(Vector& x) {
  const float norm = x.norm();
  if (norm > 0.0f) x /= norm;
}

}  // namespace

void SpectralNorm::initialize(const Mlp& raw, Rng& rng) {
  const int layers = raw.layerCount();
  u_.assign(layers, Vector());
  v_.assign(layers, Vector());
  for (int l = 1; l <= layers; ++l) {
    Vector u(raw.widths()[l]);
    for (Eigen::Index i = 0; i < u.size(); ++i) u[i] = static_cast<float>(rng.normal());
    normalizeInPlace(u);
    u_[l - 1] = std::move(u);
    v_[l - 1] = Vector::Zero(raw.widths()[l - 1]);
  }
  sigmas_.assign(layers, 1.0f);
  powerIteration(raw);
}

void SpectralNorm::restore(std::vector<Vector> leftVectors, std::vector<Vector> rightVectors,
                           std::vector<float> sigmas) {
  u_ = std::move(leftVectors);
  v_ = std::move(rightVectors);
  sigmas_ = std::move(sigmas);
}

bool SpectralNorm::fits(const Mlp& raw) const {
  if (static_cast<int>(u_.size()) != raw.layerCount()) return false;
  for (int l = 1; l <= raw.layerCount(); ++l) {
    if (u_[l - 1].size() != raw.widths()[l] || v_[l - 1].size() != raw.widths()[l - 1]) return false;
  }
  return true;
}

void SpectralNorm::powerIteration(const Mlp& raw) {
  for (int l = 1; l <= raw.layerCount(); ++l) {
    const auto w = raw.weight(l);
    v_[l - 1].noalias() = w.transpose() * u_[l - 1];
    normalizeInPlace(v_[l - 1]);
    u_[l - 1].noalias() = w * v_[l - 1];
    normalizeInPlace(u_[l - 1]);
  }
}

void SpectralNorm::normalize(const Mlp& raw, Mlp& normalized) {
  normalized.parameters() = raw.parameters();
  for (int l = 1; l <= raw.layerCount(); ++l) {
    const auto w = raw.weight(l);
    // σ = uᵀ W v, column by column so that no temporary is allocated.
    float sigma = 0.0f;
    for (Eigen::Index j = 0; j < w.cols(); ++j) sigma += v_[l - 1][j] * w.col(j).dot(u_[l - 1]);
    // σ estimates a norm and is ≥ 0 once the iteration has run; guard the degenerate zero matrix.
    if (!(sigma > 0.0f)) sigma = 1.0f;
    sigmas_[l - 1] = sigma;
    normalized.weight(normalized.parameters(), l) /= sigma;
  }
}

void SpectralNorm::backpropagate(const Mlp& normalized, Vector& gradient) const {
  for (int l = 1; l <= normalized.layerCount(); ++l) {
    auto g = normalized.weight(gradient, l);
    const auto wBar = normalized.weight(l);
    const float projection = (g.array() * wBar.array()).sum();
    const float inverseSigma = 1.0f / sigmas_[l - 1];
    for (Eigen::Index j = 0; j < g.cols(); ++j) {
      g.col(j) = (g.col(j) - (projection * v_[l - 1][j]) * u_[l - 1]) * inverseSigma;
    }
  }
}

}  // namespace ganscope
