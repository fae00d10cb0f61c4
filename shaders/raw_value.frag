#version 330 core
// Writes the value the vertex shader computed, unchanged, into a float framebuffer (for tests).

flat in vec4 vRaw;
out vec4 fragColor;

void main() { fragColor = vRaw; }
