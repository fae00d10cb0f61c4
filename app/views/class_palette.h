#pragma once
// The colours of a conditional run's classes (up to kMaxClasses = 25), for its samples in the plane view.
#include <glm/vec4.hpp>

namespace ganscope {

/// The colour of class k, 0 ≤ k < 25 (sRGB, opaque): five hues of OKLab chroma 0.12 times five lightness levels,
/// class k taking hue k mod 5 and level (2k + ⌊k/5⌋) mod 5, so that any two classes differ in hue or lightness and
/// consecutive classes (neighbouring modes on a ring) differ by two lightness levels, which reads in grey too.
/// Out-of-range k wraps.
glm::vec4 classColor(int k);

}  // namespace ganscope
