#version 330 core
// Arrows of constant width in pixels: one instance per arrow, a 9-vertex template (shaft quad + head triangle)
// laid out in pixel space along the arrow, so pan and zoom change only uniforms.

// Template vertex: x = fraction of the arrow's length, y = offset along it in head lengths,
// z = offset across it in shaft half-widths, w = offset across it in head half-widths.
layout(location = 0) in vec4 aTemplate;
layout(location = 1) in vec4 aArrow;  // tail.xy, head.xy in data coordinates

uniform vec2 uViewMin;
uniform vec2 uViewMax;
uniform vec2 uViewportPx;
uniform float uShaftHalfWidthPx;
uniform float uHeadLengthPx;
uniform float uHeadHalfWidthPx;

vec2 toPixels(vec2 p) { return (p - uViewMin) / (uViewMax - uViewMin) * uViewportPx; }

void main() {
  vec2 tail = toPixels(aArrow.xy);
  vec2 head = toPixels(aArrow.zw);
  float lengthPx = length(head - tail);
  vec2 along = lengthPx > 1e-4 ? (head - tail) / lengthPx : vec2(1.0, 0.0);
  vec2 across = vec2(-along.y, along.x);
  // Arrows shorter than 1.5 head lengths get proportionally smaller heads (and vanish at zero length).
  float scale = clamp(lengthPx / (1.5 * uHeadLengthPx), 0.0, 1.0);
  float alongPx = aTemplate.x * lengthPx + aTemplate.y * uHeadLengthPx * scale;
  float acrossPx = aTemplate.z * uShaftHalfWidthPx * min(1.0, 2.0 * scale) + aTemplate.w * uHeadHalfWidthPx * scale;
  vec2 pixel = tail + along * alongPx + across * acrossPx;
  gl_Position = vec4(pixel / uViewportPx * 2.0 - 1.0, 0.0, 1.0);
}
