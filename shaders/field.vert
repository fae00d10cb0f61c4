#version 330 core
// The decision surface: one quad over the data rectangle the field covers, made from gl_VertexID (draw 4
// vertices as a triangle strip with an empty vertex array).

uniform vec2 uViewMin;   // data coordinates of the view's lower-left corner
uniform vec2 uViewMax;   // data coordinates of the view's upper-right corner
uniform vec2 uFieldMin;  // data rectangle covered by the field
uniform vec2 uFieldMax;

out vec2 vUv;        // texture coordinates in the field's rectangle
out vec2 vPosition;  // data coordinates

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  vec2 position = mix(uFieldMin, uFieldMax, corner);
  vUv = corner;
  vPosition = position;
  gl_Position = vec4((position - uViewMin) / (uViewMax - uViewMin) * 2.0 - 1.0, 0.0, 1.0);
}
