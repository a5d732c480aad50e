#version 330 core
in vec2 vUv;
uniform sampler2D uImage;
uniform float uOpacity;
uniform int uDistrict;              // a density image with a district chosen: its code; else -1
uniform sampler2D uCellDistrict;    // each cell's district code in red (255: several districts)
out vec4 fragColor;
void main() {
  if (uDistrict >= 0) {
    int owner = int(texture(uCellDistrict, vUv).r * 255.0 + 0.5);
    if (owner != uDistrict && owner != 255) discard;  // another district's cell (or an empty one)
  }
  vec4 c = texture(uImage, vUv);
  fragColor = vec4(c.rgb, c.a * uOpacity);
}
