#version 330 core
// An image laid over a rectangle of the map (a layer's density of points): one quad.
layout(location = 0) in vec2 aCorner;  // -1..1
uniform vec2 uCenter;
uniform vec2 uScale;
uniform vec4 uRect;  // minx, miny, maxx, maxy in metres relative to the render origin
uniform vec4 uUv;    // the part of the image laid there: u0, v0 (its north-west), u1, v1; (0, 0, 1, 1) for all of it
out vec2 vUv;
void main() {
  vec2 t = (aCorner + 1.0) * 0.5;
  gl_Position = vec4((mix(uRect.xy, uRect.zw, t) - uCenter) * uScale, 0.0, 1.0);
  vUv = mix(uUv.xy, uUv.zw, vec2(t.x, 1.0 - t.y));  // the image's first row is its northern edge
}
