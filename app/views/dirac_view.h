#pragma once
// The Dirac-GAN's phase portrait: the gradient field over the (θ, ψ) plane and the path training takes in it.
#include <imgui.h>

#include <vector>

#include "core/gan/config.h"
#include "core/gan/dirac_field.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// Draws Mescheder et al. 2018, Figure 1 live (§2, "Which training methods for GANs do actually converge?"): the
/// (θ, ψ) plane with axes and ticks, a grid of arrows of the gradient field v(θ, ψ) = (−∂L_G/∂θ, −∂L_D/∂ψ) for the
/// config's loss and penalties (core/gan/dirac_field.h; direction by the arrow, magnitude by its length and
/// darkness), the trajectory of (θ, ψ) from the snapshot's metric history, the current point, the equilibrium
/// (0, 0), and a caption naming the update order, loss, R1 γ and step sizes. Simultaneous gradient descent spirals
/// out, alternating gradient descent circles, and R1 converges: the picture shows which at a glance. The field is
/// recomputed only when the loss, a penalty or the range changes; drawing allocates nothing once sized.
class DiracView {
 public:
  /// Draws the portrait for snapshot `s` into the rectangle (topLeft, size) of `drawList`.
  void draw(const Snapshot& s, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

  /// Half the side of the square of the plane shown: θ and ψ run over [−half, half].
  double halfRange() const { return half_; }

  /// Arrows per side of the grid.
  static constexpr int kArrowsPerSide = 17;

 private:
  void updateRange(const Snapshot& s);
  void updateField(const Config& config);

  double half_ = 2.0;
  bool haveRange_ = false;
  long long rangeFirstStep_ = -1;  // the history the range was fitted to (a new run starts the fit again)
  bool haveField_ = false;
  LossKind fieldLoss_ = LossKind::Minimax;
  PenaltyConfig fieldPenalty_;
  double fieldHalf_ = 0.0;
  std::vector<DiracVector> arrows_;  // kArrowsPerSide², row-major from the bottom row (ψ = −half) up
  double arrowMax_ = 0.0;             // the largest |v| on the grid
  std::vector<ImVec2> trail_;         // the trajectory in pixels (scratch)
};

}  // namespace ganscope
