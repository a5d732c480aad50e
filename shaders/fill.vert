#version 330 core
// Polygon fills: triangles in metres relative to the render origin.
layout(location = 0) in vec2 aPos;
layout(location = 1) in vec4 aColor;
uniform vec2 uCenter;  // camera centre, metres relative to the render origin
uniform vec2 uScale;   // 2 * pixels-per-metre / viewport size
uniform float uOpacity;
out vec4 vColor;
void main() {
  gl_Position = vec4((aPos - uCenter) * uScale, 0.0, 1.0);
  vColor = vec4(aColor.rgb, aColor.a * uOpacity);
}
