#version 330 core
// Lines of a fixed width in pixels: each instance is one segment, expanded to a quad here.
layout(location = 0) in vec2 aCorner;  // x: 0 = start, 1 = end; y: -1 / +1 = side
layout(location = 1) in vec4 aEnds;    // start.xy, end.xy in metres relative to the render origin
layout(location = 2) in vec4 aColor;
uniform vec2 uCenter;
uniform vec2 uScale;
uniform vec2 uViewport;  // pixels
uniform float uWidth;    // pixels
uniform float uOpacity;
out vec4 vColor;
out float vSide;
void main() {
  vec2 a = ((aEnds.xy - uCenter) * uScale * 0.5 + 0.5) * uViewport;
  vec2 b = ((aEnds.zw - uCenter) * uScale * 0.5 + 0.5) * uViewport;
  vec2 d = b - a;
  float len = length(d);
  vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  float halfW = uWidth * 0.5 + 0.5;  // halfW a pixel more for the antialiased edge
  vec2 p = mix(a, b, aCorner.x) + n * aCorner.y * halfW + dir * (aCorner.x * 2.0 - 1.0) * uWidth * 0.5;
  gl_Position = vec4(p / uViewport * 2.0 - 1.0, 0.0, 1.0);
  vColor = vec4(aColor.rgb, aColor.a * uOpacity);
  vSide = aCorner.y * halfW;
}
