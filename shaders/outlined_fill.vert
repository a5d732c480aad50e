#version 330 core
// Small polygons' fills with their outlines, in one pass (FillEdges in render/layer_mesh.hpp): each vertex moves
// out along its corner's miter by the outline's half width, and carries its distances to the polygon's edges.
layout(location = 0) in vec2 aPos;  // metres relative to the render origin
layout(location = 1) in vec4 aColor;
layout(location = 2) in vec4 aEdges;   // metres to the lines of the polygon's edges near the triangle
layout(location = 3) in vec4 aShift;   // their change per pixel moved out, x 4096 (kStrokeUnit)
layout(location = 4) in vec2 aMiter;   // the way out, per pixel, x 4096
uniform vec2 uCenter;  // camera centre, metres relative to the render origin
uniform vec2 uScale;   // 2 * pixels-per-metre / viewport size
uniform vec2 uViewport;  // pixels
uniform float uWidth;    // the outline's, pixels
uniform float uOpacity;
out vec4 vColor;
out vec4 vEdges;  // signed pixels: inside the polygon > 0
void main() {
  float reach = uWidth * 0.5 + 0.5;  // the outline's half width and its antialiased edge, as a strip's
  vec2 p = ((aPos - uCenter) * uScale * 0.5 + 0.5) * uViewport;
  p += aMiter * (reach / 4096.0);
  gl_Position = vec4(p / uViewport * 2.0 - 1.0, 0.0, 1.0);
  vColor = vec4(aColor.rgb, aColor.a * uOpacity);
  vEdges = aEdges * (uScale.x * uViewport.x * 0.5) + aShift * (reach / 4096.0);
}
