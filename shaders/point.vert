#version 330 core
// Point symbols: instanced sprites of a fixed size in pixels.
layout(location = 0) in vec2 aCorner;  // -1..1
layout(location = 1) in vec2 aPos;     // metres relative to the render origin
layout(location = 2) in uint aSlot;  // low 24 bits: the colour's place in uPalette; high 8: the district code
uniform sampler2D uPalette;          // 256 colours a row: a layer's fill, its categories, its own colours
uniform vec2 uCenter;
uniform vec2 uScale;
uniform vec2 uViewport;
uniform float uSize;  // symbol diameter in pixels
uniform float uOpacity;
uniform int uDistrict;  // the chosen district's code (0: outside all, 1 + index), -1: every point
out vec4 vColor;
out vec2 vLocal;
void main() {
  vec2 centre = (aPos - uCenter) * uScale;
  float s = uSize + 2.0;  // room for the outline and antialiasing
  gl_Position = vec4(centre + aCorner * s / uViewport, 0.0, 1.0);
  int slot = int(aSlot & 0xFFFFFFu);
  vec4 color = texelFetch(uPalette, ivec2(slot % 256, slot / 256), 0);
  bool otherDistrict = uDistrict >= 0 && int(aSlot >> 24u) != uDistrict;
  if (color.a == 0.0 || otherDistrict) {  // hidden: outside the clip volume, so no pixel is even tested
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    vColor = vec4(0.0);
    vLocal = vec2(0.0);
    return;
  }
  vColor = vec4(color.rgb, color.a * uOpacity);
  vLocal = aCorner * s * 0.5;  // pixels from the centre
}
