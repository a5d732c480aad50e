#version 330 core
in vec4 vColor;
in float vSide;
uniform float uWidth;
out vec4 fragColor;
void main() {
  // Antialias across the line: full inside the width, fading over the last pixel.
  float edge = clamp(uWidth * 0.5 + 0.5 - abs(vSide), 0.0, 1.0);
  fragColor = vec4(vColor.rgb, vColor.a * edge);
}
