#version 330 core
// The decision surface exact at screen resolution: D evaluated at every pixel's centre, mapped to [0, 1] as the
// CPU path maps it (app/views/plane_view.cpp, displayedDiscriminator), then coloured and contoured. With
// MLP_RAW_OUTPUT defined it writes D's raw output instead (for tests).
#include "mlp.glsl"
#include "field_shading.glsl"

uniform int uMapping;  // 0: sigmoid (minimax, non-saturating), 1: clamp to [0, 1] (LSGAN), 2: centred and scaled
uniform float uCentre;
uniform float uScale;

in vec2 vPosition;
out vec4 fragColor;

float displayed(float d) {
  if (uMapping == 0) return 1.0 / (1.0 + exp(-d));
  if (uMapping == 1) return clamp(d, 0.0, 1.0);
  return 0.5 + 0.5 * clamp((d - uCentre) / max(uScale, 1e-12), -1.0, 1.0);
}

void main() {
  mlpActivations[0] = vPosition.x;
  mlpActivations[1] = vPosition.y;
  float d = mlpActivations[mlpForward()];
#ifdef MLP_RAW_OUTPUT
  fragColor = vec4(d, 0.0, 0.0, 1.0);
#else
  fragColor = shadeField(displayed(d));
#endif
}
