#version 330 core
// Samples as point sprites of a fixed size in pixels, placed by the view rectangle.

layout(location = 0) in vec2 aPosition;  // data coordinates

uniform vec2 uViewMin;
uniform vec2 uViewMax;
uniform float uSpritePx;  // side of the sprite square: the shape plus a margin for anti-aliasing

void main() {
  gl_Position = vec4((aPosition - uViewMin) / (uViewMax - uViewMin) * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = uSpritePx;
}
