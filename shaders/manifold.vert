#version 330 core
// The generator's manifold: triangles of the warped latent cells (alpha from the cell's density) and grid lines.

layout(location = 0) in vec2 aPosition;  // data coordinates
layout(location = 1) in float aAlpha;    // opacity factor in [0, 1] (1 for grid lines)

uniform vec2 uViewMin;
uniform vec2 uViewMax;

out float vAlpha;

void main() {
  vAlpha = aAlpha;
  gl_Position = vec4((aPosition - uViewMin) / (uViewMax - uViewMin) * 2.0 - 1.0, 0.0, 1.0);
}
