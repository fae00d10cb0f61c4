#version 330 core
// D as a diverging colormap (a lookup texture built from plane_style::fieldColor) and the D = 0.5 contour,
// anti-aliased with the screen-space gradient of D, so the line keeps its width in pixels at any zoom.

uniform sampler2D uField;     // R32F, D in [0, 1] at cell centres, linear filtering
uniform sampler2D uColormap;  // N x 1 RGBA8, D = 0 at the first texel centre and D = 1 at the last
uniform int uShowField;
uniform int uShowContour;
uniform vec4 uContourColor;
uniform float uContourWidthPx;

in vec2 vUv;
out vec4 fragColor;

void main() {
  float d = texture(uField, vUv).r;
  float n = float(textureSize(uColormap, 0).x);
  vec3 base = texture(uColormap, vec2((clamp(d, 0.0, 1.0) * (n - 1.0) + 0.5) / n, 0.5)).rgb;

  // Distance in pixels to the 0.5 level, to first order: |d - 0.5| / |grad d|.
  float line = 0.0;
  if (uShowContour != 0) {
    float gradient = length(vec2(dFdx(d), dFdy(d)));
    if (gradient > 1e-7) {
      float distancePx = abs(d - 0.5) / gradient;
      line = clamp(0.5 * uContourWidthPx + 0.5 - distancePx, 0.0, 1.0) * uContourColor.a;
    }
  }
  if (uShowField != 0)
    fragColor = vec4(mix(base, uContourColor.rgb, line), 1.0);
  else
    fragColor = vec4(uContourColor.rgb, line);
}
