#version 330 core
// A sample's shape from a signed distance in pixels: a disc (real) or a diamond (fake), filled, outlined and
// anti-aliased over one pixel.

uniform int uShape;          // 0: disc, 1: diamond
uniform float uSpritePx;     // side of the sprite square in pixels
uniform float uRadiusPx;     // disc radius, or diamond half-diagonal, in pixels (outline included)
uniform float uOutlinePx;    // outline width in pixels
uniform vec4 uFill;
uniform vec4 uOutline;

out vec4 fragColor;

void main() {
  vec2 p = (gl_PointCoord - 0.5) * uSpritePx;
  float sdf = uShape == 0 ? length(p) - uRadiusPx : (abs(p.x) + abs(p.y) - uRadiusPx) * 0.70710678;
  float coverage = clamp(0.5 - sdf, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  vec4 color = mix(uFill, uOutline, clamp(sdf + uOutlinePx + 0.5, 0.0, 1.0));
  fragColor = vec4(color.rgb, color.a * coverage);
}
