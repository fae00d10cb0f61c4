#pragma once
// Spectral normalisation of a network's weight matrices (Miyato, Kataoka, Koyama & Yoshida 2018, "Spectral
// Normalization for Generative Adversarial Networks", Algorithm 1).
#include <vector>

#include "core/nn/mlp.h"
#include "core/util/rng.h"

namespace ganscope {

/// Keeps, for every layer l of a network, the power-iteration vectors u_l and v_l that estimate the largest singular
/// value σ(W_l) = u_lᵀ W_l v_l, and turns the raw network the optimizer updates into the normalised one that is
/// evaluated: W̄_l = W_l / σ(W_l), biases unchanged. As in the paper, u and v are treated as constants when
/// differentiating, and one power iteration runs per update of the weights.
class SpectralNorm {
 public:
  /// Draws u_l ~ N(0, I) (normalised) for every layer of `raw` and runs one power iteration.
  void initialize(const Mlp& raw, Rng& rng);

  /// Whether initialize() has been called for a network of this shape.
  bool fits(const Mlp& raw) const;

  /// One power iteration per layer on the current weights: v ← Wᵀu / ‖Wᵀu‖, u ← Wv / ‖Wv‖.
  void powerIteration(const Mlp& raw);

  /// Writes raw's parameters into `normalized` (same architecture) with every weight matrix divided by
  /// σ_l = u_lᵀ W_l v_l; remembers σ_l for backpropagate().
  void normalize(const Mlp& raw, Mlp& normalized);

  /// Turns a gradient with respect to the normalised parameters (laid out like parameters()) into one with respect
  /// to the raw parameters, in place: ∂L/∂W = (∂L/∂W̄ − ⟨∂L/∂W̄, W̄⟩ u vᵀ) / σ (Miyato et al. 2018, eq. 12);
  /// bias gradients are unchanged. `normalized` is the network normalize() last wrote.
  void backpropagate(const Mlp& normalized, Vector& gradient) const;

  /// The σ_l of the last normalize(), one per layer.
  const std::vector<float>& sigmas() const { return sigmas_; }

  /// The left singular vector estimates u_l, one per layer (out_l entries each); empty before initialize().
  const std::vector<Vector>& leftVectors() const { return u_; }
  /// The right singular vector estimates v_l, one per layer (in_l entries each); empty before initialize().
  const std::vector<Vector>& rightVectors() const { return v_; }

  /// Replaces the whole state with a saved one (a session's): u_l, v_l and σ_l as given. The caller checks that
  /// they fit the network (fits(), and one σ per layer) before normalize() or backpropagate() use them.
  void restore(std::vector<Vector> leftVectors, std::vector<Vector> rightVectors, std::vector<float> sigmas);

  /// Equality of the whole state (for save/restore tests).
  bool operator==(const SpectralNorm&) const = default;

 private:
  std::vector<Vector> u_;  // [l-1]: out_l entries
  std::vector<Vector> v_;  // [l-1]: in_l entries
  std::vector<float> sigmas_;
};

}  // namespace ganscope
