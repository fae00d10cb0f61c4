#pragma once
// The colours of a conditional run's classes (up to kMaxClasses = 25), for its samples in the plane view.
#include <glm/vec4.hpp>

namespace ganscope {

/// The colour of class k, 0 ≤ k < 25 (sRGB, opaque): five hues of OKLab chroma 0.12 times five lightness
/// levels. With k = 5i + j, class k takes hue (i + j) mod 5 and level (i + 2j) mod 5: any two classes differ
/// in hue or in lightness; consecutive classes (neighbouring modes on a ring) differ by two lightness levels,
/// which reads in grey too; and on the 5×5 grid (mode 5i + j at column i, row j) neighbours differ in both
/// hue and lightness, so no row or column shares a colour family. Out-of-range k wraps.
glm::vec4 classColor(int k);

}  // namespace ganscope
