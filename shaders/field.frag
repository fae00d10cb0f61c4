#version 330 core
// The decision surface from D evaluated on a lattice by the CPU (a linearly filtered texture).
#include "field_shading.glsl"

uniform sampler2D uField;  // R32F, D in [0, 1] at cell centres, linear filtering

in vec2 vUv;
out vec4 fragColor;

void main() { fragColor = shadeField(texture(uField, vUv).r); }
