#include "app/window/text_size.h"

namespace ganscope {

float steppedTextSize(float current, int direction, float largest) {
  constexpr float kSlack = 0.01f;  // a scale within this of a step is that step
  if (direction > 0) {
    for (const float size : kTextSizes) {
      if (size > current + kSlack) return size <= largest + kSlack ? size : current;
    }
  } else if (direction < 0) {
    float below = current;
    for (const float size : kTextSizes) {
      if (size < current - kSlack) below = size;
    }
    return below;
  }
  return current;
}

}  // namespace ganscope
