#version 330 core
// Generated samples x = G(z) computed here, one vertex per latent vector z (up to 16 numbers, in four vec4
// attributes), drawn as point sprites by points.frag. With MLP_RAW_OUTPUT defined, vertex i lands on pixel
// (i mod width, i div width) of a uRawSizePx framebuffer and hands G(z) to raw_value.frag (for tests).
#include "mlp.glsl"

layout(location = 0) in vec4 aLatent0;  // z[0..3]
layout(location = 1) in vec4 aLatent1;  // z[4..7]
layout(location = 2) in vec4 aLatent2;  // z[8..11]
layout(location = 3) in vec4 aLatent3;  // z[12..15]

uniform vec2 uViewMin;
uniform vec2 uViewMax;
uniform float uSpritePx;
uniform ivec2 uRawSizePx;

flat out vec4 vRaw;

void main() {
  vec4 z[4] = vec4[4](aLatent0, aLatent1, aLatent2, aLatent3);
  for (int i = 0; i < uMlpWidths[0]; ++i) mlpActivations[i] = z[i >> 2][i & 3];
  int first = mlpForward();
  vec2 x = vec2(mlpActivations[first], uMlpWidths[uMlpLayerCount] > 1 ? mlpActivations[first + 1] : 0.0);
#ifdef MLP_RAW_OUTPUT
  vec2 pixel = vec2(gl_VertexID % uRawSizePx.x, gl_VertexID / uRawSizePx.x) + 0.5;
  gl_Position = vec4(pixel / vec2(uRawSizePx) * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = 1.0;
  vRaw = vec4(x, 0.0, 1.0);
#else
  gl_Position = vec4((x - uViewMin) / (uViewMax - uViewMin) * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = uSpritePx;
  vRaw = vec4(0.0);
#endif
}
