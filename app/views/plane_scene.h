#pragma once
// Everything the 2D plane view draws, in data coordinates, prepared from a snapshot by the GUI thread.
#include <cstdint>
#include <vector>

#include <glm/vec2.hpp>

#include "core/data/bounds.h"

namespace ganscope {

/// Which layers of the plane are drawn.
struct PlaneLayers {
  bool field = true;     ///< D's decision surface as a heatmap
  bool contour = true;   ///< the D = ½ decision boundary (the field's 0.5 level)
  bool real = true;      ///< real samples
  bool fake = true;      ///< generated samples
  bool manifold = true;  ///< the generator's manifold: a latent grid warped by G, shaded by density
  bool arrows = true;    ///< the generator's gradient on its samples (where each sample is pushed)
  bool modes = true;     ///< the target's mode centres, filled when G captures them (drawn over the picture)
};

/// The picture of one frame of the 2D view. Each group of fields has a revision number that the caller increases
/// whenever that group's content changes, so a renderer uploads only what changed (dirty flags).
struct PlaneScene {
  Bounds view;  ///< the data-space rectangle shown: x grows to the right, y grows upwards

  /// D over the view on a fieldWidth × fieldHeight lattice of cell centres, row-major from the bottom row (y = yMin)
  /// up. Each value lies in [0, 1]: 0 is "surely fake", 1 is "surely real", 0.5 is D's decision boundary.
  int fieldWidth = 0;
  int fieldHeight = 0;
  std::vector<float> field;
  std::uint64_t fieldRevision = 0;

  std::vector<glm::vec2> real;  ///< real samples
  std::vector<glm::vec2> fake;  ///< generated samples
  std::uint64_t samplesRevision = 0;

  /// G applied to a regular latent grid: manifoldColumns × manifoldRows points, row-major. Neighbouring points
  /// form the cells of the warped grid; a cell's shade is the density G gives it, ∝ (latent cell area / its area).
  int manifoldColumns = 0;
  int manifoldRows = 0;
  std::vector<glm::vec2> manifold;
  std::uint64_t manifoldRevision = 0;

  /// Arrows from arrowTails[i] to arrowHeads[i] (data coordinates, already scaled for display).
  std::vector<glm::vec2> arrowTails;
  std::vector<glm::vec2> arrowHeads;
  std::uint64_t arrowsRevision = 0;

  PlaneLayers layers;
};

}  // namespace ganscope
