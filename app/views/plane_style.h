#pragma once
// The look of the 2D plane view in one place: colours (sRGB, straight alpha) and sizes, shared with the
// legend.
#include <array>
#include <cstdint>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace ganscope::plane_style {

// [SECTION] Decision surface: a diverging map interpolated in OKLab from the fake anchor (D = 0) through a
// near white centre (D = ½) to the real anchor (D = 1). Lightness falls monotonically away from the centre on
// both sides (the fake side further), so the map reads in greyscale and on a washed-out projector.

/// The colour of D = 0 ("surely fake"): a slate blue.
inline constexpr glm::vec4 kFieldFake{0.402f, 0.492f, 0.738f, 1.0f};
/// The colour of D = ½ (the decision boundary): a near white.
inline constexpr glm::vec4 kFieldMid{0.969f, 0.965f, 0.957f, 1.0f};
/// The colour of D = 1 ("surely real"): a warm orange.
inline constexpr glm::vec4 kFieldReal{0.961f, 0.673f, 0.411f, 1.0f};
/// The colour of the D = ½ contour line.
inline constexpr glm::vec4 kContour{0.08f, 0.08f, 0.10f, 0.95f};
/// Width of the D = ½ contour line, in pixels at the reference height.
inline constexpr float kContourWidthPx = 1.75f;
/// The colour behind everything, seen where the field is switched off or does not reach.
inline constexpr glm::vec4 kBackground{0.925f, 0.925f, 0.918f, 1.0f};

// [SECTION] Samples: real ones are filled discs with a dark outline, generated ones are diamonds with a light
// outline, so the two differ in hue, in lightness and in shape.

/// Fill of a real sample.
inline constexpr glm::vec4 kRealFill{0.945f, 0.420f, 0.063f, 0.95f};
/// Outline of a real sample.
inline constexpr glm::vec4 kRealOutline{0.20f, 0.09f, 0.02f, 1.0f};
/// Fill of a generated (fake) sample.
inline constexpr glm::vec4 kFakeFill{0.336f, 0.137f, 0.681f, 0.95f};
/// Outline of a generated (fake) sample.
inline constexpr glm::vec4 kFakeOutline{0.98f, 0.98f, 1.0f, 1.0f};
/// Diameter of a real sample's disc, in pixels at the reference height (outline included).
inline constexpr float kRealDiameterPx = 5.0f;
/// Diagonal of a generated sample's diamond, in pixels at the reference height (outline included); larger
/// than the disc because a diamond covers half of its bounding square.
inline constexpr float kFakeDiagonalPx = 7.5f;
/// Width of a real sample's outline, in pixels at the reference height.
inline constexpr float kRealOutlinePx = 1.0f;
/// Width of a generated sample's outline, in pixels at the reference height (thinner: a diamond's corners eat
/// more of its fill than a disc's rim does).
inline constexpr float kFakeOutlinePx = 0.75f;

/// Fill of a generated sample of the GPU path's 100,000-sample cloud: translucent, so overlaps show density.
inline constexpr glm::vec4 kCloudFill{0.336f, 0.137f, 0.681f, 0.15f};
/// Diagonal of a cloud sample's diamond, in pixels at the reference height (no outline).
inline constexpr float kCloudDiagonalPx = 3.5f;

// [SECTION] The generator's manifold: warped latent cells shaded by the density G gives them, and grid lines.

/// Colour of the manifold's cells; their alpha is this alpha times a density-dependent factor in [0, 1].
inline constexpr glm::vec4 kManifoldFill{0.336f, 0.137f, 0.681f, 0.45f};
/// Colour of the manifold's grid lines.
inline constexpr glm::vec4 kManifoldLine{0.195f, 0.106f, 0.389f, 0.35f};

// [SECTION] Arrows: the generator's gradient on its samples.

/// Colour of the arrows.
inline constexpr glm::vec4 kArrow{0.10f, 0.10f, 0.12f, 0.85f};
/// Width of an arrow's shaft, in pixels at the reference height.
inline constexpr float kArrowShaftWidthPx = 1.5f;
/// Length of an arrow's head, in pixels at the reference height (shorter arrows get smaller heads).
inline constexpr float kArrowHeadLengthPx = 8.0f;
/// Width of an arrow's head at its base, in pixels at the reference height.
inline constexpr float kArrowHeadWidthPx = 7.0f;

// [SECTION] Scale

/// The view height at which the pixel sizes above hold; taller views scale them up (projectors, HiDPI).
inline constexpr float kReferenceHeightPx = 800.0f;
/// Samples per pixel of the offscreen picture (multisampling smooths triangles and lines).
inline constexpr int kMultisamples = 1;

/// An sRGB colour (alpha ignored) in OKLab (Ottosson 2020): L, a, b.
glm::vec3 srgbToOklab(glm::vec4 srgb);
/// An OKLab colour in sRGB, each channel clamped to [0, 1] (gamut clipping), alpha 1.
glm::vec4 oklabToSrgb(glm::vec3 lab);

/// The field's colour for a value d of D in [0, 1] (sRGB, opaque), as the plane view draws it; for legends.
glm::vec4 fieldColor(float d);

/// A colour as the RGBA8 bytes OpenGL stores it (each channel clamped to [0, 1], times 255, rounded).
std::array<std::uint8_t, 4> rgba8(glm::vec4 colour);

/// Entries of the field's colormap texture: D = 0 at the first, D = 1 at the last.
inline constexpr int kColormapSize = 256;
/// Entry i of the colormap texture, fieldColor(i / (kColormapSize − 1)) as RGBA8: what the GPU samples and
/// the CPU's field shading (FieldPicture) filters, so both draw the same colours.
std::array<std::uint8_t, 4> colormapTexel(int i);

}  // namespace ganscope::plane_style
