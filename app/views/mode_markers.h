#pragma once
// The target's mode centres drawn over a view: filled where the generator has captured the mode, hollow where not.
#include <imgui.h>

#include <optional>

#include "core/data/bounds.h"
#include "core/data/distribution.h"
#include "core/metrics/mode_coverage.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// Marks each mode centre of a mixture (ring, grid, 1D mixture) as captured or missed by G's samples, with the
/// VEEGAN/PacGAN rule of core/metrics/mode_coverage.h (Srivastava et al. 2017; Lin et al. 2018): a mode is
/// captured when at least one generated sample within 3σ of a centre has it as its nearest centre. Coverage is
/// measured once per new set of samples (per snapshot), never per frame; drawing only reads it.
class ModeMarkers {
 public:
  /// Measures G's samples `fake` (dim × n) against the modes of `data`, unless `version` was already measured.
  /// Data without modes clears the markers.
  void update(long long version, const Distribution& data, const Matrix& fake);

  /// Draws a marker around each mode centre of a 2D plane showing `view` in the rectangle (origin, size): a
  /// broad filled teal band for a captured mode, a thin teal ring for a mode that is missed but near (its
  /// basin holds half a fair share of G's samples: a wide cloud sits on it), a thin dark ring for a missed
  /// one, all with a white halo and outside the mode's 3σ disc, so the samples there stay visible; never too
  /// small for a projector. A one-line legend sits at the top left ("near" in it only while some mode is
  /// near).
  void drawPlane(ImDrawList* drawList, ImVec2 origin, ImVec2 size, const Bounds& view) const;

  /// Draws the markers of a 1D mixture on a horizontal axis at pixel height `y` (a filled disc when captured, a
  /// hollow ring when missed), where data x maps to left + (x − lo) / (hi − lo) · width.
  void drawAxis(ImDrawList* drawList, float y, double lo, double hi, float left, float width) const;

  /// Whether there are modes to mark.
  bool active() const { return modes_.has_value(); }
  /// The coverage measured last (empty when not active()).
  const ModeCoverage& coverage() const { return coverage_; }
  /// The mode centres and standard deviations (when active()).
  const std::optional<ModeSet>& modes() const { return modes_; }

 private:
  long long version_ = -1;
  std::optional<ModeSet> modes_;
  ModeCoverage coverage_;
};

}  // namespace ganscope
