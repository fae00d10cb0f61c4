#pragma once
// Everything the 2D plane view draws, in data coordinates, prepared from a snapshot by the GUI thread.
#include <cstdint>
#include <memory>
#include <vector>

#include <glm/vec2.hpp>

#include "app/views/field_path.h"
#include "core/data/bounds.h"
#include "core/nn/mlp.h"

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

/// How D's raw output d is mapped to [0, 1] for display (see displayedDiscriminator in plane_view.h).
struct FieldMapping {
  /// σ(d) (minimax, non-saturating), d clamped to [0, 1] (LSGAN), or ½ + ½·clamp((d − centre) / scale) (WGAN, hinge).
  enum class Kind { Sigmoid = 0, Clamp = 1, Centred = 2 };
  Kind kind = Kind::Sigmoid;  ///< which of the three
  float centre = 0.0f;        ///< Centred: the score drawn as ½
  float scale = 1.0f;         ///< Centred: the distance from `centre` drawn as 0 or 1
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

  /// Where the field comes from: `field` (CPU path), or `discriminator` evaluated at every pixel and mapped by
  /// `fieldMapping` (GPU path; fieldRevision increases with new weights, a new mapping or view).
  FieldPath fieldPath = FieldPath::Cpu;
  std::shared_ptr<const Mlp> discriminator;  ///< GPU path: D
  std::uint64_t discriminatorRevision = 0;   ///< increases when `discriminator` holds new weights
  FieldMapping fieldMapping;                 ///< GPU path: how D's output is shown

  std::vector<glm::vec2> real;  ///< real samples
  std::vector<glm::vec2> fake;  ///< generated samples (CPU path)
  std::uint64_t samplesRevision = 0;

  /// GPU path: the generated samples are G(latentCloud) computed per vertex, replacing `fake`. samplesRevision
  /// increases with these too.
  std::shared_ptr<const Mlp> generator;      ///< GPU path: G
  std::uint64_t generatorRevision = 0;       ///< increases when `generator` holds new weights
  std::shared_ptr<const Matrix> latentCloud; ///< latent dim × n noise vectors, drawn once per latent space
  std::uint64_t latentRevision = 0;          ///< increases when `latentCloud` changes

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
