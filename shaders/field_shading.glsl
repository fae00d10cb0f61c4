// D as a diverging colormap (a lookup texture built from plane_style::fieldColor) and the D = 0.5 contour,
// anti-aliased with the screen-space gradient of D, so the line keeps its width in pixels at any zoom. Shared by
// field.frag (D from a CPU lattice) and field_mlp.frag (D evaluated per pixel).

uniform sampler2D uColormap;  // N x 1 RGBA8, D = 0 at the first texel centre and D = 1 at the last
uniform int uShowField;
uniform int uShowContour;
uniform vec4 uContourColor;
uniform float uContourWidthPx;

// The colour of a pixel where D (mapped to [0, 1]) is d; call it in uniform control flow (it takes derivatives).
vec4 shadeField(float d) {
  float n = float(textureSize(uColormap, 0).x);
  vec3 base = texture(uColormap, vec2((clamp(d, 0.0, 1.0) * (n - 1.0) + 0.5) / n, 0.5)).rgb;

  // Distance in pixels to the 0.5 level, to first order: |d - 0.5| / |grad d|.
  float gradient = length(vec2(dFdx(d), dFdy(d)));
  float line = 0.0;
  if (uShowContour != 0 && gradient > 1e-7) {
    float distancePx = abs(d - 0.5) / gradient;
    line = clamp(0.5 * uContourWidthPx + 0.5 - distancePx, 0.0, 1.0) * uContourColor.a;
  }
  if (uShowField != 0) return vec4(mix(base, uContourColor.rgb, line), 1.0);
  return vec4(uContourColor.rgb, line);
}
