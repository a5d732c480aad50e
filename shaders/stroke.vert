#version 330 core
// Outlines and lines of a fixed width in pixels: each ring or line is a strip of its two sides, moved apart here
// (StrokeVertex in render/layer_mesh.hpp).
layout(location = 0) in vec2 aPos;     // metres relative to the render origin
layout(location = 1) in vec3 aOffset;  // xy: where this side lies, in half widths x 4096 (kStrokeUnit); z: +1 / -1
layout(location = 2) in vec4 aColor;
uniform vec2 uCenter;
uniform vec2 uScale;
uniform vec2 uViewport;  // pixels
uniform float uWidth;    // pixels
uniform float uOpacity;
out vec4 vColor;
out float vSide;
void main() {
  vec2 p = ((aPos - uCenter) * uScale * 0.5 + 0.5) * uViewport;
  float halfW = uWidth * 0.5 + 0.5;  // half a pixel more for the antialiased edge
  p += aOffset.xy * (halfW / 4096.0);
  gl_Position = vec4(p / uViewport * 2.0 - 1.0, 0.0, 1.0);
  vColor = vec4(aColor.rgb, aColor.a * uOpacity);
  vSide = aOffset.z * halfW;
}
